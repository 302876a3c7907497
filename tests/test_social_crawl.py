"""Hacker News, Mastodon and Reddit crawled through Scrapy, the pipelines and
SQLite from real recorded answers (tests/fixtures/social, SOURCES.tsv) served on
127.0.0.1; the second run asks only for what is newer."""

import json
from urllib.parse import unquote

from tests.conftest import FIXTURES
from tests.forum_site import ForumSite
from tests.test_forum_crawl import crawl, last_run, pages_read, write_config

SOCIAL = FIXTURES / "social"


def test_keyless_social_sources_over_loopback_then_only_newer(tmp_path):
    with ForumSite() as site:
        hn = json.loads((SOCIAL / "hackernews/communal_sampleNewsOutput.json").read_text())
        statuses = json.loads((SOCIAL / "mastodon/hashtag_timeline.json").read_text())

        def algolia(q):  # honours numericFilters=created_at_i>N, as Algolia does
            after = int(q.get("numericFilters", ["created_at_i>0"])[0].split(">")[1])
            hits = [h for h in hn["hits"] if h["created_at_i"] > after]
            return 200, "application/json", json.dumps({**hn, "hits": hits, "nbHits": len(hits)}).encode()

        def tag_timeline(q):  # honours since_id, as Mastodon does
            since = int(q.get("since_id", ["0"])[0])
            return 200, "application/json", json.dumps([s for s in statuses if int(s["id"]) > since]).encode()

        site.routes["/api/v1/search_by_date"] = algolia
        site.routes["/api/v1/timelines/tag/hoot"] = tag_timeline
        site.routes["/search.json"] = ("application/json", (SOCIAL / "reddit/search_listing.json").read_bytes())
        config = write_config(tmp_path, {"hn": f"{site.base}/api/v1/search_by_date?query=acme",
                                         "mastodon": f"{site.base}/tags/hoot", "reddit": f"{site.base}/search?q=acme"},
                              query="acme", kinds={"hn": "hackernews", "mastodon": "mastodon", "reddit": "reddit"})
        crawl(config)
        assert {k: v[:2] for k, v in last_run(tmp_path).items()} == {
            "hn": ("ok", 4), "mastodon": ("ok", 1), "reddit": ("ok", 6)}

        site.requested.clear()
        crawl(config)
        assert {k: v[1] for k, v in last_run(tmp_path).items()} == {"hn": 0, "mastodon": 0, "reddit": 0}
        asked = unquote(" ".join(pages_read(site)))
        assert "numericFilters=created_at_i>" in asked  # Hacker News: newer than the newest seen
        assert "since_id=" in asked  # Mastodon: newer than the newest status seen
