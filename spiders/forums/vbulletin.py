"""vBulletin 4 (and vBulletin 3 thread lists)."""

from spiders.forums.engine import HtmlEngine


class VBulletin(HtmlEngine):
    name = "vbulletin"
    post_css = "li.postcontainer"
    body_css = "blockquote.postcontent"
    exclude_css = "div.bbcode_container"
    title_css = "span.threadtitle a::text, h1 .threadtitle::text, title::text"
    thread_links_css = "a[id^=thread_title_]::attr(href)"
    permalink_css = "a.postcounter::attr(href)"

    def detect(self, sel):
        generator = sel.css('meta[name=generator]::attr(content)').get("")
        return "vBulletin" in generator or bool(sel.css("li.postcontainer blockquote.postcontent"))

    def author(self, post):
        return "".join(post.css("a.username ::text").getall()).strip() or None

    def date(self, post):
        date = post.css("span.date")
        if date:
            return " ".join(t.strip() for t in date.css("::text").getall() if t.strip())
        return post.css("dl.userstats dd::text").get()
