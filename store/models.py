"""Typed SQLAlchemy models. Every change here needs an Alembic revision in
store/migrations/versions; tests/test_store.py checks that both agree."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(value: dt.datetime) -> dt.datetime:
    """A stored time, timezone-aware: SQLite gives them back naive (they are UTC)."""
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Source(Base):
    """A configured place Molva collects from; `key` is its name in the config."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    url: Mapped[str] = mapped_column(Text)
    # Incremental-fetch memory between runs (since_id, ETag, last post id...).
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    last_success_at: Mapped[Optional[dt.datetime]]


class Run(Base):
    """One execution of `molva run` (or of a single stage)."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    command: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[Optional[dt.datetime]]
    # running | ok | partial (some source failed) | failed (the run itself broke);
    # a run whose process died shows as interrupted (store.repo.run_status).
    status: Mapped[str] = mapped_column(String(20), default="running")
    host: Mapped[Optional[str]] = mapped_column(String(60))  # who ran it: a dead pid on this host = interrupted
    pid: Mapped[Optional[int]]
    error: Mapped[Optional[str]] = mapped_column(Text)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)

    sources: Mapped[list[RunSource]] = relationship(back_populates="run")


class RunSource(Base):
    """What one source gave (or why it failed) in one run."""

    __tablename__ = "run_sources"
    __table_args__ = (UniqueConstraint("run_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="ok")  # ok | failed | skipped
    items_seen: Mapped[int] = mapped_column(default=0)
    items_new: Mapped[int] = mapped_column(default=0)
    errors: Mapped[list[Any]] = mapped_column(JSON, default=list)

    run: Mapped[Run] = relationship(back_populates="sources")
    source: Mapped[Source] = relationship()


class Mention(Base):
    """A piece of text from a source that matched the company's or a competitor's query."""

    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("source_id", "external_id"),
        Index("ix_mentions_published_at", "published_at"),
        Index("ix_mentions_content_hash", "content_hash"),
        # The report's all-time series reads (entity, published_at) for every mention: covered here.
        Index("ix_mentions_entity_published_at", "entity", "published_at", "duplicate_of_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    # The source's own stable id (post id, tweet id, feed guid) or else the canonical URL.
    external_id: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))  # post | review | news | tweet | page
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[Optional[str]] = mapped_column(Text)
    author: Mapped[Optional[str]] = mapped_column(String(300))
    # "low" where a generic extractor guessed the text (a page of no known engine).
    confidence: Mapped[str] = mapped_column(String(8), default="high", server_default="high")
    published_at: Mapped[dt.datetime]
    collected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[Optional[str]] = mapped_column(String(8))
    entity: Mapped[str] = mapped_column(String(200))  # company or competitor name
    entity_kind: Mapped[str] = mapped_column(String(20))  # company | competitor
    matched_query: Mapped[str] = mapped_column(Text)
    # sha256 of the normalised text: the same words seen twice are one event.
    content_hash: Mapped[str] = mapped_column(String(64))
    duplicate_of_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("mentions.id", ondelete="SET NULL")
    )
    reach: Mapped[Optional[int]]  # followers, views: weights the week's best and worst
    rating: Mapped[Optional[float]]  # star rating normalised to 0..1, for reviews
    run_id: Mapped[Optional[int]] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))

    source: Mapped[Source] = relationship()
    sentiments: Mapped[list[Sentiment]] = relationship(back_populates="mention")


class Sentiment(Base):
    """A model's verdict on a mention. One row per (mention, model)."""

    __tablename__ = "sentiments"
    __table_args__ = (
        UniqueConstraint("mention_id", "model_id"),
        # Lets the report join a mention to its label without reading the row.
        Index("ix_sentiments_mention_id_model_id_label", "mention_id", "model_id", "label"),
        Index("ix_sentiments_scored_at", "scored_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"))
    model_id: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(12))  # negative | neutral | positive | unscored
    score: Mapped[float]  # probability of `label`
    polarity: Mapped[float]  # P(positive) - P(negative), in [-1, 1]
    scored_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    mention: Mapped[Mention] = relationship(back_populates="sentiments")


