"""schema.org postings: read first where a page states them."""

import json

from spiders.forums.schema import schema_posts
from tests.conftest import FIXTURES
from tests.spiders.pages import page, read


def test_discussion_forum_postings_in_microdata_of_a_real_discourse_page():
    html = (FIXTURES / "forums/discourse/meta.discourse.org-topic-12483.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / "forums/discourse/meta.discourse.org-topic-12483.expected.json").read_text())
    posts = schema_posts(html, "https://meta.discourse.org/t/12483")
    assert [p.author for p in posts] == [p["author"] for p in expected["posts"]]
    assert [" ".join(p.text.split())[:80] for p in posts] == [p["text_first80"] for p in expected["posts"]]


QA_PAGE = """<html lang="en"><body><div itemscope itemtype="https://schema.org/QAPage">
<div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
  <h1 itemprop="name">Router drops every night</h1>
  <div itemprop="text">My SeverTelecom router drops at 2 am.</div>
  <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">anna</span></span>
  <time itemprop="dateCreated" datetime="2026-11-20T08:15:00Z">Nov 20</time>
  <div itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
    <div itemprop="text">Turn off the nightly update.</div><a itemprop="url" href="/q/1#a7">link</a>
    <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">boris</span></span>
    <time itemprop="dateCreated" datetime="2026-11-20T09:00:00Z">Nov 20</time></div>
</div></div></body></html>"""


def test_a_q_and_a_page_known_only_by_its_markup_gives_question_and_answers():
    items, _ = read(page(QA_PAGE, url="https://qa.example/q/1"))
    assert [(i.author, i.text) for i in items] == [("anna", "My SeverTelecom router drops at 2 am."),
                                                   ("boris", "Turn off the nightly update.")]
    assert items[1].external_id == "schema:a7" and items[1].published_at.hour == 9


def test_json_ld_postings_with_their_comments():
    data = {"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "No signal",
            "text": "No signal since Monday.", "author": {"@type": "Person", "name": "vera"},
            "datePublished": "2026-11-02T10:00:00+03:00", "url": "https://f.example/t/9#p1",
            "comment": [{"@type": "Comment", "text": "Same here.", "author": "gleb", "url": "https://f.example/t/9#p2",
                         "dateCreated": "2026-11-02T11:00:00+03:00"}]}
    html = f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head><body></body></html>'
    posts = schema_posts(html, "https://f.example/t/9")
    assert [(p.post_id, p.author, p.text) for p in posts] == [("p1", "vera", "No signal since Monday."),
                                                              ("p2", "gleb", "Same here.")]


VB5_MICRODATA = """<html><body><ul class="conversation-list">
<li data-node-id="100" class="b-post b-post--first js-post" itemscope itemtype="http://schema.org/CreativeWork">
 <div class="userinfo b-userinfo" itemprop="author" itemscope itemtype="http://schema.org/Person">
  <div class="author"><strong><a href="/member/1-buckeye">Buckeye</a></strong></div><div class="usertitle">Stub Hoarder</div></div>
 <div class="b-post__timestamp"><time itemprop="dateCreated" datetime="2019-04-09T08:37:23">04-09-2019</time></div>
 <div class="js-post__content-text" itemprop="text">The first post, marked as a creative work.</div></li>
{replies}</ul></body></html>"""
VB5_REPLY = """<li data-node-id="{n}" class="b-post js-post" itemscope itemtype="http://schema.org/Comment">
 <div class="userinfo b-userinfo" itemprop="author" itemscope itemtype="http://schema.org/Person">
  <div class="author"><strong><a href="/member/{n}-{name}">{name}</a></strong></div><div class="usertitle">Member</div>
  <ul><li><label>Join Date:</label> <span>May 2011</span></li></ul></div>
 <div class="b-post__timestamp"><time itemprop="dateCreated" datetime="2019-04-09T1{n}:00:00">04-09-2019</time></div>
 <div class="js-post__content-text" itemprop="text">Reply number {n}.</div></li>"""


def test_a_person_without_a_name_is_named_by_their_link_and_the_engine_adds_the_unmarked_first_post():
    html = VB5_MICRODATA.format(replies="".join(VB5_REPLY.format(n=n, name=f"user{n}") for n in (1, 2, 3)))
    assert [p.author for p in schema_posts(html, "https://forum.example/t/1")] == ["user1", "user2", "user3"]
    items, _ = read(page(html.replace("<html>", '<html><script>var vBulletin = {};</script>')))
    assert [i.author for i in items] == ["Buckeye", "user1", "user2", "user3"]
