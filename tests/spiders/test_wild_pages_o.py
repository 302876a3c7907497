"""The forum reader on layouts of held-out set O (Movable Type blogs' comments, a
gadget blog's comments, a Discuz! board, a forum archive regenerated as static
pages, a newspaper blog's comments), each misread at first contact. Written from
the markup of those pages, which carry no licence to copy:

- a name after a byline label ("Posted by: <span>dan</span> | …");
- numeric dates on a page that declares no language are ordered as its words'
  language orders them;
- a member's group link is no profile, a `uid` in a link is; a box of related
  links is no one's words; the place numbered as its post and called its message
  is its body, however few characters a Chinese post needs;
- a name printed between separators before the date, with or without a label;
- a post in pieces that an empty anchor opens, its name and date after its words;
- an imageboard whose posts' words are a `div.quote`, and whose picture links are
  no names;
- comments printed without a year, under an article dated on the page;
- a comment's number in bold, and a first paragraph never opened."""

from tests.spiders.pages import page, read


def mt_comment(n: int, name: str, when: str, words: str) -> str:
    """A comment as Movable Type prints it: the words, then "Posted by:" and the name."""
    return (f'<div class="comment" id="comment-{n}"><div class="comment-content"><p>{words}</p></div>'
            f'<p class="comment-footer">Posted by: <span style="color: #000;">{name}</span> | '
            f'<a href="/cars/2008/01/nano.html#comment-{n}">{when}</a></p></div>')


def test_the_name_after_a_byline_label_is_the_author():
    comments = [(96670866, "Sean", "Jan 10, 2008 4:49:12 PM", "Like dude, that thing is totally unsafe!"),
                (96677608, "dan", "Jan 10, 2008 6:02:53 PM", "I would be interested in a dealership, 50 miles a gallon."),
                (96678796, "tom wolgat", "Jan 10, 2008 6:16:13 PM", "I just hope the motor can put on a few more miles.")]
    items, _ = read(page(f'<html lang="en"><body><div id="comments">{"".join(mt_comment(*c) for c in comments)}'
                         f'</div></body></html>'), engine="generic")
    assert [(i.author, i.published_at.isoformat()) for i in items] == [
        ("Sean", "2008-01-10T16:49:12+00:00"), ("dan", "2008-01-10T18:02:53+00:00"),
        ("tom wolgat", "2008-01-10T18:16:13+00:00")]


def test_numeric_dates_follow_the_language_the_page_is_written_in():
    """No `lang` declared, and every date could be either way round: an English page's
    01/08/08 is the 8th of January."""
    words = ("Does it come with the wig? That is one of the worst things I have ever seen, hands down, and I have "
             "seen a great many belt buckles in my time. ") * 3
    comments = "".join(f'<div class="CommentBox" id="c36084{n}"><div class="CommentHead"><a href="/people/u{n}/">'
                       f'USER{n}</a> <span class="date">01/08/08 05:{30 + n} PM</span></div><p>{words}</p></div>'
                       for n in range(3))
    items, _ = read(page(f"<html><body><h1>Belt buckle senses your air rocking</h1>{comments}</body></html>"),
                    engine="generic")
    assert [i.published_at.date().isoformat() for i in items] == ["2008-01-08"] * 3


def discuz_post(pid: int, uid: int, name: str, rank: str, when: str, words: str, related: str = "") -> str:
    """A Discuz! X post: the member's cell (name, avatar, a link to the member's group),
    and the message cell numbered as the post; the first post has a box of related links."""
    return f"""<div id="post_{pid}"><table id="pid{pid}"><tr><td class="pls" rowspan="2">
<div class="pi"><div class="authi"><a href="space-uid-{uid}.html" class="xw1">{name}</a></div></div>
<div><div class="avatar"><a href="space-uid-{uid}.html"><img src="/avatar/{uid}.jpg"></a></div>
<p><em><a href="home.php?mod=spacecp&amp;ac=usergroup&amp;gid=10">{rank}</a></em></p></div></td>
<td class="plc"><div class="pi"><strong><a href="thread-1-1-1.html" id="postnum{pid}"><em>1</em>楼</a></strong>
<div class="authi"><em id="authorposton{pid}">发表于 {when}</em></div></div><div class="pct"><div class="t_fsz">
<table><tr><td class="t_f" id="postmessage_{pid}">{words}</td></tr></table></div></div></td></tr>
<tr><td class="plc plm">{related}<div class="sign"><a href="/ad">C/C++ 课程</a> <a href="/ad2">免费下载</a></div></td></tr>
</table></div>"""


