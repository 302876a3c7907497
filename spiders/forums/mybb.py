"""MyBB 1.8 (and the table layout of 1.6).

Posts are `#post_<pid>` with the body in `div.post_body#pid_<pid>`. Recent dates
print as "Today, 10:12 AM" or `<span title="01-15-2024">Today</span>, 10:12 AM`:
the title holds the real date."""

from spiders.forums.engine import HtmlEngine


class MyBB(HtmlEngine):
    name = "mybb"
    post_css = "#posts [id^=post_]"
    body_css = "div.post_body"
    exclude_css = "blockquote"
    next_css = "a.pagination_next::attr(href), a[rel=next]::attr(href)"
    title_css = "title::text"
    thread_links_css = "span[id^=tid_] a::attr(href)"
    permalink_css = ".post_head a[href*=pid]::attr(href)"

    def detect(self, sel):
        return bool(sel.css("div.post_body[id^=pid_], table#forum_display span[id^=tid_], span.subject_new[id^=tid_], "
                            "span.subject_old[id^=tid_]"))

    def post_id(self, post):
        ident = post.attrib.get("id", "")
        return ident.replace("post_", "pid") if ident.startswith("post_") else None

    def author(self, post):
        return "".join(post.css(".post_author .largetext a ::text, .author_information strong a ::text").getall()) or None

    def date(self, post):
        date = post.css(".post_date")
        if not date:
            return None
        day = date.css(":scope > span[title]::attr(title)").get()
        rest = "".join(date.xpath("./text()").getall()).strip()
        return f"{day}{rest}" if day else rest
