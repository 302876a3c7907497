"""Pages with no posts: the main text, found by trafilatura's content
extraction, becomes one mention marked low confidence (it may hold several
posts). Before extraction the page loses what is never its content: cookie
and consent banners, navigation, headers and footers, forms and buttons; and
an "author" that is a control ("Sign In", "Skip") is no author."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from lxml import etree, html as lxml_html

from spiders.forums.engine import clean

MIN_CHARS = 40  # shorter "main text" is a menu or an error message, not a post


@dataclass(frozen=True)
class Extracted:
    key: str
    title: str | None
    author: str | None
    date: str | None
    text: str


# Elements that frame a page rather than say anything: by tag, role, or the words of their class or id.
_FRAME_TAGS = ("nav", "header", "footer", "aside", "form", "button", "dialog", "menu")
_FRAME_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search", "menu", "menubar"}
_FRAME_WORDS = re.compile(r"(^|[-_ ])(cookie|cookies|consent|gdpr|banner|nav|navbar|navigation|menu|breadcrumbs?|"
                          r"skip|skiplink|login|signin|sign-in|register|footer|header|sidebar|share|social|popup|"
                          r"modal|newsletter|subscribe)([-_ ]|$)", re.IGNORECASE)
# What a control says, never a person's name nor a post.
_CONTROL = re.compile(r"^(sign in|sign up|log in|login|register|skip( to (main )?content)?|menu|home|search|"
                      r"anmelden|registrieren|войти|регистрация|accept( all)?( cookies)?|ok)$", re.IGNORECASE)


def extract_main_text(html: str, url: str) -> Extracted | None:
    import trafilatura  # a crawl-time import: reading a config must stay light

    found = trafilatura.bare_extraction(without_frame(html), url=url, include_comments=True, with_metadata=True)
    if not found:
        return None
    doc = found.as_dict()
    parts = [line for part in (doc.get("text"), doc.get("comments")) if part for line in part.splitlines()]
    text = "\n".join(line for line in parts if not _CONTROL.match(line.strip())).strip()
    if len(text) < MIN_CHARS:
        return None
    # The page can change under one URL; its text decides whether it is new.
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    author = clean(doc.get("author"))
    if author and _CONTROL.match(author):
        author = None
    return Extracted(key=key, title=clean(doc.get("title")), author=author, date=doc.get("date"), text=text)


def without_frame(html: str) -> str:
    """The page without its banners, navigation, forms and controls."""
    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    doomed = [el for el in root.iter(*_FRAME_TAGS)]
    doomed += [el for el in root.iter(etree.Element) if el.get("role") in _FRAME_ROLES
               or _FRAME_WORDS.search(f"{el.get('class', '')} {el.get('id', '')}") and el.tag not in ("html", "body")]
    for el in doomed:
        if el.getparent() is not None:
            el.getparent().remove(el)
    return lxml_html.tostring(root, encoding="unicode")
