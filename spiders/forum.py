"""Forums: a thread, a section (board) or a search page of any engine in
`spiders.forums`, recognised from the page (or named with `engine`).

- A thread page gives its posts; "next page" links are followed up to `max_pages`.
- A section page gives links to threads; up to `max_threads` are followed.
- Discourse and Flarum are read through their JSON APIs.
- A page of no known engine gives its main text (trafilatura), marked low confidence.

Incremental: the source remembers each thread's last page read, and the next
run starts there, so a long thread costs one or two requests a week, not all of
its pages; API engines remember the highest post id seen. Posts are keyed by
engine and post id, so a page read twice adds nothing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spiders.base import SourceSpider
from spiders.forums import BY_NAME, ApiEngine, HtmlEngine, Post, detect_engine, thread_key
from spiders.forums.generic import extract_main_text
from spiders.source import at_least, option
from spiders.text import likely_dayfirst, numeric_date_order, parse_date

if TYPE_CHECKING:
    from scrapy.http import Response


class ForumSpider(SourceSpider):
    kind = "forum"
    description = (
        "A forum thread, section or search page: phpBB, XenForo, vBulletin, SMF, MyBB, Invision (IPB), "
        "Forumotion, Discourse and Flarum are recognised from the page; other pages give their main text "
        "(low confidence). Every post with author, date and permalink; only new pages are read next time."
    )
    @dataclass(frozen=True)
    class Options:
        max_pages: int = option(20, help="pages (or API answers) to read per thread and run")
        max_threads: int = option(30, help="threads to follow from a section page")
        engine: str = option("auto", help="the forum engine, or auto to recognise it: " + ", ".join(BY_NAME))
        dayfirst: bool | str = option("auto", help="read dates such as 03.04.2026 as day first (true), month "
                                      "first (false), or auto: from the dates themselves, else the separator "
                                      "and page language")

        def __post_init__(self):
            at_least(self, 1, "max_pages", "max_threads")
            if self.engine != "auto" and self.engine not in BY_NAME:
                raise ValueError(f"engine {self.engine!r} is none of auto, {', '.join(BY_NAME)}")
            if self.dayfirst not in (True, False, "auto"):
                raise ValueError(f"dayfirst {self.dayfirst!r} is none of true, false, \"auto\"")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._answers_due: dict[str, int] = {}  # API answers still to come, per start URL
        self._cut_short: set[str] = set()  # start URLs whose answers max_pages cut off

    async def start(self):
        yield self.thread_request(self.source.url, listing=True)

    # -- HTML engines -----------------------------------------------------

    def thread_request(self, url: str, listing: bool):
        """The thread's last page read by an earlier run, else its first page."""
        key = thread_key(url)
        resume = self.state.get("last_page", {}).get(key)
        kwargs: dict[str, Any] = {"thread": key, "page": 1, "listing": listing}
        if resume and resume != key:
            return self.request(resume, self.parse_page, cb_kwargs=kwargs,
                                errback=lambda failure: self.restart_thread(failure, key, listing))
        return self.request(url, self.parse_page, cb_kwargs=kwargs)

    def restart_thread(self, failure, key: str, listing: bool):
        # The remembered page is gone (posts deleted, thread moved): read the thread from its start.
        self.logger.info("source %r: %s failed, reading %s from its first page", self.source.name,
                         failure.request.url, key)
        yield self.request(key, self.parse_page, cb_kwargs={"thread": key, "page": 1, "listing": listing})

    def engine_for(self, response: Response) -> HtmlEngine | ApiEngine | None:
        if self.options.engine != "auto":
            return BY_NAME[self.options.engine]
        return detect_engine(response.selector)

    def parse_page(self, response: Response, thread: str, page: int, listing: bool):
        engine = self.engine_for(response)
        if isinstance(engine, ApiEngine):
            start = engine.start_url(response.url, response.selector)
            yield self.request(start, self.parse_api, cb_kwargs={"engine": engine, "key": start, "ctx": {}, "page": 1})
            return
        posts = list(engine.posts(response.selector, response.url)) if engine else []
        if posts:
            title = engine.title(response.selector)
            dayfirst = self.dayfirst_on(response, posts)
            for post in posts:
                yield from self.emit(engine.name, post, title, dayfirst)
            self.new_state.setdefault("last_page", {})[thread] = thread_key(response.url)
            next_url = engine.next_page(response.selector)
            if next_url and page < self.options.max_pages:
                yield self.request(response.urljoin(next_url), self.parse_page,
                                   cb_kwargs={"thread": thread, "page": page + 1, "listing": False})
            return
        links = engine.thread_links(response.selector, response.url) if engine and listing else []
        if links:
            for link in links[: self.options.max_threads]:
                yield self.thread_request(link, listing=False)
            return
        yield from self.generic(response, engine)

    def dayfirst_on(self, response: Response, posts: list[Post]) -> bool:
        """The option, or with `auto` the page's own evidence: a date such as 25.03
        or 03/25 settles the order for the forum (kept in the source's state, since a
        weekly run may read only a few posts of a month's first days)."""
        if isinstance(self.options.dayfirst, bool):
            return self.options.dayfirst
        dates = [post.date for post in posts if isinstance(post.date, str)]
        found = numeric_date_order(dates)
        if found is not None:
            self.new_state["dayfirst"] = found
            return found
        if "dayfirst" in self.new_state:
            return bool(self.new_state["dayfirst"])
        return likely_dayfirst(dates, response.xpath("/html/@lang").get())

    def generic(self, response: Response, engine: HtmlEngine | None):
        found = extract_main_text(response.text, response.url)
        if found is None:
            what = f"a {engine.name} page with no posts" if engine else "no known forum engine"
            self.record_error(response.url, f"{what}, and no main text found on it")
            return
        yield self.mention(
            external_id=f"page:{thread_key(response.url)}:{found.key}",
            kind="page",
            url=response.url,
            text=found.text,
            title=found.title,
            author=found.author,
            published_at=parse_date(found.date),
            confidence="low",
        )

    # -- API engines ------------------------------------------------------

    def parse_api(self, response: Response, engine: ApiEngine, key: str, ctx: dict[str, Any], page: int):
        try:
            data = json.loads(response.text)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            self.record_error(response.url, f"the {engine.name} API answer is not JSON ({exc})")
            return
        since = int(self.state.get("since", {}).get(key, 0))
        result = engine.parse(data, response.url, since, ctx)
        for post in result.posts:
            self.saw(int(post.post_id), "since", key)
            yield from self.emit(engine.name, post, None)
        room = max(0, self.options.max_pages - page)
        if len(result.follow) > room:
            self._cut_short.add(key)
        follow = result.follow[:room]
        # A topic's missing posts come in several answers at once: the mark moves
        # when the last of them is in (and never, if one fails).
        self._answers_due[key] = self._answers_due.get(key, 1) - 1 + len(follow)
        for url, next_ctx in follow:
            yield self.request(url, self.parse_api,
                               cb_kwargs={"engine": engine, "key": key, "ctx": next_ctx, "page": page + 1})
        if not self._answers_due[key]:
            self.read_back("since", key, url=response.url, stopped_short=key in self._cut_short)

    def emit(self, engine: str, post: Post, title: str | None, dayfirst: bool = True):
        if not post.text:
            return
        published = post.date if isinstance(post.date, dt.datetime) else parse_date(post.date, dayfirst)
        yield self.mention(
            external_id=f"{engine}:{post.post_id}",
            kind="post",
            url=post.permalink,
            text=post.text,
            title=post.title or title,
            author=post.author,
            published_at=published,
        )
