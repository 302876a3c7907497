"""Flarum, through its JSON:API (the HTML is a JavaScript app).

A discussion URL (`/d/<id>-<slug>`) reads that discussion's posts; any other URL
of the forum reads its latest posts. Both ask `/api/posts` newest first
(`sort=-createdAt`, 50 a page, following `links.next`) and stop at the posts the
last run saw."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from parsel import Selector

from spiders.forums.engine import ApiEngine, ApiPage, Post, clean, with_query
from spiders.text import html_to_text, parse_date

_DISCUSSION = re.compile(r"/d/(\d+)")
_BASE_URL = re.compile(r'"baseUrl"\s*:\s*("(?:[^"\\]|\\.)*")')


class Flarum(ApiEngine):
    name = "flarum"

    def detect(self, sel):
        return bool(sel.css("#flarum-loading")) or bool(sel.xpath('//script[contains(., "flarum.core")]'))

    def base(self, url: str, sel: Selector | None = None) -> str:
        if sel is not None:
            found = _BASE_URL.search(" ".join(sel.xpath("//script/text()").getall()))
            if found:
                return json.loads(found.group(1)).rstrip("/")
        parts = urlsplit(url)
        path = parts.path.split("/api/")[0].split("/d/")[0] if "/api/" in parts.path or "/d/" in parts.path else ""
        return f"{parts.scheme}://{parts.netloc}{path.rstrip('/')}"

    def start_url(self, page_url, sel):
        discussion = _DISCUSSION.search(urlsplit(page_url).path)
        params = [("sort", "-createdAt"), ("page[limit]", "50"), ("include", "user,discussion")]
        params.append(("filter[discussion]", discussion.group(1)) if discussion else ("filter[type]", "comment"))
        return with_query(f"{self.base(page_url, sel)}/api/posts", params)

    def parse(self, data, url, since, ctx):
        base = self.base(url)
        included = {(i.get("type"), i.get("id")): i.get("attributes", {}) for i in data.get("included", [])}
        page = ApiPage()
        ids = []
        for raw in data.get("data", []):
            attrs = raw.get("attributes", {})
            ident = int(raw.get("id", 0))
            ids.append(ident)
            if ident <= since or attrs.get("contentType") != "comment":
                continue
            rel = raw.get("relationships", {})
            user = included.get(("users", (rel.get("user", {}).get("data") or {}).get("id")), {})
            disc_id = (rel.get("discussion", {}).get("data") or {}).get("id")
            discussion = included.get(("discussions", disc_id), {})
            text = html_to_text(attrs.get("contentHtml") or "", "blockquote")
            if not text:
                continue
            page.posts.append(Post(
                post_id=str(ident),
                author=clean(user.get("username") or user.get("displayName")),
                date=parse_date(attrs.get("createdAt")),
                text=text,
                permalink=f"{base}/d/{disc_id}/{attrs.get('number', '')}".rstrip("/"),
                title=clean(discussion.get("title")),
            ))
        next_url = (data.get("links") or {}).get("next")
        if next_url and ids and min(ids) > since:
            page.follow.append((next_url, {}))
        return page
