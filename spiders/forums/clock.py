"""The page's own time. Its clock: the time a board printed the page at, in its header
("July 31, 2014, 10:26:29 PM", "It is currently Tue Oct 14, 2020 12:18 pm"). Relative
dates ("Today at 09:03:11 PM", "5 minutes ago") count from it: the board's own day and
zone, on a live page as on a saved one; read later, they would count from then. And its
date: the day an article was published, which the comments under it, printed without
a year ("January 7 17:00"), come after."""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from spiders.forums.engine import clean
from spiders.text import is_relative, parse_date

# What a board prints before its clock, in the languages boards are written in.
_LABEL = re.compile(r"(it is currently|current time|the time now is|aktuelle zeit|es ist jetzt|текущее время|"
                    r"heure actuelle|nous sommes le|hora actual|fecha actual|ora attuale)\s*:?\s*", re.IGNORECASE)
# A stamp to the second with its year: what a clock prints, not what a post is dated by alone.
_STAMP = re.compile(r"(?=.*\b(19|20)\d{2}\b).*\b\d{1,2}:\d{2}:\d{2}\b")


def page_clock(root, raws: list[str | None], lang: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
    """The page's clock, where its posts' dates `raws` need one (some are relative) and it
    can be one: no earlier than any exact post date, none of them, and not in the future."""
    now = now or dt.datetime.now(dt.timezone.utc)
    clock = _printed_clock(root, lang, now)  # (first: most pages print none, and their dates are not read twice)
    if clock is None:
        return None
    relative = {r: is_relative(r, lang, now) for r in raws if r}
    if not any(relative.values()):
        return None
    exact = {v for r, counted in relative.items() if not counted and (v := parse_date(r, now=now, lang=lang))}
    if clock in exact or any(v > clock + dt.timedelta(minutes=1) for v in exact):
        return None
    return clock


def _printed_clock(root, lang: str | None, now: dt.datetime) -> dt.datetime | None:
    """The first text of the page that is a labelled time, or a stamp to the second alone."""
    for el in root.iter(etree.Element):
        text = clean(el.text) or ""
        if not text or len(text) > 80:
            continue
        label = _LABEL.search(text)
        if label or _STAMP.match(text) and not any(isinstance(c.tag, str) for c in el):
            value = parse_date(text[label.end():] if label else text, now=now, lang=lang, strict=True)
            if value is not None:
                return value
    return None


def page_date(html: str) -> dt.datetime | None:
    """The day the page says it was published (htmldate's reading of its markup, URL and
    text): a second or two on a large page, so only for pages whose posts print no year."""
    import htmldate  # a crawl-time import: reading a config must stay light

    try:
        found = htmldate.find_date(html, original_date=True)
    except Exception:  # htmldate raises what its parsers raise on broken markup
        return None
    return dt.datetime.fromisoformat(found).replace(tzinfo=dt.timezone.utc) if found else None
