"""Downloader middlewares: how Molva fetches, where Scrapy's defaults fall short
of a weekly run that must say what went wrong.

- RedirectLoopMiddleware: a redirect back to a URL of its own chain is a loop;
  Scrapy's duplicate filter would drop it silently and the source would read
  "ok, 0 seen". Refused with a reason instead, for the source's errback.
- RetryAfterMiddleware: a 429 or 503 with Retry-After is retried after the wait
  the site asked for (up to `max_retry_after` seconds), not at once; a longer
  wait ends that request for this run, with the reason."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

# Their places among Scrapy's middlewares: spiders.fetching.MIDDLEWARES.


class RedirectLoopMiddleware:
    def process_response(self, request, response, spider=None):
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1")).split("#")[0]
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in (url.split("#")[0] for url in chain):
            raise IgnoreRequest("redirect loop: " + " → ".join([*chain, target][-4:]))
        return response


def retry_after_seconds(value: bytes | None, now: dt.datetime | None = None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


class RetryAfterMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("MOLVA_MAX_RETRY_AFTER", 60.0)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response, spider=None):
        if response.status not in (429, 503):
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response  # RetryMiddleware retries it the usual way
        if wait > self.max_wait:
            raise IgnoreRequest(f"HTTP {response.status}: the site asks to wait {wait:.0f} s (Retry-After), longer than "
                                f"max_retry_after ({self.max_wait:.0f} s); read again next run")
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After {wait:.0f}s")
        if retry is None:
            return response  # out of retries: RetryMiddleware gives up, the errback records it
        await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return retry
