"""The TOML configuration, read once into typed objects.

Each stage owns the dataclass of its settings (`AlertSettings`, `ReportSettings`,
`CrawlSettings`, ...), and each source kind and alert channel its `Options`: the
fields' types, defaults and help, and the checks in `__post_init__`. This module
only reads tables into them: one reader for every table, which refuses unknown
keys, wrong types and missing required values. Every problem is a ConfigError
naming the file, the key and what is wrong.

Secrets never live in the file: a key such as `password_env` names the
environment variable that holds the secret."""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alerts import CHANNELS
from alerts.base import ChannelConfig
from alerts.settings import AlertSettings
from board.settings import BoardSettings
from matching import Entity, Query, QuerySyntaxError, feed_source_name
from reports.settings import ReportSettings, TeamSettings
from sentiment.settings import SentimentSettings
from spiders import SPIDERS
from spiders.fetching import CrawlSettings
from spiders.source import SourceConfig
from store.cases import CaseSettings
from store.db import StoreSettings
from store.redaction import remember_secrets

SECRET_KEYS = ("password", "token", "bearer_token", "api_key", "secret", "secret_key", "bot_token", "webhook_url")
SOURCE_KEYS = ("name", "kind", "url", "enabled", "competitor", "obey_robots")
CHANNEL_KEYS = ("name", "kind", "enabled", "dry_run")


class ConfigError(Exception):
    def __init__(self, path: Path | str, key: str, problem: str):
        self.path, self.key, self.problem = str(path), key, problem
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Config:
    path: Path
    database_url: str
    data_dir: Path
    company: Entity
    competitors: tuple[Entity, ...]
    sources: tuple[SourceConfig, ...]
    sentiment: SentimentSettings
    alerts: AlertSettings
    channels: tuple[ChannelConfig, ...]
    report: ReportSettings
    crawl: CrawlSettings
    # Whose fault a complaint is: department → query, the first that matches wins.
    departments: tuple[tuple[str, Query], ...] = ()
    board: BoardSettings = BoardSettings()
    cases: CaseSettings = CaseSettings()
    team: TeamSettings = TeamSettings()

    @property
    def entities(self) -> tuple[Entity, ...]:
        return (self.company, *self.competitors)

    def competitor(self, name: str) -> Entity | None:
        return next((c for c in self.competitors if c.name == name), None)


class _Table:
    """A TOML table being read: its file, its key path and its values."""

    def __init__(self, path: Path, prefix: str, data: Any):
        if not isinstance(data, dict):
            raise ConfigError(path, prefix, f"expected a table, got {type(data).__name__}")
        self.path, self.prefix, self.data = path, prefix, dict(data)

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def error(self, name: str, problem: str) -> ConfigError:
        return ConfigError(self.path, self.key(name) if name else self.prefix, problem)

    def table(self, name: str) -> _Table:
        return _Table(self.path, self.key(name), self.data.get(name, {}))

    def tables(self, name: str) -> list[_Table]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise self.error(name, "expected an array of tables ([[...]])")
        return [_Table(self.path, f"{self.key(name)}[{i}]", v) for i, v in enumerate(value)]

    def only(self, names: typing.Iterable[str]) -> _Table:
        """The same table with just these keys (the rest belongs to someone else)."""
        return _Table(self.path, self.prefix, {k: v for k, v in self.data.items() if k in set(names)})

    def without(self, names: typing.Iterable[str]) -> _Table:
        return _Table(self.path, self.prefix, {k: v for k, v in self.data.items() if k not in set(names)})

    def read(self, cls: type, also_known: typing.Iterable[str] = (), **given: Any) -> Any:
        """The table as dataclass `cls`: each field from its key (type-checked), or
        its default, or from `given`; unknown keys, missing required fields and
        what the class's own checks refuse are ConfigErrors. `also_known`: keys
        of this table that someone else reads (for the message)."""
        fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
        hints = typing.get_type_hints(cls)
        unknown = sorted(set(self.data) - set(fields))
        if unknown:
            known = ", ".join(sorted((set(fields) - set(given)) | set(also_known))) or "none"
            raise self.error(unknown[0], f"unknown key (known here: {known})")
        values = dict(given)
        for name, value in self.data.items():
            try:
                values[name] = _typed(hints[name], value)
            except TypeError as exc:
                raise self.error(name, str(exc)) from None
        for name, f in fields.items():
            if name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise self.error(name, "is required" + (f": {f.metadata['help']}" if f.metadata.get("help") else ""))
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            problem = str(exc)
            first = problem.split(" ", 1)[0]  # the classes' checks name the field first
            raise self.error(first if first in fields else "", problem) from None


