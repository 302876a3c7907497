"""The source kinds as Scrapy sees them: `scrapy list` lists them and
`scrapy crawl forum -a url=URL -O posts.jsonl` reads one thread without a Molva
config (scrapy.cfg points Scrapy's SPIDER_MODULES here). Molva's own crawl
takes the same classes from `SourceSpider.scrapy()`."""

from spiders import SPIDERS

globals().update({SPIDERS[kind].__name__: SPIDERS[kind].scrapy() for kind in SPIDERS})
