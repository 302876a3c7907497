"""The collect stage: every enabled source crawled by its spider, all in one Scrapy
process. A failing source is recorded for the run and the others go on."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from sqlalchemy import Engine

from molva.config import Config
from molva.pipelines import NEW_STAT
from molva.settings import build_settings
from spiders import SPIDERS
from spiders.base import ERRORS_STAT
from spiders.source import SourceConfig
from store.repo import load_source_state, record_source_outcome

log = logging.getLogger(__name__)


@dataclass
class SourceOutcome:
    source: SourceConfig
    status: str = "ok"  # ok | failed
    seen: int = 0
    new: int = 0
    errors: list[dict] = field(default_factory=list)


def crawl(config: Config, engine: Engine, run_id: int | None, only: list[str] | None = None, echo=print) -> list[SourceOutcome]:
    """Crawl the enabled sources (or those named in `only`) and record each outcome."""
    sources = [s for s in config.sources if s.enabled and (not only or s.name in only)]
    if only:
        missing = set(only) - {s.name for s in sources}
        if missing:
            raise ValueError(f"no enabled source named {', '.join(sorted(missing))}")
    settings = build_settings(config, run_id)
    process = CrawlerProcess(settings)  # LOG_INSTALL_ROOT_HANDLER is off: the CLI owns logging
    outcomes: list[SourceOutcome] = []

    def finished(source: SourceConfig, crawler) -> None:
        # As each source ends, not all at the end: a long crawl shows its progress.
        outcome = _outcome(source, crawler.stats.get_stats())
        if run_id is not None:
            record_source_outcome(engine, run_id, source, outcome.status, outcome.seen, outcome.new, outcome.errors)
        outcomes.append(outcome)
        echo(f"  {source.name} ({source.kind}): {outcome.status}, {outcome.seen} seen, {outcome.new} new"
             + (f"; {outcome.errors[0]['reason']}" if outcome.errors else ""))

    crawlers = []
    for source in sources:
        # Per-source settings ride on a subclass: Scrapy reads them from custom_settings.
        scrapy_spider = SPIDERS[source.kind].scrapy()
        spider_cls = type(scrapy_spider.__name__, (scrapy_spider,), {"custom_settings": {"ROBOTSTXT_OBEY": source.obey_robots}})
        crawler = process.create_crawler(spider_cls)
        # Connected after Scrapy's own stats extension, so the finish reason is in the stats by then.
        crawler.signals.connect(lambda spider, reason, source=source, crawler=crawler: finished(source, crawler),
                                signal=signals.spider_closed, weak=False)
        process.crawl(crawler, source=source, state=load_source_state(engine, source))
        crawlers.append((source, crawler))
    if sources:
        echo(f"crawling {len(sources)} source(s)...")
        process.start()
    for source, crawler in crawlers:  # a spider that never opened sends no spider_closed
        if not any(o.source.name == source.name for o in outcomes):
            finished(source, crawler)
    order = {source.name: i for i, source in enumerate(sources)}
    return sorted(outcomes, key=lambda o: order[o.source.name])


def _outcome(source: SourceConfig, stats: dict) -> SourceOutcome:
    errors = list(stats.get(ERRORS_STAT, []))
    spider_errors = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    if spider_errors:
        errors.append({"url": source.url, "reason": f"{spider_errors} parse error(s) in the spider; see the log"})
    finish = stats.get("finish_reason", "finished" if "start_time" in stats else "not started")
    if finish != "finished":
        errors.append({"url": source.url, "reason": f"crawl ended early: {finish}"})
    seen = stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0)
    return SourceOutcome(
        source=source,
        status="failed" if errors else "ok",
        seen=seen,
        new=stats.get(NEW_STAT, 0),
        errors=errors,
    )