def test_a_discuz_post_is_its_numbered_message_by_its_member_not_the_member_s_group():
    related = "<ul>" + "".join(f'<li><a href="/thread-{n}-1-1.html">自己实现一个实时操作系统（附源码）第{n}篇</a></li>'
                               for n in range(40)) + "</ul>"
    posts = [discuz_post(7775986, 20240050, "yongzhi", "白手起家", "2007-12-27 16:36:26",
                         "加上-fPIC参数后，编译后的文件有什么区别呢？", related),
             discuz_post(7778929, 1001, "印随", "丰衣足食", "2007-12-28 10:03:38", "可能是两个原因：gcc默认开启"),
             discuz_post(7778936, 1002, "yjm0573", "白手起家", "2007-12-28 10:05:22", "没有区别"),
             discuz_post(7779936, 1003, "cjaizss", "小富即安", "2007-12-28 12:00:00", "位置无关代码用相对地址")]
    items, _ = read(page(f'<html lang="zh"><body><div id="postlist">{"".join(posts)}</div></body></html>'),
                    engine="generic")
    assert [(i.author, i.text) for i in items] == [
        ("yongzhi", "加上-fPIC参数后，编译后的文件有什么区别呢？"), ("印随", "可能是两个原因：gcc默认开启"),
        ("yjm0573", "没有区别"), ("cjaizss", "位置无关代码用相对地址")]


def test_the_name_between_separators_before_the_date_is_the_author():
    posts = "".join(f'<div class="post"><h4>#{18140 + n} - {name} - Sun Mar 21, 2004 7:{39 + n} pm</h4>'
                    f'<div class="postbody"><span class="postbody">{words}</span></div></div>'
                    for n, (name, words) in enumerate([("cpu1333mhz", "Is there any way to check the RAM left?"),
                                                       ("DekuTree64", "Have the linker generate a map file."),
                                                       ("poslundc", "Or look at the stack pointer.")]))
    items, _ = read(page(f'<html lang="en"><body><div id="posts">{posts}</div></body></html>'), engine="generic")
    assert [i.author for i in items] == ["cpu1333mhz", "DekuTree64", "poslundc"]


def test_a_comment_in_pieces_opened_by_an_empty_anchor_with_its_name_after_its_words():
    comments = [(1913000, "Lucky Lakeshore", "January 14, 2008 06:24 PM",
                 "What in the world is empowering to women about a candidate who owes everything to her husband?"),
                (1913205, "Suzanne", "January 14, 2008 07:05 PM",
                 "Oh come on! What a sexist thing to say. She has a long record of working for children's rights."),
                (1913237, "thecrisis", "January 14, 2008 07:12 PM", "Who else has seen that Family Guy episode?")]
    pieces = "".join(f'<a id="c{n}"></a><div class="commentText"><p>{words}</p></div>'
                     f'<p class="posted">Posted by: {name} | {when}</p>' for n, name, when, words in comments)
    items, _ = read(page(f'<html lang="en"><body><div class="comments"><h3>Comments</h3>{pieces}'
                         f'<div class="commentText"><p>Comments are moderated.</p></div></div></body></html>'),
                    engine="generic")
    assert [(i.author, i.published_at.isoformat(), i.text[:20]) for i in items] == [
        ("Lucky Lakeshore", "2008-01-14T18:24:00+00:00", "What in the world is"),
        ("Suzanne", "2008-01-14T19:05:00+00:00", "Oh come on! What a s"),
        ("thecrisis", "2008-01-14T19:12:00+00:00", "Who else has seen th")]


def pixmicat_post(n: int, picture: str, time: str, words: str) -> str:
    """A post of a Pixmicat! board: the head (name, day, time, ID, number, a picture's
    link) and the words in a `div.quote`."""
    image = f'<a href="//img.example/src/{picture}">{picture}</a>' if picture else ""
    return (f'<div class="post reply" data-no="{n}" id="r{n}"><div class="post-head">{image}<span class="name">無名'
            f'</span><span class="now">2021/12/03(五)</span><span>{time}</span><span class="id">ID:K2Cg{n % 97}</span>'
            f'<span class="qlink">No.{n}</span></div><div class="quote">{words}</div></div>')


