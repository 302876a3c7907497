"""Memorable customer quotes: mentions the team picks to keep (a wall of fame
for the staff, a line for a presentation). Each pick and unpick is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from store import audit
from store.models import Mention, Quote, Source, utcnow
from store.repo import insert_ignoring_conflict


class QuoteError(LookupError):
    pass


@dataclass(frozen=True)
class QuoteRow:
    mention_id: int
    picked_by: str
    picked_at: dt.datetime
    note: str | None
    text: str
    author: str | None
    source: str
    url: str
    published_at: dt.datetime
    entity: str


def pick(engine: Engine, mention_id: int, who: str, note: str | None = None) -> bool:
    """Keep a mention as a quote; False when it already was one."""
    with Session(engine) as s, s.begin():
        if s.get(Mention, mention_id) is None:
            raise QuoteError(f"no mention {mention_id}")
        values = dict(mention_id=mention_id, picked_by=who, picked_at=utcnow(), note=note or None)
        if insert_ignoring_conflict(s, Quote, values, ["mention_id"]) is None:
            return False
        audit.record(s, who, "quote.pick", "mention", mention_id, {"quote": None}, {"quote": note or "picked"})
    return True


def unpick(engine: Engine, mention_id: int, who: str) -> bool:
    with Session(engine) as s, s.begin():
        quote = s.scalar(select(Quote).where(Quote.mention_id == mention_id))
        if quote is None:
            return False
        audit.record(s, who, "quote.unpick", "mention", mention_id, {"quote": quote.note or "picked"}, {"quote": None})
        s.delete(quote)
    return True


def is_quote(engine: Engine, mention_id: int) -> bool:
    with Session(engine) as s:
        return s.scalar(select(Quote.id).where(Quote.mention_id == mention_id)) is not None


def list_quotes(engine: Engine, limit: int = 500) -> list[QuoteRow]:
    """Newest picks first."""
    with Session(engine) as s:
        rows = s.execute(select(Quote, Mention, Source.key).join(Mention, Mention.id == Quote.mention_id)
                         .join(Source, Source.id == Mention.source_id).order_by(Quote.picked_at.desc(), Quote.id.desc())
                         .limit(limit))
        return [QuoteRow(q.mention_id, q.picked_by, q.picked_at, q.note, m.text, m.author, source, m.url,
                         m.published_at, m.entity) for q, m, source in rows]
