"""Spiders fed in-memory Scrapy responses of saved pages: no network, no
reactor. `spider(ForumSpider, max_pages=2)` is a spider of that kind with those
options, whose recorded errors land in `spider.crawler.stats`."""

from scrapy.http import HtmlResponse

from spiders.source import SourceConfig
from tests.conftest import FIXTURES


def response(path, url="https://forum.example/t/1", encoding="utf-8", cls=HtmlResponse):
    return cls(url=url, body=(FIXTURES / path).read_bytes(), encoding=encoding)


class _Stats:
    def __init__(self):
        self.values = {}

    def get_value(self, key, default=None, spider=None):
        return self.values.get(key, default)

    def set_value(self, key, value, spider=None):
        self.values[key] = value


class _Crawler:
    def __init__(self):
        self.stats = _Stats()


def spider(cls, url="https://forum.example/t/1", **options):
    s = cls.scrapy()(SourceConfig(name="src", kind=cls.kind, url=url, options=cls.Options(**options)))
    s.crawler = _Crawler()
    return s


def flat(text):
    return " ".join(text.split())
