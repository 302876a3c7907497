"""Everything the weekly report shows, read from the store for one ISO week."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from matching import Entity
from reports.labels import news_labels
from reports.settings import ReportSettings
from reports.themes import complaint_themes
from sentiment.evaluate import score_predictions
from store.corrections import model_vs_team
from store.models import ComplaintCase, Mention, Run, RunSource, Source, WeeklyCount
from store.repo import current_model_id, insert_ignoring_conflict, iso_week, undelivered_alerts, week_bounds
from store.verdicts import LABEL, POLARITY, RELEVANT, with_verdicts


THEME_SAMPLE = 500


@dataclass
class MentionRow:
    id: int
    source: str
    kind: str
    url: str
    title: str | None
    author: str | None
    published_at: dt.datetime
    text: str
    entity: str
    label: str
    polarity: float
    reach: int | None
    confidence: str = "high"  # "low": text guessed by generic extraction (no known page structure)
    case_status: str | None = None
    case_owner: str | None = None
    case_id: int | None = None
    case_outcome: str | None = None
    labels: list[str] = field(default_factory=list)  # for competitor news: promotion, price, product, incident

    @property
    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 280 else text[:277].rstrip() + "…"


@dataclass
class Counts:
    mentions: int = 0
    negative: int = 0
    neutral: int = 0
    positive: int = 0
    unscored: int = 0


@dataclass
class EntityWeek:
    name: str
    kind: str
    counts: Counts
    previous: Counts
    complaints: list[MentionRow] = field(default_factory=list)
    praise: list[MentionRow] = field(default_factory=list)
    news: list[MentionRow] = field(default_factory=list)


@dataclass
class CoverageRow:
    source: str
    kind: str
    status: str
    items_seen: int
    items_new: int
    errors: list[dict]


@dataclass
class AlertProblem:
    channel: str
    status: str  # failed | unconfirmed
    count: int
    last_error: str


@dataclass(frozen=True)
class Agreement:
    """How well the model agrees with the team's corrections: the honest live figure of its quality."""

    macro_f1: float
    corrected: int  # mentions both the team and the model have judged


def _agreement(session: Session, model_id: str | None) -> Agreement | None:
    pairs = model_vs_team(session, model_id)
    if not pairs:
        return None
    return Agreement(score_predictions([team for team, _ in pairs], [model for _, model in pairs]).macro_f1, len(pairs))


@dataclass
class WeeklyReport:
    week: str
    start: dt.datetime
    end: dt.datetime
    language: str
    model_id: str | None
    company: EntityWeek
    competitors: list[EntityWeek]
    per_source: list[tuple[str, int, int, int]]  # source, mentions, negative, positive
    weekly_series: list[tuple[str, int, int, int]]  # week, negative, positive, neutral (company)
    best: MentionRow | None
    worst: MentionRow | None
    coverage: list[CoverageRow]
    last_run: dict | None
    mentions: list[MentionRow] = field(default_factory=list)  # every mention of the week
    alert_problems: list[AlertProblem] = field(default_factory=list)  # alerts not (surely) delivered
    cases: list = field(default_factory=list)  # CaseSummary per department, all time
    closed_cases: list = field(default_factory=list)  # (id, status, owner, outcome, url) closed this week
    themes: list = field(default_factory=list)  # Theme: the week's complaints grouped by topic
    agreement: Agreement | None = None  # the model against the team's corrections, all time
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def share_of_voice(self) -> list[tuple[str, float]]:
        entities = [self.company, *self.competitors]
        total = sum(e.counts.mentions for e in entities) or 1
        return [(e.name, e.counts.mentions / total) for e in entities]


def _rows(session: Session, model_id: str | None, start, end, entity: str | None = None, label: str | None = None,
          order=None, limit: int | None = None) -> list[MentionRow]:
    q = (
        with_verdicts(select(Mention, Source.key, LABEL, POLARITY, ComplaintCase)
                      .join(Source, Source.id == Mention.source_id), model_id)
        .outerjoin(ComplaintCase, ComplaintCase.mention_id == Mention.id)
        .where(Mention.published_at >= start, Mention.published_at < end, Mention.duplicate_of_id.is_(None), RELEVANT)
    )
    if entity is not None:
        q = q.where(Mention.entity == entity)
    if label is not None:
        q = q.where(LABEL == label)
    q = q.order_by(*(order if order is not None else (Mention.published_at.desc(),)))
    if limit:
        q = q.limit(limit)
    out = []
    for m, source, lab, pol, case in session.execute(q):
        out.append(
            MentionRow(
                id=m.id, source=source, kind=m.kind, url=m.url, title=m.title, author=m.author,
                published_at=m.published_at, text=m.text, entity=m.entity, label=lab or "unscored",
                polarity=pol or 0.0, reach=m.reach, confidence=m.confidence,
                case_status=case.status if case else None, case_owner=case.owner if case else None,
                case_id=case.id if case else None, case_outcome=case.outcome if case else None,
            )
        )
    return out


