"""Discourse, through its JSON API (the HTML is a JavaScript app).

- A topic URL (`/t/<slug>/<id>`): `/t/<id>.json` gives the first posts and the
  ids of all of them (`post_stream.stream`); the rest come 20 at a time from
  `/t/<id>/posts.json?post_ids[]=…`. Only ids above the last run's are asked for.
- Any other URL of the forum (front page, category, /latest): the forum-wide
  latest posts, `/posts.json`, newest first, paged back with `?before=<id>`
  until the posts of the last run are reached."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from spiders.forums.engine import ApiEngine, ApiPage, Post, clean, with_query
from spiders.text import html_to_text, parse_date

_TOPIC = re.compile(r"/t/(?:[^/]+/)?(\d+)(?:/\d+)?/?$")
_CHUNK = 20  # Discourse's own page size
_REGULAR_POST = 1  # post_type: 2 moderator action, 3 small action, 4 whisper


class Discourse(ApiEngine):
    name = "discourse"

    def detect(self, sel):
        generator = sel.css("meta[name=generator]::attr(content)").get("")
        return generator.startswith("Discourse") or bool(sel.css("#data-discourse-setup"))

    def base(self, url: str, sel: Selector | None = None) -> str:
        """The forum's root: a page says where it is installed (data-base-uri, as
        in example.com/forum); an API URL carries it before /t/ or /posts.json."""
        parts = urlsplit(url)
        if sel is not None:
            prefix = sel.css("#data-discourse-setup::attr(data-base-uri)").get("")
        else:
            prefix = next((parts.path[: parts.path.index(m)] for m in ("/t/", "/posts.json") if m in parts.path), "")
        return f"{parts.scheme}://{parts.netloc}{prefix.rstrip('/')}"

    def start_url(self, page_url, sel):
        path = urlsplit(page_url).path
        topic = _TOPIC.search(path)
        base = self.base(page_url, sel)
        return f"{base}/t/{topic.group(1)}.json" if topic else f"{base}/posts.json"

    def parse(self, data, url, since, ctx):
        base = self.base(url)
        if "latest_posts" in data:
            return self._latest(data["latest_posts"], base, since)
        stream = data.get("post_stream") or {}
        title = data.get("title") or ctx.get("title")
        posts = [self._post(p, base, title) for p in stream.get("posts", []) if self._wanted(p, since)]
        page = ApiPage(posts=[p for p in posts if p])
        loaded = {p.get("id") for p in stream.get("posts", [])}
        missing = [i for i in stream.get("stream", []) if i > since and i not in loaded]
        topic = data.get("id")
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start:start + _CHUNK]
            page.follow.append((with_query(f"{base}/t/{topic}/posts.json", [("post_ids[]", str(i)) for i in chunk]),
                                {"title": title}))
        return page

    def _latest(self, posts, base, since) -> ApiPage:
        page = ApiPage(posts=[p for p in (self._post(raw, base, raw.get("topic_title")) for raw in posts
                                          if self._wanted(raw, since)) if p])
        ids = [raw["id"] for raw in posts if isinstance(raw.get("id"), int)]
        if ids and min(ids) > since + 1:
            page.follow.append((with_query(f"{base}/posts.json", [("before", str(min(ids)))]), {}))
        return page

    @staticmethod
    def _wanted(raw: dict, since: int) -> bool:
        return (isinstance(raw.get("id"), int) and raw["id"] > since and raw.get("post_type", 1) == _REGULAR_POST
                and not raw.get("hidden") and not raw.get("deleted_at"))

    @staticmethod
    def _post(raw: dict, base: str, title: str | None) -> Post | None:
        # Quotes of other posts and link previews (oneboxes) are not the poster's words.
        text = html_to_text(raw.get("cooked") or "", "aside.quote, aside.onebox")
        if not text:
            return None
        # post_url is root-relative and already holds a subfolder install's prefix.
        link = (urljoin(base + "/", raw["post_url"]) if raw.get("post_url")
                else f"{base}/t/{raw.get('topic_slug', '-')}/{raw.get('topic_id')}/{raw.get('post_number')}")
        return Post(
            post_id=str(raw["id"]),
            author=clean(raw.get("username") or raw.get("name")),
            date=parse_date(raw.get("created_at")),
            text=text,
            permalink=link,
            title=clean(title),
        )
