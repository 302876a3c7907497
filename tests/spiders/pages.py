"""Helpers for the spider tests: in-memory responses, a forum spider that needs
no crawler, and thread pages in markup no engine module knows (a home-grown
board's theme) or in the default markup of one engine, cut to the elements
around each post."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from scrapy.http import HtmlResponse

from spiders.forum import ForumSpider
from tests.conftest import FIXTURES
from tests.spider_pages import spider

THREAD = "https://forum.example/thread/1"


def forum_spider(**options) -> ForumSpider:
    return spider(ForumSpider, url=THREAD, **options)


def page(body: str | bytes, url: str = THREAD, encoding: str | None = "utf-8") -> HtmlResponse:
    data = body.encode(encoding or "utf-8") if isinstance(body, str) else body
    return HtmlResponse(url=url, body=data, encoding=encoding) if encoding else HtmlResponse(url=url, body=data)


def fixture(path: str, encoding: str = "utf-8", url: str = THREAD) -> HtmlResponse:
    return HtmlResponse(url=url, body=(FIXTURES / path).read_bytes(), encoding=encoding)


def read(response: HtmlResponse, **options):
    """(items, requests) the forum spider makes of one page."""
    out = list(forum_spider(**options).parse_page(response, thread=response.url, page=1, listing=True))
    return [i for i in out if not hasattr(i, "callback")], [r for r in out if hasattr(r, "callback")]


@dataclass
class Reply:
    id: int
    author: str
    date: str
    text: str
    quote: str | None = None  # words of another post, quoted above this one's
    signature: str | None = None


def home_grown_thread(title: str, replies: list[Reply], next_url: str | None = None, lang: str = "ru",
                      charset: str = "utf-8") -> str:
    """A thread of a board no engine module knows: its own class names, a profile
    column, a header line with the date, quotes with a "wrote:" label and a
    "Click to expand..." link, signatures, like counters and reply buttons."""
    rows = "".join(f"""
  <section class="msg-card" id="m{r.id}">
    <aside class="who"><img class="pic" src="/a/{r.id}.png" alt="{escape(r.author)}">
      <a class="who-link" href="/people/{escape(r.author)}">{escape(r.author)}</a>
      <span class="who-since">Joined: 12.05.2011</span><span class="who-count">Posts: 120</span></aside>
    <div class="msg-main">
      <div class="msg-head"><a class="msg-anchor" href="/thread/1?m={r.id}#m{r.id}">#{r.id}</a>
        <span class="msg-when">{escape(r.date)}</span></div>
      <div class="msg-text">{_quote(r.quote)}{escape(r.text)}</div>
      {f'<div class="msg-signature">{escape(r.signature)}</div>' if r.signature else ''}
      <div class="msg-tools"><span class="likes-count">3</span><a class="btn-reply" href="/reply?m={r.id}">Reply</a>
        <button>Share</button></div>
    </div>
  </section>""" for r in replies)
    pager = f'<div class="pager"><a class="pager-next" href="{next_url}">»</a></div>' if next_url else ""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{escape(title)}</title></head>
<body><div class="cookie-bar">We use cookies. <a href="/ok">OK</a></div>
<nav class="top"><a href="/">Forum</a> <a href="/login">Sign In</a></nav>
<main><h1>{escape(title)}</h1>{rows}{pager}</main>
<footer>© Home-grown board</footer></body></html>"""


def _quote(words: str | None) -> str:
    if not words:
        return ""
    return (f'<div class="cite-box"><div class="cite-head">someone wrote:</div><blockquote>{escape(words)}</blockquote>'
            f'<a class="cite-expand">Click to expand...</a></div>')


def home_grown_section(threads: list[tuple[str, str, str, str]]) -> str:
    """A section page of the same board: (url, title, starter, date) per thread."""
    rows = "".join(f"""<li class="topic-row"><a class="topic-title" href="{url}">{escape(title)}</a>
      <span class="topic-by"><a href="/people/{escape(by)}">{escape(by)}</a></span>
      <span class="topic-when">{escape(when)}</span></li>""" for url, title, by, when in threads)
    return f'<html lang="en"><body><ul class="topics">{rows}</ul></body></html>'
