"""Forum engines on real pages (tests/fixtures/forums, provenance in SOURCES.tsv),
fed as in-memory Scrapy responses, checked against the hand-checked expectations
that come with each page."""

import datetime as dt
import json

import pytest
from scrapy.http import HtmlResponse

from spiders.forum import ForumSpider
from spiders.forums import detect_engine
from spiders.forums.discourse import Discourse
from spiders.forums.flarum import Flarum
from spiders.text import likely_dayfirst, numeric_date_order, parse_date
from tests.conftest import FIXTURES
from tests.forum_site import ForumPost, mybb_thread_page, smf_board_page
from tests.spider_pages import flat, spider

THREAD = "https://forum.example/t/1"


def parse(page: HtmlResponse, **options):
    s = spider(ForumSpider, **options)
    out = list(s.parse_page(page, thread=THREAD, page=1, listing=True))
    return s, [i for i in out if not hasattr(i, "callback")], [r for r in out if hasattr(r, "callback")]


def fixture_page(path, encoding="utf-8", url=THREAD):
    return HtmlResponse(url=url, body=(FIXTURES / path).read_bytes(), encoding=encoding)


@pytest.mark.parametrize(
    "page, encoding, engine",
    [
        ("forums/phpbb/foren.myoos.de", "utf-8", "phpbb"),
        ("forums/xenforo/katzen-forum.net-Pepe", "utf-8", "xenforo"),
        ("forums/vbulletin/pocketpc.ch.auslieferung", "iso-8859-1", "vbulletin"),
        ("forums/forumotion/wolfsrebellen-netz.forumieren.com.regeln", "utf-8", "forumotion"),
        ("forums/ipb/4pda-search-posts_multiple_pages_first_page", "cp1251", "ipb"),
        ("forums/ipb/4pda-search-posts_single_page", "cp1251", "ipb"),
    ],
)
def test_forum_posts_match_the_hand_checked_expectations(page, encoding, engine):
    expected = json.loads((FIXTURES / f"{page}.expected.json").read_text())
    _, items, _ = parse(fixture_page(f"{page}.html", encoding))
    assert len(items) == expected["post_count"]
    for item, post in zip(items, expected["posts"]):
        assert item.external_id == f"{engine}:{post['post_id'].lstrip('#')}"
        assert item.author == post["author"]
        text = flat(item.text)
        if expected["selectors"]["text_excluded"] is None and text[:80] != post["text_first80"]:
            # The expectation keeps quotes ("Name @ date" and the quoted words); Molva
            # drops them, as they are not the poster's words: what is left is shorter.
            assert " @ " in post["text_first80"] and 0 < len(text) < post["text_len"]
        else:
            assert text[:80] == post["text_first80"]
        if post["date_iso"]:
            assert item.published_at.strftime("%Y-%m-%dT%H:%M") == post["date_iso"][:16]
        else:
            assert item.published_at is not None  # "Сегодня, 13:24": counted from the time of reading


def test_relative_dates_count_from_the_time_of_reading():
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
    assert parse_date("Вчера, 23:29", now=now) == dt.datetime(2026, 11, 22, 23, 29, tzinfo=dt.timezone.utc)
    assert parse_date("Today at 10:00:00 AM", now=now) == dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc)
    assert parse_date("Gestern um 9:12", now=now) == dt.datetime(2026, 11, 22, 9, 12, tzinfo=dt.timezone.utc)


def test_numeric_dates_tell_their_own_order():
    assert numeric_date_order(["03.04.2026, 10:00", "25.04.2026, 11:00"]) is True
    assert numeric_date_order(["04-03-2026 10:00 AM", "04-25-2026 11:00 AM"]) is False
    assert numeric_date_order(["03/04/26", "2026-04-25", "Nov 25, 2026"]) is None
    # When no number is above 12: dots are day first; slashes on a US page month first.
    assert likely_dayfirst(["03.04.2026"], "en-US") is True
    assert likely_dayfirst(["03/04/2026"], "en-US") is False
    assert likely_dayfirst(["03/04/2026"], "en-GB") is True
    assert likely_dayfirst(["03/04/2026"], None) is True


def mybb_page(dates: list[str]) -> HtmlResponse:
    posts = [ForumPost(10 + n, "ann", date, "СеверТелеком: нет сети") for n, date in enumerate(dates)]
    return HtmlResponse(url=THREAD, body=mybb_thread_page("https://forum.example", 1, "Сеть", posts, 1, 1).encode(),
                        encoding="utf-8")


