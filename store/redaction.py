"""Secrets never leave the process in an error text. Every error string that is
stored (runs, run sources, the outbox), logged or printed passes `redact`,
which replaces the secret values this process was given (tokens, passwords,
webhook URLs: the config names their environment variables) and the
credentials in any URL with `***`. A server that echoes a bot token back in its
404 page, or an exception that quotes a webhook URL, is then harmless.

The secrets are registered once, where the config is read (`remember_secrets`)."""

from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import quote

MASK = "***"
# user:password@ in any URL-looking text
_URL_CREDENTIALS = re.compile(r"(?P<scheme>\b[a-z][a-z0-9+.-]*://)[^\s/@:]*:[^\s/@]*@", re.IGNORECASE)
# A secret shorter than this is too likely to be an ordinary word to blank out everywhere.
MIN_SECRET = 6

_secrets: set[str] = set()


def remember_secrets(values: Iterable[str | None]) -> None:
    for value in values:
        if value and len(value.strip()) >= MIN_SECRET:
            _secrets.add(value.strip())
            _secrets.add(quote(value.strip(), safe=""))  # the same secret inside a URL's path or query


def redact(text: str | None) -> str | None:
    if not text:
        return text
    # longest first: a webhook URL that contains a shorter secret is masked whole
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return _URL_CREDENTIALS.sub(rf"\g<scheme>{MASK}@", text)


def redact_errors(errors: list[dict]) -> list[dict]:
    """A run source's error list ({url, reason}) with both fields redacted."""
    return [{key: redact(value) if isinstance(value, str) else value for key, value in error.items()} for error in errors]
