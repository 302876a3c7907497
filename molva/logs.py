"""How Molva logs. The console shows Molva's own warnings (everything with
`molva -v`); each run also writes the whole log, Scrapy's included, to
`<data_dir>/molva.log`, where a traceback belongs. Every line passes the
redaction of secrets (store.redaction) on its way out."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from store.redaction import redact

OWN = {"molva", "spiders", "matching", "store", "sentiment", "reports", "alerts"}
FORMAT = "%(levelname)s %(name)s: %(message)s"


class RunSetupError(Exception):
    """The run cannot start (its log cannot be written, say): one line for the user."""


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class OwnLoggers(logging.Filter):
    """Only Molva's own loggers: Scrapy's and Twisted's lines (a robots.txt
    traceback for an unreachable site) go to the run log, not the console."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.split(".")[0] in OWN


def configure_console(verbose: bool) -> None:
    handler = logging.StreamHandler()
    # The level goes on the handler: Scrapy sets its own loggers to DEBUG, which a
    # level on the root logger alone would not hold back.
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    handler.setFormatter(RedactingFormatter(FORMAT))
    if not verbose:
        handler.addFilter(OwnLoggers())
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


@contextmanager
def run_log(data_dir: Path) -> Iterator[Path]:
    """Everything logged during the run, appended to data_dir/molva.log."""
    path = data_dir / "molva.log"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise RunSetupError(f"cannot write the run log {path} (data_dir): {exc.strerror or exc}") from None
    handler.setLevel(logging.INFO)
    handler.setFormatter(RedactingFormatter("%(asctime)s " + FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()
