"""The one item every spider yields: a candidate mention, before matching."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class MentionItem:
    source: str  # the source's name in the config
    external_id: str  # stable id at the source (post id, guid, tweet id) or canonical URL
    kind: str  # post | review | news | tweet | page
    url: str
    text: str
    published_at: dt.datetime | None = None
    title: str | None = None
    author: str | None = None
    reach: int | None = None  # followers / views, weights "best and worst of the week"
    rating: float | None = None  # 0..1, from star ratings
    confidence: str = "high"  # "low": a generic extractor guessed the text (no known page structure)
    # Set by the pipelines:
    lang: str | None = None
    entity: str | None = None
    entity_kind: str | None = None
    matched_query: str | None = None
    content_hash: str | None = None
