"""What raises an alert besides a single negative mention: a spike of negatives
against their own baseline, and a source that went silent or keeps failing.
Each alert has a key that makes it once-only in the outbox."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from alerts.base import Message
from alerts.settings import AlertSettings
from alerts.wording import ENGLISH, AlertWording
from matching import Entity
from store.cases import rejected_by_team
from store.models import Mention, Run, RunSource, Source, as_utc, utcnow
from store.repo import iso_week
from store.verdicts import LABEL, with_verdicts


@dataclass(frozen=True)
class Spike:
    day: dt.date
    count: int
    baseline_mean: float
    baseline_std: float


def find_spikes(daily: dict[dt.date, int], today: dt.date, k: float, min_count: int,
                baseline_days: int, window_days: int) -> list[Spike]:
    """Days of the last `window_days` (up to today) whose count exceeds the mean
    of the `baseline_days` before them by more than k standard deviations.

    The deviation is floored at √mean and at 1: counts are Poisson-like, and a
    perfectly flat baseline must not make every small bump a spike."""
    spikes = []
    for offset in range(window_days - 1, -1, -1):
        day = today - dt.timedelta(days=offset)
        count = daily.get(day, 0)
        if count < min_count:
            continue
        history = [daily.get(day - dt.timedelta(days=i), 0) for i in range(1, baseline_days + 1)]
        mean = sum(history) / len(history)
        std = math.sqrt(sum((x - mean) ** 2 for x in history) / len(history))
        if count > mean + k * max(std, math.sqrt(mean), 1.0):
            spikes.append(Spike(day, count, mean, std))
    return spikes


def negative_counts_by_day(engine: Engine, model_id: str, entity: str, since: dt.datetime) -> dict[dt.date, int]:
    with Session(engine) as s:
        rows = s.execute(
            with_verdicts(select(Mention.published_at).select_from(Mention), model_id)
            .where(LABEL == "negative", Mention.entity == entity, Mention.duplicate_of_id.is_(None),
                   Mention.published_at >= since, ~rejected_by_team())
        ).scalars()
        counts: dict[dt.date, int] = {}
        for published in rows:
            counts[published.date()] = counts.get(published.date(), 0) + 1
    return counts


def spike_alerts(engine: Engine, al: AlertSettings, entities: Iterable[Entity], model_id: str | None,
                 now: dt.datetime | None = None, wording: AlertWording = ENGLISH) -> list[Message]:
    if not al.spikes or model_id is None:
        return []
    now = now or utcnow()
    since = now - dt.timedelta(days=al.spike_baseline_days + al.spike_window_days + 1)
    entities = [e for e in entities if e.kind == "company" or al.include_competitors]
    out = []
    for entity in entities:
        daily = negative_counts_by_day(engine, model_id, entity.name, since)
        for spike in find_spikes(daily, now.date(), al.spike_k, al.spike_min_count, al.spike_baseline_days,
                                 al.spike_window_days):
            subject, text = wording.spike(entity.name, spike.day, spike.count, spike.baseline_mean, spike.baseline_std,
                                          al.spike_baseline_days)
            out.append(Message(subject=subject, text=text, kind="spike",
                               key=f"spike:{entity.name}:{spike.day.isoformat()}"))
    return out


def health_alerts(engine: Engine, al: AlertSettings, source_names: Iterable[str],
                  now: dt.datetime | None = None, wording: AlertWording = ENGLISH) -> list[Message]:
    """Of the enabled sources named, one with nothing new for `silent_days`, or
    failing its last `failing_runs` runs: at most one alert of each kind per
    source and ISO week."""
    if not al.health:
        return []
    now = now or utcnow()
    stamp = iso_week(now)
    out = []
    with Session(engine) as s:
        for name in source_names:
            source = s.scalar(select(Source).where(Source.key == name))
            if source is None:
                continue  # never crawled yet
            outcomes = s.scalars(
                select(RunSource.status).join(Run).where(RunSource.source_id == source.id)
                .order_by(Run.started_at.desc()).limit(al.failing_runs)
            ).all()
            if len(outcomes) == al.failing_runs and all(o == "failed" for o in outcomes):
                last = s.scalar(select(RunSource.errors).join(Run).where(RunSource.source_id == source.id)
                                .order_by(Run.started_at.desc()).limit(1)) or []
                reason = last[0]["reason"] if last and isinstance(last[0], dict) else None
                subject, text = wording.failing(source.key, source.kind, source.url, al.failing_runs, reason)
                out.append(Message(subject=subject, text=text, kind="health", key=f"health:failing:{source.key}:{stamp}"))
            latest = s.scalar(select(func.max(Mention.collected_at)).where(Mention.source_id == source.id))
            first_run = s.scalar(select(func.min(Run.started_at)).join(RunSource).where(RunSource.source_id == source.id))
            since = latest or first_run
            if since is not None and as_utc(since) < now - dt.timedelta(days=al.silent_days):
                subject, text = wording.silent(source.key, source.kind, source.url, since, ever=latest is not None)
                out.append(Message(subject=subject, text=text, kind="health", key=f"health:silent:{source.key}:{stamp}"))
    return out

