"""Complaint cases: every recent complaint about the company opens one, with
the department at fault guessed by the config's rules; the team records the
owner, status and outcome with `molva case`. Duplicates of a complaint (the
same text elsewhere) stay with the original's case. A case the team rejects
(not ours, not a complaint) no longer counts as a complaint anywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Sequence

from sqlalchemy import ColumnElement, Engine, exists, func, select
from sqlalchemy.orm import Session, aliased

from matching import Query, first_match
from store.models import ComplaintCase, Mention, Sentiment, Source, as_utc, utcnow
from store.repo import insert_ignoring_conflict
from store.weekly_counts import forget_weeks

STATUSES = ("open", "in_progress", "resolved", "rejected")
CLOSED = ("resolved", "rejected")


@dataclass(frozen=True)
class CaseSettings:
    """The config's [cases] table."""

    open_within_days: int = field(default=14, metadata={
        "help": "a complaint opens a case only if published at most this many days before the run: "
                "a first crawl of a forum's history opens none for old posts"})

    def __post_init__(self):
        if self.open_within_days < 1:
            raise ValueError(f"open_within_days must be at least 1, not {self.open_within_days}")


def rejected_by_team(mention=Mention) -> ColumnElement[bool]:
    """True for a mention whose case the team rejected: it is not counted as a complaint."""
    return exists().where(ComplaintCase.mention_id == mention.id, ComplaintCase.status == "rejected")


def open_cases(engine: Engine, departments: Sequence[tuple[str, Query]], model_id: str,
               settings: CaseSettings = CaseSettings(), now: dt.datetime | None = None) -> int:
    """A case for each recent complaint (negative, about the company, not a
    duplicate, published within `open_within_days` of `now`) that has none;
    returns how many were opened. Idempotent. `departments` guess whose fault
    it is: the first whose query matches the complaint."""
    now = now or utcnow()
    opened = 0
    with Session(engine) as s, s.begin():
        rows = s.execute(
            select(Mention.id, Mention.title, Mention.text)
            .join(Sentiment, (Sentiment.mention_id == Mention.id) & (Sentiment.model_id == model_id))
            .outerjoin(ComplaintCase, ComplaintCase.mention_id == Mention.id)
            .where(Sentiment.label == "negative", Mention.entity_kind == "company",
                   Mention.duplicate_of_id.is_(None), ComplaintCase.id.is_(None),
                   # History found by a first crawl is not work for the desk any more.
                   Mention.published_at >= now - dt.timedelta(days=settings.open_within_days))
            .order_by(Mention.id)
        ).all()
        for mention_id, title, text in rows:
            # The post itself, not the thread title: a thread about the internet holds billing complaints too.
            owner = first_match(departments, text)
            values = dict(mention_id=mention_id, status="open", owner=owner, opened_at=now, updated_at=now)
            if insert_ignoring_conflict(s, ComplaintCase, values, ["mention_id"]) is not None:
                opened += 1
    return opened


@dataclass
class CaseRow:
    id: int
    status: str
    owner: str | None
    outcome: str | None
    notes: str | None
    opened_at: dt.datetime
    updated_at: dt.datetime
    source: str
    url: str
    text: str
    duplicates: int
    complained_at: dt.datetime  # when the complaint was published: the case's date
    closed_at: dt.datetime | None = None
    mention_id: int | None = None


def list_cases(engine: Engine, status: str | None = "open", owner: str | None = None, limit: int = 50,
               case_id: int | None = None) -> list[CaseRow]:
    dup = aliased(Mention)
    duplicates = (select(func.count()).select_from(dup).where(dup.duplicate_of_id == Mention.id)
                  .correlate(Mention).scalar_subquery())
    q = (select(ComplaintCase, Mention.url, Mention.text, Source.key, duplicates, Mention.published_at)
         .join(Mention, Mention.id == ComplaintCase.mention_id).join(Source, Source.id == Mention.source_id))
    if status:
        q = q.where(ComplaintCase.status == status)
    if owner:
        q = q.where(ComplaintCase.owner == owner)
    if case_id is not None:
        q = q.where(ComplaintCase.id == case_id)
    q = q.order_by(ComplaintCase.id.desc()).limit(limit)
    with Session(engine) as s:
        return [CaseRow(c.id, c.status, c.owner, c.outcome, c.notes, as_utc(c.opened_at), as_utc(c.updated_at), source,
                        url, text, n, as_utc(published), as_utc(c.closed_at) if c.closed_at else None, c.mention_id)
                for c, url, text, source, n, published in s.execute(q)]


class CaseNotFound(LookupError):
    pass


def update_case(engine: Engine, case_id: int, status: str | None = None, owner: str | None = None,
                outcome: str | None = None, note: str | None = None) -> CaseRow:
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    with Session(engine) as s, s.begin():
        case = s.get(ComplaintCase, case_id)
        if case is None:
            raise CaseNotFound(f"no case {case_id}")
        if status is not None and status != case.status:
            if "rejected" in (status, case.status):
                # Rejecting takes a complaint out of every count (reopening puts it back): the cached weeks change.
                mention = s.get(Mention, case.mention_id)
                forget_weeks(s, [(mention.entity, mention.published_at)])
            if status in CLOSED and case.status not in CLOSED:
                case.closed_at = utcnow()
            elif status not in CLOSED:
                case.closed_at = None
            case.status = status
        if owner is not None:
            case.owner = owner
        if outcome is not None:
            case.outcome = outcome
        if note:
            stamp = utcnow().strftime("%Y-%m-%d %H:%M")
            case.notes = f"{case.notes}\n{stamp} {note}" if case.notes else f"{stamp} {note}"
        case.updated_at = utcnow()
    return list_cases(engine, status=None, case_id=case_id)[0]
