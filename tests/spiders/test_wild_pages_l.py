"""The forum reader on layouts of held-out sets J to M (a hotel review site, a
Taiwanese blog's comments, a WordPress comment plugin, an employer review site, a
vBulletin 3 theme, a news site's comments, an anime database's reviews, a Russian
blog platform's comment thread, a car dealer's reviews), each misread at first
contact. Written
from the markup of those pages, which carry no licence to copy:

- a reply printed inside the post it answers, signed and dated on its own, is a
  post of its own; a second date that is the post's own is none;
- a comment tree whose top sits beside another box keeps its replies;
- postings a page's markup states without a date, where its blocks are dated, are
  a summary: the blocks are the posts;
- a theme that prints the date above the poster's name; a member's last journal
  entry beside the post's date; yearless dates a day out of the page's order;
- a table of sub-scores beside a review's words;
- a comment printed with an exact and a relative time is dated by the exact one,
  and comments folded to their names make no posts (nor a list of threads);
- a reviewer named only in a byline ("by Rita Shar")."""

import datetime as dt
import json

from spiders.text import parse_date, with_thread_years
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


def employer_review(n: int, title: str, day: str, job: str, pros: str, cons: str) -> str:
    """A review as an employer review site prints it: the reviewer known by the job alone,
    a location beside it on some, and the pros and the cons under their labels."""
    where = '<span class="authorLocation">London, England</span>' if n % 2 else ""
    return f"""<li class="noBorder empReview cf" id="empReview_{n}"><div class="gdReview">
<time class="date subtle small" datetime="{day}">{day}</time><h2><a class="reviewLink" href="/Reviews/{n}.htm">
&quot;{title}&quot;</a></h2><div class="author minor"><span class="authorInfo"><span class="authorJobTitle middle">{job}</span>
{where}</span></div><p class="mainText">I have been working here full-time</p>
<div class="v2__EIReviewDetailsV2__fullWidth"><p class="strong">Pros</p><p><span data-test="pros">{pros}</span></p></div>
<div class="v2__EIReviewDetailsV2__fullWidth"><p class="strong">Cons</p><p><span data-test="cons">{cons}</span></p></div>
</div></li>"""


EMPLOYER_REVIEWS = [(1, "I waited three months to write this review", "2021-03-29",
                     "Current Employee - Senior Product Manager", "A team that ships and listens to its customers.",
                     "Growing fast, so processes lag behind."),
                    (2, "Demeaning Hiring Process", "2021-03-17", "Former Employee - Job Seeker",
                     "Nothing good to report here.", "A technical task that took many hours, and no feedback."),
                    (3, "Great product, great team", "2021-03-15", "Current Employee - Talent Acquisition Partner",
                     "Open, collaborative and friendly people.", "None that I can think of yet."),
                    (4, "Fast paced and friendly", "2021-02-24", "Current Employee - Anonymous Employee",
                     "Colleagues are a pleasure to work with.", "The pace is not for everyone.")]


def test_postings_stated_without_a_date_beside_dated_blocks_are_a_summary():
    stated = [{"@context": "https://schema.org", "@type": "EmployerAggregateRating", "itemReviewed": {"name": "Acme"},
               "review": [{"@type": "EmployerReview", "reviewBody": title, "author": {"@type": "Person", "name": job}}
                          for _, title, _, job, _, _ in EMPLOYER_REVIEWS]}]
    html = (f'<html lang="en"><head><script type="application/ld+json">{json.dumps(stated[0])}</script></head><body>'
            f'<ol class="empReviews">{"".join(employer_review(*r) for r in EMPLOYER_REVIEWS)}</ol></body></html>')
    items, _ = read(page(html))
    # the reviewer is the job, not the location printed beside it on some
    assert [(i.author, i.published_at.date().isoformat()) for i in items] == [
        (job, day) for _, _, day, job, _, _ in EMPLOYER_REVIEWS]
    assert all(pros in i.text and cons in i.text for i, (_, _, _, _, pros, cons) in zip(items, EMPLOYER_REVIEWS))


