"""Printed dates in the forms forums print them, read at a fixed time of reading."""

import datetime as dt

import pytest

from spiders.text import is_relative, parse_date

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc)
UTC = dt.timezone.utc


@pytest.mark.parametrize("raw, lang, expected", [
    ("12 марта 2025, 14:30", "ru", dt.datetime(2025, 3, 12, 14, 30, tzinfo=UTC)),
    ("09-Окт-19 15:31", "ru", dt.datetime(2019, 10, 9, 15, 31, tzinfo=UTC)),
    ("7 months ago", "en", dt.datetime(2026, 5, 1, 12, 0, tzinfo=UTC)),
    ("5 минут назад", "ru", dt.datetime(2026, 12, 1, 11, 55, tzinfo=UTC)),
    ("вчера в 23:29", "ru", dt.datetime(2026, 11, 30, 23, 29, tzinfo=UTC)),
    ("Yesterday at 11:42 PM", "en", dt.datetime(2026, 11, 30, 23, 42, tzinfo=UTC)),
    ("3 дня назад", "ru", dt.datetime(2026, 11, 28, 12, 0, tzinfo=UTC)),
    ("3 дня назад", None, dt.datetime(2026, 11, 28, 12, 0, tzinfo=UTC)),  # the language guessed
    ("Posted: Friday, 09 Jun 2023, 01:04", "en", dt.datetime(2023, 6, 9, 1, 4, tzinfo=UTC)),
    ("am 26/10/13, 03:48 pm", "de", dt.datetime(2013, 10, 26, 15, 48, tzinfo=UTC)),
    ("5 小时 7 分钟前", "zh", dt.datetime(2026, 12, 1, 6, 53, tzinfo=UTC)),
])
def test_printed_dates_in_any_language(raw, lang, expected):
    assert parse_date(raw, now=NOW, lang=lang) == expected


@pytest.mark.parametrize("raw, lang, expected", [
    ("Posté le 14-03-2016 à 11:24:58", "fr", dt.datetime(2016, 3, 14, 11, 24, 58, tzinfo=UTC)),
    ("Geschrieben am 12.03.2025 um 14:30", "de", dt.datetime(2025, 3, 12, 14, 30, tzinfo=UTC)),
    ("Отправлено 12.03.2025 14:30", "ru", dt.datetime(2025, 3, 12, 14, 30, tzinfo=UTC)),
    # a label in a language the list of known words lacks: Norwegian, Italian, Spanish, English
    ("Anmeldt 16 mars 2015", "no", dt.datetime(2015, 3, 16, tzinfo=UTC)),
    ("Recensito il 16 marzo 2015", "it", dt.datetime(2015, 3, 16, tzinfo=UTC)),
    ("Escrita el 16 de marzo de 2015", "es", dt.datetime(2015, 3, 16, tzinfo=UTC)),
    ("Reviewed March 16, 2015", "en", dt.datetime(2015, 3, 16, tzinfo=UTC)),
])
def test_the_word_a_board_prints_before_a_date_is_not_part_of_it(raw, lang, expected):
    # strict: as the generic extractor reads a candidate, whole, not found amid other words
    assert parse_date(raw, now=NOW, lang=lang, strict=True) == expected


def test_a_printed_offset_is_honoured():
    value = parse_date("2018-12-11T04:40:29-0800", now=NOW)
    assert value.utcoffset() == dt.timedelta(hours=-8)
    assert value.astimezone(UTC) == dt.datetime(2018, 12, 11, 12, 40, 29, tzinfo=UTC)


def test_a_date_in_the_future_is_not_believed():
    assert parse_date("3 марта 2027", now=NOW, lang="ru") is None
    # Today's late evening in a timezone ahead of UTC is not the future.
    assert parse_date("Today, 23:50", now=NOW, lang="en") == dt.datetime(2026, 12, 1, 23, 50, tzinfo=UTC)


def test_the_day_order_is_the_caller_s():
    assert parse_date("03/04/2026", dayfirst=True, now=NOW).date() == dt.date(2026, 4, 3)
    assert parse_date("03/04/2026", dayfirst=False, now=NOW).date() == dt.date(2026, 3, 4)


def test_strict_reading_finds_no_date_amid_other_words():
    assert parse_date("Download MyOOS 2.4.10", now=NOW, strict=True) is None
    assert parse_date("Beiträge 2015", now=NOW, strict=True) is None  # a count after a label


def test_a_lone_number_amid_words_is_no_day_of_this_month():
    # dateutil's fuzzy reading made "4 uker siden" (four weeks ago) the 4th of December
    assert parse_date("Vist 4 ganger", now=NOW, lang="nn") is None
    # "no", as pages declare Norwegian, is the Bokmål dateparser knows: four weeks ago
    assert parse_date("Anmeldt 4 uker siden", now=NOW, lang="no") == NOW - dt.timedelta(weeks=4)


@pytest.mark.parametrize("raw, lang, relative", [
    ("1 week ago", "en", True), ("Today, 14:30", "en", True), ("вчера в 23:29", "ru", True),
    ("hace 3 días", "es", True), ("vor 2 Tagen", "de", True), ("1 週間前", "ja", True), ("Monday", "en", True),
    ("April 12 2018, 04:34:23 UTC", "en", False), ("12.03.2025 14:30", "ru", False),
    ("Nov 28", "en", False),  # yearless, a few days before the time of reading: still this year's
    ("reply", "en", False),
])
def test_a_date_counted_from_the_time_of_reading_is_told_in_any_language(raw, lang, relative):
    assert is_relative(raw, lang, now=NOW) is relative
