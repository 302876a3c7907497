"""The forum reader on layouts of held-out set Q (Something Awful's vBulletin fork,
old reddit, Hacker News, a Disqus thread, vc.ru, Stack Exchange, a subreddit's
sidebar), each misread at first contact. Written from the markup of those pages,
which carry no licence to copy:

- a post that only quotes has no words of its own, not its buttons' labels, and the
  box with the quote and the name is no member's panel;
- a Disqus name is the one its link shows, not the login in `data-username`; a
  "see more" link is no part of the words;
- a lone letter in a hashed id ("thing_t1_dxr2q90") does not make a quote;
- collapsed replies in a comment tree are replies too;
- a sidebar's list of moderators is no article above the comments;
- numbered table rows of two tables are never joined into one post;
- a comment's closing "reply" link is no part of its words; a ">" line is a
  quote where the page shows it as a line, not where its source breaks;
- the comments under a Stack Exchange question are read beside the stated
  question and answers."""

from dataclasses import replace

from parsel import Selector

from spiders.forum import _with_comments_read
from spiders.forums.engine import Post
from spiders.text import element_text, parse_date
from tests.spiders.pages import page, read


def awful_post(n: int, name: str, when: str, words: str) -> str:
    return f"""<table class="post" id="post{n}"><tr class="altcolor1"><td class="postbody" colspan="2">
<div class="complete_shit funbox">{words}<p class="attachment"></p><p class="editedby"></p></div>
<div class="userinfo userid-{n}"><dl class="userinfo"><dd class="title"><img src="/u/{n}.png" alt=""></dd>
<dt class="author" title="">{name}</dt></dl></div></td></tr><tr class="altcolor1"><td class="postdate">
<a href="#post{n}">#</a> <a class="user_jump" href="/showthread.php?userid={n}">?</a> {when}</td>
<td class="postlinks"><ul class="profilelinks"><li><a href="member.php?userid={n}">Profile</a></li>
<li><a href="private.php?userid={n}">Message</a></li><li><a href="search.php?userid={n}">Post History</a></li></ul>
</td></tr></table>"""


def quoting(name: str) -> str:
    return (f'<div class="bbc-block"><h4><a class="quote_link" href="/showthread.php?goto=post">{name} posted:</a></h4>'
            f'<blockquote><img src="/t/title.gif" alt=""><br></blockquote></div><br>')


def test_a_post_that_only_quotes_has_no_words_and_a_short_reply_under_a_quote_is_read():
    posts = [awful_post(422462281, "hetero princess", "Nov 27, 2013 22:49", '<img src="/i/pic.jpg" alt="">'),
             awful_post(422463058, "Chill Callahan", "Nov 27, 2013 23:10", "I was being trolled? The only person I'm mad at."),
             awful_post(422463294, "erezaka", "Nov 27, 2013 23:18", quoting("Trainbearer") + "Yospos, bitch."),
             awful_post(422463499, "Daikatana Ritsu", "Nov 27, 2013 23:24", "You'd think a posser would pay attention"),
             awful_post(422463901, "my bitter bi rival", "Nov 27, 2013 23:36", "damn we some cold honkies"),
             awful_post(422466038, "baltimoron", "Nov 28, 2013 00:40", "so much effort made on the internet. so much"),
             awful_post(422466581, "Epic Hamcat", "Nov 28, 2013 00:56", quoting("parthenocarpy"))]
    items, _ = read(page(f'<html lang="en"><body><div id="thread">{"".join(posts)}</div></body></html>'), engine="generic")
    worded = [(i.author, i.text) for i in items if i.text]
    assert worded == [("Chill Callahan", "I was being trolled? The only person I'm mad at."), ("erezaka", "Yospos, bitch."),
                      ("Daikatana Ritsu", "You'd think a posser would pay attention"),
                      ("my bitter bi rival", "damn we some cold honkies"),
                      ("baltimoron", "so much effort made on the internet. so much")]


def disqus_post(n: int, login: str, name: str, title: str, words: str) -> str:
    return f"""<li class="post" id="post-{n}"><div data-role="post-content" class="post-content">
<div class="avatar hovercard"><a href="https://disqus.com/by/{login}/" data-action="profile" data-username="{login}"
class="user"><img data-role="user-avatar" src="/a/{n}.jpg" alt="Аватар"></a></div><div class="post-body">
<header class="comment__header"><span class="post-byline"><span class="author publisher-anchor-color">
<a href="https://disqus.com/by/{login}/" data-action="profile" data-username="{login}">{name}</a></span></span>
<span class="post-meta"><a href="/articles/54479/#comment-{n}" data-role="relative-time" class="time-ago"
title="{title}">день назад</a></span></header><div class="post-body-inner"><div class="post-message-container">
<div class="post-message" data-role="message"><div><p>{words}</p></div></div></div>
<a class="see-more hidden" title="показать больше" data-action="see-more">показать больше</a></div>
<footer class="comment__footer"><menu class="comment-footer__menu"><li class="reply"><a href="#"><span class="text">
Ответить</span></a></li></menu></footer></div></div><ul data-role="children" class="children"></ul></li>"""


