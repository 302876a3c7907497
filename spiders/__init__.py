"""Molva's spiders: one module per source kind. Each spider only parses and yields
`molva.items.MentionItem`; the item pipelines match, clean, deduplicate and store.

Adding a kind: write `spiders/<kind>.py` with a `SourceSpider` subclass (its
`kind`, `description` and `options`), register it in SPIDERS, add its test."""

from spiders.base import SourceSpider
from spiders.feeds import FeedSpider
from spiders.forum import ForumSpider
from spiders.hackernews import HackerNewsSpider
from spiders.mastodon import MastodonSpider
from spiders.reddit import RedditSpider
from spiders.reviews import ReviewSpider
from spiders.telegram import TelegramSpider
from spiders.twitter import TwitterSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    cls.kind: cls for cls in (ForumSpider, ReviewSpider, FeedSpider, TwitterSpider, TelegramSpider, HackerNewsSpider,
                                 MastodonSpider, RedditSpider)
}

__all__ = ["SPIDERS", "SourceSpider"]