class AlertRecord(Base):
    """The alert outbox: one row per (channel, alert key), written before sending."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("channel", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))  # negative | spike | health | report
    mention_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("mentions.id", ondelete="SET NULL")
    )
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    # A delivered report's richer parts: its HTML, its files ({filename, content_type,
    # content_id, data (base64)}) and the words of its link, kept for retries.
    html: Mapped[Optional[str]] = mapped_column(Text)
    attachments: Mapped[Optional[list[Any]]] = mapped_column(JSON)
    link_text: Mapped[Optional[str]] = mapped_column(Text)
    # pending → sending → sent; failed (retried after next_attempt_at);
    # unconfirmed: a run died while sending it, so it may have gone out (not resent).
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # Who is sending it (host:pid:token) and until when the claim holds: any number
    # of workers on any hosts share the outbox, and each alert is sent by one.
    claimed_by: Mapped[Optional[str]] = mapped_column(String(100))
    claimed_until: Mapped[Optional[dt.datetime]]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[Optional[dt.datetime]]
    next_attempt_at: Mapped[Optional[dt.datetime]]


class WeeklyCount(Base):
    """A cache of one entity's scored mentions per ISO week and model, for the
    report's all-time chart. Scoring deletes the weeks it touches; the report
    fills in what is missing. Weeks start at Monday midnight in `timezone`."""

    __tablename__ = "weekly_counts"
    __table_args__ = (UniqueConstraint("entity", "model_id", "timezone", "week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(200))
    model_id: Mapped[str] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    week: Mapped[str] = mapped_column(String(10))  # 2026-W47
    negative: Mapped[int] = mapped_column(default=0)
    positive: Mapped[int] = mapped_column(default=0)
    neutral: Mapped[int] = mapped_column(default=0)


class ComplaintCase(Base):
    """A complaint followed up by the team: whose fault it was and how it ended."""

    __tablename__ = "complaint_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(
        ForeignKey("mentions.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | in_progress | resolved | rejected
    owner: Mapped[Optional[str]] = mapped_column(String(100))  # department at fault
    outcome: Mapped[Optional[str]] = mapped_column(Text)
    # The person of the team who follows it up (a user's name); `owner` is the department.
    assignee: Mapped[Optional[str]] = mapped_column(String(100))
    opened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # When it was resolved or rejected (cleared if reopened): notes added later do not move it.
    closed_at: Mapped[Optional[dt.datetime]]

    mention: Mapped[Mention] = relationship()
    notes: Mapped[list[CaseNote]] = relationship(order_by="CaseNote.id", cascade="all, delete-orphan")


class Quote(Base):
    """A memorable quote: a mention the team picked for its week (`molva quote`,
    the board) or that the week's report chose itself. Kept over time, the
    weeks' quotes are the team's collection. A quote the team dropped stays as
    `dropped`, so it is never chosen again."""

    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_week", "week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), unique=True)
    week: Mapped[str] = mapped_column(String(10))  # 2026-W47, in the report's time zone
    status: Mapped[str] = mapped_column(String(10))  # picked | auto | dropped
    chosen_by: Mapped[Optional[str]] = mapped_column(String(100))  # who picked or dropped it; None: the report
    chosen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[Optional[str]] = mapped_column(Text)  # why the team keeps it

    mention: Mapped[Mention] = relationship()


class CaseNote(Base):
    """A note on a case, with its author and time."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("complaint_cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[Optional[str]] = mapped_column(String(100))  # None: written before notes had authors
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)


class Correction(Base):
    """The team's verdict on a mention, which overrides the model's wherever
    verdicts count (store/verdicts.py): negative | neutral | positive |
    irrelevant ("not about us"). One per mention, the latest; it is not a
    sentiment row, so rescoring leaves it alone."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), unique=True)
    label: Mapped[str] = mapped_column(String(12))
    corrected_by: Mapped[str] = mapped_column(String(100))
    corrected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[Optional[str]] = mapped_column(Text)



class User(Base):
    """A person of the team on the board: viewer (reads), editor (acts), admin (also sees the users)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # viewer | editor | admin
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, never the password
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[Optional[dt.datetime]]


class AuditEntry(Base):
    """Who did what, when, to what: every action of the team (a correction, a
    case's change, a note, a picked quote, a user), with before → after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_target_kind_target_id", "target_kind", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    who: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))  # relabel | case.open | case.update | case.note | quote.pick ...
    target_kind: Mapped[str] = mapped_column(String(20))  # mention | case | user
    target_id: Mapped[Optional[int]]
    before: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)
    after: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)
