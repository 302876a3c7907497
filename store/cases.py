"""Complaint cases: every complaint about the company opens one, with the
department at fault guessed by the config's rules; the team records the owner,
status and outcome with `molva case`. Duplicates of a complaint (the same text
elsewhere) stay with the original's case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased

from matching import Query, first_match
from store.models import ComplaintCase, Mention, Source, utcnow
from store.repo import insert_ignoring_conflict
from store.verdicts import LABEL, with_verdicts

STATUSES = ("open", "in_progress", "resolved", "rejected")


def open_cases(engine: Engine, departments: Sequence[tuple[str, Query]], model_id: str | None,
               mention_ids: Sequence[int] | None = None) -> int:
    """A case for each complaint (negative by the team's correction or else the
    model, about the company, not a duplicate) that has none; returns how many
    were opened. Idempotent. `departments` guess whose fault it is: the first
    whose query matches the complaint. `mention_ids`: only these mentions."""
    opened = 0
    with Session(engine) as s, s.begin():
        query = with_verdicts(select(Mention.id, Mention.title, Mention.text).select_from(Mention), model_id)
        query = (query.outerjoin(ComplaintCase, ComplaintCase.mention_id == Mention.id)
                 .where(LABEL == "negative", Mention.entity_kind == "company",
                        Mention.duplicate_of_id.is_(None), ComplaintCase.id.is_(None))
                 .order_by(Mention.id))
        if mention_ids is not None:
            query = query.where(Mention.id.in_(list(mention_ids)))
        rows = s.execute(query).all()
        now = utcnow()
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


def list_cases(engine: Engine, status: str | None = "open", owner: str | None = None, limit: int = 50,
               case_id: int | None = None) -> list[CaseRow]:
    dup = aliased(Mention)
    duplicates = (select(func.count()).select_from(dup).where(dup.duplicate_of_id == Mention.id)
                  .correlate(Mention).scalar_subquery())
    q = (select(ComplaintCase, Mention.url, Mention.text, Source.key, duplicates)
         .join(Mention, Mention.id == ComplaintCase.mention_id).join(Source, Source.id == Mention.source_id))
    if status:
        q = q.where(ComplaintCase.status == status)
    if owner:
        q = q.where(ComplaintCase.owner == owner)
    if case_id is not None:
        q = q.where(ComplaintCase.id == case_id)
    q = q.order_by(ComplaintCase.id.desc()).limit(limit)
    with Session(engine) as s:
        return [CaseRow(c.id, c.status, c.owner, c.outcome, c.notes, c.opened_at, c.updated_at, source, url, text, n)
                for c, url, text, source, n in s.execute(q)]


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
        if status is not None:
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


NOT_ABOUT_US = "not about us"


def reject_as_not_about_us(session: Session, mention_id: int) -> ComplaintCase | None:
    """The case of a mention the team says is not about the company, if still
    open or in progress, rejected with that outcome; returns it (else None)."""
    case = session.scalar(select(ComplaintCase).where(ComplaintCase.mention_id == mention_id,
                                                      ComplaintCase.status.in_(("open", "in_progress"))))
    if case is None:
        return None
    case.status, case.updated_at = "rejected", utcnow()
    case.outcome = case.outcome or NOT_ABOUT_US
    return case
