"""Everything the weekly report shows, read from the store for one ISO week on
the team's clock ([report] timezone).

What a mention counts as is the team's correction where there is one, else the
model's verdict (store.verdicts), except that a complaint whose case the team
rejected (not ours, not a complaint) counts as `rejected`: in no complaint
count, list, theme or chart (`counted_label`). A mention the team marked "not
about us" counts nowhere."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, case, func, or_, select
from sqlalchemy.orm import Session

from matching import Entity, feed_source_names
from reports.charts import spike_weeks
from reports.labels import news_labels
from reports.quotes import candidates, choose_quotes
from reports.settings import ReportSettings, TeamSettings
from reports.staff import like_patterns, names_in
from reports.themes import Themes, complaint_themes
from store.cases import CLOSED, rejected_by_team
from sentiment.evaluate import score_predictions
from store.corrections import model_vs_team
from store.models import ComplaintCase, Correction, Mention, Run, RunSource, Sentiment, Source, WeeklyCount, as_utc
from store.quotes import dropped_in, keep_chosen, picked_ids
from store.repo import current_model_id, insert_ignoring_conflict, iso_week, undelivered_alerts, week_bounds
from store.verdicts import LABEL, POLARITY, RELEVANT

THEME_SAMPLE = 500
CRAWL_COMMANDS = ("run", "crawl", "demo")
STAFF_PRAISE_SHOWN = 3


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
    label: str  # the model's verdict (or unscored)
    polarity: float
    reach: int | None
    confidence: str = "high"  # "low": text guessed by generic extraction (no known page structure)
    case_status: str | None = None
    case_owner: str | None = None
    case_id: int | None = None
    case_outcome: str | None = None
    labels: list[str] = field(default_factory=list)  # for competitor news: promotion, price, product, incident
    lang: str | None = None  # as detected when the mention was stored
    language_measured: bool = True  # False: the model was never trained or measured on this language

    @property
    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 280 else text[:277].rstrip() + "…"

    @property
    def rejected(self) -> bool:
        """The team rejected its case: it is no complaint."""
        return self.case_status == "rejected"

    @property
    def counted_as(self) -> str:
        return "rejected" if self.rejected else self.label


@dataclass
class Counts:
    mentions: int = 0
    negative: int = 0
    neutral: int = 0
    positive: int = 0
    unscored: int = 0
    rejected: int = 0  # complaints the team rejected: mentions, but no complaints


@dataclass
class EntityWeek:
    name: str
    kind: str
    counts: Counts
    previous: Counts
    complaints: list[MentionRow] = field(default_factory=list)
    praise: list[MentionRow] = field(default_factory=list)
    news: list[MentionRow] = field(default_factory=list)
    news_total: int = 0


@dataclass
class CoverageRow:
    source: str
    kind: str
    status: str
    items_seen: int
    items_new: int
    errors: list[dict]


@dataclass
class SourceFailure:
    """A source that failed in the last crawl, and since when it has been failing."""

    source: str
    kind: str
    since: dt.datetime  # the first run of its current run of failures
    runs: int  # runs failed in a row
    reason: str


@dataclass
class AlertProblem:
    channel: str
    status: str  # failed | unconfirmed
    count: int
    last_error: str


@dataclass
class CaseSummary:
    owner: str
    open: int = 0
    in_progress: int = 0
    resolved: int = 0
    rejected: int = 0
    median_resolution: dt.timedelta | None = None  # from the complaint to its resolution


@dataclass
class ClosedCase:
    id: int
    status: str  # resolved | rejected
    owner: str | None
    outcome: str | None
    url: str
    complained_at: dt.datetime
    closed_at: dt.datetime

    @property
    def took(self) -> dt.timedelta:
        return self.closed_at - self.complained_at


@dataclass
class QuoteItem:
    mention: MentionRow
    picked: bool  # by the team; else chosen by the report


@dataclass
class StaffThanks:
    name: str
    week: int
    all_time: int
    praise: list[MentionRow] = field(default_factory=list)  # this week's, the first few


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
    cases: list[CaseSummary] = field(default_factory=list)  # per department, all time
    closed_cases: list[ClosedCase] = field(default_factory=list)  # closed during the week
    themes: Themes = field(default_factory=lambda: Themes([]))  # the week's complaints grouped by topic
    agreement: Agreement | None = None  # the model against the team's corrections, all time
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    timezone: str = "UTC"
    source_names: dict[str, str] = field(default_factory=dict)  # source key → its name in the report's language
    failures: list[SourceFailure] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    staff: list[StaffThanks] = field(default_factory=list)  # empty unless [team] staff names people
    staff_configured: bool = False
    spikes: list[str] = field(default_factory=list)  # weeks of the series far above the weeks before
    link: str | None = None  # the report on the board, if the config says where
    csv_delimiter: str = ","

    @property
    def share_of_voice(self) -> list[tuple[str, float]]:
        entities = [self.company, *self.competitors]
        total = sum(e.counts.mentions for e in entities) or 1
        return [(e.name, e.counts.mentions / total) for e in entities]

    @property
    def unmeasured_languages(self) -> list[tuple[str, int]]:
        """(language, mentions) of the week's mentions scored in a language the model was not measured on."""
        counts = Counter(m.lang for m in self.mentions if not m.language_measured)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @property
    def nothing_read(self) -> bool:
        """Every source of the last crawl failed: the week's figures are not what was said."""
        return read_nothing(self.coverage)

    @property
    def blind(self) -> bool:
        """Nothing read and nothing collected before: there are no figures to show, only that."""
        return self.nothing_read and self.company.counts.mentions == 0


