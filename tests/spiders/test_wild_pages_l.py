"""The forum reader on layouts of held-out sets L and J (a hotel review site, a
Taiwanese blog's comments, a WordPress comment plugin), each misread at first
contact. Written from the markup of those pages, which carry no licence to copy:
a reply printed inside the post it answers, signed and dated on its own, is a
post of its own; a second date that is the post's own is none; a comment tree
whose top sits beside another box keeps its replies."""

import datetime as dt

from spiders.text import parse_date
from tests.spiders.pages import page, read


def hotel_review(n: int, name: str, day: str, words: str, reply: tuple[str, str, str] | None) -> str:
    """A review as a hotel review site prints it, with the hotel's answer in a box of
    "reactions" inside it: the manager's name and role, then the date, then the words."""
    answer = "" if reply is None else f"""<section class="contribution-reactions zvr-block-arrow-up">
<article class="zvr-contribution-reaction"><header><div class="contribution-metadata">
{reply[0]},
<span class="contribution-pubdate"><time datetime="{reply[1]}">{reply[1]}</time></span></div></header>
<p>{reply[2]}</p></article></section>"""
    return f"""<li id="testimonial{n}"><article class="zvr-contribution-item">
<header><h3 class="review-title">Review {n}</h3><div class="contribution-metadata">
<div class="contribution-author"><img src="/avatar.jpg" alt="{name}"><span data-action="profile-link">{name}</span>,
<span class="contribution-pubdate"><time datetime="{day}">{day}</time></span></div></div></header>
<div class="contribution-item-content"><p>{words}</p></div>
<footer><span>Travelled with a partner in June 2015</span></footer>{answer}</article></li>"""


def test_the_hotel_s_answer_inside_a_review_is_a_post_of_its_own():
    manager = "Anna de Vries, Hotel Manager"
    reviews = [(1, "snoepemans", "2015-12-13", "The beds are simply too soft for us, and the room was warm all night.",
                (manager, "2015-12-22", "Thank you for telling us about the beds.")),
               (2, "Pedro", "2015-08-24", "Arrogant staff at the desk, who made remarks about our booking.",
                (manager, "2015-09-02", "We are sorry to read about the desk.")),
               (3, "Imelda", "2014-01-04", "Clean rooms, a lovely breakfast and a fine view over the water.", None),
               (4, "bob", "2013-10-11", "A fine view, but a slow check-in and a manager hard to understand.",
                (manager, "2013-10-15", "Thank you, we are working on check-in."))]
    items, _ = read(page(f'<html lang="en"><body><ul class="zvr-contributions-list">'
                         f'{"".join(hotel_review(*r) for r in reviews)}</ul></body></html>'), engine="generic")
    assert [(i.author, i.published_at.date().isoformat(), i.text) for i in items] == [
        ("snoepemans", "2015-12-13", "The beds are simply too soft for us, and the room was warm all night."),
        (manager, "2015-12-22", "Thank you for telling us about the beds."),
        ("Pedro", "2015-08-24", "Arrogant staff at the desk, who made remarks about our booking."),
        (manager, "2015-09-02", "We are sorry to read about the desk."),
        ("Imelda", "2014-01-04", "Clean rooms, a lovely breakfast and a fine view over the water."),
        ("bob", "2013-10-11", "A fine view, but a slow check-in and a manager hard to understand."),
        (manager, "2013-10-15", "Thank you, we are working on check-in.")]


def blog_comment(n: int, name: str, when: str, words: str, answer: str, answered: str) -> str:
    """A reader's comment on a Taiwanese blog, and under its words the blog's author's
    answer, signed on its last line: "<a>name</a> 於 2014/01/01 20:31 回覆" (replied on)."""
    return f"""<ul class="single-post"><li class="post-info"><a name="comment-{n}"> </a><span class="floor">#{n}</span>
<span class="user-name"><a href="http://reader{n}.blog.example/" rel="nofollow">{name}</a></span>
<span class="post-time">於 {when}</span></li>
<li class="post-photo"><img src="/avatar{n}.png" alt="{name}"></li>
<li class="post-text"><p id="comment-{n}"></p>{words}</li>
<li class="reply-text">{answer}<p><a href="http://steven.blog.example/blog">史蒂文</a> 於 {answered} 回覆 </p></li></ul>"""


