"""Vanilla Forums (2 and 3): the discussion's first post is `div.ItemDiscussion`,
each reply an `li.ItemComment#Comment_<id>`; the poster `a.Username`, the date
`time[datetime]`, the words `div.Message.userContent`."""

from spiders.forums.engine import HtmlEngine, count_signals

_MARKS = ("body#vanilla, body.Vanilla", "li.ItemComment", "div.Message.userContent", "a.Username",
          "//script[contains(., 'gdn.meta') or contains(., 'gdn=')]", "~Powered by Vanilla")


class Vanilla(HtmlEngine):
    name = "vanilla"
    post_css = "div.ItemDiscussion, li.ItemComment"
    body_css = "div.Message"
    exclude_css = "blockquote, div.Signature, div.UserSignature"
    title_css = "h1::text, title::text"
    thread_links_css = "li.ItemDiscussion a.Title::attr(href), .DiscussionName a::attr(href), td.DiscussionName a.Title::attr(href)"
    permalink_css = "a.Permalink::attr(href), .DateCreated a::attr(href)"

    def detect(self, sel):
        return count_signals(sel, _MARKS) >= 2

    def post_id(self, post):
        return post.attrib.get("id") or post.css("[id^=Discussion_]::attr(id)").get() or "Discussion"

    def author(self, post):
        return post.css("a.Username::text").get()

    def date(self, post):
        return post.css("time::attr(datetime), time::attr(title)").get()
