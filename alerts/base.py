"""What every alert channel shares."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, ClassVar

from molva.config import ChannelConfig, read_declared_options


class ChannelError(Exception):
    """A channel could not deliver; the message says why, without secrets."""


@dataclass(frozen=True)
class Message:
    subject: str
    text: str  # plain text; each channel escapes it for its own markup
    url: str | None = None
    kind: str = "negative"  # negative | spike | health | digest
    key: str = ""  # the outbox key: stable across retries, an idempotency key for receivers


class Channel:
    kind: ClassVar[str]
    description: ClassVar[str]
    options: ClassVar[dict[str, tuple[type, Any, str]]] = {}

    def __init__(self, config: ChannelConfig):
        self.config = config
        self.name = config.name
        self.dry_run = config.dry_run
        self.opts = self.read_options(config.options)

    @classmethod
    def read_options(cls, options: dict[str, Any]) -> dict[str, Any]:
        return read_declared_options(cls.options, options, f"a {cls.kind} channel")

    def secret(self, option: str) -> str | None:
        """The secret held by the environment variable that option `option` names."""
        var = self.opts.get(option)
        return os.environ.get(var) if var else None

    def send(self, message: Message) -> None:
        raise NotImplementedError


def post_json(channel: str, url: str, payload: dict, timeout: float, headers: dict[str, str] | None = None) -> bytes:
    """POST a JSON body; a refusal, a 4xx/5xx or a timeout becomes a ChannelError
    that names the channel and the status, never the URL (it may hold a secret)."""
    import json
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "molva-alerts", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(1 << 20)
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode("utf-8", "replace")
        retry = exc.headers.get("Retry-After")
        raise ChannelError(
            f"channel {channel!r}: HTTP {exc.code}" + (f" (retry after {retry}s)" if retry else "") + (f": {detail}" if detail else "")
        ) from None
    except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections, a malformed URL
        reason = getattr(exc, "reason", exc)
        raise ChannelError(f"channel {channel!r}: {type(exc).__name__}: {reason}") from None
