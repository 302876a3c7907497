"""TorrentPier, the phpBB 2 fork of Russian trackers (rutracker.org and its kin):
each post a `tbody#post_<id>`, the poster in `p.nick`, the date in the post's
link (`a.p-link`, "09-Окт-19 15:31"), quotes in `div.q-wrap`."""

from spiders.forums.engine import HtmlEngine, count_signals

_MARKS = ("tbody[id^=post_] div.post_body", "p.nick", "a.p-link", "div.q-wrap", "a.torTopic, a.tt-text",
          "//script[contains(., 'window.BB') or contains(., 'BB.cur_domain')]", "~TorrentPier")


class TorrentPier(HtmlEngine):
    name = "torrentpier"
    post_css = "tbody[id^=post_]"
    body_css = "div.post_body"
    exclude_css = "div.q-wrap, div.q-head"
    next_css = "a.pg[rel=next]::attr(href), a[rel=next]::attr(href), link[rel=next]::attr(href)"
    title_css = "h1.maintitle a::text, a#topic-title::text, title::text"
    thread_links_css = "a.torTopic::attr(href), a.tt-text::attr(href), a.topictitle::attr(href)"
    permalink_css = "a.p-link::attr(href)"

    def detect(self, sel):
        return count_signals(sel, _MARKS) >= 2

    def author(self, post):
        return "".join(post.css("p.nick ::text").getall()) or None

    def date(self, post):
        return post.css("a.p-link::text").get()