def community_post(n: int, name: str, day: str, words: str) -> str:
    """A vBulletin 3 post in a theme that prints the date in the first row and the
    poster's name in the header cell of the row under it."""
    return f"""<table id="post{n}" class="tborder"><tr><td class="alt4"><a name="post{n}"><img src="old.gif" alt="Old"></a>
{day}</td><td class="alt4" align="right">#<a href="showpost.php?p={n}" id="postcount{n}">{n % 10}</a></td></tr>
<tr><td class="thead">{name}</td><td class="thead"></td></tr>
<tr><td class="alt2"><div><a class="bigusername" href="member.php?u={n}">{name}</a></div>
<div class="smallfont">Join Date: Oct 2007<br>Beans: 45</div></td>
<td class="alt1" id="td_post_{n}"><div id="post_message_{n}">{words}</div></td></tr></table>"""


def test_a_vbulletin_3_theme_that_prints_the_date_above_the_poster_s_name():
    posts = [(6325853, "kyfehr", "December 7th, 2008", "I am hoping someone has the theme."),
             (6330971, "Caps18", "December 8th, 2008", "I have it. PM me and I will send it."),
             (6331302, "kyfehr", "December 8th, 2008", "Thanks. That is exactly the one.")]
    html = ('<html><head><meta name="generator" content="vBulletin 3.8.1"></head><body><div id="posts">'
            + "".join(community_post(*p) for p in posts) + "</div><p>Powered by vBulletin</p></body></html>")
    items, _ = read(page(html))
    assert [(i.author, i.published_at.date()) for i in items] == [
        ("kyfehr", dt.date(2008, 12, 7)), ("Caps18", dt.date(2008, 12, 8)), ("kyfehr", dt.date(2008, 12, 8))]


def news_comment(n: int, name: str, when: str, words: str, journal: str | None) -> str:
    """A comment on a news site: "by name on Sunday July 29, @12:35PM (#n)", and on some
    the member's last journal entry, dated, in the same line."""
    extra = (f'<small><br>(<a href="http://example.org/">http://example.org/</a> | Last Journal: '
             f'<a href="/~{name}/journal/">{journal}</a>)</small>') if journal else ""
    return f"""<li id="tree_{n}" class="comment"><div id="comment_{n}"><div class="commentTop">
<div class="title"><h4><a name="{n}">Re: the story</a></h4></div>
<div class="details">by <a href="//news.example/~{name}">{name} (5476{n % 100})</a>
<span class="otherdetails" id="comment_otherdetails_{n}">&lt;<a href="mailto:{name}%40%40%40example.org">{name}@@@example.org</a>&gt;
on {when} (<a href="/comments.pl?cid={n}">#{n}</a>){extra}</span>
</div></div><div class="commentBody"><div id="comment_body_{n}">{words}</div></div></div></li>"""


def test_a_member_s_last_journal_entry_beside_a_comment_s_date_dates_no_comment():
    comments = [(20032713, "jack", "Sunday July 29, @11:49AM", "How is this different from the other one?",
                 "Thursday September 18 2003, @11:15AM"),
                (20032793, "wellingj", "Sunday July 29, @12:02PM", "It looks like they copy the package tools.", None),
                (20032913, "peter", "Sunday July 29, @12:19PM", "It would be great to see it integrated.",
                 "Monday February 03 2003, @08:59PM"),
                (20032957, "delire", "Sunday July 29, @12:25PM", "Is there room for a new player right now?",
                 "Friday November 28 2005, @12:21PM")]
    html = '<html lang="en"><body><ul id="commentlisting">' + "".join(news_comment(*c) for c in comments) + "</ul></body></html>"
    items, _ = read(page(html), engine="generic")
    assert [(i.author, i.published_at.strftime("%B %d, %H:%M")) for i in items] == [
        ("jack", "July 29, 11:49"), ("wellingj", "July 29, 12:02"), ("peter", "July 29, 12:19"),
        ("delire", "July 29, 12:25")]


