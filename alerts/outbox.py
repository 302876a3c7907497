"""The alert stage's outbox: each alert (a negative mention, a spike, a source's
health) is one row per channel, keyed so that it is queued once; then what is
due is sent, one message per alert or one digest per channel."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from typing import Iterable

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from alerts import CHANNELS
from alerts.base import Channel, ChannelConfig, ChannelError, Message
from alerts.settings import AlertSettings
from store.models import AlertRecord, Mention, Sentiment, as_utc, utcnow
from store.repo import insert_ignoring_conflict
from store.verdicts import LABEL, POLARITY, SCORE, with_verdicts


BACKOFF_START = dt.timedelta(minutes=10)
BACKOFF_MAX = dt.timedelta(days=1)


def build_channels(configs: Iterable[ChannelConfig]) -> list[Channel]:
    return [CHANNELS[c.kind](c) for c in configs if c.enabled]


def negative_message(m: Mention, polarity: float) -> Message:
    who = m.author or "—"
    excerpt = " ".join(m.text.split())
    excerpt = excerpt if len(excerpt) <= 600 else excerpt[:597] + "…"
    return Message(
        subject=f"[Molva] negative mention of {m.entity} on {m.source.key}",
        text=f"{m.entity} · {m.source.key} · {who} · {m.published_at:%Y-%m-%d %H:%M} UTC · score {polarity:+.2f}\n\n{excerpt}",
        url=m.url,
    )


def queue_negative(engine: Engine, settings: AlertSettings, channels: list[Channel], model_id: str | None) -> int:
    """Queue an alert for each new negative mention; returns how many rows were added."""
    if not channels or model_id is None:
        return 0
    kinds = ("company", "competitor") if settings.include_competitors else ("company",)
    added = 0
    with Session(engine) as s, s.begin():
        # The team's correction over the model's verdict: "not about us" or neutral raises nothing.
        rows = s.execute(
            with_verdicts(select(Mention, POLARITY).select_from(Mention), model_id)
            .where(
                LABEL == "negative",
                SCORE >= settings.negative_threshold,
                Mention.entity_kind.in_(kinds),
                Mention.duplicate_of_id.is_(None),
                # Old posts found on a first crawl are history, not news: no alert.
                Mention.published_at >= utcnow() - dt.timedelta(days=settings.max_age_days),
            )
            .order_by(Mention.id)
        ).all()
        for mention, polarity in rows:
            message = negative_message(mention, polarity)
            added += _queue(s, channels, replace(message, key=f"negative:{mention.id}"), mention.id)
    return added


def queue_messages(engine: Engine, channels: list[Channel], messages: list[Message]) -> int:
    """Queue spike and health alerts; a key already in the outbox is not queued again."""
    with Session(engine) as s, s.begin():
        return sum(_queue(s, channels, m) for m in messages)


def _queue(session: Session, channels: list[Channel], message: Message, mention_id: int | None = None) -> int:
    added = 0
    for ch in channels:
        values = {"channel": ch.name, "key": message.key, "kind": message.kind, "mention_id": mention_id,
                  "subject": message.subject, "body": message.text, "status": "pending"}
        if insert_ignoring_conflict(session, AlertRecord, values, ["channel", "key"]) is not None:
            added += 1
    return added


def backoff(attempts: int) -> dt.timedelta:
    """Wait before retrying a failed alert: 10 minutes, doubling, at most a day."""
    return min(BACKOFF_START * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def send_pending(engine: Engine, channels: list[Channel], digest_top: int | None = None,
                 now: dt.datetime | None = None, echo=print) -> dict[str, dict[str, int]]:
    """Send what is due in the outbox, per channel: one message per alert, or with
    `digest_top` one digest of everything due. One failing channel does not stop
    the others; its alerts wait (with back-off) for the next run.

    Each alert is marked `sending` (committed) before it goes out and `sent`
    right after. An alert found still `sending` belongs to a run that died in
    between: it may well have arrived, so it is marked `unconfirmed` and not
    sent again (at most once; `molva status` lists them)."""
    now = now or utcnow()
    result: dict[str, dict[str, int]] = {}
    for ch in channels:
        counts = result.setdefault(ch.name, {"sent": 0, "failed": 0, "waiting": 0, "unconfirmed": 0})
        with Session(engine) as s:
            for record in s.scalars(select(AlertRecord).where(AlertRecord.channel == ch.name, AlertRecord.status == "sending")):
                record.status = "unconfirmed"
                record.last_error = "a run stopped while sending it: it may or may not have arrived"
                counts["unconfirmed"] += 1
            s.commit()
            due = []
            for record in s.scalars(select(AlertRecord).where(
                AlertRecord.channel == ch.name, AlertRecord.status.in_(("pending", "failed"))
            ).order_by(AlertRecord.id)):
                if record.next_attempt_at is not None and as_utc(record.next_attempt_at) > now:
                    counts["waiting"] += 1
                else:
                    due.append(record)
            batches = [due] if digest_top and due else [[r] for r in due]
            for n, batch in enumerate(batches):
                message = digest_message(s, batch, digest_top) if digest_top else _single_message(s, batch[0])
                for record in batch:
                    record.status = "sending"
                s.commit()
                try:
                    ch.send(message)
                except ChannelError as exc:
                    for record in batch:
                        record.status, record.last_error = "failed", str(exc)
                        record.attempts += 1
                        record.next_attempt_at = now + backoff(record.attempts)
                    s.commit()
                    counts["failed"] += sum(len(b) for b in batches[n:])
                    echo(f"  alerts via {ch.name}: {exc}; retried after {backoff(batch[0].attempts)} or on the next run")
                    break
                for record in batch:
                    record.status, record.sent_at, record.last_error, record.next_attempt_at = "sent", now, None, None
                    record.attempts += 1
                s.commit()
                counts["sent"] += len(batch)
    return result


def _single_message(session: Session, record: AlertRecord) -> Message:
    mention = session.get(Mention, record.mention_id) if record.mention_id else None
    return Message(subject=record.subject, text=record.body, url=mention.url if mention else None,
                   kind=record.kind, key=record.key)


KIND_ORDER = {"health": 0, "spike": 1, "negative": 2}


def digest_message(session: Session, records: list[AlertRecord], top: int) -> Message:
    """One message for many alerts: health and spikes first, then the most
    negative mentions, at most `top` entries, and a count of the rest."""
    polarity = {}
    ids = [r.mention_id for r in records if r.mention_id]
    if ids:
        polarity = dict(session.execute(
            select(Sentiment.mention_id, func.min(Sentiment.polarity)).where(Sentiment.mention_id.in_(ids))
            .group_by(Sentiment.mention_id)
        ).all())
    ranked = sorted(records, key=lambda r: (KIND_ORDER.get(r.kind, 3), polarity.get(r.mention_id, 0.0), r.id))
    kinds = {k: sum(r.kind == k for r in records) for k in ("negative", "spike", "health")}
    summary = ", ".join(f"{n} {label}" for label, n in (("negative mention(s)", kinds["negative"]),
                                                         ("spike(s)", kinds["spike"]),
                                                         ("source health alert(s)", kinds["health"])) if n)
    entries = []
    for r in ranked[:top]:
        mention = session.get(Mention, r.mention_id) if r.mention_id else None
        entries.append(f"• {r.subject.removeprefix('[Molva] ')}\n{r.body}" + (f"\n{mention.url}" if mention else ""))
    if len(ranked) > top:
        entries.append(f"… and {len(ranked) - top} more: see the weekly report or `molva status`.")
    digest_key = "digest:" + hashlib.sha256("\n".join(sorted(r.key for r in records)).encode()).hexdigest()[:16]
    return Message(subject=f"[Molva] {summary}", text="\n\n".join(entries), kind="digest", key=digest_key)