def test_a_board_s_words_in_a_div_called_quote_are_its_posts_words():
    posts = [(25208058, "", "14:24:25.892", "為什麼不看底邊"), (25208064, "1638512732656.png", "14:25:32.729", "鯊鯊吧"),
             (25208138, "", "14:31:20.747", "阿凜什麼都不在意"), (25208140, "1638513000001.jpg", "14:32:00.100", "好"),
             (25208150, "", "14:35:10.000", "只要有遊戲玩就好"), (25208160, "", "14:40:00.000", "感覺她根本不想要")]
    items, _ = read(page(f'<html lang="zh-TW"><body><div id="threads">{"".join(pixmicat_post(*p) for p in posts)}'
                         f'</div></body></html>'), engine="generic")
    assert [(i.author, i.text) for i in items] == [("無名", p[3]) for p in posts]


def test_comments_without_a_year_come_after_the_article_s_date():
    comments = "".join(f'<div class="individualcomment" id="comment-{n}"><div class="commentauthor">'
                       f'<a href="/profile/{name}">{name}</a></div><div class="commentdate">January  7 {hour}:00</div>'
                       f'<div class="commenttext"><p>{words}</p></div></div>'
                       for n, (name, hour, words) in enumerate([
                           ("recklessfox", 17, "Free range and organic are not the same thing, please."),
                           ("misterbee", 18, "Very poor article, both confused and uninformative."),
                           ("greenfingers", 19, "A battery in every house would change the grid.")]))
    html = f"""<html lang="en"><head><meta property="article:published_time" content="2008-01-07T09:00:00Z">
</head><body><h1>Battery power</h1><p class="byline">Comment is free, January 7 2008</p>{comments}</body></html>"""
    items, _ = read(page(html), engine="generic")
    assert [i.published_at.isoformat() for i in items] == [
        "2008-01-07T17:00:00+00:00", "2008-01-07T18:00:00+00:00", "2008-01-07T19:00:00+00:00"]


def test_a_comment_s_number_in_bold_before_its_words_is_not_its_words():
    comments = "".join(f'<div class="comments-body"><b>{n}.</b> {words}<span class="comments-post">Posted by: '
                       f'<a href="mailto:x{n}@example.com">{name}</a> on December 29, 2007 0{n}:15 PM</span></div>'
                       for n, (name, words) in enumerate([("Walters", "I always love how the elitists refer to us."),
                                                          ("Travis Pahl", "I hope you are not referring to Eric."),
                                                          ("Doug", "McCain takes NH and Rudy is free.")], start=1))
    items, _ = read(page(f'<html lang="en"><body><div class="comments-head">Comments</div>{comments}</body></html>'),
                    engine="generic")
    assert [(i.author, i.text) for i in items] == [("Walters", "I always love how the elitists refer to us."),
                                                   ("Travis Pahl", "I hope you are not referring to Eric."),
                                                   ("Doug", "McCain takes NH and Rudy is free.")]


def test_a_first_paragraph_never_opened_is_still_the_comment_s_words():
    """The words begin after the comment's number, without a `<p>`, and the paragraph
    is closed by a `</p>` all the same; the next one, longer, is opened."""
    more = " It matters more than the polls say, and more than the money raised so far in the race."
    comments = "".join(f'<div class="comments-body"><b>{n}.</b> {first}</p>\n<p>{second}{more}</p>'
                       f'<span class="comments-post">Posted by: <a href="mailto:x{n}@example.com">{name}</a> on '
                       f'December 29, 2007 0{n}:15 PM</span></div>' for n, (name, first, second) in enumerate([
                           ("KW64", "The assumption that the winner wins ignores the rest.", "The current notion."),
                           ("Hinton", "In all the years I have been involved, never.", "So, who then?"),
                           ("Doug", "Hear, hear, Carol, right on.", "I can only dream.")], start=1))
    items, _ = read(page(f'<html lang="en"><body><div class="blog">{comments}</div></body></html>'), engine="generic")
    assert [i.text.split("\n")[0] for i in items] == ["The assumption that the winner wins ignores the rest.",
                                                      "In all the years I have been involved, never.",
                                                      "Hear, hear, Carol, right on."]
