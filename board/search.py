"""The mentions page's filters as a query: full-text words, entity, source,
kind, verdict (the team's over the model's), language, department, case status
and a date range; a page of rows and the total, or every row for the CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from store.models import ComplaintCase, Mention, Source
from store.search import text_matches
from store.verdicts import CORRECTED, LABEL, POLARITY, with_verdicts

NO_CASE = "none"


@dataclass(frozen=True)
class MentionFilter:
    q: str = ""
    entity: str = ""
    source: str = ""
    kind: str = ""
    label: str = ""  # negative | neutral | positive | irrelevant | unscored
    lang: str = ""
    department: str = ""
    case: str = ""  # a case status, or "none"
    since: str = ""  # YYYY-MM-DD, the mention's own date
    until: str = ""  # YYYY-MM-DD, inclusive

    @classmethod
    def from_args(cls, args) -> "MentionFilter":
        return cls(**{f.name: (args.get(f.name) or "").strip()[:200] for f in fields(cls)})

    def as_args(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


def _day(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


@dataclass
class Row:
    id: int
    source: str
    kind: str
    url: str
    title: str | None
    author: str | None
    published_at: dt.datetime
    text: str
    entity: str
    lang: str | None
    label: str
    polarity: float
    corrected: bool
    duplicate_of_id: int | None
    case_id: int | None
    case_status: str | None
    department: str | None

    @property
    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 300 else text[:297].rstrip() + "…"


def _query(f: MentionFilter, model_id: str | None) -> Select:
    q = with_verdicts(
        select(Mention, Source.key, LABEL, POLARITY, CORRECTED, ComplaintCase.id, ComplaintCase.status,
               ComplaintCase.owner).join(Source, Source.id == Mention.source_id), model_id,
    ).outerjoin(ComplaintCase, ComplaintCase.mention_id == Mention.id)
    if f.q:
        q = q.where(text_matches(f.q))
    for column, value in ((Mention.entity, f.entity), (Source.key, f.source), (Mention.kind, f.kind),
                          (Mention.lang, f.lang), (ComplaintCase.owner, f.department)):
        if value:
            q = q.where(column == value)
    if f.label:
        q = q.where(LABEL == f.label)
    if f.case == NO_CASE:
        q = q.where(ComplaintCase.id.is_(None))
    elif f.case:
        q = q.where(ComplaintCase.status == f.case)
    if since := _day(f.since):
        q = q.where(Mention.published_at >= since)
    if until := _day(f.until):
        q = q.where(Mention.published_at < until + dt.timedelta(days=1))
    return q


def _rows(session: Session, query: Select) -> list[Row]:
    return [Row(m.id, source, m.kind, m.url, m.title, m.author, m.published_at, m.text, m.entity, m.lang, label,
                polarity, bool(corrected), m.duplicate_of_id, case_id, status, owner)
            for m, source, label, polarity, corrected, case_id, status, owner in session.execute(query)]


def search(engine: Engine, f: MentionFilter, model_id: str | None, page: int, per_page: int) -> tuple[list[Row], int]:
    """One page of matching mentions, newest first, and how many match."""
    query = _query(f, model_id)
    with Session(engine) as s:
        total = s.scalar(select(func.count()).select_from(query.with_only_columns(Mention.id).subquery()))
        rows = _rows(s, query.order_by(Mention.published_at.desc(), Mention.id.desc())
                     .offset((page - 1) * per_page).limit(per_page))
    return rows, total


def every_row(engine: Engine, f: MentionFilter, model_id: str | None, limit: int = 100_000) -> list[Row]:
    with Session(engine) as s:
        return _rows(s, _query(f, model_id).order_by(Mention.published_at.desc(), Mention.id.desc()).limit(limit))


def choices(engine: Engine) -> dict[str, list[str]]:
    """The values each filter can take, for its drop-down."""
    with Session(engine) as s:
        return {
            "source": list(s.scalars(select(Source.key).order_by(Source.key))),
            "kind": [k for k in s.scalars(select(Mention.kind).distinct().order_by(Mention.kind))],
            "lang": [lang for lang in s.scalars(select(Mention.lang).distinct().order_by(Mention.lang)) if lang],
        }
