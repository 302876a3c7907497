"""Writes and reads shared by the stages. Every write is an idempotent upsert, so
a run that is killed and run again neither loses nor duplicates rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any, Iterable

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from molva.config import SourceConfig
from molva.items import MentionItem
from store.models import AlertRecord, Mention, Run, RunSource, Source, utcnow


def insert_ignoring_conflict(session: Session, model, values: dict[str, Any], keys: list[str]):
    """INSERT ... ON CONFLICT (keys) DO NOTHING RETURNING id; None when the row existed."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (
        dialect.insert(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=keys)
        .returning(model.id)
    )
    return session.execute(stmt).scalar()


def ensure_source(session: Session, source: SourceConfig) -> Source:
    insert_ignoring_conflict(
        session, Source, {"key": source.name, "kind": source.kind, "url": source.url, "state": {}}, ["key"]
    )
    row = session.scalars(select(Source).where(Source.key == source.name)).one()
    if (row.kind, row.url) != (source.kind, source.url):
        row.kind, row.url = source.kind, source.url
    return row


def store_mentions(session: Session, source_id: int, run_id: int | None, items: Iterable[MentionItem]) -> int:
    """Store matched items; returns how many were new. Text seen before (same
    content hash, from any source) is stored but marked as a duplicate of the first."""
    new = 0
    for item in items:
        values = asdict(item)
        values.pop("source")
        values.update(source_id=source_id, run_id=run_id)
        mention_id = insert_ignoring_conflict(session, Mention, values, ["source_id", "external_id"])
        if mention_id is None:
            continue
        new += 1
        first = session.scalar(
            select(func.min(Mention.id)).where(
                Mention.content_hash == item.content_hash, Mention.id < mention_id
            )
        )
        if first is not None:
            session.execute(update(Mention).where(Mention.id == mention_id).values(duplicate_of_id=first))
    return new


def start_run(engine: Engine, command: str) -> int:
    with Session(engine) as s, s.begin():
        run = Run(command=command, status="running")
        s.add(run)
        s.flush()
        return run.id


def finish_run(engine: Engine, run_id: int, status: str, error: str | None = None, stats: dict | None = None) -> None:
    with Session(engine) as s, s.begin():
        run = s.get(Run, run_id)
        run.status, run.error, run.finished_at = status, error, utcnow()
        if stats is not None:
            run.stats = {**(run.stats or {}), **stats}


def record_source_outcome(
    engine: Engine, run_id: int, source: SourceConfig, status: str, seen: int, new: int, errors: list[dict]
) -> None:
    with Session(engine) as s, s.begin():
        src = ensure_source(s, source)
        values = {
            "run_id": run_id,
            "source_id": src.id,
            "status": status,
            "items_seen": seen,
            "items_new": new,
            "errors": errors,
        }
        if insert_ignoring_conflict(s, RunSource, values, ["run_id", "source_id"]) is None:
            s.execute(
                update(RunSource)
                .where(RunSource.run_id == run_id, RunSource.source_id == src.id)
                .values(status=status, items_seen=seen, items_new=new, errors=errors)
            )
        if status == "ok":
            src.last_success_at = utcnow()


def save_source_state(engine: Engine, source: SourceConfig, state: dict[str, Any]) -> None:
    with Session(engine) as s, s.begin():
        ensure_source(s, source).state = dict(state)


def load_source_state(engine: Engine, source: SourceConfig) -> dict[str, Any]:
    with Session(engine) as s, s.begin():
        return dict(ensure_source(s, source).state or {})


def week_bounds(iso_week: str) -> tuple[dt.datetime, dt.datetime]:
    """'2026-W47' → [Monday 00:00 UTC, next Monday 00:00 UTC)."""
    try:
        year, week = iso_week.upper().split("-W")
        start = dt.datetime.fromisocalendar(int(year), int(week), 1).replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise ValueError(f"not an ISO week: {iso_week!r} (expected e.g. 2026-W47)") from None
    return start, start + dt.timedelta(days=7)


def iso_week(when: dt.date | dt.datetime) -> str:
    """The ISO week a day falls in, as week_bounds reads it: '2026-W47'."""
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def last_complete_week(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    return iso_week(now - dt.timedelta(days=7))


def undelivered_alerts(session: Session) -> list[tuple[str, str, int, str | None, dt.datetime | None]]:
    """Per channel and status (failed, unconfirmed): how many, and the latest one's
    error and next try. For `molva status` and the report's coverage section."""
    out = []
    for channel, status, count in session.execute(
        select(AlertRecord.channel, AlertRecord.status, func.count())
        .where(AlertRecord.status.in_(("failed", "unconfirmed")))
        .group_by(AlertRecord.channel, AlertRecord.status).order_by(AlertRecord.channel, AlertRecord.status)
    ):
        last = session.execute(
            select(AlertRecord.last_error, AlertRecord.next_attempt_at)
            .where(AlertRecord.channel == channel, AlertRecord.status == status)
            .order_by(AlertRecord.id.desc()).limit(1)
        ).one()
        out.append((channel, status, count, last.last_error, last.next_attempt_at))
    return out