def test_a_disqus_name_is_the_one_its_link_shows_and_see_more_is_no_word():
    posts = [(3867855553, "disqus_TvcPVBE7Zy", "Vadim", "понедельник, 23 апреля 2018 г., 14:19", "Модем, например"),
             (3867859856, "mystiqueman", "Mystique Man", "понедельник, 23 апреля 2018 г., 14:24",
              "добавить к своему модему чужой готовый процессор"),
             (3869213386, "disqus_TvcPVBE7Zy", "Vadim", "вторник, 24 апреля 2018 г., 9:11",
              "Я тож поначалу так думал, что прямо полностью свои.")]
    items, _ = read(page(f'<html lang="ru"><body><ul id="post-list" class="post-list">'
                         f'{"".join(disqus_post(*p) for p in posts)}</ul></body></html>'), engine="generic")
    assert [(i.author, i.text) for i in items] == [("Vadim", "Модем, например"),
                                                   ("Mystique Man", "добавить к своему модему чужой готовый процессор"),
                                                   ("Vadim", "Я тож поначалу так думал, что прямо полностью свои.")]


def reddit_comment(ident: str, name: str, when: str, words: str, children: str = "", state: str = "noncollapsed") -> str:
    return f"""<div class=" thing id-t1_{ident} {state}   comment " id="thing_t1_{ident}" data-author="{name}">
<p class="parent"><a name="{ident}"></a></p><div class="entry unvoted"><p class="tagline">
<a href="javascript:void(0)" class="expand">[–]</a><a href="https://www.reddit.com/user/{name}" class="author">{name}</a>
<span class="score unvoted" title="12">12 points</span> <time title="{when}" datetime="{when}" class="live-timestamp">
9 hours ago</time></p><form action="#" class="usertext warn-on-unload" id="form-t1_{ident}z8n">
<div class="usertext-body may-blank-within md-container"><div class="md"><p>{words}</p></div></div></form>
<ul class="flat-list buttons"><li class="first"><a href="/r/aww/comments/8dyrb3/x/{ident}/" class="bylink">permalink</a></li>
<li><a href="javascript:void(0)">save</a></li></ul></div><div class="child">{children}</div></div>"""


def test_reddit_s_hashed_ids_quote_nothing_and_its_collapsed_replies_are_replies():
    replies = (reddit_comment("dxr2wt8", "Brookefemale", "2018-04-21T22:26:48+00:00", "Thank you and yes! I built him that.")
               + reddit_comment("dxrhgrc", "NoOneImportant333", "2018-04-22T03:21:45+00:00", "What’re you, a cop?",
                                state="collapsed"))
    tree = (reddit_comment("dxr2q90", "glitterpig09", "2018-04-21T22:23:05+00:00", "Ben is adorable! Is that the cardboard house?",
                           f'<div id="siteTable_t1_dxr2q90" class="sitetable listing">{replies}</div>')
            + reddit_comment("dxr6njs", "Well_thats_Rubbish", "2018-04-21T23:43:40+00:00", "I have a cat who plays fetch."))
    items, _ = read(page(f'<html lang="en"><body><div class="commentarea"><div id="siteTable_t3_8dyrb3" '
                         f'class="sitetable nestedlisting">{tree}</div></div></body></html>'), engine="generic")
    assert [(i.author, i.text) for i in items] == [
        ("glitterpig09", "Ben is adorable! Is that the cardboard house?"),
        ("Brookefemale", "Thank you and yes! I built him that."), ("NoOneImportant333", "What’re you, a cop?"),
        ("Well_thats_Rubbish", "I have a cat who plays fetch.")]


def test_a_sidebar_s_moderators_are_no_article_above_the_comments():
    moderators = "".join(f'<li><a href="https://www.reddit.com/user/{n}" class="author">{n}</a></li>'
                         for n in ["cwenham", "N8theGr8", "316nuts", "kwwxis", "RicoVig", "siouxsie_siouxv2",
                                   "AlexAffliction", "moomookitty", "_BindersFullOfWomen_", "strallweat"])
    link_post = ('<div class="thing link" id="thing_t3_8dyrb3"><p class="tagline">submitted <time datetime='
                 '"2018-04-21T21:28:31+00:00">14 hours ago</time> by <a href="https://www.reddit.com/user/Brookefemale" '
                 'class="author">Brookefemale</a></p></div>')
    sidebar = (f'<div class="side"><div class="sidecontentbox"><div class="title"><h1>MODERATORS</h1></div>'
               f'<ul class="content">{moderators}<li class="more">...and 8 more »</li></ul></div></div>')
    comments = "".join(reddit_comment(*c) for c in [
        ("dxr0evr", "Brookefemale", "2018-04-21T21:36:45+00:00", "Bonus pics of Ben on a walk."),
        ("dxr6ht6", "Well_thats_Rubbish", "2018-04-21T23:40:31+00:00", "I have a cat who plays fetch and eats spaghetti."),
        ("dxrcf0o", "here4DaBacon", "2018-04-22T01:39:56+00:00", "I need more Ben in my life..")])
    items, _ = read(page(f'<html lang="en"><body>{sidebar}<div class="content">{link_post}<div class="commentarea">'
                         f'<div class="sitetable nestedlisting">{comments}</div></div></div></body></html>'),
                    engine="generic")
    assert not any("cwenham" in (i.text or "") for i in items)
    assert [i.author for i in items if i.text] == ["Brookefemale", "Well_thats_Rubbish", "here4DaBacon"]


