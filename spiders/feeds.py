"""RSS 0.9x/1.0/2.0 and Atom feeds, including Google Alerts and Google News search
feeds. Scrapy fetches (so robots.txt, delays, size caps and retries apply) and
feedparser parses the bytes; feedparser never fetches anything itself. Conditional
GET: the ETag and Last-Modified of the last fetch are sent back, and a 304 means
nothing new."""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import hashlib
import re
from urllib.parse import parse_qs, urljoin, urlsplit

from typing import TYPE_CHECKING

import feedparser

from spiders.base import SourceSpider
from spiders.text import html_to_text

if TYPE_CHECKING:
    from scrapy.http import Response


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


def _entry_words(entry) -> tuple[str | None, str, str | None]:
    """Title, text and, for an aggregator's item (RSS <source>), its publisher.
    Google News titles end in " - Publisher", and its descriptions list other
    outlets' headlines on the story: the item's own words are its title."""
    title = html_to_text(entry.get("title", "")) or None
    text = _entry_text(entry)
    publisher = (entry.get("source") or {}).get("title") or None
    if publisher and title and title.endswith(f" - {publisher}"):
        title = title[: -len(publisher) - 3].strip() or title
    if title and (urlsplit(entry.get("link") or "").hostname or "") == "news.google.com":
        text = title
    return title, text, publisher


def _entry_id(entry, text: str) -> str | None:
    ident = entry.get("id") or entry.get("link")
    if ident:
        return ident
    # RSS 0.92 items may have nothing but a description.
    basis = f"{entry.get('title', '')}|{entry.get('published', '')}|{text}"
    return "sha1:" + hashlib.sha1(basis.encode()).hexdigest() if basis != "||" else None


def _entry_link(entry, feed_url: str) -> str:
    """The entry's web page; an entry without one (or with only an urn: or tag:
    id where its link should be) points at the feed."""
    link = urljoin(feed_url, entry.get("link") or "")
    return publisher_link(link) if link.startswith(("http://", "https://")) else feed_url


_GOOGLE_HOST = re.compile(r"^(www\.)?google\.[a-z.]+$")
_NEWS_ARTICLE = re.compile(r"/articles/([A-Za-z0-9_-]+)")


def publisher_link(link: str) -> str:
    """The article behind a Google redirect: Google Alerts' google.com/url?url=…,
    and Google News article ids of the older kind, which hold the URL itself (a
    small protobuf, base64). Newer Google News ids are opaque: kept as they are."""
    parts = urlsplit(link)
    host = (parts.hostname or "").lower()
    if _GOOGLE_HOST.match(host) and parts.path == "/url":
        query = parse_qs(parts.query)
        target = (query.get("url") or query.get("q") or [""])[0]
        return target if target.startswith(("http://", "https://")) else link
    if host == "news.google.com":
        found = _NEWS_ARTICLE.search(parts.path)
        if found:
            return _url_in_protobuf(found[1]) or link
    return link


def _url_in_protobuf(encoded: str) -> str | None:
    try:
        raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    pos = 0
    while pos < len(raw):
        key, pos = _varint(raw, pos)
        wire = key & 7
        if wire == 0:
            _, pos = _varint(raw, pos)
        elif wire == 2:
            size, pos = _varint(raw, pos)
            value = raw[pos:pos + size]
            pos += size
            if value.startswith((b"http://", b"https://")):
                try:
                    return value.decode("utf-8")
                except UnicodeDecodeError:
                    return None
        else:
            return None
    return None


def _varint(raw: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while pos < len(raw):
        byte = raw[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
        shift += 7
    return value, pos


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']""")


def feed_text(body: bytes, headers: dict[str, str]) -> bytes | str:
    """The feed for feedparser. A UTF-8 feed with a few invalid bytes is decoded
    here with those bytes replaced: left to feedparser, one bad byte in one item
    makes it fall back to a single-byte encoding and every item turns to
    mojibake. Other feeds go to feedparser as bytes, for its own detection."""
    charset = re.search(r"charset=([\w.:-]+)", headers.get("content-type", ""), re.IGNORECASE)
    declared = _XML_ENCODING.match(body[:200])
    encoding = (charset[1] if charset else declared[1].decode() if declared else "utf-8").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8"):
        return body
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("utf-8", errors="replace")
    return body


class FeedSpider(SourceSpider):
    kind = "feed"
    description = (
        "An RSS or Atom feed (a competitor's news, a blog, a Google Alerts or Google News "
        "search feed): each entry with title, text, author, date and link."
    )
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
        feed = feedparser.parse(feed_text(response.body, headers), response_headers=headers)
        for key, header in (("etag", "etag"), ("last_modified", "last-modified")):
            if header in headers:
                self.new_state[key] = headers[header]
        count = 0
        for entry in feed.entries:
            title, text, publisher = _entry_words(entry)
            ident = _entry_id(entry, text)
            if not ident or not (title or text):
                continue
            count += 1
            yield self.mention(
                external_id=ident,
                kind="news" if self.source.competitor else "post",
                url=_entry_link(entry, response.url),
                title=title,
                text=text if not title or text.startswith(title) else f"{title}\n{text}".strip(),
                author=entry.get("author") or publisher,
                published_at=_entry_time(entry),
            )
        if count == 0 and feed.get("bozo"):
            exc = feed.get("bozo_exception")
            self.record_error(response.url, f"not a readable feed ({type(exc).__name__}: {exc})")
        elif count == 0 and not feed.get("version"):
            self.record_error(response.url, "not an RSS or Atom feed")
