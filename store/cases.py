"""Complaint cases: every recent complaint about the company opens one, with
the department at fault guessed by the config's rules; the team records the
owner, status and outcome with `molva case` or on the board. Duplicates of a
complaint (the same text elsewhere) stay with the original's case. A case the
team rejects (not ours, not a complaint) no longer counts as a complaint anywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Sequence

from sqlalchemy import ColumnElement, Engine, exists, func, select
from sqlalchemy.orm import Session, aliased

from matching import Query, first_match
from store import audit
from store.models import CaseNote, ComplaintCase, Mention, Source, as_utc, utcnow
from store.repo import insert_ignoring_conflict
from store.verdicts import LABEL, with_verdicts
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


def open_cases(engine: Engine, departments: Sequence[tuple[str, Query]], model_id: str | None,
               settings: CaseSettings = CaseSettings(), now: dt.datetime | None = None,
               mention_ids: Sequence[int] | None = None) -> int:
    """A case for each recent complaint (negative by the team's correction or
    else the model, about the company, not a duplicate, published within
    `open_within_days` of `now`) that has none; returns how many were opened.
    Idempotent. `departments` guess whose fault it is: the first whose query
    matches the complaint. `mention_ids`: only these mentions."""
    now = now or utcnow()
    opened = 0
    with Session(engine) as s, s.begin():
        query = with_verdicts(select(Mention.id, Mention.title, Mention.text).select_from(Mention), model_id)
        query = (query.outerjoin(ComplaintCase, ComplaintCase.mention_id == Mention.id)
                 .where(LABEL == "negative", Mention.entity_kind == "company",
                        Mention.duplicate_of_id.is_(None), ComplaintCase.id.is_(None),
                        # History found by a first crawl is not work for the desk any more.
                        Mention.published_at >= now - dt.timedelta(days=settings.open_within_days))
                 .order_by(Mention.id))
        if mention_ids is not None:
            query = query.where(Mention.id.in_(list(mention_ids)))
        rows = s.execute(query).all()
        for mention_id, title, text in rows:
            # The post itself, not the thread title: a thread about the internet holds billing complaints too.
            owner = first_match(departments, text)
            values = dict(mention_id=mention_id, status="open", owner=owner, opened_at=now, updated_at=now)
            if insert_ignoring_conflict(s, ComplaintCase, values, ["mention_id"]) is not None:
                opened += 1
    return opened


@dataclass(frozen=True)
class NoteRow:
    author: str | None
    created_at: dt.datetime
    text: str


@dataclass
class CaseRow:
    id: int
    status: str
    owner: str | None  # the department at fault
    assignee: str | None  # the person following it up
    outcome: str | None
    notes: list[NoteRow]
    opened_at: dt.datetime
    updated_at: dt.datetime
    source: str
    url: str
    text: str
    duplicates: int
    mention_id: int
    complained_at: dt.datetime  # when the complaint was published: the case's date
    closed_at: dt.datetime | None = None

    @property
    def notes_text(self) -> str:
        return "\n".join(f"{n.created_at:%Y-%m-%d %H:%M} {n.author or '—'}: {n.text}" for n in self.notes)


def list_cases(engine: Engine, status: str | None = "open", owner: str | None = None, limit: int = 50,
               case_id: int | None = None, assignee: str | None = None, since: dt.datetime | None = None,
               until: dt.datetime | None = None, mention_id: int | None = None) -> list[CaseRow]:
    """Cases, newest first; `since`/`until` bound the complaint's own date."""
    dup = aliased(Mention)
    duplicates = (select(func.count()).select_from(dup).where(dup.duplicate_of_id == Mention.id)
                  .correlate(Mention).scalar_subquery())
    q = (select(ComplaintCase, Mention.url, Mention.text, Mention.published_at, Source.key, duplicates)
         .join(Mention, Mention.id == ComplaintCase.mention_id).join(Source, Source.id == Mention.source_id))
    for column, value in ((ComplaintCase.status, status), (ComplaintCase.owner, owner),
                          (ComplaintCase.assignee, assignee), (ComplaintCase.id, case_id),
                          (ComplaintCase.mention_id, mention_id)):
        if value is not None and value != "":
            q = q.where(column == value)
    if since is not None:
        q = q.where(Mention.published_at >= since)
    if until is not None:
        q = q.where(Mention.published_at < until)
    q = q.order_by(ComplaintCase.id.desc()).limit(limit)
    with Session(engine) as s:
        rows = s.execute(q).all()
        notes: dict[int, list[NoteRow]] = {}
        if rows:
            for n in s.scalars(select(CaseNote).where(CaseNote.case_id.in_([r[0].id for r in rows])).order_by(CaseNote.id)):
                notes.setdefault(n.case_id, []).append(NoteRow(n.author, n.created_at, n.text))
        return [CaseRow(c.id, c.status, c.owner, c.assignee, c.outcome, notes.get(c.id, []), as_utc(c.opened_at),
                        as_utc(c.updated_at), source, url, text, n, c.mention_id, as_utc(published),
                        as_utc(c.closed_at) if c.closed_at else None)
                for c, url, text, published, source, n in rows]


