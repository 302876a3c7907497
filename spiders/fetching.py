"""How the crawl fetches, from the config's [crawl] table: politeness, limits
and retries, as Scrapy settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spiders.source import at_least, option

# by name, so that reading a config does not import Scrapy
MIDDLEWARES = {
    "spiders.middlewares.RetryAfterMiddleware": 560,  # sees a 429 before RetryMiddleware (550) retries it at once
    "spiders.middlewares.RedirectLoopMiddleware": 650,  # sees a 3xx before RedirectMiddleware (600) follows it
}


@dataclass(frozen=True)
class CrawlSettings:
    user_agent: str = option("Molva/0.1 (+https://github.com/molva/molva; reputation monitor)",
                             help="the User-Agent header sent to every site")
    download_delay: float = option(0.5, help="seconds between requests to one site (AutoThrottle adapts from here)")
    concurrency_per_domain: int = option(2, help="requests in flight to one site at a time")
    timeout: float = option(30.0, help="seconds to wait for an answer")
    max_response_bytes: int = option(10 * 1024 * 1024, help="a bigger answer is dropped and recorded")
    retries: int = option(2, help="retries of a failed request (timeouts, 5xx, 429)")
    max_retry_after: float = option(60.0, help="the longest wait a 429/503 Retry-After is honoured with; "
                                    "a longer one leaves the request for the next run")

    def __post_init__(self):
        at_least(self, 1, "concurrency_per_domain", "max_response_bytes")
        at_least(self, 0, "retries", "download_delay", "max_retry_after")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be more than 0 seconds, not {self.timeout!r}")

    def scrapy_settings(self) -> dict[str, Any]:
        return {
            "USER_AGENT": self.user_agent,
            "DOWNLOAD_DELAY": self.download_delay,
            "AUTOTHROTTLE_START_DELAY": self.download_delay,
            "CONCURRENT_REQUESTS_PER_DOMAIN": self.concurrency_per_domain,
            "DOWNLOAD_TIMEOUT": self.timeout,
            "DOWNLOAD_MAXSIZE": self.max_response_bytes,
            "DOWNLOAD_WARNSIZE": self.max_response_bytes // 2,
            "RETRY_TIMES": self.retries,
            "MOLVA_MAX_RETRY_AFTER": self.max_retry_after,
            "DOWNLOADER_MIDDLEWARES": MIDDLEWARES,
        }
