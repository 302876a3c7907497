"""Simple Machines Forum (SMF) 2.0 and 2.1, default theme and its descendants.

Each message is a `div.post_wrapper` whose body is `div.inner#msg_<id>`. The date
is the `.postinfo` link in 2.1 and the «…» line of `.keyinfo` in 2.0; both print
"Today at …" for recent posts. Pages link the next one with <link rel="next">."""

from spiders.forums.engine import HtmlEngine


class SMF(HtmlEngine):
    name = "smf"
    post_css = "div.post_wrapper"
    body_css = "div.inner[id^=msg_]"
    exclude_css = "blockquote, div.quoteheader, div.quotefooter"
    title_css = "#top_subject::text, title::text"
    thread_links_css = "span[id^=msg_] a::attr(href)"  # the message index's topic links
    permalink_css = ".postinfo a::attr(href), .keyinfo h5 a::attr(href), .subject_title a::attr(href)"

    def detect(self, sel):
        return bool(sel.css("div.post_wrapper div.inner[id^=msg_], div#messageindex span[id^=msg_]")) or bool(
            sel.xpath('//script[contains(., "smf_theme_url")]'))

    def post_id(self, post):
        inner = post.css("div.inner[id^=msg_]::attr(id)").get()
        return inner.replace("msg_", "msg") if inner else None

    def author(self, post):
        return "".join(post.css(".poster h4 a ::text").getall()) or post.css(".poster h4::text").get()

    def date(self, post):
        new = post.css(".postinfo a.smalltext::text").get()  # 2.1
        if new:
            return new
        old = post.xpath('.//div[contains(@class,"keyinfo")]/div[contains(@class,"smalltext")]/text()').getall()  # 2.0
        return " ".join(t.strip(" \t\n«»\xab\xbb") for t in old if t.strip(" \t\n«»\xab\xbb")) or None