def test_a_forum_s_date_order_is_read_from_its_dates_and_remembered():
    """MyBB prints m-d-Y by default and d-m-Y when set so: a date past the 12th
    shows which, and the source keeps the order for pages whose dates do not tell
    (a weekly run may read only a month's first days)."""
    s, items, _ = parse(mybb_page(["03-30-2026, 10:00 AM", "04-02-2026, 09:00 AM"]))
    assert [i.published_at.date() for i in items] == [dt.date(2026, 3, 30), dt.date(2026, 4, 2)]
    assert s.new_state["dayfirst"] is False

    s, items, _ = parse(mybb_page(["30-03-2026, 10:00 AM"]))
    assert s.new_state["dayfirst"] is True
    next_week = spider(ForumSpider)
    next_week.state, next_week.new_state = dict(s.new_state), dict(s.new_state)
    item = next(iter(next_week.parse_page(mybb_page(["05-04-2026, 10:00 AM"]), thread=THREAD, page=1, listing=False)))
    assert item.published_at.date() == dt.date(2026, 4, 5)

    # Remembering nothing, a dashed date on an English page is read month first; the option overrides that.
    _, guessed, _ = parse(mybb_page(["05-04-2026, 10:00 AM"]))
    _, told, _ = parse(mybb_page(["05-04-2026, 10:00 AM"]), dayfirst=True)
    assert (guessed[0].published_at.date(), told[0].published_at.date()) == (dt.date(2026, 5, 4), dt.date(2026, 4, 5))


def test_dayfirst_takes_true_false_or_auto():
    with pytest.raises(ValueError, match="dayfirst 'yes' is none of true, false"):
        ForumSpider.Options(dayfirst="yes")
    assert ForumSpider.Options(dayfirst=False).dayfirst is False


def test_a_discourse_page_is_read_through_its_json_api():
    page = fixture_page("forums/discourse/meta.discourse.org-topic-12483.html",
                        url="https://meta.discourse.org/t/congratulations-most-stars-in-2013-github-octoverse/12483")
    assert isinstance(detect_engine(page.selector), Discourse)
    _, items, requests = parse(page)
    assert items == [] and [r.url for r in requests] == ["https://meta.discourse.org/t/12483.json"]
    front = page.replace(url="https://meta.discourse.org/c/support/6")
    assert [r.url for r in parse(front)[2]] == ["https://meta.discourse.org/posts.json"]


def test_discourse_latest_posts_stop_at_what_the_last_run_saw():
    latest = json.loads((FIXTURES / "forums/discourse/posts.json").read_text())
    ids = sorted(p["id"] for p in latest["latest_posts"])
    first = Discourse().parse(latest, "https://forum.example/posts.json", since=0, ctx={})
    assert len(first.posts) == 49 and first.follow == [(f"https://forum.example/posts.json?before={ids[0]}", {})]
    post = next(p for p in first.posts if p.post_id == str(ids[-1]))
    assert post.title and post.permalink.startswith("https://forum.example/t/") and post.date.tzinfo
    again = Discourse().parse(latest, "https://forum.example/posts.json", since=ids[-10], ctx={})
    assert sorted(int(p.post_id) for p in again.posts) == ids[-9:] and not again.follow
    # A forum installed in a subfolder keeps it in further requests; post_url is root-relative.
    sub = Discourse().parse(latest, "https://example.com/forum/posts.json", since=0, ctx={})
    assert sub.follow[0][0].startswith("https://example.com/forum/posts.json?before=")
    urls = {str(p["id"]): p["post_url"] for p in latest["latest_posts"]}
    assert all(p.permalink == "https://example.com" + urls[p.post_id] for p in sub.posts)