def read_nothing(coverage: list[CoverageRow]) -> bool:
    return bool(coverage) and not any(c.status == "ok" for c in coverage)


def counted_label():
    """What a mention counts as: the team's correction or else the model's
    verdict (store.verdicts.LABEL), except a complaint whose case the team
    rejected. The query outer-joins ComplaintCase on the mention (`_with_cases`):
    a join, since an EXISTS per row made the all-time series a third slower."""
    return case((ComplaintCase.status == "rejected", "rejected"), else_=LABEL)


def _with_cases(query):
    return query.outerjoin(ComplaintCase, ComplaintCase.mention_id == Mention.id)


class _Week:
    """Reads one week (or other span) of the store on the current model's verdicts."""

    def __init__(self, session: Session, model_id: str | None, settings: ReportSettings,
                 measured_languages: tuple[str, ...] | None = None):
        self.s, self.model_id, self.settings = session, model_id, settings
        self.zone = settings.zone
        self.measured_languages = measured_languages

    def measured(self, lang: str | None) -> bool:
        """Whether the model's verdict on a text in `lang` is one it was measured on
        (an undetected language gets the benefit of the doubt)."""
        return self.measured_languages is None or not lang or lang in self.measured_languages

    def _verdicts(self):
        return (Sentiment.mention_id == Mention.id) & (Sentiment.model_id == self.model_id)

    def _judged(self, query, inner: bool = False):
        """`query` with the model's verdicts (an inner join when only scored mentions count) and the team's corrections."""
        join = query.join if inner else query.outerjoin
        return join(Sentiment, self._verdicts()).outerjoin(Correction, Correction.mention_id == Mention.id)

    def rows(self, start=None, end=None, entity: str | None = None, label: str | None = None, order=None,
             limit: int | None = None, ids: list[int] | None = None, kind: str | None = None) -> list[MentionRow]:
        # Columns, not ORM objects: a week of a big store is thousands of rows.
        q = (
            select(Mention.id, Source.key, Mention.kind, Mention.url, Mention.title, Mention.author,
                   Mention.published_at, Mention.text, Mention.entity, LABEL, POLARITY,
                   Mention.reach, Mention.confidence, ComplaintCase.status, ComplaintCase.owner, ComplaintCase.id,
                   ComplaintCase.outcome, Mention.lang, Correction.label)
            .join(Source, Source.id == Mention.source_id)
        )
        q = self._judged(q).outerjoin(ComplaintCase, ComplaintCase.mention_id == Mention.id).where(RELEVANT)
        if ids is not None:
            q = q.where(Mention.id.in_(ids))
        else:
            q = q.where(Mention.published_at >= start, Mention.published_at < end, Mention.duplicate_of_id.is_(None))
        if entity is not None:
            q = q.where(Mention.entity == entity)
        if kind is not None:
            q = q.where(Mention.kind == kind)
        if label is not None:
            q = q.where(LABEL == label, or_(ComplaintCase.status.is_(None), ComplaintCase.status != "rejected"))
        q = q.order_by(*(order if order is not None else (Mention.published_at.desc(),)), Mention.id)
        if limit:
            q = q.limit(limit)
        return [
            MentionRow(
                id=i, source=source, kind=kind, url=url, title=title, author=author, published_at=as_utc(published),
                text=text, entity=entity_, label=lab or "unscored", polarity=pol or 0.0, reach=reach,
                confidence=confidence, case_status=status, case_owner=owner, case_id=case_id, case_outcome=outcome,
                lang=lang, language_measured=corrected is not None or lab is None or self.measured(lang),
            )
            for (i, source, kind, url, title, author, published, text, entity_, lab, pol, reach, confidence, status,
                 owner, case_id, outcome, lang, corrected) in self.s.execute(q)
        ]

    def counts(self, start, end, entity: str) -> Counts:
        label = counted_label()
        q = (
            _with_cases(self._judged(select(label, func.count()).select_from(Mention)))
            .where(Mention.entity == entity, Mention.published_at >= start, Mention.published_at < end,
                   Mention.duplicate_of_id.is_(None), RELEVANT)
            .group_by(label)
        )
        counts = Counts()
        for name, n in self.s.execute(q):
            setattr(counts, name, n)
            counts.mentions += n
        return counts

    def entity_week(self, start, end, name, kind) -> EntityWeek:
        top_n = self.settings.top_n
        week = EntityWeek(
            name=name, kind=kind,
            counts=self.counts(start, end, name),
            previous=self.counts(start - dt.timedelta(days=7), start, name),
            complaints=self.rows(start, end, name, "negative", (POLARITY.asc(),), top_n),
            praise=self.rows(start, end, name, "positive", (POLARITY.desc(),), top_n),
        )
        if kind == "competitor":
            news = self.rows(start, end, name, kind="news")
            week.news, week.news_total = _labelled(news[:top_n]), len(news)
        return week

    def weekly_series(self, entity: str, until: dt.datetime) -> list[tuple[str, int, int, int]]:
        """(week, negative, positive, neutral) for every week from the entity's
        first mention up to `until`. Weeks come from the weekly_counts cache
        where it has them; a missing week is counted (an index range scan) and
        cached."""
        if self.model_id is None:
            return []
        first = self.s.scalar(select(func.min(Mention.published_at)).where(Mention.entity == entity))
        if first is None:
            return []
        timezone = self.settings.timezone
        cached = {
            row.week: (row.negative, row.positive, row.neutral)
            for row in self.s.scalars(select(WeeklyCount).where(
                WeeklyCount.entity == entity, WeeklyCount.model_id == self.model_id, WeeklyCount.timezone == timezone))
        }
        out, fresh = [], []
        week = iso_week(as_utc(first), self.zone)
        start, end = week_bounds(week, self.zone)
        while start < until:
            if week not in cached:
                cached[week] = self._count_week(entity, start, end)
                fresh.append(week)
            out.append((week, *cached[week]))
            week = iso_week(end, self.zone)
            start, end = week_bounds(week, self.zone)
        for week in fresh:
            neg, pos, neu = cached[week]
            insert_ignoring_conflict(self.s, WeeklyCount, dict(
                entity=entity, model_id=self.model_id, timezone=timezone, week=week, negative=neg, positive=pos,
                neutral=neu), ["entity", "model_id", "timezone", "week"])
        self.s.commit()
        # An entity with no scored mention at all has no chart.
        return out if any(sum(row[1:]) for row in out) else []

    def _count_week(self, entity: str, start, end) -> tuple[int, int, int]:
        label = counted_label()
        counts = dict(self.s.execute(
            _with_cases(self._judged(select(label, func.count()).select_from(Mention), inner=True))
            .where(Mention.entity == entity, Mention.published_at >= start,
                   Mention.published_at < end, Mention.duplicate_of_id.is_(None), RELEVANT)
            .group_by(label)
        ).all())
        return counts.get("negative", 0), counts.get("positive", 0), counts.get("neutral", 0)


