"""Turning HTML fragments into plain text the way a reader sees it."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser
from lxml import html as lxml_html
from parsel import Selector

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "dd", "dt",
}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NEWLINES = re.compile(r"\s*\n\s*")


def element_text(sel: Selector, exclude: str | None = None) -> str:
    """Block-aware, whitespace-normalised text of `sel`, without scripts, styles
    and the elements matched by the CSS selector `exclude` (quotes, signatures)."""
    # Characters XML forbids (C0 controls, U+FFFE/FFFF) make lxml refuse to move text
    # around in drop_tree: one such character must not lose a whole page of posts.
    root = lxml_html.fromstring(_XML_ILLEGAL.sub("", sel.get()))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    if exclude:
        for bad in root.cssselect(exclude):
            if bad is not root:
                bad.drop_tree()
    parts: list[str] = []
    _walk(root, parts)
    text = _SPACES.sub(" ", "".join(parts))
    return _NEWLINES.sub("\n", text).strip()


def _walk(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag.lower() in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text and tag:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def html_to_text(fragment: str, exclude: str | None = None) -> str:
    """Plain text of an HTML fragment (a feed's summary, a JSON field with markup),
    without the elements matched by `exclude`."""
    if "<" not in fragment:
        return _NEWLINES.sub("\n", _SPACES.sub(" ", fragment)).strip()
    return element_text(Selector(text=f"<div>{fragment}</div>").css("div")[0], exclude)


# Forums print recent posts as "Today, 13:24" / "Вчера в 23:29" / "Gestern um 9:12".
_DAYS_AGO = {"today": 0, "yesterday": 1, "сегодня": 0, "вчера": 1, "позавчера": 2, "heute": 0, "gestern": 1,
             "aujourd'hui": 0, "hier": 1}
_RELATIVE = re.compile(r"^\s*(" + "|".join(re.escape(w) for w in _DAYS_AGO) + r")\b[\s,]*(?:at|в|um|à)?\s*",
                       re.IGNORECASE)


def parse_date(raw: str | None, dayfirst: bool = True, now: dt.datetime | None = None) -> dt.datetime | None:
    """A date as printed on a page, made timezone-aware (naive times are taken as UTC).
    "Today"/"Yesterday" (en, ru, de, fr) count from `now`, the time of reading."""
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    try:
        relative = _RELATIVE.match(raw)
        if relative:
            day = (now or dt.datetime.now(dt.timezone.utc)).date() - dt.timedelta(days=_DAYS_AGO[relative[1].lower()])
            rest = raw[relative.end():].strip()
            base = dt.datetime.combine(day, dt.time())
            value = dateparser.parse(rest, default=base, fuzzy=True) if rest else base
        elif raw.isdigit() and len(raw) >= 9:  # unix timestamp
            value = dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
        else:
            value = dateparser.parse(raw, dayfirst=dayfirst and not raw[:4].isdigit(), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


# 03.04.2026, 4/3/26, 04-03-2026: two numbers of at most two digits, then the year.
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)")


def numeric_date_order(dates: list[str]) -> bool | None:
    """Whether a page's numeric dates put the day first: True when one has a first
    number above 12, False when one has a second number above 12, None when none tells."""
    for raw in dates:
        for m in _NUMERIC_DATE.finditer(raw):
            first, second = int(m[1]), int(m[3])
            if first > 12 >= second:
                return True
            if second > 12 >= first:
                return False
    return None


def likely_dayfirst(dates: list[str], lang: str | None) -> bool:
    """For dates no number settles (all ≤ 12): dots are day first everywhere;
    slashes and dashes are month first on an English (US) page, else day first."""
    separators = {m[2] for raw in dates for m in _NUMERIC_DATE.finditer(raw)}
    american = (lang or "").strip().lower() in ("en", "en-us")
    return not (separators and "." not in separators and american)
