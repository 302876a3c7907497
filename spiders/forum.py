"""Forum threads: the engine is recognised from the page, then each post is
extracted with that engine's markup (author, date, text without quotes, permalink).
Follows "next page" links up to `max_pages`. Posts are keyed by engine and post
id, so a thread crawled again adds only the posts that are new."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urljoin

from parsel import Selector
from scrapy.http import Response

from spiders.base import SourceSpider
from spiders.text import element_text, parse_date


@dataclass(frozen=True)
class Post:
    post_id: str
    author: str | None
    date: str | None
    text: str
    permalink: str


class ForumEngine:
    """One forum engine's markup. Subclasses fill in the selectors."""

    name: str
    post_css: str
    body_css: str
    exclude_css: str | None = None
    next_css: str = "a[rel=next]::attr(href)"
    title_css: str = "title::text"

    def detect(self, sel: Selector) -> bool:
        raise NotImplementedError

    def post_id(self, post: Selector) -> str | None:
        return post.attrib.get("id")

    def author(self, post: Selector) -> str | None:
        raise NotImplementedError

    def date(self, post: Selector) -> str | None:
        raise NotImplementedError

    def permalink(self, page_url: str, post: Selector, post_id: str) -> str:
        return f"{page_url.split('#')[0]}#{post_id}"

    def posts(self, sel: Selector, page_url: str) -> Iterator[Post]:
        for post in sel.css(self.post_css):
            pid = self.post_id(post)
            body = post.css(self.body_css)
            if not pid or not body:
                continue
            yield Post(
                post_id=pid,
                author=_clean(self.author(post)),
                date=self.date(post),
                text=element_text(body[0], self.exclude_css),
                permalink=self.permalink(page_url, post, pid),
            )

    def title(self, sel: Selector) -> str | None:
        return _clean(sel.css(self.title_css).get())

    def next_page(self, sel: Selector) -> str | None:
        return sel.css(self.next_css).get()


class PhpBB(ForumEngine):
    name = "phpbb"
    post_css = "div.post[id^=p]"
    body_css = "div.content"
    exclude_css = "blockquote"
    next_css = "a[rel=next]::attr(href), .pagination li.next a::attr(href), .pagination a.right-box::attr(href)"
    title_css = "h2.topic-title a::text, #page-body h2 a::text, h2 a::text, title::text"

    def detect(self, sel):
        return bool(sel.css("body#phpbb")) or bool(sel.css("div.post[id^=p] div.postbody"))

    def author(self, post):
        return post.css("p.author .username::text, p.author .username-coloured::text, "
                        "p.author strong a::text, .author .username::text").get()

    def date(self, post):
        return post.css("p.author time::attr(datetime)").get() or post.xpath(
            './/p[contains(@class,"author")]/text()[normalize-space()][last()]'
        ).get("").strip(" »\xbb\n\t")


class XenForo(ForumEngine):
    name = "xenforo"
    post_css = "article.message--post"
    body_css = ".message-body .bbWrapper"
    exclude_css = "blockquote.bbCodeBlock--quote"
    next_css = "a.pageNav-jump--next::attr(href), a[rel=next]::attr(href)"
    title_css = "h1.p-title-value::text, title::text"

    def detect(self, sel):
        return bool(sel.css("html[data-app=public] article.message, article.message--post"))

    def post_id(self, post):
        return post.attrib.get("data-content") or post.attrib.get("id")

    def author(self, post):
        return post.attrib.get("data-author") or post.css(".message-name .username::text").get()

    def date(self, post):
        return post.css("header.message-attribution time::attr(datetime), time::attr(datetime)").get()

    def permalink(self, page_url, post, post_id):
        href = post.css('header.message-attribution a[href*="post-"]::attr(href)').get()
        return urljoin(page_url, href) if href else super().permalink(page_url, post, post_id)


class VBulletin(ForumEngine):
    name = "vbulletin"
    post_css = "li.postcontainer"
    body_css = "blockquote.postcontent"
    exclude_css = "div.bbcode_container"
    title_css = "span.threadtitle a::text, h1 .threadtitle::text, title::text"

    def detect(self, sel):
        generator = sel.css('meta[name=generator]::attr(content)').get("")
        return "vBulletin" in generator or bool(sel.css("li.postcontainer blockquote.postcontent"))

    def author(self, post):
        return "".join(post.css("a.username ::text").getall()).strip() or None

    def date(self, post):
        date = post.css("span.date")
        if date:
            return " ".join(t.strip() for t in date.css("::text").getall() if t.strip())
        return post.css("dl.userstats dd::text").get()

    def permalink(self, page_url, post, post_id):
        href = post.css("a.postcounter::attr(href)").get()
        return urljoin(page_url, href) if href else super().permalink(page_url, post, post_id)


ENGINES: tuple[ForumEngine, ...] = (XenForo(), PhpBB(), VBulletin())


def detect_engine(sel: Selector) -> ForumEngine | None:
    return next((e for e in ENGINES if e.detect(sel)), None)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


class ForumSpider(SourceSpider):
    kind = "forum"
    description = (
        "A forum thread (phpBB, XenForo or vBulletin, recognised from the page): "
        "every post with author, date and permalink; follows pagination."
    )
    options = {
        "max_pages": (int, 20, "pages to follow per thread"),
        "dayfirst": (bool, True, "read ambiguous dates such as 03.04.2026 as day first"),
    }

    async def start(self):
        yield self.request(self.source.url, self.parse_thread, cb_kwargs={"page": 1})

    def parse_thread(self, response: Response, page: int):
        engine = detect_engine(response.selector)
        if engine is None:
            self.record_error(response.url, "no known forum engine recognised on this page")
            return
        title = engine.title(response.selector)
        for post in engine.posts(response.selector, response.url):
            if not post.text:
                continue
            yield self.mention(
                external_id=f"{engine.name}:{post.post_id}",
                kind="post",
                url=post.permalink,
                text=post.text,
                title=title,
                author=post.author,
                published_at=parse_date(post.date, dayfirst=self.opts["dayfirst"]),
            )
        next_url = engine.next_page(response.selector)
        if next_url and page < self.opts["max_pages"]:
            yield self.request(response.urljoin(next_url), self.parse_thread, cb_kwargs={"page": page + 1})