def _labelled(rows: list[MentionRow]) -> list[MentionRow]:
    for r in rows:
        r.labels = news_labels(r.title, r.text)
    return rows


def _case_summary(session: Session) -> list[CaseSummary]:
    """All cases so far, per department at fault ("—" where nobody is named yet),
    with the median time from the complaint to its resolution."""
    out: dict[str, CaseSummary] = {}
    for owner, status, n in session.execute(
        select(ComplaintCase.owner, ComplaintCase.status, func.count()).group_by(ComplaintCase.owner, ComplaintCase.status)
    ):
        row = out.setdefault(owner or "—", CaseSummary(owner or "—"))
        if status in ("open", "in_progress", "resolved", "rejected"):
            setattr(row, status, getattr(row, status) + n)
    spans: dict[str, list[dt.timedelta]] = {}
    for owner, closed, complained in session.execute(
        select(ComplaintCase.owner, ComplaintCase.closed_at, Mention.published_at)
        .join(Mention, Mention.id == ComplaintCase.mention_id)
        .where(ComplaintCase.status == "resolved", ComplaintCase.closed_at.is_not(None))
    ):
        spans.setdefault(owner or "—", []).append(max(as_utc(closed) - as_utc(complained), dt.timedelta(0)))
    for owner, times in spans.items():
        out[owner].median_resolution = statistics.median(times)
    return sorted(out.values(), key=lambda c: (-(c.open + c.in_progress), c.owner))


