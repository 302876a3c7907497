"""One crawl-or-score run at a time per store, whichever host it runs on.

On PostgreSQL the lock is a session advisory lock held on a connection of its
own: it is released when the run ends or its process dies (the server drops
the connection), so two hosts sharing one database never crawl at once. On
SQLite it is an OS file lock (flock) beside the database file, which the kernel
releases with the process. Neither leaves a stale lock behind."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sqlalchemy import Engine, text

# pg_try_advisory_lock takes a bigint; this one is "molva" in ASCII.
ADVISORY_KEY = 0x6D6F6C7661


class AlreadyRunning(Exception):
    pass


class RunLock:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._connection = None
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        if self.engine.dialect.name == "postgresql":
            self._lock_postgresql()
        elif self.engine.url.database and self.engine.url.database != ":memory:":
            self._lock_file(Path(self.engine.url.database + ".lock"))
        return self

    def _lock_postgresql(self) -> None:
        self._connection = self.engine.connect()
        got = self._connection.execute(text("select pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar()
        self._connection.commit()
        if not got:
            self._connection.close()
            self._connection = None
            raise AlreadyRunning("another Molva run (on this or another host) is crawling or scoring this "
                                 "PostgreSQL store; try again when it has finished")

    def _lock_file(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self._fd, 64, 0).decode(errors="replace").strip() or "?"
            os.close(self._fd)
            self._fd = None
            raise AlreadyRunning(f"another Molva run holds {path} (pid {holder})") from None
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, str(os.getpid()).encode(), 0)

    def __exit__(self, *exc) -> None:
        if self._connection is not None:
            self._connection.execute(text("select pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            self._connection.commit()
            self._connection.close()
            self._connection = None
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
