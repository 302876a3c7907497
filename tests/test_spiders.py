"""Spiders on real pages (tests/fixtures, provenance in SOURCES.tsv), fed as
in-memory Scrapy responses: no network, no reactor."""

import json

import pytest
from scrapy.http import HtmlResponse, TextResponse

from molva.config import SourceConfig
from spiders.feeds import FeedSpider
from spiders.forum import ForumSpider
from spiders.reviews import ReviewSpider, extract_reviews
from tests.conftest import FIXTURES


def response(path, url="https://forum.example/t/1", encoding="utf-8", cls=HtmlResponse):
    return cls(url=url, body=(FIXTURES / path).read_bytes(), encoding=encoding)


class _Stats:
    def __init__(self):
        self.values = {}

    def get_value(self, key, default=None, spider=None):
        return self.values.get(key, default)

    def set_value(self, key, value, spider=None):
        self.values[key] = value


class _Crawler:
    def __init__(self):
        self.stats = _Stats()


def spider(cls, **options):
    s = cls(SourceConfig(name="src", kind=cls.kind, url="https://forum.example/t/1", options=options))
    s.crawler = _Crawler()
    return s


def flat(text):
    return " ".join(text.split())


@pytest.mark.parametrize(
    "page, encoding",
    [
        ("forums/phpbb/foren.myoos.de", "utf-8"),
        ("forums/xenforo/katzen-forum.net-Pepe", "utf-8"),
        ("forums/vbulletin/pocketpc.ch.auslieferung", "iso-8859-1"),
    ],
)
def test_forum_posts_match_the_hand_checked_expectations(page, encoding):
    expected = json.loads((FIXTURES / f"{page}.expected.json").read_text())
    items = [i for i in spider(ForumSpider).parse_thread(response(f"{page}.html", encoding=encoding), page=1)
             if not hasattr(i, "callback")]
    assert len(items) == expected["post_count"]
    for item, post in zip(items, expected["posts"]):
        assert item.author == post["author"]
        assert flat(item.text)[:80] == post["text_first80"]
        assert item.published_at.strftime("%Y-%m-%dT%H:%M") == post["date_iso"][:16]
        assert item.external_id.endswith(post["post_id"])


def test_a_page_of_no_known_engine_is_a_recorded_error_not_a_crash():
    s = spider(ForumSpider)
    page = HtmlResponse(url="https://x.example/", body=b"<html><body><p>hello</p></body></html>", encoding="utf-8")
    assert list(s.parse_thread(page, page=1)) == []
    assert "no known forum engine" in s.crawler.stats.values["molva/errors"][-1]["reason"]


@pytest.mark.parametrize("page", ["reviews/product_schema/chefkoch.de.mandarinen", "reviews/product_schema/travanto.de.ferienhaus-feinen"])
def test_schema_org_reviews_in_json_ld_and_microdata(page):
    expected = json.loads((FIXTURES / f"{page}.expected.json").read_text())
    reviews = extract_reviews((FIXTURES / f"{page}.html").read_text(encoding="utf-8"), "https://shop.example/")
    assert len(reviews) == len(expected["reviews"])
    for got, want in zip(reviews, expected["reviews"]):
        assert flat(got["text"])[:80].rstrip() == flat(want["text_first80"])
        if want.get("rating") not in (None, ""):
            assert got["rating"] is not None


def test_review_spider_keeps_the_star_rating_on_a_0_to_1_scale():
    items = list(spider(ReviewSpider).parse_reviews(response("reviews/product_schema/travanto.de.ferienhaus-feinen.html")))
    assert items and all(0 <= i.rating <= 1 for i in items)
    assert len({i.external_id for i in items}) == len(items)


def test_google_alerts_atom_feed():
    s = spider(FeedSpider)
    items = list(s.parse_feed(response("feeds/real/feedjira/google_alerts_atom.xml", url="https://www.google.com/alerts/feeds/1/2", cls=TextResponse)))
    assert items and all(i.external_id and i.url.startswith("http") and i.published_at for i in items)
    assert all("<b>" not in i.text for i in items)  # Google's highlighting markup is gone


def test_russian_rss_feed():
    items = list(spider(FeedSpider).parse_feed(response("feeds/real/prof18-rss-parser/feed-test-ru.xml", url="https://aif.example/rss", cls=TextResponse)))
    assert items and any("а" in i.text for i in items)


@pytest.mark.parametrize("body, reason", [
    (b"<rss><channel><item><title>oops", "not a readable feed"),
    (b"<html><body>a page, not a feed</body></html>", "not an RSS or Atom feed"),
])
def test_a_broken_feed_is_a_recorded_error(body, reason):
    s = spider(FeedSpider)
    bad = TextResponse(url="https://x.example/feed", body=body, encoding="utf-8")
    assert list(s.parse_feed(bad)) == []
    assert reason in s.crawler.stats.values["molva/errors"][-1]["reason"]
