"""Writes and reads shared by the stages. Every write is an idempotent upsert, so
a run that is killed and run again neither loses nor duplicates rows."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Protocol

from sqlalchemy import Engine, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import AlertRecord, ComplaintCase, Mention, Run, RunSource, Sentiment, Source, as_utc, utcnow
from store.redaction import redact, redact_errors
from store.workers import pid_alive, this_worker


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
    duplicate of its original (see mark_duplicates)."""
    rows = [{**mention, "source_id": source_id, "run_id": run_id} for mention in mentions]
    if not rows:
        return 0
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    inserted = session.execute(
        dialect.insert(Mention).values(rows).on_conflict_do_nothing(index_elements=["source_id", "external_id"])
        .returning(Mention.id, Mention.content_hash)
    ).all()
    mark_duplicates(session, {chash for _, chash in inserted})
    return len(inserted)


def mark_duplicates(session: Session, hashes: set[str]) -> None:
    """Decide again, for every text in `hashes`, which of its copies is the
    original: the earliest published (ties by source name and id at the
    source), then each copy within DUPLICATE_WINDOW of it is a duplicate, and
    the first one further away starts a new event. The answer depends only on
    what is stored, never on the order it was crawled in. A complaint case
    follows its event to the new original when an earlier copy turns up."""
    if not hashes:
        return
    rows = session.execute(
        select(Mention.id, Mention.content_hash, Mention.published_at, Mention.duplicate_of_id)
        .join(Source, Source.id == Mention.source_id)
        .where(Mention.content_hash.in_(hashes))
        .order_by(Mention.content_hash, Mention.published_at, Source.key, Mention.external_id)
    ).all()
    now: dict[int, int | None] = {}  # mention → its original (None: it is one)
    original, since, text = None, None, None
    for ident, chash, published, _ in rows:
        published = as_utc(published)
        if chash != text or published - since > DUPLICATE_WINDOW:
            original, since, text = ident, published, chash
            now[ident] = None
        else:
            now[ident] = original
    before = {ident: duplicate_of for ident, _, _, duplicate_of in rows}
    marks = [{"mention": ident, "original": now[ident]} for ident in now if now[ident] != before[ident]]
    if marks:
        table = Mention.__table__
        session.connection().execute(
            update(table).where(table.c.id == bindparam("mention")).values(duplicate_of_id=bindparam("original")), marks)
    # an original that became a copy of an earlier one: its case follows the event
    _move_cases(session, {ident: now[ident] for ident in now if before[ident] is None and now[ident] is not None})


def _move_cases(session: Session, moved: dict[int, int]) -> None:
    """old original → new original: its case moves along, unless the new one has its own."""
    for old, new in moved.items():
        case = session.scalar(select(ComplaintCase).where(ComplaintCase.mention_id == old))
        if case is not None and session.scalar(select(ComplaintCase.id).where(ComplaintCase.mention_id == new)) is None:
            case.mention_id = new
    session.flush()


def start_run(engine: Engine, command: str) -> int:
    worker = this_worker()
    with Session(engine) as s, s.begin():
        run = Run(command=command, status="running", host=worker.host, pid=worker.pid)
        s.add(run)
        s.flush()
        return run.id


def settle_interrupted_runs(engine: Engine, locked_commands: Iterable[str] = ()) -> int:
    """Runs still `running` whose process is gone become `interrupted`: on this
    host, those whose pid no longer runs; anywhere, those of `locked_commands`
    (the caller holds the run lock now, so no such run can still be going)."""
    locked = set(locked_commands)
    settled = 0
    with Session(engine) as s, s.begin():
        for run in s.scalars(select(Run).where(Run.status == "running")):
            here_and_dead = run.host == this_worker().host and run.pid is not None and not pid_alive(run.pid)
            if run.command in locked or here_and_dead:
                run.status, run.error = "interrupted", "the process stopped before the run finished (killed, or the machine went down)"
                settled += 1
    return settled


def finish_run(engine: Engine, run_id: int, status: str, error: str | None = None, stats: dict | None = None) -> None:
    with Session(engine) as s, s.begin():
        run = s.get(Run, run_id)
        run.status, run.error, run.finished_at = status, redact(error), utcnow()
        if stats is not None:
            run.stats = {**(run.stats or {}), **stats}


def record_source_outcome(
    engine: Engine, run_id: int, source: SourceRef, status: str, seen: int, new: int, errors: list[dict]
) -> None:
    with Session(engine) as s, s.begin():
        src = ensure_source(s, source)
        errors = redact_errors(errors)
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
