"""The generic extractor on layouts that a fresh held-out set of real pages showed it
misread, each written here from the default markup of its engine or kind of page
(cut to the elements around each post): an Invision Power Board 1.x skin with a
"Профиль" link beside every post and a post split around a quote, a vBulletin 4
date whose time is a child of its own, a MyBB member panel longer than the posts,
the first post's title heading, a Q&A page's answers with comments and an editor,
and a XenForo spoiler."""

from html import escape

from tests.spiders.pages import page, read


def ipb1_post(entry: int, name: str, date: str, body: str) -> str:
    """One post of Invision Power Board 1.x's default skin: a table whose first row
    has the name (a link that inserts it into the reply box) and the date, whose
    second the member's panel (with a "Профиль" link) and the words."""
    return f"""<!--Begin Msg Number {entry}-->
<table width='100%' border='0' cellspacing='1' cellpadding='3'>
<tr><td class='row4'><a name='entry{entry}'></a><span class='normalname'><a href="javascript:ins('{name}')">{name}</a></span></td>
<td class='row4'><div class='row4'><span class='postdetails'><b><a href="#">Дата</a></b> {date}</span></div>
<div align='right'><a href='index.php?act=Post&amp;CODE=06&amp;p={entry}'><img src='p_quote.gif' alt='Цитировать сообщение'></a></div></td></tr>
<tr><td class='post1'><span class='postdetails'>Мудрец<br><a href='index.php?showuser={entry}'>Профиль</a><br>
Группа: Пользователи<br>Сообщений: 1656<br>Регистрация: 28.04.2008<br></span></td>
<td class='post1'><!-- THE POST {entry} --><div class='postcolor'>{body}</div><!-- THE POST --></td></tr>
<tr><td class='darkrow3'></td><td class='darkrow3'><a href='index.php?act=Msg&amp;MID={entry}'><img src='p_pm.gif' alt='PM'></a></td></tr>
</table><div class='darkrow1' style='height:5px'></div>"""


# IPB 1.x closes the post's div before a quote and opens another after it.
QUOTED = ("Кажется есть ошибка!</div><table><tr><td><b>Цитата</b></td></tr><tr><td id='QUOTE'>Хастл Абсолют: ФИНАЛ"
          "</td></tr></table><div class='postcolor'>Мне прислали вопрос про места.")


def test_an_ip_board_1_thread_names_its_posters_not_their_profile_links():
    posts = [(101, "Slavka", "29.09.2014 - 06:33", "Чемпионат Сибири по хастлу."),
             (102, "Mr. Grin", "30.09.2014 - 18:15", "Запрос на проведение был?"),
             (103, "Denegin", "2.11.2014 - 22:44", QUOTED),
             (104, "Slavka", "5.11.2014 - 11:03", "Результаты турнира.")]
    html = "<html lang='ru'><body>" + "".join(ipb1_post(*p) for p in posts) + "</body></html>"
    items, _ = read(page(html), engine="generic")
    assert [i.author for i in items] == ["Slavka", "Mr. Grin", "Denegin", "Slavka"]
    assert [i.published_at.date().isoformat() for i in items] == ["2014-09-29", "2014-09-30", "2014-11-02",
                                                                  "2014-11-05"]
    # both halves of the split post, without the quote or its "Цитата" label
    assert items[2].text == "Кажется есть ошибка!\nМне прислали вопрос про места."


def vb4_post(n: int, name: str, date: str, time: str, body: str, title: str = "") -> str:
    """vBulletin 4's default postbit: the time is a span inside the date's span."""
    heading = f'<h2 class="title icon">{escape(title)}</h2>' if title else ""
    return f"""<li class="postbitlegacy postbitim postcontainer old" id="post_{n}">
<div class="posthead"><span class="postdate old"><span class="date">{date},&nbsp;<span class="time">{time}</span></span></span>
<span class="nodecontrols"><a name="post{n}" href="showthread.php?p={n}#post{n}" class="postcounter">#{n}</a></span></div>
<div class="postdetails"><div class="userinfo"><a class="username offline popupctrl" href="member.php/{n}-{name}"><strong>{name}</strong></a>
<span class="usertitle">Senior Member</span><dl class="userinfo_extra"><dt>Join Date</dt><dd>Oct 2010</dd></dl></div>
<div class="postbody"><div class="postrow">{heading}<div class="content"><div id="post_message_{n}">
<blockquote class="postcontent restore">{escape(body)}</blockquote></div></div></div></div></div></li>"""


