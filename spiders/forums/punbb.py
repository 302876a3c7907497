"""punBB and FluxBB (1.2 to 1.5): each post a `div.blockpost#p<id>`, the poster
in `.postleft dt`, the date as the post's link in its `h2`, the words in
`div.postmsg`; signatures in `.postsignature`."""

from spiders.forums.engine import HtmlEngine, count_signals

_MARKS = ("#punviewtopic, #punviewforum, #punindex", "div.pun, div#punwrap", "div.blockpost", "div.postmsg",
          "~Powered by PunBB", "~Powered by FluxBB")


class PunBB(HtmlEngine):
    name = "punbb"
    post_css = "div.blockpost[id^=p]"
    body_css = "div.postmsg"
    exclude_css = "blockquote, div.quotebox, div.postsignature, .postedit"
    title_css = "div.postright h3::text, title::text"
    thread_links_css = "div.tclcon a::attr(href), td.tcl a[href*='viewtopic']::attr(href)"
    permalink_css = "h2 a[href*='pid=']::attr(href)"

    def detect(self, sel):
        return count_signals(sel, _MARKS) >= 2

    def author(self, post):
        return "".join(post.css(".postleft dt ::text").getall()) or None

    def date(self, post):
        return post.css("h2 a::text").get()
