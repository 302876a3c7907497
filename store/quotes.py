"""Memorable quotes, kept week by week: the team picks its own (`molva quote`,
the board), and where it picked none the weekly report keeps the ones it chose.
A quote the team drops stays dropped: it is never chosen automatically again.

    pick(engine, mention_id, tz)       the team's choice for the mention's week (audited)
    unpick(engine, mention_id)         dropped, whoever chose it (audited)
    quote_status(engine, mention_id)   picked, auto, dropped or None
    list_for_week(engine, week)        the team's picks, else the automatic ones
    list_quotes(engine)                every kept quote, newest week first
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from store import audit
from store.models import Mention, Quote, Source, as_utc, utcnow
from store.repo import insert_ignoring_conflict, iso_week

PICKED, AUTO, DROPPED = "picked", "auto", "dropped"


class MentionNotFound(LookupError):
    pass


@dataclass(frozen=True)
class QuoteRow:
    mention_id: int
    week: str
    status: str  # picked | auto | dropped
    chosen_by: str | None
    chosen_at: dt.datetime
    text: str
    author: str | None
    source: str
    url: str
    published_at: dt.datetime
    entity: str
    note: str | None = None


def pick(engine: Engine, mention_id: int, tz: dt.tzinfo = dt.timezone.utc, by: str = "team",
         week: str | None = None, note: str | None = None) -> QuoteRow:
    """The mention becomes a quote of its week (the week it was published in, on
    `tz`'s clocks, unless `week` says), picked by `by`."""
    with Session(engine) as s, s.begin():
        mention = s.get(Mention, mention_id)
        if mention is None:
            raise MentionNotFound(f"no mention {mention_id}")
        before = _status(s, mention_id)
        _set(s, mention_id, week or iso_week(as_utc(mention.published_at), tz), PICKED, by, note)
        audit.record(s, by, "quote.pick", "mention", mention_id, {"quote": before}, {"quote": note or PICKED})
    return _rows(engine, Quote.mention_id == mention_id)[0]


def unpick(engine: Engine, mention_id: int, by: str = "team") -> QuoteRow:
    """The mention is no quote, and the report will not choose it again."""
    with Session(engine) as s, s.begin():
        quote = s.scalar(select(Quote).where(Quote.mention_id == mention_id))
        before = quote.status if quote else None
        if quote is None:
            mention = s.get(Mention, mention_id)
            if mention is None:
                raise MentionNotFound(f"no mention {mention_id}")
            _set(s, mention_id, iso_week(as_utc(mention.published_at)), DROPPED, by)
        else:
            quote.status, quote.chosen_by, quote.chosen_at = DROPPED, by, utcnow()
        audit.record(s, by, "quote.unpick", "mention", mention_id, {"quote": before}, {"quote": DROPPED})
    return _rows(engine, Quote.mention_id == mention_id)[0]


def quote_status(engine: Engine, mention_id: int) -> str | None:
    """picked (by the team), auto (chosen by the weekly report), dropped, or None."""
    with Session(engine) as s:
        return _status(s, mention_id)


def list_for_week(engine: Engine, week: str) -> list[QuoteRow]:
    """The week's quotes: the team's picks if it made any, else the report's own choice."""
    kept = _rows(engine, Quote.week == week, Quote.status.in_((PICKED, AUTO)))
    picked = [q for q in kept if q.status == PICKED]
    return picked or kept


def list_quotes(engine: Engine, limit: int = 50, week: str | None = None) -> list[QuoteRow]:
    """Every kept quote (picked or chosen), newest week first."""
    where = [Quote.status.in_((PICKED, AUTO))] + ([Quote.week == week] if week else [])
    return _rows(engine, *where, limit=limit)


def dropped_in(session: Session, mention_ids: Iterable[int]) -> set[int]:
    """Of these mentions, those the team dropped as quotes."""
    ids = list(mention_ids)
    if not ids:
        return set()
    return set(session.scalars(select(Quote.mention_id).where(Quote.mention_id.in_(ids), Quote.status == DROPPED)))


def picked_ids(session: Session, week: str) -> list[int]:
    """The mentions the team picked as the week's quotes, in the order picked."""
    return list(session.scalars(select(Quote.mention_id).where(Quote.week == week, Quote.status == PICKED)
                                .order_by(Quote.chosen_at, Quote.id)))


def keep_chosen(session: Session, week: str, mention_ids: list[int]) -> None:
    """The report's own choice for the week replaces its earlier one (a
    re-run sees more); the team's picks and drops stay as they are."""
    session.execute(delete(Quote).where(Quote.week == week, Quote.status == AUTO))
    for mention_id in mention_ids:
        insert_ignoring_conflict(session, Quote, dict(mention_id=mention_id, week=week, status=AUTO, chosen_by=None,
                                                      chosen_at=utcnow()), ["mention_id"])


def _status(session: Session, mention_id: int) -> str | None:
    return session.scalar(select(Quote.status).where(Quote.mention_id == mention_id))


def _set(session: Session, mention_id: int, week: str, status: str, by: str | None, note: str | None = None) -> None:
    quote = session.scalar(select(Quote).where(Quote.mention_id == mention_id))
    if quote is None:
        session.add(Quote(mention_id=mention_id, week=week, status=status, chosen_by=by, chosen_at=utcnow(), note=note))
    else:
        quote.week, quote.status, quote.chosen_by, quote.chosen_at = week, status, by, utcnow()
        quote.note = note or quote.note


def _rows(engine: Engine, *where, limit: int | None = None) -> list[QuoteRow]:
    q = (select(Quote, Mention.text, Mention.author, Source.key, Mention.url, Mention.published_at, Mention.entity)
         .join(Mention, Mention.id == Quote.mention_id).join(Source, Source.id == Mention.source_id)
         .where(*where).order_by(Quote.week.desc(), Quote.id))
    if limit:
        q = q.limit(limit)
    with Session(engine) as s:
        return [QuoteRow(quote.mention_id, quote.week, quote.status, quote.chosen_by, as_utc(quote.chosen_at), text,
                         author, source, url, as_utc(published), entity, quote.note)
                for quote, text, author, source, url, published, entity in s.execute(q)]
