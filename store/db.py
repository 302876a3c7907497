"""Engine creation and schema migration.

The caller owns sessions: `with Session(engine) as s, s.begin(): ...`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_DATABASE = "sqlite:///molva-data/molva.sqlite"


@dataclass(frozen=True)
class StoreSettings:
    """The config's [store] table."""

    url: str = field(default=DEFAULT_DATABASE, metadata={
        "help": "SQLite file by default; postgresql+psycopg://user@host/db for a team (MOLVA_DATABASE_URL overrides)"})
    data_dir: str = field(default="molva-data", metadata={"help": "the run lock and run data (relative to the config)"})

    def __post_init__(self):
        if not self.url.startswith(("sqlite:", "postgresql")):
            raise ValueError(f"url must be a sqlite:/// or postgresql+psycopg:// database URL, not {self.url.split('@')[-1]!r}")


def connect(url: str) -> Engine:
    """Create an engine for `url`. SQLite files get WAL mode and enforced foreign keys."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # A second process (a report while a crawl writes) waits instead of failing at once.
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
    # SQLite's lower() knows ASCII only: the board's search folds Cyrillic case with this (store/search.py).
    dbapi_conn.create_function("molva_fold", 1, fold_text, deterministic=True)


def fold_text(text: str | None) -> str | None:
    """Case and ё folded away, as the search compares words."""
    return text.lower().replace("ё", "е") if text is not None else None


class StoreUnavailable(Exception):
    """The store cannot be opened: one line that says which and why, without credentials."""


def open_store(url: str) -> Engine:
    """An engine on `url` with its schema migrated to the newest revision."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    where = make_url(url).render_as_string(hide_password=True)
    try:
        engine = connect(url)
        migrate(engine)
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise StoreUnavailable(f"cannot open the store at {where}: {reason}") from None
    except (SQLAlchemyError, OSError) as exc:
        raise StoreUnavailable(f"cannot open the store at {where}: {exc}") from None
    return engine


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (idempotent)."""
    command.upgrade(alembic_config(engine), revision)
