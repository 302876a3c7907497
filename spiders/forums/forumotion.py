"""Forumotion (forumieren.com, forumactif.com, …): hosted forums with a
phpBB-like template where the post body is `div.post-entry`. Post `#p0` is the
host's sponsored block, not a post."""

from spiders.forums.engine import HtmlEngine


class Forumotion(HtmlEngine):
    name = "forumotion"
    post_css = "div.post[id^=p]:not(#p0)"
    body_css = "div.post-entry"
    exclude_css = "blockquote"
    next_css = "a[rel=next]::attr(href), link[rel=next]::attr(href), a.pag-img[rel=next]::attr(href)"
    title_css = "h1.page-title a::text, h1.page-title::text, title::text"
    thread_links_css = "a.topictitle::attr(href)"

    def detect(self, sel):
        return bool(sel.css("div.post[id^=p] div.post-entry"))

    def author(self, post):
        return "".join(post.css(".postprofile-head strong ::text").getall()) or None

    def date(self, post):
        return post.xpath('.//p[contains(@class,"author")]/text()[normalize-space()][last()]').get("").strip(" »\xbb\n\t")