def _closed_this_week(session: Session, start, end) -> list[ClosedCase]:
    rows = session.execute(
        select(ComplaintCase.id, ComplaintCase.status, ComplaintCase.owner, ComplaintCase.outcome, Mention.url,
               Mention.published_at, ComplaintCase.closed_at)
        .join(Mention, Mention.id == ComplaintCase.mention_id)
        .where(ComplaintCase.status.in_(CLOSED), ComplaintCase.closed_at >= start, ComplaintCase.closed_at < end)
        .order_by(ComplaintCase.closed_at)
    ).all()
    return [ClosedCase(i, status, owner, outcome, url, as_utc(complained), as_utc(closed))
            for i, status, owner, outcome, url, complained, closed in rows]


def _last_crawl(session: Session) -> Run | None:
    return session.scalars(
        select(Run).where(Run.command.in_(CRAWL_COMMANDS)).order_by(Run.id.desc()).limit(1)
    ).first()


def _failures(session: Session, run: Run) -> list[SourceFailure]:
    """Each source that failed in `run`, with the start of its current run of failures."""
    out = []
    for rs in session.scalars(select(RunSource).where(RunSource.run_id == run.id, RunSource.status == "failed")
                              .order_by(RunSource.id)):
        history = session.execute(
            select(RunSource.status, Run.started_at).join(Run, Run.id == RunSource.run_id)
            .where(RunSource.source_id == rs.source_id, Run.command.in_(CRAWL_COMMANDS), Run.id <= run.id)
            .order_by(Run.id.desc()).limit(1000)
        ).all()
        streak = []
        for status, started in history:
            if status != "failed":
                break
            streak.append(started)
        reason = rs.errors[0]["reason"] if rs.errors and isinstance(rs.errors[0], dict) else ""
        out.append(SourceFailure(rs.source.key, rs.source.kind, as_utc(streak[-1]), len(streak), reason))
    return out


def _weight(row: MentionRow) -> float:
    # Loud voices matter more: a post seen by 10,000 followers outweighs one seen by 10.
    return row.polarity * (1.0 + math.log10(1 + (row.reach or 0)))


def _quotes(reader: _Week, week: str, week_rows: list[MentionRow], names: list[str]) -> list[QuoteItem]:
    """The team's picks for the week; else the report's own choice, which it keeps."""
    s = reader.s
    picked = picked_ids(s, week)
    if picked:
        return [QuoteItem(row, True) for row in reader.rows(ids=picked, order=(Mention.published_at.asc(),))]
    quotable = candidates(week_rows)
    chosen = choose_quotes(quotable, reader.settings.quotes, names, dropped_in(s, [r.id for r in quotable]))
    keep_chosen(s, week, [r.id for r in chosen])
    s.commit()
    return [QuoteItem(row, False) for row in chosen]


def _staff(reader: _Week, staff: tuple[str, ...], company: str, week_rows: list[MentionRow],
           until: dt.datetime) -> list[StaffThanks]:
    """Praise naming each member of staff: this week's, and the count over all time."""
    thanks = {name: StaffThanks(name, 0, 0) for name in staff}
    for row in week_rows:
        if row.counted_as == "positive":
            for name in names_in(row.text, staff):
                thanks[name].week += 1
                if len(thanks[name].praise) < STAFF_PRAISE_SHOWN:
                    thanks[name].praise.append(row)
    texts = reader.s.scalars(
        reader._judged(select(Mention.text).select_from(Mention))
        .where(Mention.entity == company, Mention.duplicate_of_id.is_(None), Mention.published_at < until,
               LABEL == "positive", ~rejected_by_team(),
               or_(*(Mention.text.like(p) for p in like_patterns(staff))))
    )
    for text in texts:
        for name in names_in(text, staff):
            thanks[name].all_time += 1
    return sorted(thanks.values(), key=lambda t: (-t.week, -t.all_time, staff.index(t.name)))


