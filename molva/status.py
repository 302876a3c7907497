"""`molva status`: the last runs, what each source gave, and pending alerts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from molva.config import Config
from molva.runner import LOCKED_COMMANDS, open_store
from store.locks import AlreadyRunning, RunLock
from store.models import AlertRecord, Mention, Run, RunSource
from store.repo import settle_interrupted_runs, undelivered_alerts


def print_status(config: Config, limit: int, echo) -> None:
    engine = open_store(config)
    # A run whose process died shows as interrupted, not running: with the run lock
    # free, no crawl or score can be going on, on this host or another.
    try:
        with RunLock(engine):
            settle_interrupted_runs(engine, LOCKED_COMMANDS)
    except AlreadyRunning:
        settle_interrupted_runs(engine)
    with Session(engine) as s:
        total = s.scalar(select(func.count()).select_from(Mention))
        echo(f"store: {config.database_url.split('@')[-1]}  ({total} mentions)")
        runs = s.scalars(select(Run).order_by(Run.id.desc()).limit(limit)).all()
        if not runs:
            echo("no runs yet")
        for run in runs:
            took = f"{(run.finished_at - run.started_at).total_seconds():.0f}s" if run.finished_at else "unfinished"
            echo(f"run {run.id} {run.command} {run.started_at:%Y-%m-%d %H:%M} {run.status} ({took})" +
                 (f": {run.error}" if run.error else ""))
            for rs in s.scalars(select(RunSource).where(RunSource.run_id == run.id).order_by(RunSource.id)):
                line = f"    {rs.source.key}: {rs.status}, {rs.items_seen} seen, {rs.items_new} new"
                if rs.errors:
                    line += f"; {rs.errors[0]['reason']}"
                echo(line)
        pending = s.execute(
            select(AlertRecord.channel, AlertRecord.status, func.count())
            .where(AlertRecord.status != "sent").group_by(AlertRecord.channel, AlertRecord.status)
        ).all()
        details = {(channel, st): (error, retry) for channel, st, _, error, retry in undelivered_alerts(s)}
        for channel, st, n in pending:
            line = f"alerts {st} on {channel}: {n}"
            if (channel, st) in details:
                error, retry = details[channel, st]
                line += f"; {error}" + (f"; next try after {retry:%Y-%m-%d %H:%M}" if retry else "")
            echo(line)
    engine.dispose()
