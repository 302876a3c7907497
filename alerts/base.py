"""What every alert channel shares."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, ClassVar

from molva.config import ChannelConfig


class ChannelError(Exception):
    """A channel could not deliver; the message says why, without secrets."""


@dataclass(frozen=True)
class Message:
    subject: str
    text: str  # plain text; each channel escapes it for its own markup
    url: str | None = None


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
        unknown = set(options) - set(cls.options)
        if unknown:
            raise ValueError(f"unknown option(s) {', '.join(sorted(unknown))} for a {cls.kind} channel")
        values = {}
        for name, (typ, default, _help) in cls.options.items():
            value = options.get(name, default)
            if value is not None and not isinstance(value, typ):
                raise ValueError(f"option {name!r} must be {typ.__name__}, got {value!r}")
            values[name] = value
        return values

    def secret(self, option: str) -> str | None:
        """The secret held by the environment variable that option `option` names."""
        var = self.opts.get(option)
        return os.environ.get(var) if var else None

    def send(self, message: Message) -> None:
        raise NotImplementedError
