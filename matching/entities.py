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