def _typed(hint: Any, value: Any) -> Any:
    """`value` (from TOML) as type `hint`, or TypeError saying what was expected."""
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    for kind in options:
        if kind is type(None):
            continue
        if typing.get_origin(kind) is typing.Literal:
            if value in typing.get_args(kind) and isinstance(value, str):
                return value
        elif typing.get_origin(kind) is tuple:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return tuple(value)
        elif kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        elif isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
            return value  # bool is an int to Python; an int key must not take `true`
    raise TypeError(f"expected {_type_name(hint)}, got {value!r}")


def _type_name(hint: Any) -> str:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return " or ".join(_type_name(h) for h in typing.get_args(hint) if h is not type(None))
    if typing.get_origin(hint) is typing.Literal:
        return "one of " + ", ".join(repr(v) for v in typing.get_args(hint))
    if typing.get_origin(hint) is tuple:
        return "a list of strings"
    return getattr(hint, "__name__", str(hint))


def _refuse_secrets(table: _Table) -> None:
    for name in table.data:
        if name in SECRET_KEYS:
            raise table.error(name, f"secrets are not read from the config file; put it in an environment "
                                    f"variable and name that variable with `{name}_env`")


def _kind(table: _Table, registry: typing.Mapping[str, Any], what: str) -> str:
    kind = table.data.get("kind")
    if not isinstance(kind, str):
        raise table.error("kind", "is required" if kind is None else f"expected str, got {kind!r}")
    if kind not in registry:
        raise table.error("kind", f"unknown {what} kind {kind!r}; one of {', '.join(registry)}")
    return kind


def _query(table: _Table, name: str, text: str) -> Query:
    try:
        return Query.parse(text)
    except QuerySyntaxError as exc:
        raise table.error(name, str(exc)) from None


def _entity(table: _Table, kind: str) -> Entity:
    data = table.data
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise table.error("name", "is required" if name is None else "must be a non-empty string")
    allowed = {"name", "aliases", "query", *(("feeds",) if kind == "competitor" else ())}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise table.error(unknown[0], f"unknown key (known here: {', '.join(sorted(allowed))})")
    lists = {}
    for key in ("aliases", "feeds"):
        try:
            lists[key] = _typed(tuple[str, ...], data.get(key, []))
        except TypeError as exc:
            raise table.error(key, str(exc)) from None
    text = data.get("query")
    if text is not None and not isinstance(text, str):
        raise table.error("query", f"expected str, got {text!r}")
    query = _query(table, "query", text) if text else Query.any_of([name, *lists["aliases"]])
    return Entity(name=name.strip(), kind=kind, aliases=lists["aliases"], query=query, feeds=lists["feeds"])


def _source(table: _Table, competitors: set[str]) -> SourceConfig:
    spider = SPIDERS[_kind(table, SPIDERS, "source")]
    _refuse_secrets(table)
    options = table.without(SOURCE_KEYS).read(spider.Options, also_known=SOURCE_KEYS)
    source = table.only(SOURCE_KEYS).read(SourceConfig, options=options)
    if spider.needs_url and not source.url:
        raise table.error("url", "is required")
    if source.url and not source.url.startswith(("http://", "https://")):
        raise table.error("url", f"not an http(s) URL: {source.url!r}")
    if source.competitor is not None and source.competitor not in competitors:
        raise table.error("competitor", f"no competitor named {source.competitor!r}")
    return source


def _channel(table: _Table) -> ChannelConfig:
    channel = CHANNELS[_kind(table, CHANNELS, "channel")]
    _refuse_secrets(table)
    options = table.without(CHANNEL_KEYS).read(channel.Options, also_known=CHANNEL_KEYS)
    _check_secret_values(table, options)
    return table.only(CHANNEL_KEYS).read(ChannelConfig, options=options)


def _secret_variables(options: Any) -> dict[str, str]:
    """option name → environment variable, for the options that name where a secret lives (`*_env`)."""
    return {f.name: getattr(options, f.name) for f in dataclasses.fields(options)
            if f.name.endswith("_env") and getattr(options, f.name)}


