"""Pages of no known forum engine: the main text, found by trafilatura's
content extraction, becomes one mention marked low confidence (it may hold
several posts, or navigation that the extractor took for content)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spiders.forums.engine import clean

MIN_CHARS = 40  # shorter "main text" is a menu or an error message, not a post


@dataclass(frozen=True)
class Extracted:
    key: str
    title: str | None
    author: str | None
    date: str | None
    text: str


def extract_main_text(html: str, url: str) -> Extracted | None:
    import trafilatura  # a crawl-time import: reading a config must stay light

    found = trafilatura.bare_extraction(html, url=url, include_comments=True, with_metadata=True)
    if not found:
        return None
    doc = found.as_dict()
    text = "\n".join(part for part in (doc.get("text"), doc.get("comments")) if part).strip()
    if len(text) < MIN_CHARS:
        return None
    # The page can change under one URL; its text decides whether it is new.
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Extracted(key=key, title=clean(doc.get("title")), author=clean(doc.get("author")), date=doc.get("date"),
                     text=text)
