"""What every Molva spider shares: its source, its memory between runs, and how a
failure is recorded for the run's coverage instead of stopping the run.

A source kind is one module: a `SourceSpider` subclass with its `kind`, a
`description` and an `Options` dataclass. It becomes a Scrapy spider when it is
crawled (`SourceSpider.scrapy()`, a subclass that adds `scrapy.Spider`), so that
reading a config — `molva status`, `molva report` — checks every source's
options without importing Scrapy; a kind module therefore imports Scrapy and
Twisted only inside the methods that run during a crawl."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

from spiders.items import MentionItem
from spiders.source import SourceConfig, options_from_strings

ERRORS_STAT = "molva/errors"


class SourceSpider:
    """Base class: one spider instance crawls one configured source.

    Subclasses set `kind` and `description`, declare their `Options` and
    implement `start()` / callbacks that yield MentionItem objects. Parsing
    only: matching, cleaning and storing are the item pipelines' job."""

    kind: ClassVar[str]
    description: ClassVar[str]
    needs_url: ClassVar[bool] = True  # False: the kind finds its items otherwise (a search query)

    @dataclass(frozen=True)
    class Options:
        """The kind's own options; a kind without any keeps this empty one."""

    def __init__(self, source: SourceConfig | None = None, state: dict[str, Any] | None = None,
                 url: str = "", **arguments):
        if source is None:  # `scrapy crawl KIND -a url=... -a option=...`, without a Molva config
            source = SourceConfig(name=self.kind, kind=self.kind, url=url,
                                  options=options_from_strings(self.Options, arguments))
            arguments = {}
        super().__init__(name=source.name, **arguments)
        self.source = source
        self.options = source.options if source.options is not None else self.Options()
        # What the source remembers between runs; the store pipeline saves
        # `new_state` only after every item of the run is stored.
        # A deep copy: the forum spider keeps dicts in its state (last page per thread),
        # and updating them must change neither what this run reads as "last time"
        # nor, by aliasing, the comparison that decides whether the state is saved.
        self.state = copy.deepcopy(dict(state or {}))
        self.new_state = copy.deepcopy(self.state)
        self._newest: dict[tuple[str, ...], float] = {}

    @classmethod
    def scrapy(cls) -> type:
        """This kind as a Scrapy spider class (made once per kind)."""
        return _as_scrapy_spider(cls)

    # -- high-water marks ----------------------------------------------------
    # A source read newest first (a channel, a search, a forum's latest posts)
    # remembers the newest item it saw, and the next run reads back to it. The
    # mark moves only when a run has read back that far: if a page in between
    # fails, the next run reads the same stretch again rather than leave a gap.

    def saw(self, value: float, *path: str) -> None:
        """This run saw an item numbered (or timed) `value`, for the mark at `path` in the state."""
        self._newest[path] = max(self._newest.get(path, value), value)

    def read_back(self, *path: str, url: str, stopped_short: bool = False) -> None:
        """The run read back to the last run's mark at `path`, or to the start of
        the history: the newest item it saw becomes the mark. `stopped_short`:
        max_pages ran out first, so what lies between stays unread; after an
        earlier run that is a recorded failure (a first run reads back only as
        far as max_pages allows, by design)."""
        if stopped_short and _at(self.state, path) is not None:
            self.record_error(url, f"stopped at max_pages ({getattr(self.options, 'max_pages', None)}) before "
                                   "reaching what the last run read: the posts between were not read (raise "
                                   "max_pages for this source)")
        if path in self._newest:
            old = _at(self.new_state, path)
            newest = self._newest[path] if old is None else max(self._newest[path], type(self._newest[path])(old))
            place = self.new_state
            for part in path[:-1]:
                place = place.setdefault(part, {})
            place[path[-1]] = newest

    @property
    def logger(self) -> logging.LoggerAdapter:
        # Under the project's own name (spiders.<kind>), not the source's: the console shows Molva's
        # warnings and leaves Scrapy's to the run log.
        return logging.LoggerAdapter(logging.getLogger(f"spiders.{self.kind}"), {"spider": self})

    def mention(self, **fields) -> MentionItem:
        return MentionItem(source=self.source.name, **fields)

    def record_error(self, url: str, reason: str) -> None:
        # In the run log; the console shows the source's result line, with its first error.
        self.logger.info("source %r: %s: %s", self.source.name, url, reason)
        errors = self.crawler.stats.get_value(ERRORS_STAT, [])
        self.crawler.stats.set_value(ERRORS_STAT, [*errors, {"url": url, "reason": reason}])

    def on_error(self, failure) -> None:
        """Errback for every request: a short, human reason per failed URL."""
        from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError
        from twisted.internet.defer import CancelledError
        from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

        request = failure.request
        if failure.check(HttpError):
            status = failure.value.response.status
            wait = failure.value.response.headers.get(b"Retry-After")
            reason = {
                403: "HTTP 403 Forbidden",
                404: "HTTP 404 Not Found",
                429: "HTTP 429 Too Many Requests (rate limited; retried"
                     + (f" after the {wait.decode('latin-1')} s it asked for" if wait else "") + ", then gave up)",
            }.get(status, f"HTTP {status}")
        elif failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
            reason = "timed out"
        elif failure.check(CancelledError, DownloadCancelledError):  # a body over the size cap
            cap = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            reason = f"the answer is larger than max_response_bytes ({cap:,} bytes) and was dropped"
        elif failure.check(DNSLookupError):
            reason = "host not found (DNS)"
        elif failure.check(IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(failure.value):
            cap = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            reason = f"the answer unpacks to more than max_response_bytes ({cap:,} bytes) and was dropped"
        elif failure.check(IgnoreRequest):
            reason = str(failure.value) or "request ignored (robots.txt forbids it, or a size cap)"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        self.record_error(request.url, reason)

    def request(self, url: str, callback, **kwargs):
        from scrapy import Request

        kwargs.setdefault("errback", self.on_error)
        return Request(url, callback=callback, **kwargs)


@cache
def _as_scrapy_spider(cls: type[SourceSpider]) -> type:
    import scrapy

    # Scrapy's spider loader lists the classes a module defines: these live in spiders.project.
    return type(cls.__name__, (cls, scrapy.Spider), {"name": cls.kind, "__module__": "spiders.project",
                                                      "__doc__": cls.__doc__})


def with_params(url: str, **params) -> str:
    """`url` with these query parameters set (a None value leaves one out)."""
    parts = urlparse(url)
    query = dict(parse_qsl(parts.query))
    query.update({k: str(v) for k, v in params.items() if v is not None})
    return urlunparse(parts._replace(query=urlencode(query)))


def _at(state: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(state, dict) or part not in state:
            return None
        state = state[part]
    return state
