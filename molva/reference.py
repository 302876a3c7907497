"""The option reference, read off the dataclasses that declare the options:
each settings table, each source kind and each alert channel, with every
option's type, default and help. `molva options` prints it; the README carries
the Markdown version (tests/molva/test_docs.py checks that it is current), so an
option is documented where it is declared."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass

from alerts import CHANNELS
from alerts.settings import AlertSettings
from board.settings import BoardSettings
from reports.settings import ReportSettings, TeamSettings
from sentiment.settings import SentimentSettings
from spiders import SPIDERS
from spiders.fetching import CrawlSettings
from store.cases import CaseSettings
from store.db import StoreSettings

README_START = "<!-- options: made by `molva options --markdown`; edit the dataclasses, not this -->"
README_END = "<!-- /options -->"


@dataclass(frozen=True)
class Section:
    title: str  # how the config file spells it: [crawl], a source with kind = "forum"
    description: str
    options: list[tuple[str, str, str, str]]  # name, type, default, help


def sections() -> list[Section]:
    tables = [("[store]", "Where the data lives.", StoreSettings),
              ("[sentiment]", "The sentiment model and how it runs.", SentimentSettings),
              ("[alerts]", "When an alert is raised; its channels are [[alerts.channels]] below.", AlertSettings),
              ("[report]", "The weekly report.", ReportSettings),
              ("[team]", "Our people, whom the report thanks.", TeamSettings),
              ("[cases]", "Complaint cases: which complaints the team follows up.", CaseSettings),
              ("[crawl]", "How every source is fetched.", CrawlSettings),
              ("[board]", "The team board (`molva serve`).", BoardSettings)]
    out = [Section(title, text, _options(cls)) for title, text, cls in tables]
    out += [Section(f'[[sources]] kind = "{kind}"', SPIDERS[kind].description, _options(SPIDERS[kind].Options))
            for kind in SPIDERS]
    out += [Section(f'[[alerts.channels]] kind = "{kind}"', CHANNELS[kind].description, _options(CHANNELS[kind].Options))
            for kind in CHANNELS]
    return out


def _options(cls: type) -> list[tuple[str, str, str, str]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, type_name(hints[f.name]), _default(f), f.metadata.get("help", "")) for f in dataclasses.fields(cls)]


def type_name(hint) -> str:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        kinds = [type_name(h) for h in typing.get_args(hint) if h is not type(None)]
        return " or ".join(kinds) + (" (optional)" if type(None) in typing.get_args(hint) else "")
    if typing.get_origin(hint) is typing.Literal:
        return "one of " + ", ".join(str(v) for v in typing.get_args(hint))
    if typing.get_origin(hint) is tuple:
        return "list of strings"
    return getattr(hint, "__name__", str(hint))


def _default(f: dataclasses.Field) -> str:
    if f.default is dataclasses.MISSING:
        return "required"
    return toml_value(f.default)


def toml_value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def as_markdown() -> str:
    parts = []
    for section in sections():
        rows = "\n".join(f"| `{name}` | {kind} | {_markdown_default(default)} | {text} |"
                         for name, kind, default, text in section.options)
        table = f"| option | type | default | what |\n|---|---|---|---|\n{rows}" if rows else "(no options of its own)"
        parts.append(f"#### `{section.title}`\n\n{section.description}\n\n{table}")
    return "\n\n".join(parts)


def _markdown_default(default: str) -> str:
    return {"required": "**required**", "—": "—"}.get(default, f"`{default}`")


def as_text(chosen: list[Section]) -> str:
    parts = []
    for section in chosen:
        lines = [f"{section.title}", f"  {section.description}"]
        for name, kind, default, text in section.options:
            lines.append(f"  {name} ({kind}, {'required' if default == 'required' else 'default ' + default}): {text}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
