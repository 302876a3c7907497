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
from alerts.base import Attachment, Channel, ChannelConfig, ChannelError, Message
from alerts.settings import AlertSettings
from alerts.wording import ENGLISH, AlertWording
from store.models import AlertRecord, Mention, Sentiment, as_utc, utcnow
from store.repo import insert_ignoring_conflict


BACKOFF_START = dt.timedelta(minutes=10)
BACKOFF_MAX = dt.timedelta(days=1)


def build_channels(configs: Iterable[ChannelConfig]) -> list[Channel]:
    return [CHANNELS[c.kind](c) for c in configs if c.enabled]


def negative_message(m: Mention, s: Sentiment, wording: AlertWording = ENGLISH) -> Message:
    who = m.author or "—"
    excerpt = " ".join(m.text.split())
    excerpt = excerpt if len(excerpt) <= 600 else excerpt[:597] + "…"
    subject, text = wording.negative(m.entity, m.source.key, who, m.published_at, s.polarity, excerpt)
    return Message(subject=subject, text=text, url=m.url, link_text=wording.open_mention)


def queue_negative(engine: Engine, settings: AlertSettings, channels: list[Channel], model_id: str | None,
                   wording: AlertWording = ENGLISH) -> int:
    """Queue an alert for each new negative mention; returns how many rows were added."""
    if not channels or model_id is None:
        return 0
    kinds = ("company", "competitor") if settings.include_competitors else ("company",)
    added = 0
    with Session(engine) as s, s.begin():
        rows = s.execute(
            select(Mention, Sentiment)
            .join(Sentiment, (Sentiment.mention_id == Mention.id) & (Sentiment.model_id == model_id))
            .where(
                Sentiment.label == "negative",
                Sentiment.score >= settings.negative_threshold,
                Mention.entity_kind.in_(kinds),
                Mention.duplicate_of_id.is_(None),
                # Old posts found on a first crawl are history, not news: no alert.
                Mention.published_at >= utcnow() - dt.timedelta(days=settings.max_age_days),
            )
            .order_by(Mention.id)
        ).all()
        for mention, sentiment in rows:
            message = negative_message(mention, sentiment, wording)
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
                  "subject": message.subject, "body": message.text, "status": "pending",
                  "html": message.html, "attachments": [a.to_json() for a in message.attachments] or None,
                  "link_text": message.link_text}
        if insert_ignoring_conflict(session, AlertRecord, values, ["channel", "key"]) is not None:
            added += 1
    return added


def backoff(attempts: int) -> dt.timedelta:
    """Wait before retrying a failed alert: 10 minutes, doubling, at most a day."""
    return min(BACKOFF_START * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def send_pending(engine: Engine, channels: list[Channel], digest_top: int | None = None,
                 now: dt.datetime | None = None, echo=print, wording: AlertWording = ENGLISH) -> dict[str, dict[str, int]]:
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
            # A weekly report always goes alone, never folded into a digest.
            alone = [[r] for r in due if r.kind == "report"]
            due = [r for r in due if r.kind != "report"]
            batches = ([due] if digest_top and due else [[r] for r in due]) + alone
            for n, batch in enumerate(batches):
                digest = digest_top and batch[0].kind != "report"
                message = digest_message(s, batch, digest_top, wording) if digest else _single_message(s, batch[0])
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
                   kind=record.kind, key=record.key,
                   html=record.html, attachments=tuple(Attachment.from_json(a) for a in record.attachments or ()),
                   link_text=record.link_text)


KIND_ORDER = {"health": 0, "spike": 1, "negative": 2}


def digest_message(session: Session, records: list[AlertRecord], top: int, wording: AlertWording = ENGLISH) -> Message:
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
    subject = wording.digest_summary(kinds["negative"], kinds["spike"], kinds["health"])
    entries = []
    for r in ranked[:top]:
        mention = session.get(Mention, r.mention_id) if r.mention_id else None
        entries.append(f"• {r.subject.removeprefix('[Molva] ')}\n{r.body}" + (f"\n{mention.url}" if mention else ""))
    if len(ranked) > top:
        entries.append(wording.digest_more(len(ranked) - top))
    digest_key = "digest:" + hashlib.sha256("\n".join(sorted(r.key for r in records)).encode()).hexdigest()[:16]
    return Message(subject=subject, text="\n\n".join(entries), kind="digest", key=digest_key)

