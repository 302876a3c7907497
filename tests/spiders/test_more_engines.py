"""The engines recognised by several marks: each on a page cut from its default
template, recognised under a customised theme (one mark renamed), its posts read."""

import pytest

from spiders.forums import detect_html_engines
from tests.spiders.pages import page, read

TORRENTPIER = """<html lang="ru"><head><script>window.BB = {cur_domain: 'x'};</script></head><body><table class="forumline">
<tbody id="post_88144936" class="row1"><tr><td class="poster_info td1"><p class="nick">vugarmugar11</p></td>
<td class="message td2"><div class="post_head"><p class="post-time"><a class="p-link small" href="viewtopic.php?p=88144936#88144936">09-Окт-19 15:31</a></p></div>
<div class="post_wrap"><div class="post_body" id="p-88144936"><div class="q-wrap"><div class="q-head">svtirk писал(а):</div><div class="q">цитата</div></div>Раздача обновлена</div></div></td></tr></tbody>
</table></body></html>"""

PUNBB = """<html><body><div id="punwrap"><div id="punviewtopic" class="pun">
<div id="p62698" class="blockpost rowodd firstpost"><h2><span><a href="viewtopic.php?pid=62698#p62698">2006-01-12 20:47:30</a></span></h2>
<div class="box"><div class="inbox"><div class="postleft"><dl><dt><strong><a href="profile.php?id=1067">geography</a></strong></dt>
<dd class="usertitle"><strong>Member</strong></dd></dl></div><div class="postright"><h3>Lighttpd says Insufficient memory</h3>
<div class="postmsg"><p>I have a rails app that downloads images.</p></div><div class="postsignature"><hr>my blog</div></div></div></div></div>
</div></div></body></html>"""

VANILLA = """<html><body id="vanilla" class="Vanilla Discussion"><ul class="MessageList DataList Comments">
<li class="Item ItemComment" id="Comment_4711"><div class="Comment"><div class="Item-Header CommentHeader">
<a href="/profile/anna" class="Username">anna</a><span class="MItem DateCreated"><a href="/discussion/comment/4711/#Comment_4711" class="Permalink">
<time title="March 12, 2025 2:30PM" datetime="2025-03-12T14:30:00+00:00">March 12</time></a></span></div>
<div class="Item-BodyWrap"><div class="Item-Body"><div class="Message userContent"><blockquote class="Quote">old words</blockquote>No signal again.</div></div></div></div></li>
</ul></body></html>"""

XENFORO1 = """<html id="XenForo" class="Public"><body><ol class="messageList" id="messageList">
<li id="post-4315098" class="message" data-author="MABMAB"><div class="messageInfo primaryContent"><div class="messageContent"><article>
<blockquote class="messageText SelectQuoteContainer ugc baseHtml"><div class="bbCodeBlock bbCodeQuote"><div class="quote">quoted</div></div>I wuz gonna buy some more shares.<div class="messageTextEndMarker">&nbsp;</div></blockquote>
</article></div><div class="messageMeta"><a href="posts/4315098/" class="datePermalink"><abbr class="DateTime" data-time="1576845638" title="Dec 20, 2019 at 12:40 PM">35 minutes ago</abbr></a></div></div></li>
</ol></body></html>"""

VBULLETIN3 = """<html><head><meta name="generator" content="vBulletin 3.8.7"></head><body><div id="posts">
<table class="tborder" id="post340346"><tr><td class="thead">07-15-2010, 10:12 PM</td><td class="thead" align="right">#1</td></tr>
<tr><td class="alt2"><a class="bigusername" href="member.php?u=5">Giulia</a></td><td class="alt1" id="td_post_340346">
<div id="post_message_340346"><div style="margin:20px; margin-top:5px"><div class="smallfont">Quote:</div><table><tr><td class="alt2">old words</td></tr></table></div>Io sono stata a Levico Terme a Natale.</div></td></tr></table>
</div></body></html>"""

VBULLETIN5 = """<html><body id="vb-page-body" data-vb-version="5.6"><ul class="conversation-list">
<li class="b-post js-post" data-node-id="123456"><div class="b-post__author"><a href="/member/7-ivan">ivan</a></div>
<div class="b-post__timestamp"><time datetime="2018-12-11T04:40:29-08:00">Dec 11, 2018</time></div>
<div class="js-post__content-text restore h-wordwrap">Connection drops every evening.</div></li></ul></body></html>"""