def test_yearless_dates_a_day_out_of_the_page_s_order_keep_the_thread_s_year():
    now = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.timezone.utc)
    # a board that sorts by score, or lists the replies it folded at the end
    raws = ["Sun Jul 29, 2007 11:45 AM", "Sunday July 29, @02:27PM", "Monday July 30, @11:25AM", "Sunday July 29, @12:06PM"]
    settled = with_thread_years(raws, [parse_date(r, now=now, lang="en") for r in raws], lang="en", now=now)
    assert [v.date() for v in settled] == [dt.date(2007, 7, 29), dt.date(2007, 7, 29), dt.date(2007, 7, 30),
                                           dt.date(2007, 7, 29)]


def anime_review(n: int, name: str, day: str, scores: dict[str, int], words: str) -> str:
    """A review on an anime database: the poster's panel, then the words, with a table of
    sub-scores (hidden until "Overall Rating" is clicked) before them in the same box."""
    rows = "".join(f'<tr><td class="borderClass">{label}</td><td class="borderClass">{score}</td></tr>'
                   for label, score in scores.items())
    return f"""<div class="borderDark"><div class="spaceit"><div class="mb8" style="float: right">
<div title="11:15 AM">{day}</div><div class="lightLink spaceit">12 of 12 episodes seen</div>
<div><a href="javascript:void(0);" onclick="$('#score{n}').toggle()">Overall Rating</a>: {scores["Overall"]}</div></div>
<div style="float: left"><table><tr><td><a href="https://anime.example/profile/{name}"><img src="/u{n}.webp"></a></td>
<td><a href="https://anime.example/profile/{name}">{name}</a> <small>(<a href="/profile/{name}/reviews">All reviews</a>)</small>
</td></tr></table></div></div>
<div class="spaceit textReadability word-break pt8 mt8"><div style="float: left; display: none" id="score{n}">
<table class="borderClass">{rows}</table></div>
{words}</div></div>"""


def test_a_table_of_sub_scores_beside_a_review_is_not_its_words():
    reviews = [(236138, "nikki", "Dec 22, 2016", {"Overall": 5, "Story": 5, "Animation": 5, "Sound": 9},
                "I write this as someone who is jaded of stereotypes in romance anime."),
               (236011, "rory", "Dec 21, 2016", {"Overall": 9, "Story": 8, "Animation": 8, "Sound": 8},
                "Once upon a time, there was a young man with a big dream."),
               (235060, "deku", "Dec 20, 2016", {"Overall": 2, "Story": 2, "Animation": 3, "Sound": 4},
                "Okay. Inspired by my internet friends, I decided to watch this.")]
    items, _ = read(page('<html lang="en"><body><div id="content">' + "".join(anime_review(*r) for r in reviews)
                         + "</div></body></html>"), engine="generic")
    assert [(i.author, i.text) for i in items] == [(name, words) for _, name, _, _, words in reviews]


