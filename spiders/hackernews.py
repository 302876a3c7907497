"""Hacker News through the Algolia search API (hn.algolia.com, no key):
stories and comments matching a query, newest first. Incremental: the next run
asks only for items created after the newest one seen."""

from __future__ import annotations

import datetime as dt
import json

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spiders.base import SourceSpider, with_params
from spiders.source import at_least, option
from spiders.text import html_to_text

if TYPE_CHECKING:
    from scrapy.http import Response

ITEM_URL = "https://news.ycombinator.com/item?id={}"


class HackerNewsSpider(SourceSpider):
    kind = "hackernews"
    description = ("Hacker News stories and comments matching a search, via the Algolia API: "
                   "url = \"https://hn.algolia.com/api/v1/search_by_date?query=YourCompany\".")

    @dataclass(frozen=True)
    class Options:
        max_pages: int = option(3, help="result pages to read per run")
        hits_per_page: int = option(50, help="results per page (at most 1000)")

        def __post_init__(self):
            at_least(self, 1, "max_pages", "hits_per_page")
            if self.hits_per_page > 1000:
                raise ValueError(f"hits_per_page must be at most 1000, not {self.hits_per_page}")

    async def start(self):
        since = self.state.get("created_after")
        url = with_params(self.source.url, hitsPerPage=self.options.hits_per_page, page=0,
                          numericFilters=f"created_at_i>{since}" if since else None)
        yield self.request(url, self.parse_hits, cb_kwargs={"page": 0})

    def parse_hits(self, response: Response, page: int):
        try:
            data = json.loads(response.text)
            hits = data["hits"]
        except (ValueError, KeyError, TypeError):
            self.record_error(response.url, "the answer is not an Algolia search result (JSON with `hits`)")
            return
        for hit in hits:
            ident = hit.get("objectID")
            created = hit.get("created_at_i")
            if not ident:
                continue
            if created:
                self.saw(int(created), "created_after")
            text = html_to_text(hit.get("comment_text") or hit.get("story_text") or "")
            title = hit.get("title") or hit.get("story_title")
            if not text and not title:
                continue
            yield self.mention(
                external_id=f"hn:{ident}",
                kind="post",
                url=ITEM_URL.format(ident),
                title=title,
                text=text or title,
                author=hit.get("author"),
                published_at=dt.datetime.fromtimestamp(int(created), dt.timezone.utc) if created else None,
                reach=hit.get("points"),
            )
        more = bool(hits) and page + 1 < int(data.get("nbPages") or 0)
        if more and page + 1 < self.options.max_pages:
            yield self.request(with_params(response.url, page=page + 1), self.parse_hits, cb_kwargs={"page": page + 1})
        else:
            self.read_back("created_after", url=response.url, stopped_short=more)
