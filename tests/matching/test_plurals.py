"""Counts read naturally: the noun takes the plural form Babel's (CLDR's) rules
give for the number, in Russian as in English."""

import pytest

from matching.plurals import count, number


@pytest.mark.parametrize("n, words", [
    (0, "0 жалоб"), (1, "1 жалоба"), (2, "2 жалобы"), (5, "5 жалоб"), (11, "11 жалоб"),
    (21, "21 жалоба"), (22, "22 жалобы"), (25, "25 жалоб"),
])
def test_russian_complaints_take_the_form_their_number_asks_for(n, words):
    assert count(n, "complaint", "ru") == words


@pytest.mark.parametrize("n, words", [
    (0, "0 упоминаний"), (1, "1 упоминание"), (2, "2 упоминания"), (5, "5 упоминаний"), (11, "11 упоминаний"),
    (21, "21 упоминание"), (22, "22 упоминания"), (25, "25 упоминаний"),
])
def test_russian_mentions_too(n, words):
    assert count(n, "mention", "ru") == words


def test_cases_are_obrashcheniya_not_dela():
    assert [count(n, "case", "ru") for n in (1, 3, 12)] == ["1 обращение", "3 обращения", "12 обращений"]


def test_english_has_one_and_other():
    assert [count(n, "complaint", "en") for n in (0, 1, 2, 21)] == ["0 complaints", "1 complaint", "2 complaints",
                                                                    "21 complaints"]


def test_fractions_and_thousands_are_written_the_languages_way():
    assert count(2.5, "day", "ru", decimals=1) == "2,5 дня"
    assert count(2.5, "day", "en", decimals=1) == "2.5 days"
    assert number(12345, "ru") == "12\xa0345" and number(12345, "en") == "12,345"