def test_a_date_whose_time_is_a_child_of_its_own_gives_its_day_and_a_post_title_is_not_its_words():
    title = "Legendary military columnist dies at 76"
    posts = [vb4_post(1, "Rainmaker", "06-15-2016", "03:03 PM", "RIP Mr. Dorr.", title=title),
             vb4_post(2, "sandsjames", "06-15-2016", "05:39 PM", "Sad to hear."),
             vb4_post(3, "Mjolnir", "06-16-2016", "07:50 PM", "Moved this over.")]
    html = (f'<html lang="en"><head><title>{title}</title></head><body><h1>Thread: <span class="threadtitle">'
            f'{title}</span></h1><ol id="posts">{"".join(posts)}</ol></body></html>')
    items, _ = read(page(html), engine="generic")
    # "03:03 PM" alone says no day: read alone it would have been today
    assert [i.published_at.isoformat() for i in items] == ["2016-06-15T15:03:00+00:00", "2016-06-15T17:39:00+00:00",
                                                           "2016-06-16T19:50:00+00:00"]
    assert [i.text for i in items] == ["RIP Mr. Dorr.", "Sad to hear.", "Moved this over."]


def mybb_post(pid: int, name: str, date: str, body: str) -> str:
    """MyBB 1.8's classic postbit: a member panel of "Label: value" lines beside the words."""
    return f"""<div class="post classic" id="post_{pid}">
<div class="post_author"><div class="author_avatar"><a href="User-{name}"><img src="a.png" alt=""></a></div>
<div class="author_information"><strong><span class="largetext"><a href="https://board.example/User-{name}">{name}</a></span></strong></div>
<div class="author_statistics"><div class="post_userdetails"><strong>Six Years of Service</strong></div>
<div>Posts: <span class="float_right">1,218</span></div><div>Threads: <span class="float_right">208</span></div>
<div>Reputation: <span class="float_right"><a href="reputation.php?uid={pid}"><strong>0</strong></a></span></div>
<div>Currency: <span class="float_right"><a href="newpoints.php">4 NSP</a> [<a href="newpoints.php?action=donate">Donate</a>]</span></div></div></div>
<div class="post_content"><div class="post_head"><span class="post_date">{date}</span></div>
<div class="post_body" id="pid_{pid}">{escape(body)}</div></div></div>"""


def test_a_member_panel_longer_than_the_posts_is_not_their_words():
    posts = [mybb_post(1, "Cl0ud", "11-27-2013, 10:32 AM", "Steam shop leak."),
             mybb_post(2, "Burned", "11-27-2013, 10:36 AM", "how does this work"),
             mybb_post(3, "KaareK", "11-27-2013, 02:35 PM", "Thanks dude!")]
    items, _ = read(page(f'<html lang="en"><body>{"".join(posts)}</body></html>'), engine="generic")
    assert [(i.author, i.text) for i in items] == [("Cl0ud", "Steam shop leak."), ("Burned", "how does this work"),
                                                   ("KaareK", "Thanks dude!")]