def build_weekly_report(engine: Engine, settings: ReportSettings, company: Entity, competitors: list[Entity],
                        week: str, team: TeamSettings = TeamSettings(),
                        measured_languages: tuple[str, ...] | None = None) -> WeeklyReport:
    """The week's report. `measured_languages`: the languages the sentiment model
    was trained and measured on; verdicts on mentions in others are marked (None: no marks)."""
    zone = settings.zone
    start, end = week_bounds(week, zone)
    with Session(engine) as s:
        model_id = current_model_id(s)
        reader = _Week(s, model_id, settings, measured_languages)
        company_week = reader.entity_week(start, end, company.name, "company")
        competitor_weeks = [reader.entity_week(start, end, c.name, "competitor") for c in competitors]
        all_rows = reader.rows(start, end)
        week_rows = [r for r in all_rows if r.entity == company.name]
        scored = [r for r in week_rows if r.counted_as in ("negative", "positive")]
        best = max((r for r in scored if r.counted_as == "positive"), key=_weight, default=None)
        worst = min((r for r in scored if r.counted_as == "negative"), key=_weight, default=None)
        per_source: dict[str, list[int]] = {}
        for r in week_rows:
            row = per_source.setdefault(r.source, [0, 0, 0])
            row[0] += 1
            row[1] += r.counted_as == "negative"
            row[2] += r.counted_as == "positive"
        last_run = _last_crawl(s)
        coverage, failures, run_info = [], [], None
        if last_run is not None:
            for rs in s.scalars(select(RunSource).where(RunSource.run_id == last_run.id).order_by(RunSource.id)):
                coverage.append(CoverageRow(rs.source.key, rs.source.kind, rs.status, rs.items_seen, rs.items_new, rs.errors or []))
            failures = _failures(s, last_run)
            run_info = {"id": last_run.id, "started_at": as_utc(last_run.started_at), "status": last_run.status}
        series = reader.weekly_series(company.name, end)
        alert_problems = _alert_problems(s)
        names = [n for e in (company, *competitors) for n in e.names]
        # Themes from the most negative complaints of each week: enough to find
        # what they are about, bounded however loud the week was.
        by_polarity = (POLARITY.asc(),)
        themes = complaint_themes(
            reader.rows(start, end, company.name, "negative", by_polarity, THEME_SAMPLE),
            reader.rows(start - dt.timedelta(days=7), start, company.name, "negative", by_polarity, THEME_SAMPLE),
            names,
        )
        # A week nothing could be read in has no quotes to choose, and keeps none.
        quotes = [] if read_nothing(coverage) and not week_rows else _quotes(reader, week, week_rows, names)
        staff = _staff(reader, team.staff, company.name, week_rows, end) if team.staff else []
        cases = _case_summary(s)
        closed = _closed_this_week(s, start, end)
        agreement = _agreement(s, model_id)
    return WeeklyReport(
        week=week, start=start, end=end, language=settings.language, model_id=model_id,
        company=company_week, competitors=competitor_weeks,
        per_source=sorted(((k, *v) for k, v in per_source.items()), key=lambda t: (-t[1], t[0])),
        weekly_series=series, best=best, worst=worst, coverage=coverage, last_run=run_info,
        mentions=all_rows, alert_problems=alert_problems, cases=cases, closed_cases=closed,
        themes=themes, timezone=settings.timezone, agreement=agreement,
        source_names=feed_source_names(competitors, settings.language), failures=failures, quotes=quotes,
        staff=staff, staff_configured=bool(team.staff), spikes=spike_weeks(series), link=settings.link(week),
        csv_delimiter=settings.csv_delimiter,
    )


def _alert_problems(session: Session) -> list[AlertProblem]:
    """Alerts a channel failed to deliver (they wait for a retry) or a killed run left unconfirmed."""
    return [AlertProblem(channel, status, count, error or "") for channel, status, count, error, _ in undelivered_alerts(session)]
