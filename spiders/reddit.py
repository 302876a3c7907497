"""Reddit search through its public JSON listing (https://www.reddit.com/search.json,
no account): posts matching a query, newest first. Incremental: items at or
before the newest one seen are skipped; older pages follow `after`."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spiders.base import SourceSpider
from spiders.source import at_least, option

if TYPE_CHECKING:
    from scrapy.http import Response


def listing_url(url: str, **params) -> str:
    """The search URL as JSON (…/search → …/search.json), newest first, with `params`."""
    parts = urlparse(url)
    path = parts.path if parts.path.endswith(".json") else parts.path.rstrip("/") + ".json"
    query = {"sort": "new", "raw_json": "1", **dict(parse_qsl(parts.query))}
    query.update({k: str(v) for k, v in params.items() if v is not None})
    return urlunparse(parts._replace(path=path, query=urlencode(query)))


class RedditSpider(SourceSpider):
    kind = "reddit"
    description = "Reddit posts matching a search: url = \"https://www.reddit.com/search?q=YourCompany\" (or a subreddit's search)."

    @dataclass(frozen=True)
    class Options:
        max_pages: int = option(2, help="listing pages (up to 100 posts each) to read per run")

        def __post_init__(self):
            at_least(self, 1, "max_pages")

    async def start(self):
        yield self.request(listing_url(self.source.url, limit=100), self.parse_listing, cb_kwargs={"page": 1})

    def parse_listing(self, response: Response, page: int):
        try:
            data = json.loads(response.text)["data"]
            children = data["children"]
        except (ValueError, KeyError, TypeError):
            self.record_error(response.url, "the answer is not a Reddit listing (JSON with data.children)")
            return
        newest_seen = float(self.state.get("newest_utc", 0))
        reached_old = False
        for child in children:
            post = child.get("data") or {}
            created = post.get("created_utc")
            if child.get("kind") != "t3" or not post.get("id") or created is None:
                continue
            self.saw(float(created), "newest_utc")
            if float(created) <= newest_seen:
                reached_old = True
                continue
            text = (post.get("selftext") or "").strip()
            yield self.mention(
                external_id=f"reddit:{post['id']}",
                kind="post",
                url="https://www.reddit.com" + post["permalink"].split("?")[0] if post.get("permalink") else post.get("url"),
                title=post.get("title"),
                text=text or post.get("title") or "",
                author=post.get("author"),
                published_at=dt.datetime.fromtimestamp(float(created), dt.timezone.utc),
                reach=post.get("score"),
            )
        older_unread = bool(data.get("after")) and not reached_old
        if older_unread and page < self.options.max_pages:
            yield self.request(listing_url(response.url, after=data["after"]), self.parse_listing,
                               cb_kwargs={"page": page + 1})
        else:
            self.read_back("newest_utc", url=response.url, stopped_short=older_unread)
