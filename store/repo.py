"""Writes and reads shared by the stages. Every write is an idempotent upsert, so
a run that is killed and run again neither loses nor duplicates rows."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Protocol

from sqlalchemy import Engine, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import AlertRecord, Mention, Run, RunSource, Sentiment, Source, as_utc, utcnow


class SourceRef(Protocol):
    """What the store needs to know of a configured source."""

    name: str
    kind: str
    url: str


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


def ensure_source(session: Session, source: SourceRef) -> Source:
    insert_ignoring_conflict(
        session, Source, {"key": source.name, "kind": source.kind, "url": source.url, "state": {}}, ["key"]
    )
    row = session.scalars(select(Source).where(Source.key == source.name)).one()
    if (row.kind, row.url) != (source.kind, source.url):
        row.kind, row.url = source.kind, source.url
    return row


# The same words within this many days are one event (a cross-post, a re-post);
# further apart they are news again (a monthly maintenance notice, a yearly promotion).
DUPLICATE_WINDOW = dt.timedelta(days=30)


def store_mentions(session: Session, source_id: int, run_id: int | None, mentions: Iterable[dict[str, Any]]) -> int:
    """Store matched mentions (rows of Mention's columns) with one multi-row
    insert; returns how many were new. Text seen before (same content hash,
    from any source, within DUPLICATE_WINDOW) is stored but marked as a
    duplicate of the first original."""
    rows = [{**mention, "source_id": source_id, "run_id": run_id} for mention in mentions]
    if not rows:
        return 0
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    inserted = session.execute(
        dialect.insert(Mention).values(rows).on_conflict_do_nothing(index_elements=["source_id", "external_id"])
        .returning(Mention.id, Mention.content_hash, Mention.published_at)
    ).all()
    mark_duplicates(session, sorted(inserted))
    return len(inserted)


def mark_duplicates(session: Session, new_rows: list[tuple[int, str, dt.datetime]]) -> None:
    """Point each new row at the earliest original with its text in the window."""
    if not new_rows:
        return
    known: dict[str, list[list]] = {}  # hash -> [[id, published_at, duplicate_of_id], ...] by id
    by_id: dict[int, list] = {}
    for ident, chash, published, dup in session.execute(
        select(Mention.id, Mention.content_hash, Mention.published_at, Mention.duplicate_of_id)
        .where(Mention.content_hash.in_({h for _, h, _ in new_rows})).order_by(Mention.id)
    ):
        by_id[ident] = [ident, as_utc(published), dup]
        known.setdefault(chash, []).append(by_id[ident])
    marks = []
    for ident, chash, published in new_rows:
        published = as_utc(published)
        for other in known.get(chash, []):
            if other[0] >= ident:
                break
            if abs(other[1] - published) <= DUPLICATE_WINDOW:
                original = other[2] or other[0]
                marks.append({"mention": ident, "original": original})
                by_id[ident][2] = original
                break
    if marks:
        table = Mention.__table__
        session.connection().execute(
            update(table).where(table.c.id == bindparam("mention")).values(duplicate_of_id=bindparam("original")), marks)


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
    engine: Engine, run_id: int, source: SourceRef, status: str, seen: int, new: int, errors: list[dict]
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


def save_source_state(engine: Engine, source: SourceRef, state: dict[str, Any]) -> None:
    with Session(engine) as s, s.begin():
        ensure_source(s, source).state = dict(state)


def load_source_state(engine: Engine, source: SourceRef) -> dict[str, Any]:
    with Session(engine) as s, s.begin():
        return dict(ensure_source(s, source).state or {})


def week_bounds(iso_week: str, tz: dt.tzinfo = dt.timezone.utc) -> tuple[dt.datetime, dt.datetime]:
    """'2026-W47' → [Monday 00:00, next Monday 00:00) on the clocks of `tz`, as
    UTC times (the store's: SQLite compares times as written, without offsets)."""
    try:
        year, week = iso_week.upper().split("-W")
        monday = dt.datetime.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise ValueError(f"not an ISO week: {iso_week!r} (expected e.g. 2026-W47)") from None
    # Midnight to midnight on the wall clock: a week across a DST change is 167 or 169 hours.
    start, end = monday.replace(tzinfo=tz), (monday + dt.timedelta(days=7)).replace(tzinfo=tz)
    return start.astimezone(dt.timezone.utc), end.astimezone(dt.timezone.utc)


def iso_week(when: dt.date | dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """The ISO week a day falls in, as week_bounds reads it: '2026-W47'. A time
    is first put on the clocks of `tz` (a time without offset is UTC)."""
    if tz is not None and isinstance(when, dt.datetime):
        when = as_utc(when).astimezone(tz)
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def last_complete_week(now: dt.datetime | None = None, tz: dt.tzinfo = dt.timezone.utc) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    return iso_week(as_utc(now).astimezone(tz) - dt.timedelta(days=7))


def current_model_id(session: Session) -> str | None:
    """The model that scored last: the one whose verdicts the report, the cases and the alerts read."""
    return session.scalar(select(Sentiment.model_id).order_by(Sentiment.scored_at.desc(), Sentiment.id.desc()).limit(1))


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
