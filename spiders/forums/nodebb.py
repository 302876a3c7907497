"""NodeBB, through its read API (the HTML is a JavaScript app): `/api/<path>`
answers the same page as JSON.

- A topic URL (`/topic/<tid>/<slug>`): `/api/topic/<tid>` gives its posts, a
  page at a time (`pagination.pageCount`); pages past the first are asked for
  with `?page=N`. Only posts above the last run's highest pid are kept.
- Any other URL of the forum: `/api/recent` lists the latest topics, and each is
  read as above."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from spiders.forums.engine import ApiEngine, ApiPage, Post, clean, count_signals, with_query
from spiders.text import html_to_text

_TOPIC = re.compile(r"/topic/(\d+)")


class NodeBB(ApiEngine):
    name = "nodebb"

    def detect(self, sel):
        return count_signals(sel, ("meta[name=generator][content*=NodeBB]", "//script[contains(., 'nodebb')]",
                                   "[component='post/content'], [component='topic']", "link[href*='nodebb']",
                                   "~Powered by NodeBB")) >= 2

    def base(self, url: str) -> str:
        parts = urlsplit(url)
        path = parts.path
        for mark in ("/api/", "/topic/", "/category/", "/recent"):
            if mark in path:
                path = path[: path.index(mark)]
                break
        else:
            path = ""
        return f"{parts.scheme}://{parts.netloc}{path.rstrip('/')}"

    def start_url(self, page_url, sel):
        topic = _TOPIC.search(urlsplit(page_url).path)
        base = self.base(page_url)
        return f"{base}/api/topic/{topic.group(1)}" if topic else f"{base}/api/recent"

    def parse(self, data, url, since, ctx):
        base = self.base(url)
        if "topics" in data and "posts" not in data:
            return ApiPage(follow=[(f"{base}/api/topic/{t['tid']}", {}) for t in data["topics"] if t.get("tid")])
        page = ApiPage(posts=[p for p in (self._post(raw, base, data.get("title")) for raw in data.get("posts", [])
                                          if int(raw.get("pid") or 0) > since) if p])
        pagination = data.get("pagination") or {}
        current, count = int(pagination.get("currentPage") or 1), int(pagination.get("pageCount") or 1)
        if current == 1 and count > 1 and not ctx.get("paged"):
            page.follow += [(with_query(f"{base}/api/topic/{data.get('tid')}", [("page", str(n))]), {"paged": True})
                            for n in range(2, count + 1)]
        return page

    @staticmethod
    def _post(raw: dict, base: str, title: str | None) -> Post | None:
        if raw.get("deleted"):
            return None
        text = html_to_text(raw.get("content") or "", "blockquote")
        if not text:
            return None
        stamp = raw.get("timestamp")
        date = dt.datetime.fromtimestamp(stamp / 1000, dt.timezone.utc) if isinstance(stamp, (int, float)) else None
        user = raw.get("user") or {}
        return Post(post_id=str(raw["pid"]), author=clean(user.get("username") or user.get("displayname")), date=date,
                    text=text, permalink=f"{base}/post/{raw['pid']}", title=clean(title))
