"""The alert stage: new negative mentions are queued in the outbox (one row per
channel and mention), then every pending row is sent. A row is written before its
message goes out and marked sent right after, so a re-run never sends twice what
was marked, and a failed send is retried on the next run."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from alerts import CHANNELS
from alerts.base import Channel, ChannelError, Message
from molva.config import Config
from store.models import AlertRecord, Mention, Sentiment, utcnow
from store.repo import insert_ignoring_conflict


def build_channels(config: Config) -> list[Channel]:
    return [CHANNELS[c.kind](c) for c in config.alerts.channels]


def negative_message(m: Mention, s: Sentiment) -> Message:
    who = m.author or "—"
    excerpt = " ".join(m.text.split())
    excerpt = excerpt if len(excerpt) <= 600 else excerpt[:597] + "…"
    return Message(
        subject=f"[Molva] negative mention of {m.entity} on {m.source.key}",
        text=f"{m.entity} · {m.source.key} · {who} · {m.published_at:%Y-%m-%d %H:%M} UTC · score {s.polarity:+.2f}\n\n{excerpt}",
        url=m.url,
    )


def queue_negative(engine: Engine, config: Config, channels: list[Channel], model_id: str | None) -> int:
    """Queue an alert for each new negative mention; returns how many rows were added."""
    if not channels or model_id is None:
        return 0
    kinds = ("company", "competitor") if config.alerts.include_competitors else ("company",)
    added = 0
    with Session(engine) as s, s.begin():
        rows = s.execute(
            select(Mention, Sentiment)
            .join(Sentiment, (Sentiment.mention_id == Mention.id) & (Sentiment.model_id == model_id))
            .where(
                Sentiment.label == "negative",
                Sentiment.score >= config.alerts.negative_threshold,
                Mention.entity_kind.in_(kinds),
                Mention.duplicate_of_id.is_(None),
                # Old posts found on a first crawl are history, not news: no alert.
                Mention.published_at >= utcnow() - dt.timedelta(days=config.alerts.max_age_days),
            )
            .order_by(Mention.id)
        ).all()
        for mention, sentiment in rows:
            msg = negative_message(mention, sentiment)
            for ch in channels:
                values = {"channel": ch.name, "key": f"negative:{mention.id}", "kind": "negative",
                          "mention_id": mention.id, "subject": msg.subject, "body": msg.text, "status": "pending"}
                if insert_ignoring_conflict(s, AlertRecord, values, ["channel", "key"]) is not None:
                    added += 1
    return added


def send_pending(engine: Engine, channels: list[Channel], echo=print) -> dict[str, dict[str, int]]:
    """Send every pending alert; one failing channel does not stop the others."""
    result: dict[str, dict[str, int]] = {}
    for ch in channels:
        counts = result.setdefault(ch.name, {"sent": 0, "failed": 0})
        with Session(engine) as s:
            pending = s.scalars(
                select(AlertRecord).where(AlertRecord.channel == ch.name, AlertRecord.status != "sent").order_by(AlertRecord.id)
            ).all()
            for record in pending:
                url = record.mention_id and s.get(Mention, record.mention_id).url
                try:
                    ch.send(Message(subject=record.subject, text=record.body, url=url or None))
                except ChannelError as exc:
                    record.status, record.last_error = "failed", str(exc)
                    record.attempts += 1
                    s.commit()
                    counts["failed"] += len(pending) - counts["sent"]
                    echo(f"  alerts via {ch.name}: {exc}; will retry next run")
                    break
                record.status, record.sent_at, record.last_error = "sent", utcnow(), None
                record.attempts += 1
                s.commit()
                counts["sent"] += 1
    return result
