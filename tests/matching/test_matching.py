"""Queries decide what is a mention: boolean operators, phrases, exclusions and
Russian word forms."""

import pytest

from matching import Query, QuerySyntaxError


@pytest.mark.parametrize("text", ["Ростелеком", "у Ростелекома", "с ростелекомом", "о РОСТЕЛЕКОМЕ"])
def test_a_russian_brand_matches_in_every_case(text):
    assert Query.parse("Ростелеком").matches(text)


def test_a_different_word_with_a_shared_prefix_does_not_match():
    assert not Query.parse("Ростелеком").matches("ростелевидение и ростов")


def test_exclusions_at_the_end_apply_to_the_whole_query():
    q = Query.parse('Ростелеком OR "Север Телеком" NOT (вакансия OR vacancy)')
    assert q.matches("Опять нет связи у Север Телекома")
    assert not q.matches("Вакансия в Ростелекоме: инженер")
    assert not q.matches("Sever Telecom vacancy")  # the phrase is Russian; "Sever Telecom" is another term


def test_phrases_need_their_words_in_order():
    q = Query.parse('"Север Телеком"')
    assert q.matches("пишу про Север Телеком")
    assert not q.matches("Телеком на севере")


def test_and_is_implicit_and_or_binds_tighter():
    q = Query.parse("internet slow OR down")
    assert q.matches("internet is down")
    assert q.matches("internet so slow")
    assert not q.matches("the site is down")


def test_prefix_terms_and_case():
    q = Query.parse("Sever*")
    assert q.matches("SEVERTELECOM is down")
    assert not q.matches("nothing here")


def test_default_query_is_any_name_or_alias():
    q = Query.any_of(["СеверТелеком", "SeverTelecom"])
    assert q.matches("SeverTelecom rocks") and q.matches("жалоба на СеверТелекома")


@pytest.mark.parametrize("bad", ["", '"unclosed', "(a OR b", "a OR", "NOT"])
def test_bad_queries_say_what_is_wrong(bad):
    with pytest.raises(QuerySyntaxError):
        Query.parse(bad)
