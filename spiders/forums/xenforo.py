"""XenForo 2."""

from spiders.forums.engine import HtmlEngine


class XenForo(HtmlEngine):
    name = "xenforo"
    post_css = "article.message--post"
    body_css = ".message-body .bbWrapper"
    exclude_css = "blockquote.bbCodeBlock--quote"
    next_css = "a.pageNav-jump--next::attr(href), a[rel=next]::attr(href)"
    title_css = "h1.p-title-value::text, title::text"
    # data-tp-primary marks the title link; prefix labels link elsewhere.
    thread_links_css = ".structItem-title a[data-tp-primary]::attr(href), .structItem-title a[href*='threads/']::attr(href)"
    permalink_css = 'header.message-attribution a[href*="post-"]::attr(href)'

    def detect(self, sel):
        return bool(sel.css("html[data-app=public] article.message, article.message--post, "
                            "html[data-app=public] .structItem--thread"))

    def post_id(self, post):
        return post.attrib.get("data-content") or post.attrib.get("id")

    def author(self, post):
        return post.attrib.get("data-author") or post.css(".message-name .username::text").get()

    def date(self, post):
        return post.css("header.message-attribution time::attr(datetime), time::attr(datetime)").get()