def hn_comment(n: int, name: str, ago: str, words: str) -> str:
    return f"""<tr class="athing comtr " id="{n}"><td><table border="0"><tr><td class="ind"><img src="s.gif" width="40"></td>
<td class="default"><div><span class="comhead"><a href="https://news.ycombinator.com/user?id={name}" class="hnuser">{name}</a>
<span class="age"><a href="item?id={n}">{ago}</a></span></span></div><br><div class="comment"><span class="c00">{words}
<div class="reply"><p><font size="1"><u><a href="reply?id={n}">reply</a></u></font></p></div></span></div></td></tr></table>
</td></tr>"""


def test_hacker_news_rows_of_two_tables_stay_apart_and_reply_is_no_word():
    story = ('<table class="fatitem"><tr class="athing" id="16909056"><td class="title">Career ladders</td></tr>'
             '<tr><td class="subtext">by <a class="hnuser" href="user?id=op">op</a> 14 hours ago</td></tr>'
             '<tr style="height:10px"></tr><tr><td><form>add comment</form></td></tr></table>')
    comments = [(16909828, "paxys", "13 hours ago", "I've been a hiring manager for years and never cared."),
                (16911460, "GlennS", "2 hours ago", "Is there a reason you need to be sponsored by a company?"
                                                    "<p>Australia has a skilled independent visa.</p>"),
                (16910014, "crabasa", "12 hours ago", "Do you have a website? Is your story documented anywhere?"),
                (16911787, "arkades", "1 hour ago", "&gt; As soon as I get married\n... might bring babies<p>Contraception.</p>")]
    items, _ = read(page(f'<html lang="en"><body><table id="hnmain"><tr><td>{story}<table class="comment-tree">'
                         f'{"".join(hn_comment(*c) for c in comments)}</table></td></tr></table></body></html>'),
                    engine="generic")
    assert [(i.author, " ".join(i.text.split())) for i in items] == [
        ("paxys", "I've been a hiring manager for years and never cared."),
        ("GlennS", "Is there a reason you need to be sponsored by a company? Australia has a skilled independent visa."),
        ("crabasa", "Do you have a website? Is your story documented anywhere?"), ("arkades", "Contraception.")]


def test_a_line_is_a_line_where_the_page_shows_one_not_where_its_source_breaks():
    text = element_text(Selector(text="<div>&gt; managers would keep around a\ncertain percentage<p>Tragic.</p>"
                                      "<pre>a\nb</pre></div>").css("div")[0])
    assert text.split("\n") == ["> managers would keep around a certain percentage", "Tragic.", "a", "b"]


def test_a_time_with_its_zone_named_is_read_in_that_zone():
    assert parse_date("24.04.2018 14:05:44 (Europe/Moscow)", lang="ru", strict=True).isoformat() == (
        "2018-04-24T14:05:44+03:00")
    assert parse_date("2018-01-05 09:00 America/New_York", lang="en").isoformat() == "2018-01-05T09:00:00-05:00"


def test_the_comments_under_stated_questions_and_answers_are_read_too():
    """Stack Exchange states its question and answer in schema.org, not the comments
    under the question; the page's blocks read the question and its comments."""
    def post(ident: str, name: str, when: str, words: str) -> Post:
        return Post(post_id=ident, author=name, date=when, text=words, permalink=f"https://ru.stackoverflow.com/{ident}")
    question = post("q/943393", "Денис", "2019-02-11T07:40:59", "Есть массив, в нем содержится множество элементов.")
    answer = post("a/943397", "Денис", "2019-02-11T08:02:21", "Вот так сделал: foreach ($all as $k => $v) { strpos }")
    comments = [post("comment-1569446", "u_mulder", "2019-02-11 07:48:36Z", "strpos или регулярные выражения."),
                post("comment-1569451", "Денис", "2019-02-11 08:00:58Z", "@u_mulder благодарю, strpos помогла.")]
    read = [replace(question, post_id="36bc6b03"), *comments]
    assert [p.post_id for p in _with_comments_read([question, answer], read)] == [
        "q/943393", "comment-1569446", "comment-1569451", "a/943397"]
    # blocks that read none of the stated postings are another part of the page: left alone
    assert _with_comments_read([question, answer], comments) == [question, answer]
