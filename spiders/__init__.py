"""The collect stage: one module per source kind. Each spider only parses and
yields `spiders.items.MentionItem`; the item pipelines match, clean,
deduplicate and store. `spiders/` imports nothing else of the project.

Adding a kind: write `spiders/<kind>.py` with a `SourceSpider` subclass (its
`kind`, `description` and `Options`), add its line to KINDS, add its test.
The registry names modules rather than importing them, so that reading a
config imports only the kinds it uses."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from spiders.base import SourceSpider

KINDS = {
    "forum": "spiders.forum:ForumSpider",
    "reviews": "spiders.reviews:ReviewSpider",
    "feed": "spiders.feeds:FeedSpider",
    "twitter": "spiders.twitter:TwitterSpider",
    "telegram": "spiders.telegram:TelegramSpider",
    "hackernews": "spiders.hackernews:HackerNewsSpider",
    "mastodon": "spiders.mastodon:MastodonSpider",
    "reddit": "spiders.reddit:RedditSpider",
}


class _Registry(Mapping):
    """kind → spider class, each module imported when its kind is first asked for."""

    def __init__(self, places: dict[str, str]):
        self.places = places

    def __getitem__(self, kind: str) -> type[SourceSpider]:
        module, name = self.places[kind].split(":")
        return getattr(importlib.import_module(module), name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)


SPIDERS: Mapping[str, type[SourceSpider]] = _Registry(KINDS)

__all__ = ["KINDS", "SPIDERS", "SourceSpider"]
