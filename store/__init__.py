"""Molva's store: SQLAlchemy 2.0 models, engine set-up, migrations and the queries
the other stages use. SQLite is the embedded default; PostgreSQL works by URL."""

from store.db import connect, migrate
from store.models import (
    AlertRecord,
    Base,
    ComplaintCase,
    Mention,
    Quote,
    Run,
    RunSource,
    Sentiment,
    Source,
)

__all__ = [
    "AlertRecord",
    "Base",
    "ComplaintCase",
    "Mention",
    "Quote",
    "Run",
    "RunSource",
    "Sentiment",
    "Source",
    "connect",
    "migrate",
]
