"""Item pipelines: every spider's items pass Clean → Match → Store, in that order
(see molva.settings.ITEM_PIPELINES). They wire the collect stage to the match
stage and the store; Match and Store need a Molva config (MOLVA_CONFIG in the
Scrapy settings), so a plain `scrapy crawl` runs Clean alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from sqlalchemy.orm import Session

from matching import entity_for
from molva.config import Config
from sentiment.scorer import detect_language  # (the score stage reads languages as they are stored)
from spiders.items import MentionItem
from store.db import connect
from store.repo import ensure_source, save_source_state, store_mentions

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t]+")
MAX_TEXT_CHARS = 20_000
NEW_STAT = "molva/items_new"


def content_hash(text: str) -> str:
    """Same words, same hash: case, punctuation and spacing do not count."""
    words = re.findall(r"\w+", text.lower().replace("ё", "е"))
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:MAX_TEXT_CHARS]


def mention_row(item: MentionItem) -> dict:
    """A matched item as the store's row: every field but the source's name (the store has its id)."""
    return {k: v for k, v in dataclasses.asdict(item).items() if k != "source"}


class CleanPipeline:
    """Normalises text, drops empty items, fills the content hash, date and language."""

    def process_item(self, item: MentionItem):
        item.text = clean_text(item.text or "")
        item.title = clean_text(item.title)[:1000] if item.title else None
        item.author = clean_text(item.author)[:300] if item.author else None
        if not item.text:
            raise DropItem(f"empty text at {item.url}", log_level="DEBUG")
        if item.published_at is None:
            item.published_at = dt.datetime.now(dt.timezone.utc)
        # Stored as UTC on every database: SQLite keeps no offset, so 04:40-08:00 must become 12:40.
        item.published_at = item.published_at.astimezone(dt.timezone.utc)
        item.content_hash = content_hash(item.text)
        item.lang = detect_language(item.text)
        return item


class MatchPipeline:
    """Keeps an item when it matches the company's or a competitor's query; items
    from a competitor's own source (its news feed) belong to that competitor."""

    def __init__(self, config: Config, crawler):
        self.config, self.crawler = config, crawler

    @classmethod
    def from_crawler(cls, crawler):
        config = crawler.settings.get("MOLVA_CONFIG")
        if config is None:
            raise NotConfigured("MOLVA_CONFIG is not set")
        return cls(config, crawler)

    def process_item(self, item: MentionItem):
        spider = self.crawler.spider
        entity = entity_for(self.config.entities, item.text, item.title)
        if entity is not None:
            item.entity, item.entity_kind, item.matched_query = entity.name, entity.kind, entity.query.source
            return item
        owner = self.config.competitor(spider.source.competitor) if spider.source.competitor else None
        if owner is not None:
            item.entity, item.entity_kind, item.matched_query = owner.name, "competitor", "(competitor's own source)"
            return item
        self.crawler.stats.inc_value("molva/items_unmatched")
        # Most of a forum thread is not about us: that is expected, not a warning.
        raise DropItem(f"matches no query: {item.url}", log_level="DEBUG")


class StorePipeline:
    """Upserts matched items in batches; saves the source's incremental state only
    after its last item is stored, so a killed run fetches the same items again."""

    BATCH = 200

    def __init__(self, engine, run_id: int | None, crawler):
        self.engine, self.run_id, self.crawler = engine, run_id, crawler
        self.buffer: list[MentionItem] = []
        self.source_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        config = crawler.settings.get("MOLVA_CONFIG")
        if config is None:
            raise NotConfigured("MOLVA_CONFIG is not set")
        pipeline = cls(connect(config.database_url), crawler.settings.get("MOLVA_RUN_ID"), crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self):
        with Session(self.engine) as s, s.begin():
            self.source_id = ensure_source(s, self.crawler.spider.source).id

    def process_item(self, item: MentionItem):
        self.buffer.append(item)
        if len(self.buffer) >= self.BATCH:
            self.flush()
        return item

    def flush(self) -> None:
        if not self.buffer:
            return
        with Session(self.engine) as s, s.begin():
            new = store_mentions(s, self.source_id, self.run_id, [mention_row(item) for item in self.buffer])
        self.crawler.stats.inc_value(NEW_STAT, new)
        self.buffer.clear()

    def close_spider(self):
        self.flush()

    def spider_closed(self, spider, reason):
        # A crawl cut short (shutdown, error) keeps the old state: next run starts over.
        if reason == "finished" and spider.new_state != spider.state:
            save_source_state(self.engine, spider.source, spider.new_state)
        self.engine.dispose()
