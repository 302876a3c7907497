"""Hacker News, Mastodon and Reddit crawled through Scrapy, the pipelines and
SQLite from real recorded answers (tests/fixtures/social, SOURCES.tsv) served on
127.0.0.1; the second run asks only for what is newer."""

import json
from urllib.parse import unquote

from tests.conftest import FIXTURES
from tests.forum_site import ForumSite
from tests.crawling import crawl, last_run, pages_read, write_config

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


def test_a_busy_week_on_a_mastodon_hashtag_is_paged_back_to_the_last_run(tmp_path):
    """since_id answers the newest posts above it, a page at a time: the crawl follows
    the Link header's older pages, carrying since_id, until none is left."""
    status = json.loads((SOCIAL / "mastodon/hashtag_timeline.json").read_text())[0]
    statuses = [status]

    with ForumSite() as site:
        def tag_timeline(q):  # since_id, max_id and limit, and a Link header, as Mastodon answers
            since, below = int(q.get("since_id", ["0"])[0]), int(q.get("max_id", [str(10**30)])[0])
            page = sorted((s for s in statuses if since < int(s["id"]) < below), key=lambda s: -int(s["id"]))
            page = page[:int(q.get("limit", ["20"])[0])]
            older = f'<{site.base}/api/v1/timelines/tag/hoot?limit=40&max_id={page[-1]["id"]}>; rel="next"' if page else None
            return 200, "application/json", json.dumps(page).encode(), {"Link": older} if older else {}

        site.routes["/api/v1/timelines/tag/hoot"] = tag_timeline
        config = write_config(tmp_path, {"mastodon": f"{site.base}/tags/hoot"}, query="hoot", kinds={"mastodon": "mastodon"})
        crawl(config)
        assert last_run(tmp_path)["mastodon"][:2] == ("ok", 1)

        first = int(status["id"])
        statuses += [dict(status, id=str(first + n), uri=f"{status['uri']}-{n}", url=f"{status['url']}-{n}")
                     for n in range(1, 91)]
        site.requested.clear()
        crawl(config)
        assert last_run(tmp_path)["mastodon"] == ("ok", 90, 90)
        # Three pages (40, 40, 10), each asking only above the last run's newest post.
        assert [unquote(p).count(f"since_id={first}") for p in pages_read(site)] == [1, 1, 1]

        crawl(config)
        assert last_run(tmp_path)["mastodon"] == ("ok", 0, 0)