def blog_comment_tree(n: int, name: str, when: str | None, words: str | None, level: int) -> str:
    """A comment as a blog platform prints it in its thread: the name, the time twice (a
    link with the exact time, and "1 week ago"), the words; a comment folded away shows
    its name and the relative time alone."""
    exact = (f'<a href="/170880.html?thread={n}#t{n}" class="mdspost-comment-time mdspost-comment-time--ctime">{when}</a>'
             if when else "")
    body = f'<div class="mdspost-comment__body">{words}</div>' if words else ""
    folded = "" if words else " mdspost-comment--collapsed"
    return f"""<div class="mdspost-thread mdspost-thread--level-{level}" data-tid="t{n}">
<article id="t{n}" class="mdspost-comment{folded} comment p-comment" data-username="{name}" data-displayname="{name}">
<div class="mdspost-comment__inner"><header class="mdspost-comment__header">
<a href="https://{name}.blog.example/" class="mdspost-comment-userpic"><img src="/u{n}.png" alt=""></a>
<div class="mdspost-comment-details"><p class="mdspost-comment-username"><span class="mdspost-comment-username__name">
<span class="ljuser i-ljuser" data-ljuser="{name}"><a href="https://{name}.blog.example/profile" class="i-ljuser-profile">
<img class="i-ljuser-userhead" src="/userhead.svg"></a><a href="https://{name}.blog.example/" class="i-ljuser-username">
<b>{name}</b></a></span> </span></p><p class="mdspost-comment-meta">{exact}
<time class="mdspost-comment-time mdspost-comment-time--shorttime">1 week ago</time></p></div></header>
{body}<footer class="mdspost-comment__footer"><ul class="mdspost-comment-actions">
<li><a href="/170880.html?replyto={n}">Reply</a></li></ul></footer></div></article></div>"""


def test_comments_printed_with_an_exact_and_a_relative_time_and_folded_ones_beside_them():
    thread = [(7121792, "limachko", "April 12 2018, 04:34:23 UTC", "Мечты в тексте не хватает", 1),
              (7122048, "lozga", "April 12 2018, 04:38:42 UTC", "Потому и реализм", 2),
              (7124096, "limachko", None, None, 3), (7130240, "lozga", None, None, 4),
              (7134336, "limachko", None, None, 5), (7124864, "andrey", None, None, 2),
              (7122304, "kouzdra", "April 12 2018, 05:03:32 UTC", "Для космоса есть ёмкое слово", 1),
              (7125632, "kouzdra", None, None, 2)]
    html = ('<html lang="ru"><body><div class="comments">' + "".join(blog_comment_tree(*c) for c in thread)
            + "</div></body></html>")
    items, _ = read(page(html), engine="generic")
    # (a folded comment, its name where its words would be, is no row of a list of threads)
    assert [(i.author, i.published_at.isoformat()[:19], i.text) for i in items] == [
        ("limachko", "2018-04-12T04:34:23", "Мечты в тексте не хватает"),
        ("lozga", "2018-04-12T04:38:42", "Потому и реализм"),
        ("kouzdra", "2018-04-12T05:03:32", "Для космоса есть ёмкое слово")]


def dealer_review(n: int, name: str, day: str, words: str) -> str:
    """A dealership review: the date, the stars, and the reviewer only in "by NAME"."""
    return f"""<a name="r{n}"></a><div class="review-entry col-xs-12"><div class="col-xs-12 col-sm-3 review-date">
<div class="italic col-xs-6 col-sm-12 font-14">{day}</div><div class="rating-static rating-50"></div>
<div class="small-text dr-grey">SALES VISIT - USED</div></div><div class="col-xs-12 col-sm-9 review-wrapper">
<div class="margin-bottom-sm"><h3 class="no-format inline italic-bolder font-20 dark-grey">"{words[:20]}"</h3>
<span class="italic font-16 bolder notranslate">by {name}</span></div>
<div class="tr margin-top-md"><p class="font-16 review-content margin-bottom-none">{words}</p></div></div></div>"""


def test_a_reviewer_named_only_in_a_byline():
    reviews = [(9162312, "Rita Shar", "February 09, 2022", "Great experience buying my car, the staff were kind."),
               (9159276, "Stacey30", "February 08, 2022", "Quick service and honest answers about the trade-in."),
               (9156936, "ellisonsusan80", "February 07, 2022", "They found me the car I wanted within my budget.")]
    items, _ = read(page('<html lang="en"><body><div id="reviews">' + "".join(dealer_review(*r) for r in reviews)
                         + "</div></body></html>"), engine="generic")
    assert [i.author for i in items] == ["Rita Shar", "Stacey30", "ellisonsusan80"]
