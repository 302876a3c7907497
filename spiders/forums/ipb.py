"""Invision Community (IP.Board) 3, 4 and 5, and the IP.Board 2 derivative of
4pda.to. Each generation marks posts differently, so the engine tries each
markup in turn and keeps the first that finds posts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spiders.forums.engine import HtmlEngine, Post, clean, count_signals, post_link
from spiders.text import element_text


@dataclass(frozen=True)
class _Markup:
    post: str
    body: str
    author: str
    date: str
    post_id: str  # attribute holding the id
    link: str | None = None


_MARKUPS = (
    # Invision Community 4 and 5: <article id="elComment_123">
    _Markup(post="article[id^=elComment_]", body="[data-role=commentContent]",
            author=".cAuthorPane_author a ::text, .ipsComment_author h3 a ::text, .ipsEntry__username a ::text",
            date="time::attr(datetime)", post_id="id", link="a[href*='comment=']::attr(href)"),
    # IP.Board 3: <div class="post_block" id="post_id_123">
    _Markup(post="div.post_block[id^=post_id_]", body="div.post.entry-content",
            author=".author.vcard .fn ::text, span.author a ::text", date="abbr.published::attr(title)", post_id="id",
            link="a[rel=bookmark]::attr(href)"),
    # 4pda.to (IP.Board 2, heavily customised): <div data-post="123">
    _Markup(post="div[data-post]", body=".post_body", author=".post_nick a[data-toggle=dropdown]::text",
            date=".post_date::text", post_id="data-post", link="a[href*='findpost']::attr(href)"),
)


class IPB(HtmlEngine):
    name = "ipb"
    post_css = ", ".join(m.post for m in _MARKUPS)
    body_css = ", ".join(m.body for m in _MARKUPS)
    exclude_css = "blockquote, div.post-block.quote"
    next_css = "li.ipsPagination_next a::attr(href), link[rel=next]::attr(href), a[rel=next]::attr(href)"
    title_css = "h1.ipsType_pageTitle ::text, h1.ipsPageHeader__title ::text, title::text"
    thread_links_css = "h4.ipsDataItem_title a[href*=topic]::attr(href), .ipsData__title a[href*=topic]::attr(href)"

    def detect(self, sel):
        # Any post markup of one generation, or two marks of the software under another theme.
        return bool(sel.css(self.post_css)) or count_signals(sel, (
            '//script[contains(., "ipsSettings") or contains(., "ipb.vars")]', "body.ipsApp, #ipsLayout_header",
            "div.post_block, article.ipsComment", "[data-role=commentContent]", "~Invision Community",
            "~IP.Board", "~Invision Power Board")) >= 2

    def posts(self, sel, page_url) -> Iterator[Post]:
        for markup in _MARKUPS:
            found = sel.css(markup.post)
            if not found:
                continue
            for post in found:
                body = post.css(markup.body)
                ident = post.attrib.get(markup.post_id)
                if not body or not ident:
                    continue
                yield Post(
                    post_id=ident,
                    author=clean("".join(post.css(markup.author).getall())),
                    date=(post.css(markup.date).get() or "").replace("\xa0", " ").strip(" |") or None,
                    text=element_text(body[0], self.exclude_css),
                    permalink=post_link(page_url, post, ident, markup.link),
                )
            return

    def title(self, sel):
        return next((t for t in map(clean, sel.css(self.title_css).getall()) if t), None)