def test_flarum_posts_from_its_json_api():
    # A /api/posts answer in Flarum's JSON:API shape (its PostSerializer's fields);
    # no recorded Flarum answer with a usable licence exists in ../shared.
    answer = {
        "links": {"next": "https://forum.example/api/posts?page%5Boffset%5D=2"},
        "data": [
            {"type": "posts", "id": "41", "attributes": {"number": 7, "createdAt": "2026-11-20T08:15:00+00:00",
                                                         "contentType": "comment",
                                                         "contentHtml": "<p>Роутер от СеверТелеком <b>опять</b> завис</p>"
                                                                        "<blockquote><p>цитата</p></blockquote>"},
             "relationships": {"user": {"data": {"type": "users", "id": "5"}},
                               "discussion": {"data": {"type": "discussions", "id": "12"}}}},
            {"type": "posts", "id": "40", "attributes": {"number": 6, "createdAt": "2026-11-20T08:00:00+00:00",
                                                         "contentType": "discussionRenamed", "content": ["a", "b"]},
             "relationships": {"discussion": {"data": {"type": "discussions", "id": "12"}}}},
        ],
        "included": [{"type": "users", "id": "5", "attributes": {"username": "ivan", "displayName": "Иван"}},
                     {"type": "discussions", "id": "12", "attributes": {"title": "Роутер зависает", "slug": "12-router"}}],
    }
    page = Flarum().parse(answer, "https://forum.example/api/posts?filter%5Bdiscussion%5D=12", since=0, ctx={})
    [post] = page.posts
    assert (post.post_id, post.author, post.title, post.text) == ("41", "ivan", "Роутер зависает", "Роутер от СеверТелеком опять завис")
    assert post.permalink == "https://forum.example/d/12/7"
    assert page.follow == [("https://forum.example/api/posts?page%5Boffset%5D=2", {})]
    assert Flarum().parse(answer, "https://forum.example/api/posts", since=41, ctx={}).posts == []
    html = HtmlResponse(url="https://forum.example/d/12-router", encoding="utf-8",
                        body=b'<html><body><div id="flarum-loading" style="display: none">Loading</div>'
                             b'<script>flarum.core.app.load({"baseUrl":"https:\\/\\/forum.example"});</script></body></html>')
    [request] = parse(html)[2]
    assert request.url.startswith("https://forum.example/api/posts?sort=-createdAt") and "filter%5Bdiscussion%5D=12" in request.url


def test_a_page_of_no_known_engine_gives_its_main_text_marked_low_confidence():
    page = fixture_page("news/bsi.de-ki.html", url="https://www.bsi.bund.de/news/1")
    _, [item], _ = parse(page)
    assert item.kind == "page" and item.confidence == "low"
    assert len(item.text) > 200 and item.external_id.startswith("page:https://www.bsi.bund.de/news/1:")


def test_a_page_with_neither_posts_nor_main_text_is_a_recorded_error():
    s, items, _ = parse(HtmlResponse(url="https://x.example/", body=b"<html><body><p>hello</p></body></html>",
                                     encoding="utf-8"))
    assert items == []
    assert "no known forum engine, and no main text" in s.crawler.stats.values["molva/errors"][-1]["reason"]


def test_an_unknown_engine_name_is_a_config_error():
    with pytest.raises(ValueError, match="engine 'phpbb4' is none of auto"):
        ForumSpider.Options(engine="phpbb4")


def test_phpbb_search_results_are_posts_too():
    # prosilver's search_results.html, one result, as phpBB 3.3 renders it.
    page = HtmlResponse(url="https://forum.example/search.php?keywords=severtelecom", encoding="utf-8", body="""
<html><body id="phpbb" class="section-search"><div id="page-body">
<div class="search post bg2" id="p4711"><div class="inner">
  <dl class="postprofile"><dt class="author">by <a href="./memberlist.php?mode=viewprofile&amp;u=5" class="username">anna</a></dt>
    <dd class="search-result-date">Fri Nov 20, 2026 9:41 am</dd><dd>Forum: <a href="./viewforum.php?f=2">ISPs</a></dd></dl>
  <div class="postbody"><h3><a href="./viewtopic.php?p=4711#p4711">Re: СеверТелеком</a></h3>
    <div class="content">У СеверТелеком опять авария</div></div>
  <ul class="searchresults"><li><a href="./viewtopic.php?p=4711#p4711" class="arrow-right">Jump to post</a></li></ul>
</div></div></div></body></html>""".encode())
    _, [item], _ = parse(page)
    assert (item.external_id, item.author, item.text) == ("phpbb:p4711", "anna", "У СеверТелеком опять авария")
    assert item.published_at == dt.datetime(2026, 11, 20, 9, 41, tzinfo=dt.timezone.utc)


def test_a_section_page_leads_to_its_threads_and_a_thread_resumes_at_its_last_page():
    board = HtmlResponse(url="https://smf.example/index.php?board=2.0", encoding="utf-8",
                         body=smf_board_page("https://smf.example", [(7, "Нет интернета"), (8, "Счёт")]).encode())
    s = spider(ForumSpider)
    s.state = {"last_page": {"https://smf.example/index.php?topic=8.0": "https://smf.example/index.php?topic=8.30"}}
    requests = list(s.parse_page(board, thread="https://smf.example/index.php?board=2.0", page=1, listing=True))
    assert [r.url for r in requests] == ["https://smf.example/index.php?topic=7.0",
                                         "https://smf.example/index.php?topic=8.30"]
    assert [r.cb_kwargs["thread"] for r in requests] == ["https://smf.example/index.php?topic=7.0",
                                                         "https://smf.example/index.php?topic=8.0"]