def answer(n: int, owner: str, when: str, body: str, comments: list[str], editor: str | None = None) -> str:
    """A Q&A page's answer: its words, an "edited" signature before the owner's, and
    comments under it (each with its own author and time)."""
    edited = (f'<div class="post-signature"><div class="user-info"><div class="user-action-time">edited '
              f'<span title="2019-07-12 11:53:20Z" class="relativetime">Jul 12 \'19</span></div>'
              f'<div class="user-details"><a href="/users/9/{editor}">{editor}</a></div></div></div>') if editor else ""
    notes = "".join(f'<li id="comment-{n}{k}" class="comment"><div class="comment-body"><span class="comment-copy">'
                    f'{escape(c)}</span> – <a href="/users/{k}/c{k}" class="comment-user">c{k}</a> '
                    f'<span class="comment-date"><span title="2019-01-0{k + 1} 10:00:00Z" class="relativetime-clean">'
                    f'Jan {k + 1}</span></span></div></li>' for k, c in enumerate(comments))
    return f"""<div id="answer-{n}" class="answer" data-answerid="{n}"><div class="post-layout">
<div class="post-text">{escape(body)}</div>
<div class="grid">{edited}<div class="post-signature"><div class="user-info"><div class="user-action-time">answered
<span title="{when}" class="relativetime">{when[:10]}</span></div>
<div class="user-details"><a href="/users/{n}/{owner}">{owner}</a><div class="-flair"><span class="reputation-score">101k</span></div></div></div></div></div>
<div class="comments"><ul class="comments-list">{notes}</ul></div></div></div>"""


def test_the_answers_of_a_q_and_a_page_and_their_comments_are_its_posts_not_their_editors():
    """Each comment is someone's words: a post of its own, after the answer it is under."""
    answers = [answer(11, "Philip", "2009-09-09 19:08:57Z", "Use printf's date formatter.",
                      ["Not portable.", "Works for me.", "Thanks!"], editor="flindeberg"),
               answer(12, "kwatford", "2009-09-09 19:11:01Z", "Try $(date +%F).", ["Short and sweet.", "Yes."]),
               answer(13, "lutz", "2009-09-09 19:08:32Z", "date +'%Y-%m-%d'", ["Nice.", "Good."], editor="Undo")]
    items, _ = read(page(f'<html lang="en"><body><div id="answers">{"".join(answers)}</div></body></html>'),
                    engine="generic")
    assert [(i.author, i.text) for i in items] == [
        ("Philip", "Use printf's date formatter."), ("c0", "Not portable."), ("c1", "Works for me."), ("c2", "Thanks!"),
        ("kwatford", "Try $(date +%F)."), ("c0", "Short and sweet."), ("c1", "Yes."),
        ("lutz", "date +'%Y-%m-%d'"), ("c0", "Nice."), ("c1", "Good.")]
    assert [i.published_at.date().isoformat() for i in items if i.author == "c1"] == ["2019-01-02"] * 3
    assert {i.external_id.split(":", 1)[-1] for i in items if i.author == "c1"} == {"comment-111", "comment-121",
                                                                                   "comment-131"}


def xf2_post(pid: int, name: str, body: str) -> str:
    return f"""<article class="message message--post js-post" data-author="{name}" data-content="post-{pid}" id="js-post-{pid}">
<div class="message-cell message-cell--user"><h4 class="message-name"><a href="/members/{name}.{pid}/" class="username">{name}</a></h4></div>
<div class="message-cell message-cell--main"><header class="message-attribution"><a href="/threads/t.1/post-{pid}">
<time class="u-dt" datetime="2013-09-26T00:14:21+0400" data-time="1380140061">26 Сентябрь 2013</time></a></header>
<div class="message-content"><div class="message-userContent"><article class="message-body"><div class="bbWrapper">{body}</div></article></div></div></div></article>"""


SPOILER = ('<div class="bbCodeSpoiler"><button type="button" class="bbCodeSpoiler-button button"><span class="button-text">'
           '<span>Спойлер: <span class="bbCodeSpoiler-button-title">Приглашение</span></span></span></button>'
           '<div class="bbCodeSpoiler-content"><div class="bbCodeBlock bbCodeBlock--spoiler"><div class="bbCodeBlock-content">'
           'Всем привет! Это Михаил.</div></div></div></div>')


