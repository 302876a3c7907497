"""Who a mention is about: the company or one of its competitors, each with its
query, and the rules that pick one when a post fits several."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from matching.query import Document, Query


@dataclass(frozen=True)
class Entity:
    """The company or a competitor: who a mention is about."""

    name: str
    kind: str  # company | competitor
    aliases: tuple[str, ...]
    query: Query
    feeds: tuple[str, ...] = ()  # a competitor's news feeds: every entry there is theirs

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


# A competitor's n-th news feed as a source. The English name is the source's
# key in the store, kept whatever the report's language (renaming a source
# would start it afresh); the others are how reports and alerts call it.
FEED_SOURCE_NAMES = {"en": "{competitor} news {n}", "ru": "Новости {competitor} {n}"}


def feed_source_name(competitor: str, n: int, language: str = "en") -> str:
    return FEED_SOURCE_NAMES[language].format(competitor=competitor, n=n)


def feed_source_names(competitors: Iterable[Entity], language: str) -> dict[str, str]:
    """Each competitor feed's source key → its name in `language`."""
    return {feed_source_name(c.name, n): feed_source_name(c.name, n, language)
            for c in competitors for n in range(1, len(c.feeds) + 1)}


def entity_for(entities: Sequence[Entity], text: str, title: str | None = None) -> Entity | None:
    """The entity whose query matches the post with its thread title, preferring
    one its own words match: a reply in a thread about us that recommends a
    competitor is about the competitor, a bare "same here" in it is about us.
    An exclusion in a query still applies to the title. The first entity (the
    company) wins a tie."""
    whole = Document(f"{title or ''}\n{text}")
    named = [entity for entity in entities if entity.query.matches(whole)]
    if len(named) < 2 or not title:
        return named[0] if named else None
    own_words = Document(text)
    return next((entity for entity in named if entity.query.matches(own_words)), named[0])


def first_match(rules: Iterable[tuple[str, Query]], text: str) -> str | None:
    """The name of the first rule whose query matches `text` (whose fault a complaint is)."""
    doc = Document(text)
    return next((name for name, query in rules if query.matches(doc)), None)
