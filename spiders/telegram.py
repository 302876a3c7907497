"""Telegram public channels through their web preview, t.me/s/<channel>: no
account and no API key. Each page holds the latest messages; older ones are one
"load more" link away (?before=<id>). Incremental: messages at or below the last
run's highest id are not fetched again."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spiders.base import SourceSpider
from spiders.source import at_least, option
from spiders.text import element_text, parse_date

if TYPE_CHECKING:
    from scrapy.http import Response


def preview_url(url: str) -> str:
    """https://t.me/channel, t.me/s/channel or @channel → https://t.me/s/channel."""
    if url.startswith("@"):
        return f"https://t.me/s/{url[1:]}"
    parsed = urlparse(url if "//" in url else "https://" + url)
    parts = [p for p in parsed.path.split("/") if p]
    if parts and parts[0] == "s":
        parts = parts[1:]
    if not parts:
        raise ValueError(f"{url!r} names no Telegram channel")
    return f"{parsed.scheme}://{parsed.netloc}/s/{parts[0]}"


def views(text: str | None) -> int | None:
    """'37.2K' → 37200, '1.1M' → 1100000, '950' → 950."""
    if not text:
        return None
    m = re.fullmatch(r"\s*([\d.,]+)\s*([KkMm]?)\s*", text)
    if not m:
        return None
    number = float(m.group(1).replace(",", "."))
    return int(number * {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2).lower()])


class TelegramSpider(SourceSpider):
    kind = "telegram"
    description = "A public Telegram channel, read from its web preview (t.me/s/<channel>); no account or key needed."

    @dataclass(frozen=True)
    class Options:
        max_pages: int = option(3, help="how many preview pages (about 20 messages each) to read per run")

        def __post_init__(self):
            at_least(self, 1, "max_pages")

    async def start(self):
        try:
            url = preview_url(self.source.url)
        except ValueError as exc:
            self.record_error(self.source.url, str(exc))
            return
        yield self.request(url, self.parse_page, cb_kwargs={"page": 1})

    def parse_page(self, response: Response, page: int):
        messages = response.css(".tgme_widget_message[data-post]")
        if page == 1 and not messages and not response.css(".tgme_channel_info"):
            self.record_error(response.url, "not a Telegram channel preview page (private channel, or no such channel?)")
            return
        last_seen = int(self.state.get("last_id", 0))
        lowest = None
        for message in messages:
            post = message.attrib["data-post"]  # channel/123
            number = int(post.rsplit("/", 1)[1])
            lowest = number if lowest is None else min(lowest, number)
            self.saw(number, "last_id")
            if number <= last_seen:
                continue
            text_el = message.css(".tgme_widget_message_text")
            text = element_text(text_el[0]) if text_el else ""
            if not text.strip():
                continue  # a photo, sticker or voice message without a caption
            when = message.css(".tgme_widget_message_date time::attr(datetime), time.time::attr(datetime)").get()
            author = (message.css(".tgme_widget_message_from_author::text").get()
                      or message.css(".tgme_widget_message_owner_name span::text, .tgme_widget_message_owner_name::text").get())
            yield self.mention(
                external_id=f"telegram:{post}",
                kind="post",
                url=f"https://t.me/{post}",
                text=text,
                title=None,
                author=author.strip() if author else None,
                published_at=parse_date(when) if when else None,
                reach=views(message.css(".tgme_widget_message_views::text").get()),
            )
        more = response.css("a.tme_messages_more[data-before]::attr(href)").get()
        older_unread = bool(more) and lowest is not None and lowest > last_seen + 1
        if older_unread and page < self.options.max_pages:
            yield self.request(urljoin(response.url, more), self.parse_page, cb_kwargs={"page": page + 1})
        else:
            self.read_back("last_id", url=response.url, stopped_short=older_unread)