def _counts(session: Session, model_id: str | None, start, end, entity: str) -> Counts:
    q = (
        with_verdicts(select(LABEL, func.count()).select_from(Mention), model_id)
        .where(Mention.entity == entity, Mention.published_at >= start, Mention.published_at < end,
               Mention.duplicate_of_id.is_(None), RELEVANT)
        .group_by(LABEL)
    )
    counts = Counts()
    for label, n in session.execute(q):
        setattr(counts, label, n)
        counts.mentions += n
    return counts


def _entity_week(session, model_id, start, end, name, kind, top_n) -> EntityWeek:
    prev_start = start - dt.timedelta(days=7)
    return EntityWeek(
        name=name,
        kind=kind,
        counts=_counts(session, model_id, start, end, name),
        previous=_counts(session, model_id, prev_start, start, name),
        complaints=_rows(session, model_id, start, end, name, "negative", (POLARITY.asc(),), top_n),
        praise=_rows(session, model_id, start, end, name, "positive", (POLARITY.desc(),), top_n),
        news=_labelled([r for r in _rows(session, model_id, start, end, name) if r.kind == "news"][:top_n]) if kind == "competitor" else [],
    )


def _labelled(rows: list[MentionRow]) -> list[MentionRow]:
    for r in rows:
        r.labels = news_labels(r.title, r.text)
    return rows


@dataclass
class CaseSummary:
    owner: str
    open: int = 0
    in_progress: int = 0
    resolved: int = 0
    rejected: int = 0


def _case_summary(session: Session) -> list[CaseSummary]:
    """All cases so far, per department at fault ("—" where nobody is named yet)."""
    out: dict[str, CaseSummary] = {}
    for owner, status, n in session.execute(
        select(ComplaintCase.owner, ComplaintCase.status, func.count()).group_by(ComplaintCase.owner, ComplaintCase.status)
    ):
        row = out.setdefault(owner or "—", CaseSummary(owner or "—"))
        if status in ("open", "in_progress", "resolved", "rejected"):
            setattr(row, status, getattr(row, status) + n)
    return sorted(out.values(), key=lambda c: (-(c.open + c.in_progress), c.owner))


def _closed_this_week(session: Session, start, end) -> list[tuple[int, str, str | None, str | None, str]]:
    """Cases resolved or rejected during the week: id, status, owner, outcome, link."""
    rows = session.execute(
        select(ComplaintCase.id, ComplaintCase.status, ComplaintCase.owner, ComplaintCase.outcome, Mention.url)
        .join(Mention, Mention.id == ComplaintCase.mention_id)
        .where(ComplaintCase.status.in_(("resolved", "rejected")), ComplaintCase.updated_at >= start,
               ComplaintCase.updated_at < end)
        .order_by(ComplaintCase.updated_at)
    ).all()
    return [tuple(r) for r in rows]


def _weekly_series(session: Session, model_id: str | None, entity: str, until: dt.datetime) -> list[tuple[str, int, int, int]]:
    """(week, negative, positive, neutral) for every ISO week from the entity's
    first mention up to `until`. Weeks come from the weekly_counts cache where
    it has them; a missing week is counted (an index range scan) and cached."""
    if model_id is None:
        return []
    first = session.scalar(select(func.min(Mention.published_at)).where(Mention.entity == entity))
    if first is None:
        return []
    cached = {
        row.week: (row.negative, row.positive, row.neutral)
        for row in session.scalars(select(WeeklyCount).where(WeeklyCount.entity == entity, WeeklyCount.model_id == model_id))
    }
    day = dt.date.fromisocalendar(*first.isocalendar()[:2], 1)
    out, fresh = [], []
    while day < until.date():
        week = iso_week(day)
        if week not in cached:
            cached[week] = _count_week(session, model_id, entity, week)
            fresh.append(week)
        out.append((week, *cached[week]))
        day += dt.timedelta(days=7)
    for week in fresh:
        neg, pos, neu = cached[week]
        insert_ignoring_conflict(session, WeeklyCount, dict(entity=entity, model_id=model_id, week=week, negative=neg,
                                                             positive=pos, neutral=neu), ["entity", "model_id", "week"])
    session.commit()
    # An entity with no scored mention at all has no chart.
    return out if any(sum(row[1:]) for row in out) else []


