"""RSS 0.9x/1.0/2.0 and Atom feeds, including Google Alerts and Google News search
feeds. Scrapy fetches (so robots.txt, delays, size caps and retries apply) and
feedparser parses the bytes; feedparser never fetches anything itself. Conditional
GET: the ETag and Last-Modified of the last fetch are sent back, and a 304 means
nothing new."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib

import feedparser
from scrapy.http import Response

from spiders.base import SourceSpider
from spiders.text import html_to_text


def _entry_time(entry) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.timezone.utc)
    return None


def _entry_text(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    body = max(contents, key=len) if contents else entry.get("summary", "")
    return html_to_text(body or "")


def _entry_id(entry) -> str | None:
    ident = entry.get("id") or entry.get("link")
    if ident:
        return ident
    basis = f"{entry.get('title', '')}|{entry.get('published', '')}"
    return "sha1:" + hashlib.sha1(basis.encode()).hexdigest() if basis != "|" else None


class FeedSpider(SourceSpider):
    kind = "feed"
    description = (
        "An RSS or Atom feed (a competitor's news, a blog, a Google Alerts or Google News "
        "search feed): each entry with title, text, author, date and link."
    )
    options = {}

    async def start(self):
        headers = {}
        if self.state.get("etag"):
            headers["If-None-Match"] = self.state["etag"]
        if self.state.get("last_modified"):
            headers["If-Modified-Since"] = self.state["last_modified"]
        yield self.request(
            self.source.url, self.parse_feed, headers=headers, meta={"handle_httpstatus_list": [304]}
        )

    def parse_feed(self, response: Response):
        if response.status == 304:
            self.logger.info("feed %s not modified since the last run", response.url)
            return
        headers = {k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        feed = feedparser.parse(response.body, response_headers=headers)
        for key, header in (("etag", "etag"), ("last_modified", "last-modified")):
            if header in headers:
                self.new_state[key] = headers[header]
        count = 0
        for entry in feed.entries:
            ident = _entry_id(entry)
            title = html_to_text(entry.get("title", "")) or None
            text = _entry_text(entry)
            if not ident or not (title or text):
                continue
            count += 1
            link = entry.get("link") or response.url
            yield self.mention(
                external_id=ident,
                kind="news" if self.source.competitor else "post",
                url=response.urljoin(link),
                title=title,
                text=text if not title or text.startswith(title) else f"{title}\n{text}".strip(),
                author=entry.get("author") or None,
                published_at=_entry_time(entry),
            )
        if count == 0 and feed.get("bozo"):
            exc = feed.get("bozo_exception")
            self.record_error(response.url, f"not a readable feed ({type(exc).__name__}: {exc})")
        elif count == 0 and not feed.get("version"):
            self.record_error(response.url, "not an RSS or Atom feed")