def test_a_spoiler_is_the_posters_words_and_its_button_is_not():
    html = (f'<html id="XF" data-app="public" lang="ru-RU"><body><div class="block-body">'
            f'{xf2_post(17028, "lSiml", SPOILER + "Урок 1.")}{xf2_post(17029, "lSiml", "Урок 2.")}'
            f'{xf2_post(17030, "anna", "Спасибо!")}</div></body></html>')
    for engine in ("auto", "generic"):
        items, _ = read(page(html), engine=engine)
        assert items[0].text.split() == ["Всем", "привет!", "Это", "Михаил.", "Урок", "1."], engine
def test_an_invisible_space_in_a_name_is_not_part_of_it():
    html = (f'<html id="XF" data-app="public" lang="fr"><body><div class="block-body">'
            f'{xf2_post(1, "croustillo&#8203;u", "Bonjour")}{xf2_post(2, "anna", "Salut")}</div></body></html>')
    items, _ = read(page(html))
    assert [i.author for i in items] == ["croustillou", "anna"]


def home_grown_table_post(n: int, name: str, date: str, body: str) -> str:
    """A home-grown board's table per post: the name in plain bold, the date after a
    "Posté le" label, and controls whose tooltips name the member."""
    return f"""<table class="messagetable"><tr class="message"><td class="messCase1"><a name="t{n}"></a>
<div><b class="s2">{name}</b></div></td><td class="messCase2"><div class="toolbar"><div class="left">Posté le {date}
<a href="/profil-{n}.htm"><img src="profile.gif" title="Voir son profil" alt="profil"></a>
<a href="/message.php?dest={name}"><img src="pv.gif" title="Envoyer un message privé à {name}" alt="MP"></a></div></div>
<div id="para{n}"><p>{escape(body)}</p></div></td></tr></table>"""


def test_a_name_in_plain_bold_is_the_author_where_the_controls_beside_it_name_it():
    posts = [home_grown_table_post(1, "wingames", "19-02-2015&nbsp;à&nbsp;20:14:31", "Bienvenue sur le topic."),
             home_grown_table_post(2, "angelneo", "23-02-2015&nbsp;à&nbsp;18:17:38", "Rêve pas..."),
             home_grown_table_post(3, "Mitch2Pain", "24-02-2015&nbsp;à&nbsp;09:01:02", "Et si tu le branches ?")]
    items, _ = read(page(f'<html lang="fr"><body>{"".join(posts)}</body></html>'), engine="generic")
    assert [i.author for i in items] == ["wingames", "angelneo", "Mitch2Pain"]
    assert [i.published_at.date().isoformat() for i in items] == ["2015-02-19", "2015-02-23", "2015-02-24"]


def v2ex_reply(n: int, name: str, ago: str, body: str) -> str:
    return f"""<div id="r_{n}" class="cell"><table><tr><td><img src="/avatar/{n}.png" class="avatar" alt="{name}"></td>
<td><strong><a href="/member/{name}" class="dark">{name}</a></strong> <span class="ago">{ago}</span>
<div class="reply_content">{escape(body)}</div></td></tr></table></div>"""


def test_chinese_relative_dates_are_dates():
    replies = [v2ex_reply(1, "msn1983aa", "5 小时 7 分钟前", "伸手必被捉"), v2ex_reply(2, "mokeyjay", "4 小时 50 分钟前", "实际上是隐藏开关"),
               v2ex_reply(3, "Lunatic1", "16 分钟前", "本机或者路由器是否有上传")]
    items, _ = read(page(f'<html lang="zh-CN"><body><div class="box">{"".join(replies)}</div></body></html>'),
                    engine="generic")
    assert [i.author for i in items] == ["msn1983aa", "mokeyjay", "Lunatic1"]
    assert all(i.published_at is not None for i in items)


def test_an_iframes_fallback_text_is_not_the_posts():
    html = (f'<html id="XF" data-app="public" lang="en"><body><div class="block-body">'
            f'{xf2_post(1, "anna", "Voice acting is re-recorded.<iframe src=x><p>No iframe support</p></iframe>")}'
            f'{xf2_post(2, "bob", "Ok")}</div></body></html>')
    items, _ = read(page(html))
    assert items[0].text == "Voice acting is re-recorded."
