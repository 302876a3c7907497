"""A configured source: what every kind shares (its name, kind and URL), and how
a kind declares its own options — a frozen dataclass whose fields carry their
type, default and help, and whose `__post_init__` checks them. A field without
a default is required. The config reader (molva.config) builds them from the
TOML file; `scrapy crawl KIND -a name=value` builds them from strings."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import MISSING, dataclass
from typing import Any


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str = ""
    enabled: bool = True
    # Entries of a source that belongs to a competitor (its news feed) are about it
    # whether or not they name it.
    competitor: str | None = None
    obey_robots: bool = True
    options: Any = None  # the kind's Options


def option(default: Any = MISSING, *, help: str) -> Any:  # noqa: A002 - the word the docs use
    """A field of an Options dataclass: its default (none: required) and its help."""
    return dataclasses.field(default=default, metadata={"help": help})


def at_least(options: Any, minimum: int, *names: str) -> None:
    """ValueError, naming the option, for each of `names` below `minimum`."""
    for name in names:
        if getattr(options, name) < minimum:
            raise ValueError(f"{name} must be at least {minimum}, not {getattr(options, name)!r}")


def options_from_strings(options_class: type, given: dict[str, str]) -> Any:
    """Options from command-line strings (`scrapy crawl forum -a max_pages=3`)."""
    hints = typing.get_type_hints(options_class)
    known = {f.name for f in dataclasses.fields(options_class)}
    unknown = set(given) - known
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(known)) or 'none'})")
    return options_class(**{name: _from_string(hints[name], value) for name, value in given.items()})


def _from_string(hint: Any, value: str) -> Any:
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    for kind in typing.get_args(hint) if union else (hint,):
        if kind is bool and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if kind in (int, float):
            try:
                return kind(value)
            except ValueError:
                continue
        if typing.get_origin(kind) is tuple:
            return tuple(part.strip() for part in value.split(",") if part.strip())
    return value