def _check_secret_values(table: _Table, options: Any) -> None:
    """A secret goes into a header or a URL: a control character inside it (not the
    line break at its end, which is dropped) would fail every send, and the
    error would quote it. Refused here, without the value."""
    for name, variable in _secret_variables(options).items():
        value = (os.environ.get(variable) or "").strip()
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise table.error(name, f"the value of ${variable} holds a line break or another control character")


def _remember_secrets(sources: list[SourceConfig], channels: tuple[ChannelConfig, ...]) -> None:
    """Every secret this config points at is masked in whatever error text is stored, logged or printed."""
    variables = [v for unit in (*sources, *channels) for v in _secret_variables(unit.options).values()]
    remember_secrets(os.environ.get(v) for v in variables)


def _competitor_feeds(competitors: tuple[Entity, ...]) -> list[SourceConfig]:
    """A competitor's `feeds` are sources of their own: every entry there is theirs."""
    return [
        SourceConfig(name=feed_source_name(comp.name, i + 1), kind="feed", url=feed, competitor=comp.name,
                     options=SPIDERS["feed"].Options())
        for comp in competitors for i, feed in enumerate(comp.feeds)
    ]


def _departments(table: _Table) -> tuple[tuple[str, Query], ...]:
    out = []
    for name, text in table.data.items():
        if not isinstance(text, str):
            raise table.error(name, f"expected a query (a string), got {text!r}")
        out.append((name, _query(table, name, text)))
    return tuple(out)


def _board(table: _Table) -> BoardSettings:
    _refuse_secrets(table)  # the session key signs every login: the environment holds it
    return table.read(BoardSettings)


TOP_LEVEL = ("store", "company", "competitors", "sources", "sentiment", "alerts", "report", "departments", "crawl",
             "cases", "team", "board")


def parse_config(data: dict[str, Any], path: Path) -> Config:
    root = _Table(path, "", data)
    unknown = sorted(set(data) - set(TOP_LEVEL))
    if unknown:
        raise root.error(unknown[0], f"unknown key (known here: {', '.join(TOP_LEVEL)})")
    store = root.table("store").read(StoreSettings)
    if "company" not in data:
        raise ConfigError(path, "company", "is required: the company Molva watches")
    company = _entity(root.table("company"), "company")
    competitors = tuple(_entity(t, "competitor") for t in root.tables("competitors"))
    names = [company.name, *(c.name for c in competitors)]
    if len(set(names)) != len(names):
        raise ConfigError(path, "competitors", "company and competitor names must be unique")

    sources = [_source(t, {c.name for c in competitors}) for t in root.tables("sources")]
    sources += _competitor_feeds(competitors)
    seen: set[str] = set()
    for s in sources:
        if s.name in seen:
            raise ConfigError(path, "sources", f"two sources are named {s.name!r}")
        seen.add(s.name)

    alerts_table = root.table("alerts")
    channels = tuple(_channel(t) for t in alerts_table.tables("channels"))
    channel_names = [c.name for c in channels]
    if len(set(channel_names)) != len(channel_names):
        raise ConfigError(path, "alerts.channels", "two channels have the same name")

    _remember_secrets(sources, channels)

    base = path.parent
    report = root.table("report").read(ReportSettings)
    for name in report.deliver:
        if name not in channel_names:
            raise ConfigError(path, "report.deliver", f"no channel named {name!r} in [[alerts.channels]]")
    database_url = os.environ.get("MOLVA_DATABASE_URL") or store.url
    if database_url.startswith("sqlite:///") and not database_url.startswith("sqlite:////"):
        rel = database_url.removeprefix("sqlite:///")
        if rel != ":memory:":
            database_url = "sqlite:///" + str((base / rel).resolve())
    return Config(
        path=path,
        database_url=database_url,
        data_dir=(base / store.data_dir).resolve(),
        company=company,
        competitors=competitors,
        sources=tuple(sources),
        sentiment=root.table("sentiment").read(SentimentSettings),
        alerts=alerts_table.without(["channels"]).read(AlertSettings),
        channels=channels,
        report=dataclasses.replace(report, output=str((base / report.output).resolve())),
        crawl=root.table("crawl").read(CrawlSettings),
        departments=_departments(root.table("departments")),
        board=_board(root.table("board")),
        cases=root.table("cases").read(CaseSettings),
        team=root.table("team").read(TeamSettings),
    )


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, "", f"cannot read the config file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, "", "the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}") from None
    return parse_config(data, path.resolve())
