"""Scrapy settings, all in one place. `build_settings` adds what comes from the
user's config (politeness, size caps) and what the pipelines need."""

from __future__ import annotations

import logging

from scrapy.settings import Settings

from molva.config import Config

BOT_NAME = "molva"
SPIDER_MODULES = ["spiders.project"]  # the source kinds as Scrapy spiders: `scrapy list`
ITEM_PIPELINES = {
    "molva.pipelines.CleanPipeline": 100,
    "molva.pipelines.MatchPipeline": 200,
    "molva.pipelines.StorePipeline": 300,
}
ROBOTSTXT_OBEY = True
RETRY_ENABLED = True
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
REDIRECT_MAX_TIMES = 5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
HTTPCACHE_ENABLED = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
LOG_INSTALL_ROOT_HANDLER = False  # the CLI configures logging once
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"


def build_settings(config: Config, run_id: int | None) -> Settings:
    settings = Settings()
    settings.setmodule("molva.settings", priority="project")
    settings.setdict(
        {
            **config.crawl.scrapy_settings(),
            # Scrapy deep-copies settings, so they carry the config, never live objects.
            "MOLVA_CONFIG": config,
            "MOLVA_RUN_ID": run_id,
            # Follow the CLI's verbosity (`molva -v`): quiet unless asked.
            "LOG_LEVEL": logging.getLevelName(logging.getLogger().getEffectiveLevel()),
        },
        priority="cmdline",
    )
    return settings