def _count_week(session: Session, model_id: str, entity: str, week: str) -> tuple[int, int, int]:
    start, end = week_bounds(week)
    counts = dict(session.execute(
        with_verdicts(select(LABEL, func.count()).select_from(Mention), model_id)
        .where(Mention.entity == entity, Mention.published_at >= start,
               Mention.published_at < end, Mention.duplicate_of_id.is_(None))
        .group_by(LABEL)
    ).all())
    return counts.get("negative", 0), counts.get("positive", 0), counts.get("neutral", 0)


def _weight(row: MentionRow) -> float:
    # Loud voices matter more: a post seen by 10,000 followers outweighs one seen by 10.
    return row.polarity * (1.0 + math.log10(1 + (row.reach or 0)))


def build_weekly_report(engine: Engine, settings: ReportSettings, company: Entity, competitors: list[Entity],
                        week: str) -> WeeklyReport:
    start, end = week_bounds(week)
    top_n = settings.top_n
    with Session(engine) as s:
        model_id = current_model_id(s)
        company_week = _entity_week(s, model_id, start, end, company.name, "company", top_n)
        competitor_weeks = [_entity_week(s, model_id, start, end, c.name, "competitor", top_n) for c in competitors]
        all_rows = _rows(s, model_id, start, end)
        week_rows = [r for r in all_rows if r.entity == company.name]
        scored = [r for r in week_rows if r.label in ("negative", "positive")]
        best = max((r for r in scored if r.label == "positive"), key=_weight, default=None)
        worst = min((r for r in scored if r.label == "negative"), key=_weight, default=None)
        per_source: dict[str, list[int]] = {}
        for r in week_rows:
            row = per_source.setdefault(r.source, [0, 0, 0])
            row[0] += 1
            row[1] += r.label == "negative"
            row[2] += r.label == "positive"
        last_run = s.scalars(
            select(Run).where(Run.command.in_(("run", "crawl", "demo"))).order_by(Run.id.desc()).limit(1)
        ).first()
        coverage = []
        if last_run is not None:
            for rs in s.scalars(select(RunSource).where(RunSource.run_id == last_run.id).order_by(RunSource.id)):
                coverage.append(CoverageRow(rs.source.key, rs.source.kind, rs.status, rs.items_seen, rs.items_new, rs.errors or []))
        run_info = None
        if last_run is not None:
            run_info = {"id": last_run.id, "started_at": last_run.started_at, "status": last_run.status}
        series = _weekly_series(s, model_id, company.name, end)
        alert_problems = _alert_problems(s)
        names = [n for e in (company, *competitors) for n in e.names]
        # Themes from the most negative complaints of each week: enough to find
        # what they are about, bounded however loud the week was.
        by_polarity = (POLARITY.asc(),)
        themes = complaint_themes(
            _rows(s, model_id, start, end, company.name, "negative", by_polarity, THEME_SAMPLE),
            _rows(s, model_id, start - dt.timedelta(days=7), start, company.name, "negative", by_polarity, THEME_SAMPLE),
            names,
        )
        cases = _case_summary(s)
        closed = _closed_this_week(s, start, end)
        agreement = _agreement(s, model_id)
    return WeeklyReport(
        week=week, start=start, end=end, language=settings.language, model_id=model_id,
        company=company_week, competitors=competitor_weeks,
        per_source=sorted(((k, *v) for k, v in per_source.items()), key=lambda t: -t[1]),
        weekly_series=series, best=best, worst=worst, coverage=coverage, last_run=run_info,
        mentions=all_rows, alert_problems=alert_problems, cases=cases, closed_cases=closed,
        themes=themes, agreement=agreement,
    )


def _alert_problems(session: Session) -> list[AlertProblem]:
    """Alerts a channel failed to deliver (they wait for a retry) or a killed run left unconfirmed."""
    return [AlertProblem(channel, status, count, error or "") for channel, status, count, error, _ in undelivered_alerts(session)]
