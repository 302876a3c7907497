"""Mastodon hashtag timelines through the public API of any instance
(GET /api/v1/timelines/tag/<tag>, no account): each public post with the tag.
Incremental: the next run asks only for posts newer than the newest seen
(`since_id`), and pages back through them (the Link header's next page, with
since_id carried on) until none is left, up to `max_pages`; a first run reads
back `max_pages` pages."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spiders.base import SourceSpider, with_params
from spiders.source import at_least, option
from spiders.text import html_to_text, parse_date

if TYPE_CHECKING:
    from scrapy.http import Response


def timeline_url(url: str) -> str:
    """https://host/tags/<tag> (the page people share) or the API URL → the API URL."""
    parsed = urlparse(url)
    m = re.match(r"^/(?:tags|api/v1/timelines/tag)/([^/?#]+)", parsed.path)
    if not m:
        raise ValueError(f"{url!r} is not a Mastodon hashtag URL (https://instance/tags/<tag>)")
    return f"{parsed.scheme}://{parsed.netloc}/api/v1/timelines/tag/{m.group(1)}"


def next_link(header: bytes | None) -> str | None:
    for part in (header or b"").decode("latin-1").split(","):
        m = re.match(r'\s*<([^>]+)>\s*;\s*rel="next"', part)
        if m:
            return m.group(1)
    return None


PAGE = 40  # statuses per answer, the API's maximum


class MastodonSpider(SourceSpider):
    kind = "mastodon"
    description = "Public Mastodon posts with a hashtag, from any instance: url = \"https://mastodon.social/tags/yourcompany\"."

    @dataclass(frozen=True)
    class Options:
        max_pages: int = option(3, help="pages of up to 40 posts to read per run")

        def __post_init__(self):
            at_least(self, 1, "max_pages")

    async def start(self):
        try:
            api = timeline_url(self.source.url)
        except ValueError as exc:
            self.record_error(self.source.url, str(exc))
            return
        yield self.request(with_params(api, limit=PAGE, since_id=self.state.get("since_id")), self.parse_timeline,
                           cb_kwargs={"page": 1})

    def parse_timeline(self, response: Response, page: int):
        try:
            statuses = json.loads(response.text)
            if not isinstance(statuses, list):
                raise ValueError
        except ValueError:
            self.record_error(response.url, "the answer is not a Mastodon timeline (a JSON list of statuses)")
            return
        for status in statuses:
            ident = str(status.get("id", ""))
            if ident.isdigit():
                self.saw(int(ident), "since_id")
            if status.get("reblog") or status.get("visibility") not in (None, "public", "unlisted"):
                continue  # a boost repeats someone else's post; private posts are not ours to keep
            text = html_to_text(status.get("content") or "")
            if status.get("spoiler_text"):
                text = f"{status['spoiler_text']}\n{text}"
            if not text.strip():
                continue
            account = status.get("account") or {}
            yield self.mention(
                external_id=f"mastodon:{status.get('uri') or ident}",
                kind="post",
                url=status.get("url") or status.get("uri") or response.url,
                title=None,
                text=text,
                author=account.get("acct"),
                published_at=parse_date(status.get("created_at")),
                reach=account.get("followers_count"),
            )
        more = next_link(response.headers.get("Link"))
        # A page short of the limit is the last (above since_id, on later runs).
        older_unread = bool(more) and len(statuses) >= PAGE
        if older_unread and page < self.options.max_pages:
            # The Link header keeps limit and max_id, not since_id.
            yield self.request(with_params(more, since_id=self.state.get("since_id")), self.parse_timeline,
                               cb_kwargs={"page": page + 1})
        else:
            self.read_back("since_id", url=response.url, stopped_short=older_unread)
