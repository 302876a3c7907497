"""What every alert channel shares: its configuration, how it declares its own
options (a frozen `Options` dataclass: field types, defaults, help in the field
metadata, checks in `__post_init__`, a field without default is required) and
how it posts JSON."""

from __future__ import annotations

import base64
import dataclasses
import os
from dataclasses import MISSING, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class ChannelConfig:
    name: str
    kind: str
    options: Any  # the kind's Options
    dry_run: bool = False
    enabled: bool = True


def option(default: Any = MISSING, *, help: str) -> Any:  # noqa: A002 - the word the docs use
    """A field of an Options dataclass: its default (none: required) and its help."""
    return dataclasses.field(default=default, metadata={"help": help})


def check_timeout(options: Any) -> None:
    if options.timeout <= 0:
        raise ValueError(f"timeout must be more than 0 seconds, not {options.timeout!r}")


class ChannelError(Exception):
    """A channel could not deliver; the message says why, without secrets."""


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a message (e-mail only): attached, or with a
    `content_id` shown inside the HTML part (an image it refers to as cid:)."""

    filename: str
    content_type: str  # e.g. text/csv, image/png
    data: bytes
    content_id: str | None = None

    def to_json(self) -> dict:
        return {"filename": self.filename, "content_type": self.content_type, "content_id": self.content_id,
                "data": base64.b64encode(self.data).decode("ascii")}

    @classmethod
    def from_json(cls, value: dict) -> Attachment:
        return cls(value["filename"], value["content_type"], base64.b64decode(value["data"]), value.get("content_id"))


@dataclass(frozen=True)
class Message:
    subject: str
    text: str  # plain text; each channel escapes it for its own markup
    url: str | None = None
    kind: str = "negative"  # negative | spike | health | digest | report
    key: str = ""  # the outbox key: stable across retries, an idempotency key for receivers
    html: str | None = None  # e-mail: an HTML alternative to the text
    attachments: tuple[Attachment, ...] = ()  # e-mail: files and the HTML's images
    link_text: str | None = None  # the words of the link to `url` (chat channels); None: "open the mention"


class Channel:
    """One way to reach people. Subclasses set `kind` and `description`, declare
    their `Options` and implement `send()`."""

    kind: ClassVar[str]
    description: ClassVar[str]

    @dataclass(frozen=True)
    class Options:
        """The kind's own options."""

    def __init__(self, config: ChannelConfig):
        self.config = config
        self.name = config.name
        self.dry_run = config.dry_run
        self.options = config.options

    def secret(self, option_name: str) -> str | None:
        """The secret held by the environment variable that option `option_name` names
        (without the line break a `$(cat file)` leaves at its end)."""
        var = getattr(self.options, option_name)
        value = os.environ.get(var) if var else None
        return value.strip() if value else None

    def send(self, message: Message) -> None:
        raise NotImplementedError


def post_json(channel: str, url: str, payload: dict, timeout: float, headers: dict[str, str] | None = None) -> bytes:
    """POST a JSON body; a refusal, a 4xx/5xx or a timeout becomes a ChannelError
    that names the channel and the status, never the URL (it may hold a secret)."""
    import json
    import urllib.error
    import urllib.request

    try:
        # Inside the try: a URL without a scheme is a ValueError here, and it must stay this channel's failure.
        request = urllib.request.Request(
            url, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "molva-alerts", **(headers or {})},
        )
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
        if isinstance(exc, ValueError):
            # urllib's and http.client's own words quote the URL or the header, which may be the secret
            reason = "the URL or a header value is malformed (a URL without http(s)://, or a line break in a token?)"
        raise ChannelError(f"channel {channel!r}: {type(exc).__name__}: {reason}") from None