class CaseNotFound(LookupError):
    pass


def _closing(session: Session, case: ComplaintCase, status: str) -> None:
    """What a change of status to `status` brings: the closing time, and the cached weeks when rejecting
    takes a complaint out of every count (or reopening puts it back)."""
    if "rejected" in (status, case.status):
        mention = session.get(Mention, case.mention_id)
        forget_weeks(session, [(mention.entity, mention.published_at)])
    if status in CLOSED and case.status not in CLOSED:
        case.closed_at = utcnow()
    elif status not in CLOSED:
        case.closed_at = None


FIELDS = ("status", "owner", "assignee", "outcome")


def _state(case: ComplaintCase) -> dict:
    return {name: getattr(case, name) for name in FIELDS}


def update_case(engine: Engine, case_id: int, status: str | None = None, owner: str | None = None,
                outcome: str | None = None, note: str | None = None, assignee: str | None = None,
                who: str = "—") -> CaseRow:
    """Change what is given (an empty string clears owner, assignee or outcome);
    a note is added with `who` as its author. Each change is audited."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    with Session(engine) as s, s.begin():
        case = s.get(ComplaintCase, case_id)
        if case is None:
            raise CaseNotFound(f"no case {case_id}")
        before = _state(case)
        if status is not None and status != case.status:
            _closing(s, case, status)
        for name, value in (("status", status), ("owner", owner), ("outcome", outcome), ("assignee", assignee)):
            if value is not None:
                setattr(case, name, value.strip() or None)
        if _state(case) != before:
            audit.record(s, who, "case.update", "case", case.id, before, _state(case))
        if note and note.strip():
            s.add(CaseNote(case_id=case.id, author=who, created_at=utcnow(), text=note.strip()))
            audit.record(s, who, "case.note", "case", case.id, None, {"note": note.strip()})
        case.updated_at = utcnow()
    return list_cases(engine, status=None, case_id=case_id)[0]


def open_case(engine: Engine, mention_id: int, who: str, owner: str | None = None) -> int:
    """A case opened by hand for any mention (a question that needs an answer,
    say); returns its id, or the id of the case it already has."""
    with Session(engine) as s, s.begin():
        if s.get(Mention, mention_id) is None:
            raise CaseNotFound(f"no mention {mention_id}")
        now = utcnow()
        values = dict(mention_id=mention_id, status="open", owner=owner or None, opened_at=now, updated_at=now)
        case_id = insert_ignoring_conflict(s, ComplaintCase, values, ["mention_id"])
        if case_id is None:
            return s.scalar(select(ComplaintCase.id).where(ComplaintCase.mention_id == mention_id))
        audit.record(s, who, "case.open", "case", case_id, None, {"status": "open", "owner": owner or None})
        return case_id


NOT_ABOUT_US = "not about us"


def reject_as_not_about_us(session: Session, mention_id: int, who: str) -> ComplaintCase | None:
    """The case of a mention the team says is not about the company, if still
    open or in progress, rejected with that outcome; returns it (else None)."""
    case = session.scalar(select(ComplaintCase).where(ComplaintCase.mention_id == mention_id,
                                                      ComplaintCase.status.in_(("open", "in_progress"))))
    if case is None:
        return None
    before = _state(case)
    _closing(session, case, "rejected")
    case.status, case.updated_at = "rejected", utcnow()
    case.outcome = case.outcome or NOT_ABOUT_US
    audit.record(session, who, "case.update", "case", case.id, before, _state(case))
    return case
