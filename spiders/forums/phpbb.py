"""phpBB 3 (prosilver and its descendants): topics, and search results, whose
posts carry the author in `dt.author` and the date in `dd.search-result-date`."""

from spiders.forums.engine import HtmlEngine


class PhpBB(HtmlEngine):
    name = "phpbb"
    post_css = "div.post[id^=p]"
    body_css = "div.content"
    exclude_css = "blockquote"
    next_css = "a[rel=next]::attr(href), .pagination li.next a::attr(href), .pagination a.right-box::attr(href)"
    title_css = "h2.topic-title a::text, #page-body h2 a::text, h2 a::text, title::text"
    thread_links_css = "a.topictitle::attr(href)"

    def detect(self, sel):
        return bool(sel.css("body#phpbb")) or bool(sel.css("div.post[id^=p] div.postbody"))

    def author(self, post):
        return post.css("p.author .username::text, p.author .username-coloured::text, "
                        "p.author strong a::text, .author .username::text, .author .username-coloured::text").get()

    def date(self, post):
        return post.css("p.author time::attr(datetime), dd.search-result-date::text").get() or post.xpath(
            './/p[contains(@class,"author")]/text()[normalize-space()][last()]'
        ).get("").strip(" »\xbb\n\t")