def test_the_blog_author_s_answer_signed_under_a_comment_is_a_post_of_its_own():
    comments = [(1, "小鳳", "2013/12/28 10:28", "露營兼賞楓，好棒的生活，下次也想去看看", "謝謝小鳳的來訪！歡迎再來玩", "2014/01/01 20:31"),
                (2, "茜媽咪", "2013/12/28 10:42", "嚮往大自然，再濕冷的天依舊衝衝衝", "茜媽咪晚安：您過獎了，我們只是喜歡拍照", "2014/01/01 20:37"),
                (3, "linghua", "2013/12/28 21:29", "哇！好厚的紅毯，趴在地上取景辛苦了", "哈～我的相機可以翻轉螢幕，輕鬆多囉", "2014/01/01 20:59")]
    items, _ = read(page(f'<html lang="zh-TW"><body><div id="comment-box">'
                         f'{"".join(blog_comment(*c) for c in comments)}</div></body></html>'), engine="generic")
    assert [(i.author, i.published_at.strftime("%Y/%m/%d %H:%M"), i.text) for i in items] == [
        post for n, name, when, words, answer, answered in comments
        for post in ((name, when, words), ("史蒂文", answered, answer))]


def test_a_second_date_that_is_the_review_s_own_makes_no_reply():
    def card(n: int, name: str) -> str:
        return f"""<article class="review-card"><aside><a href="/users/{n}"><span>{name}</span>
<div class="consumer-extra-details"><span>IT</span><span>•</span><span>{n} recensioni</span></div></a></aside>
<time datetime="2025-05-2{n}T10:00:00Z">2{n} mag 2025</time>
<section class="review-content"><p class="review-text">Corso numero {n}: utile e denso di argomenti.</p>
<p class="date-of-experience"><b>Data dell'esperienza:</b> <span>1{n} maggio 2025</span></p></section></article>"""
    items, _ = read(page(f'<html lang="it"><body><div>{"".join(card(n, f"Utente {n}") for n in range(1, 5))}'
                         f'</div></body></html>'), engine="generic")
    assert [i.author for i in items] == ["Utente 1", "Utente 2", "Utente 3", "Utente 4"]
    assert all(i.text.startswith(f"Corso numero {n}:") for n, i in enumerate(items, 1))


def plugin_comment(n: int, name: str, when: str, words: str, children: str = "") -> str:
    """A comment as a WordPress comments plugin prints it: its replies in a box after
    its own article, inside the same numbered wrapper."""
    child = f'<div class="epoch-child child-of-{n} level-1">{children}</div>' if children else ""
    return f"""<div id="comment-{n}" data-comment-id="{n}"><article id="div-comment-{n}" class="epoch-comment-body">
<footer class="epoch-comment-meta"><div class="epoch-comment-author">
<a href="https://{name.lower()}.example/" class="epoch-author-link">{name}</a> <span class="epoch-divide">·</span>
<a href="#comment-{n}" class="epoch-comment-link"><time datetime="comment_date">{when}</time></a></div></footer>
<div class="epoch-comment-content"><p>{words}</p></div>
<ul class="epoch-comment-actions"><li><a class="comment-reply-link" href="?replytocom={n}#respond">Reply</a></li></ul>
</article>{child}</div>"""


def test_the_replies_of_a_comment_tree_whose_top_sits_beside_another_box_are_all_posts():
    tree = "".join([
        plugin_comment(101, "Sallie", "March 10, 2017 at 12:20 AM", "If there were really no demand I would not be busy.",
                       plugin_comment(114, "Rarst", "March 10, 2017 at 1:26 AM", "One nuance of the number is site builders.")
                       + plugin_comment(125, "Barry", "March 10, 2017 at 2:56 AM", "I feel you are right on this one.")),
        plugin_comment(173, "Ahmad", "March 10, 2017 at 11:55 AM", "Would you call yourself a page builder?",
                       plugin_comment(254, "Barry", "March 13, 2017 at 6:30 AM", "If I consider myself one? No.")
                       + plugin_comment(128, "djsteveb", "March 10, 2017 at 3:19 AM", "Tons of devs, hardly any for plugins.")
                       + plugin_comment(176, "Rick", "March 10, 2017 at 2:18 PM", "Why is there no certification?"))])
    # the comments' container also holds the count above them, a box of the same bare kind
    items, _ = read(page(f'<html lang="en"><body><div id="epoch-comments"><div><h3>There are 7 comments</h3>'
                         f'<span>Sort by newest</span></div>{tree}</div></body></html>'), engine="generic")
    assert [i.author for i in items] == ["Sallie", "Rarst", "Barry", "Ahmad", "Barry", "djsteveb", "Rick"]


def test_a_date_between_a_one_character_label_and_a_word_after_it():
    assert parse_date("於 2014/01/01 20:31 回覆", lang="zh-TW", strict=True) == dt.datetime(
        2014, 1, 1, 20, 31, tzinfo=dt.timezone.utc)
    assert parse_date("Dec 22, 2016 Reply", lang="en", strict=True).date() == dt.date(2016, 12, 22)
