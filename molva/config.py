"""The TOML configuration, read once into typed objects.

Every problem is a ConfigError naming the file, the key and what is wrong.
Secrets never live in the file: a key such as `password_env` names the
environment variable that holds the secret."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from molva.matching import Query, QuerySyntaxError

SECRET_KEYS = ("password", "token", "bearer_token", "api_key", "secret", "bot_token", "webhook_url")
DEFAULT_DATABASE = "sqlite:///molva-data/molva.sqlite"


class ConfigError(Exception):
    def __init__(self, path: Path | str, key: str, problem: str):
        self.path, self.key, self.problem = str(path), key, problem
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Entity:
    """The company or a competitor: who a mention is about."""

    name: str
    kind: str  # company | competitor
    aliases: tuple[str, ...]
    query: Query
    feeds: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str
    enabled: bool = True
    # Entries of a source that belongs to a competitor (its news feed) are about it
    # whether or not they name it.
    competitor: str | None = None
    obey_robots: bool = True
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SentimentConfig:
    model: str = "default"
    batch_size: int = 32
    max_tokens: int = 256
    threads: int = 0  # 0: as many as the machine has
    backend: str = "auto"  # auto | onnx | onnx-int8 | torch


@dataclass(frozen=True)
class ChannelConfig:
    name: str
    kind: str
    options: dict[str, Any]
    dry_run: bool = False
    enabled: bool = True


@dataclass(frozen=True)
class AlertsConfig:
    negative_threshold: float = 0.6
    include_competitors: bool = False
    max_age_days: int = 7
    channels: tuple[ChannelConfig, ...] = ()
    digest: bool = False  # one message per run and channel instead of one per alert
    digest_top: int = 10
    spikes: bool = True
    spike_k: float = 3.0  # a day is a spike above baseline mean + k·std
    spike_min_count: int = 5  # ... and with at least this many negatives
    spike_baseline_days: int = 28
    spike_window_days: int = 7  # the recent days checked, each against the baseline before it
    health: bool = True
    silent_days: int = 14  # a source with nothing new for this long raises a health alert
    failing_runs: int = 3  # ... as does one that failed this many runs in a row


@dataclass(frozen=True)
class ReportConfig:
    language: str = "en"
    output: str = "molva-report"
    top_n: int = 10


@dataclass(frozen=True)
class CrawlConfig:
    user_agent: str = "Molva/0.1 (+https://github.com/molva/molva; reputation monitor)"
    download_delay: float = 0.5
    concurrency_per_domain: int = 2
    timeout: float = 30.0
    max_response_bytes: int = 10 * 1024 * 1024
    retries: int = 2


@dataclass(frozen=True)
class Config:
    path: Path
    database_url: str
    data_dir: Path
    company: Entity
    competitors: tuple[Entity, ...]
    sources: tuple[SourceConfig, ...]
    sentiment: SentimentConfig
    alerts: AlertsConfig
    report: ReportConfig
    crawl: CrawlConfig
    # Whose fault a complaint is: department → query, the first that matches wins.
    departments: tuple[tuple[str, Query], ...] = ()

    @property
    def entities(self) -> tuple[Entity, ...]:
        return (self.company, *self.competitors)

    def competitor(self, name: str) -> Entity | None:
        return next((c for c in self.competitors if c.name == name), None)


class _Table:
    """A TOML table being read: remembers its key path and refuses unknown keys."""

    def __init__(self, path: Path, prefix: str, data: Any):
        if not isinstance(data, dict):
            raise ConfigError(path, prefix, f"expected a table, got {type(data).__name__}")
        self.path, self.prefix, self.data = path, prefix, dict(data)
        self.used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def get(self, name: str, typ: type | tuple, default: Any = None, required: bool = False):
        self.used.add(name)
        if name not in self.data:
            if required:
                raise ConfigError(self.path, self.key(name), "is required")
            return default
        value = self.data[name]
        if typ is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, typ) or (typ is not bool and isinstance(value, bool)):
            want = type_name(typ)
            raise ConfigError(self.path, self.key(name), f"expected {want}, got {value!r}")
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.get(name, list, [])
        if not all(isinstance(v, str) for v in value):
            raise ConfigError(self.path, self.key(name), "expected a list of strings")
        return tuple(value)

    def table(self, name: str) -> _Table:
        return _Table(self.path, self.key(name), self.get(name, dict, {}))

    def tables(self, name: str) -> list[_Table]:
        value = self.get(name, list, [])
        return [_Table(self.path, f"{self.key(name)}[{i}]", v) for i, v in enumerate(value)]

    def rest(self) -> dict[str, Any]:
        """Keys not read yet: a source's or channel's own options."""
        return {k: v for k, v in self.data.items() if k not in self.used}

    def finish(self) -> None:
        for name in self.data:
            if name not in self.used:
                raise ConfigError(self.path, self.key(name), "unknown key")


def _refuse_secrets(table: _Table, options: dict[str, Any]) -> None:
    for name in options:
        if name in SECRET_KEYS:
            raise ConfigError(
                table.path,
                table.key(name),
                f"secrets are not read from the config file; put it in an environment "
                f"variable and name that variable with `{name}_env`",
            )


def _entity(table: _Table, kind: str) -> Entity:
    name = table.get("name", str, required=True).strip()
    if not name:
        raise ConfigError(table.path, table.key("name"), "must not be empty")
    aliases = table.strings("aliases")
    text = table.get("query", str)
    try:
        query = Query.parse(text) if text else Query.any_of([name, *aliases])
    except QuerySyntaxError as exc:
        raise ConfigError(table.path, table.key("query"), str(exc)) from None
    feeds = table.strings("feeds") if kind == "competitor" else ()
    table.finish()
    return Entity(name=name, kind=kind, aliases=aliases, query=query, feeds=feeds)


def _source(table: _Table, competitors: set[str]) -> SourceConfig:
    name = table.get("name", str, required=True)
    kind = table.get("kind", str, required=True)
    from spiders import SPIDERS  # each spider module is one source kind

    if kind not in SPIDERS:
        raise ConfigError(table.path, table.key("kind"), f"unknown source kind {kind!r}; one of {', '.join(SPIDERS)}")
    url = table.get("url", str, required=kind != "twitter", default="")
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError(table.path, table.key("url"), f"not an http(s) URL: {url!r}")
    competitor = table.get("competitor", str)
    if competitor is not None and competitor not in competitors:
        raise ConfigError(table.path, table.key("competitor"), f"no competitor named {competitor!r}")
    source = SourceConfig(
        name=name,
        kind=kind,
        url=url,
        enabled=table.get("enabled", bool, True),
        competitor=competitor,
        obey_robots=table.get("obey_robots", bool, True),
        options={},
    )
    options = table.rest()
    _refuse_secrets(table, options)
    source = SourceConfig(**{**source.__dict__, "options": options})
    try:  # the spider owns its options and checks them
        SPIDERS[kind].read_options(source)
    except ValueError as exc:
        raise ConfigError(table.path, table.prefix, str(exc)) from None
    return source


def _channel(table: _Table) -> ChannelConfig:
    name = table.get("name", str, required=True)
    kind = table.get("kind", str, required=True)
    dry_run = table.get("dry_run", bool, False)
    enabled = table.get("enabled", bool, True)
    options = table.rest()
    _refuse_secrets(table, options)
    from alerts import CHANNELS  # the channel owns its options and checks them

    if kind not in CHANNELS:
        raise ConfigError(table.path, table.key("kind"), f"unknown channel kind {kind!r}; one of {', '.join(CHANNELS)}")
    try:
        CHANNELS[kind].read_options(options)
    except ValueError as exc:
        raise ConfigError(table.path, table.prefix, str(exc)) from None
    return ChannelConfig(name=name, kind=kind, options=options, dry_run=dry_run, enabled=enabled)


def parse_config(data: dict[str, Any], path: Path) -> Config:
    root = _Table(path, "", data)
    store = root.table("store")
    database_url = os.environ.get("MOLVA_DATABASE_URL") or store.get("url", str, DEFAULT_DATABASE)
    data_dir = Path(store.get("data_dir", str, "molva-data"))
    store.finish()

    company = _entity(root.table("company"), "company") if "company" in data else None
    if company is None:
        raise ConfigError(path, "company", "is required: the company Molva watches")
    competitors = tuple(_entity(t, "competitor") for t in root.tables("competitors"))
    names = [company.name, *(c.name for c in competitors)]
    if len(set(names)) != len(names):
        raise ConfigError(path, "competitors", "company and competitor names must be unique")

    sources = [_source(t, {c.name for c in competitors}) for t in root.tables("sources")]
    for comp in competitors:
        for i, feed in enumerate(comp.feeds):
            sources.append(SourceConfig(name=f"{comp.name} news {i + 1}", kind="feed", url=feed, competitor=comp.name))
    seen: set[str] = set()
    for s in sources:
        if s.name in seen:
            raise ConfigError(path, "sources", f"two sources are named {s.name!r}")
        seen.add(s.name)

    st = root.table("sentiment")
    sentiment = SentimentConfig(
        model=st.get("model", str, "default"),
        batch_size=st.get("batch_size", int, 32),
        max_tokens=st.get("max_tokens", int, 256),
        threads=st.get("threads", int, 0),
        backend=st.get("backend", str, "auto"),
    )
    if sentiment.backend not in ("auto", "onnx", "onnx-int8", "torch"):
        raise ConfigError(path, "sentiment.backend", f"must be auto, onnx, onnx-int8 or torch, not {sentiment.backend!r}")
    st.finish()

    al = root.table("alerts")
    threshold = al.get("negative_threshold", float, 0.6)
    if not 0 <= threshold <= 1:
        raise ConfigError(path, "alerts.negative_threshold", "must be between 0 and 1")
    alerts = AlertsConfig(
        negative_threshold=threshold,
        include_competitors=al.get("include_competitors", bool, False),
        max_age_days=al.get("max_age_days", int, 7),
        channels=tuple(_channel(t) for t in al.tables("channels")),
        digest=al.get("digest", bool, False),
        digest_top=al.get("digest_top", int, 10),
        spikes=al.get("spikes", bool, True),
        spike_k=al.get("spike_k", float, 3.0),
        spike_min_count=al.get("spike_min_count", int, 5),
        spike_baseline_days=al.get("spike_baseline_days", int, 28),
        spike_window_days=al.get("spike_window_days", int, 7),
        health=al.get("health", bool, True),
        silent_days=al.get("silent_days", int, 14),
        failing_runs=al.get("failing_runs", int, 3),
    )
    for key in ("digest_top", "spike_baseline_days", "spike_window_days", "silent_days", "failing_runs"):
        if getattr(alerts, key) < 1:
            raise ConfigError(path, f"alerts.{key}", "must be at least 1")
    al.finish()

    rp = root.table("report")
    language = rp.get("language", str, "en")
    if language not in ("en", "ru"):
        raise ConfigError(path, "report.language", f"expected 'en' or 'ru', got {language!r}")
    report = ReportConfig(language=language, output=rp.get("output", str, "molva-report"), top_n=rp.get("top_n", int, 10))
    rp.finish()

    dp = root.table("departments")
    departments = []
    for name in list(dp.data):
        text = dp.get(name, str)
        try:
            departments.append((name, Query.parse(text)))
        except QuerySyntaxError as exc:
            raise ConfigError(path, f"departments.{name}", str(exc)) from None
    dp.finish()

    cr = root.table("crawl")
    crawl = CrawlConfig(
        user_agent=cr.get("user_agent", str, CrawlConfig.user_agent),
        download_delay=cr.get("download_delay", float, CrawlConfig.download_delay),
        concurrency_per_domain=cr.get("concurrency_per_domain", int, CrawlConfig.concurrency_per_domain),
        timeout=cr.get("timeout", float, CrawlConfig.timeout),
        max_response_bytes=cr.get("max_response_bytes", int, CrawlConfig.max_response_bytes),
        retries=cr.get("retries", int, CrawlConfig.retries),
    )
    cr.finish()
    root.finish()

    base = path.parent
    if database_url.startswith("sqlite:///") and not database_url.startswith("sqlite:////"):
        rel = database_url.removeprefix("sqlite:///")
        if rel != ":memory:":
            database_url = "sqlite:///" + str((base / rel).resolve())
    return Config(
        path=path,
        database_url=database_url,
        data_dir=(base / data_dir).resolve(),
        company=company,
        competitors=competitors,
        sources=tuple(sources),
        sentiment=sentiment,
        alerts=alerts,
        report=ReportConfig(**{**report.__dict__, "output": str((base / report.output).resolve())}),
        crawl=crawl,
        departments=tuple(departments),
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


def type_name(typ: type | tuple) -> str:
    return typ.__name__ if isinstance(typ, type) else " or ".join(t.__name__ for t in typ)


def read_declared_options(declared: dict[str, tuple], given: dict[str, Any], owner: str) -> dict[str, Any]:
    """A unit's (source kind's, alert channel's) options: each declared one as
    `name: (type, default, help)`, filled with its default when not given.
    ValueError names an unknown option or one of the wrong type."""
    unknown = set(given) - set(declared)
    if unknown:
        raise ValueError(
            f"unknown option(s) {', '.join(sorted(unknown))} for {owner} "
            f"(known: {', '.join(sorted(declared)) or 'none'})"
        )
    values = {}
    for name, (typ, default, _help) in declared.items():
        value = given.get(name, default)
        if typ is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        # bool is an int to Python; an int option must not take `true`.
        if value is not None and (not isinstance(value, typ) or (typ is int and isinstance(value, bool))):
            raise ValueError(f"option {name!r} must be {type_name(typ)}, got {value!r}")
        values[name] = value
    return values