PHPBB2 = """<html><body><table class="forumline">
<tr><td class="row1" rowspan="2"><span class="name"><a name="4513"></a><b>prestbury2</b></span><br><span class="postdetails">Joined: 20 Oct 2008</span></td>
<td class="row1"><table><tr><td class="postdetails"><a href="viewtopic.php?p=4513#4513">#</a>Posted: Wed Jun 02, 2010 11:01 pm Post subject: Re: launch</td></tr></table>
<table><tr><td class="postbody"><span class="genmed"><b>Deano wrote:</b></span><table><tr><td class="quote">old words</td></tr></table>All the winter jobs completed now.</td></tr></table></td></tr>
<tr><td class="row1"><a href="#top">Back to top</a></td></tr></table><p>Powered by phpBB</p></body></html>"""


@pytest.mark.parametrize("html, name, post_id, author, text, day", [
    (PHPBB2, "phpbb2", "p4513", "prestbury2", "All the winter jobs completed now.", "2010-06-02"),
    (TORRENTPIER, "torrentpier", "post_88144936", "vugarmugar11", "Раздача обновлена", "2019-10-09"),
    (PUNBB, "punbb", "p62698", "geography", "I have a rails app that downloads images.", "2006-01-12"),
    (VANILLA, "vanilla", "Comment_4711", "anna", "No signal again.", "2025-03-12"),
    (XENFORO1, "xenforo1", "post-4315098", "MABMAB", "I wuz gonna buy some more shares.", "2019-12-20"),
    (VBULLETIN3, "vbulletin3", "post340346", "Giulia", "Io sono stata a Levico Terme a Natale.", "2010-07-15"),
    (VBULLETIN5, "vbulletin5", "123456", "ivan", "Connection drops every evening.", "2018-12-11"),
])
def test_each_engine_reads_its_posts(html, name, post_id, author, text, day):
    assert name in [e.name for e in detect_html_engines(page(html).selector)]
    [item] = read(page(html))[0]
    assert (item.external_id, item.author, item.text) == (f"{name}:{post_id}", author, text)
    assert item.published_at.date().isoformat() == day


def test_one_mark_is_not_enough_and_two_are():
    # A page that only borrows punBB's post class is not punBB; with the forum's wrapper id it is.
    borrowed = '<html><body><div class="blockpost" id="p1">text</div></body></html>'
    assert "punbb" not in [e.name for e in detect_html_engines(page(borrowed).selector)]
    themed = PUNBB.replace('class="pun"', 'class="my-theme"')  # the theme renamed one mark
    assert "punbb" in [e.name for e in detect_html_engines(page(themed).selector)]


def test_nodebb_is_read_through_its_api():
    from spiders.forums.nodebb import NodeBB

    html = ('<html><head><meta name="generator" content="NodeBB"></head><body>'
            '<div component="topic"><div component="post/content">Loading</div></div></body></html>')
    _, [request] = read(page(html, url="https://nodebb.example/forum/topic/42/router-drops"))
    assert request.url == "https://nodebb.example/forum/api/topic/42"
    # /api/topic/<tid>: the page's posts, and how many pages the topic has (NodeBB's read API shape).
    answer = {"tid": 42, "title": "Router drops", "pagination": {"currentPage": 1, "pageCount": 3}, "posts": [
        {"pid": 501, "content": "<p>Drops every night.</p><blockquote><p>old</p></blockquote>", "timestamp": 1764000000000,
         "user": {"username": "anna"}},
        {"pid": 502, "content": "<p>Same here.</p>", "timestamp": 1764003600000, "user": {"username": "boris"}},
        {"pid": 503, "content": "<p>gone</p>", "deleted": True, "timestamp": 1764007200000, "user": {"username": "x"}}]}
    result = NodeBB().parse(answer, request.url, since=0, ctx={})
    assert [(p.post_id, p.author, p.text) for p in result.posts] == [("501", "anna", "Drops every night."),
                                                                  ("502", "boris", "Same here.")]
    assert result.posts[0].permalink == "https://nodebb.example/forum/post/501" and result.posts[0].date.year == 2025
    assert [url for url, _ in result.follow] == ["https://nodebb.example/forum/api/topic/42?page=2",
                                                 "https://nodebb.example/forum/api/topic/42?page=3"]
    assert [p.post_id for p in NodeBB().parse(answer, request.url, since=501, ctx={}).posts] == ["502"]
    # Any other page of the forum: the latest topics, each then read as above.
    recent = NodeBB().parse({"topics": [{"tid": 42}, {"tid": 43}]}, "https://nodebb.example/forum/api/recent", 0, {})
    assert [url for url, _ in recent.follow] == ["https://nodebb.example/forum/api/topic/42",
                                                 "https://nodebb.example/forum/api/topic/43"]
