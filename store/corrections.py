"""The team's corrections of the model's verdicts: `molva label` and the board
record them with who and when. A correction overrides the model wherever
verdicts count (store/verdicts.py): the report, alerts, cases. Relabelling a
mention "irrelevant" (not about us) rejects its open case; relabelling one
negative opens a case for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from matching import Query
from store import audit
from store.cases import open_cases, reject_as_not_about_us
from store.models import ComplaintCase, Correction, Mention, Sentiment, utcnow
from store.repo import current_model_id, insert_ignoring_conflict
from store.weekly_counts import forget_weeks
from store.verdicts import CORRECTION_LABELS


class MentionNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Corrected:
    """What a correction changed: the mention's verdict before and after, and its case."""

    mention_id: int
    label: str
    before: str  # the verdict that counted until now: the previous correction, else the model's
    model_label: str | None
    case_id: int | None = None
    case_status: str | None = None


def correct(engine: Engine, mention_id: int, label: str, by: str, note: str | None = None,
            departments: Sequence[tuple[str, Query]] = ()) -> Corrected:
    """Record the team's verdict on a mention (replacing an earlier one). The
    all-time chart's cached week is cleared; "irrelevant" rejects the mention's
    open case, "negative" opens one (department guessed by `departments`)."""
    if label not in CORRECTION_LABELS:
        raise ValueError(f"label must be one of {', '.join(CORRECTION_LABELS)}, not {label!r}")
    if not by.strip():
        raise ValueError("by must name who corrects")
    with Session(engine) as s, s.begin():
        mention = s.get(Mention, mention_id)
        if mention is None:
            raise MentionNotFound(f"no mention {mention_id}")
        model_id = current_model_id(s)
        model_label = s.scalar(select(Sentiment.label).where(Sentiment.mention_id == mention_id,
                                                             Sentiment.model_id == model_id))
        existing = s.scalar(select(Correction).where(Correction.mention_id == mention_id))
        before = existing.label if existing else (model_label or "unscored")
        values = dict(label=label, corrected_by=by.strip(), corrected_at=utcnow(), note=note or None)
        if existing is None:
            insert_ignoring_conflict(s, Correction, dict(mention_id=mention_id, **values), ["mention_id"])
        else:
            for key, value in values.items():
                setattr(existing, key, value)
        forget_weeks(s, [(mention.entity, mention.published_at)])
        audit.record(s, by.strip(), "relabel", "mention", mention_id, {"label": before},
                     {"label": label, **({"note": note} if note else {})})
        case = reject_as_not_about_us(s, mention_id, by.strip()) if label == "irrelevant" else None
        case_id, case_status = (case.id, case.status) if case else (None, None)
    if label == "negative" and open_cases(engine, departments, model_id, mention_ids=[mention_id]):
        case_id, case_status = _case_of(engine, mention_id), "open"
    return Corrected(mention_id, label, before, model_label, case_id, case_status)


def _case_of(engine: Engine, mention_id: int) -> int | None:
    with Session(engine) as s:
        return s.scalar(select(ComplaintCase.id).where(ComplaintCase.mention_id == mention_id))


@dataclass(frozen=True)
class CorrectionRow:
    mention_id: int
    label: str
    corrected_by: str
    corrected_at: dt.datetime
    note: str | None
    text: str


def list_corrections(engine: Engine) -> list[CorrectionRow]:
    with Session(engine) as s:
        return [CorrectionRow(c.mention_id, c.label, c.corrected_by, c.corrected_at, c.note, text)
                for c, text in s.execute(select(Correction, Mention.text).join(Mention, Mention.id == Correction.mention_id)
                                         .order_by(Correction.id))]


def training_rows(engine: Engine) -> list[tuple[str, str]]:
    """(text, label) of every corrected mention with a sentiment label: rows to
    train a model on. "Not about us" says nothing about sentiment: left out."""
    return [(row.text, row.label) for row in list_corrections(engine) if row.label != "irrelevant"]


def model_vs_team(session: Session, model_id: str | None) -> list[tuple[str, str]]:
    """(team's label, model's label) for each mention both have judged, "not about us" aside."""
    return [tuple(row) for row in session.execute(
        select(Correction.label, Sentiment.label)
        .join(Sentiment, (Sentiment.mention_id == Correction.mention_id) & (Sentiment.model_id == model_id))
        .where(Correction.label != "irrelevant", Sentiment.label.in_(("negative", "neutral", "positive")))
        .order_by(Correction.mention_id)
    )]
