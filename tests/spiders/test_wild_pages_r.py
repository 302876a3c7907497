"""The forum reader on layouts of held-out set R (Head-Fi's customised XenForo 1)
and of set Q's Pikabu story, each misread at first contact. Written from the
markup of those pages, which carry no licence to copy:

- where a theme moves the date away from its engine's selectors, the reading that
  dates the posts wins over the engine's undated one;
- a bare "Quote:" printed before a marked quote box is no part of the words;
- a story titled in an `<h2>` (the page's `<h1>` being the site's name, below
  the comments) is read as the first post above its comments."""

from tests.spiders.pages import page, read


def headfi_post(n: int, name: str, when: str, words: str) -> str:
    return f"""<li id="post-{n}" class="message " data-author="{name}"><a id="post_{n}">
<div class="messageUserInfo" itemscope="itemscope"><DIV STYLE="min-height:16px"><DIV CLASS="item" STYLE="float:left">
{when} </DIV><DIV CLASS="item" STYLE="float:right"><a href="threads/hd-600.538255/page-171#post-{n}" title="Permalink">
Post #{n % 10000}</a> of 19681 </DIV></DIV><div class="messageUserBlock "><div class="avatarHolder">
<a href="members/{name.lower()}.{n}/" class="avatar"><img src="/u/{n}_m" alt="{name}" /></a></div>
<h3 class="userText"><a href="members/{name.lower()}.{n}/" class="username" itemprop="name">{name}</a>
<em class="userTitle" itemprop="title"> Head-Fier </em></h3><div class="extraUserInfo"><DIV><B>Joined: </B> Jan 27, 2013
</DIV><DIV><B>Posts: </B> 74 </DIV></div></div></div><div class="messageInfo primaryContent"><div class="messageContent">
<article><blockquote class="messageText SelectQuoteContainer ugc baseHtml"> Quote: <div class="bbCodeBlock bbCodeQuote"
data-author="broker"><aside><div class="attribution type">broker said: <a href="goto/post?id=9107146">&uarr;</a></div>
<blockquote class="quoteContainer"><div class="quote">Needs a dedicated amp. Probably going to go with a Schiit Asgard.
</div><div class="quoteExpand">Click to expand...</div></blockquote></aside></div> {words}<br />
<div class="messageTextEndMarker">&nbsp;</div></blockquote></article></div></div>
<div class="messageMeta ToggleTriggerAnchor"><div class="privateControls"></div></div></a></li>"""


def xenforo1_thread(lang: str, posts: str):
    """A XenForo 1 thread page around its posts' list items."""
    return page(f'<html id="XenForo" lang="{lang}" class="Public NoJs"><body><div id="content" '
                f'class="thread_view"><ol class="messageList" id="messageList">{posts}</ol></div></body></html>')


def test_a_theme_s_own_date_bar_dates_the_posts_and_a_loose_quote_label_is_no_word():
    posts = [(9108883, "tninety", "Jan 29, 2013 at 7:45 PM", "Are you going to double amp it?"),
             (9114436, "BrokeR", "Jan 31, 2013 at 11:42 AM", "Yeah, I was wondering about that."),
             (9115470, "mrAdrian", "Jan 31, 2013 at 5:54 PM", "General rule for analogue, less is more.")]
    items, _ = read(xenforo1_thread("en-US", "".join(headfi_post(*p) for p in posts)))
    assert [(i.author, i.published_at.isoformat(), i.text) for i in items] == [
        ("tninety", "2013-01-29T19:45:00+00:00", "Are you going to double amp it?"),
        ("BrokeR", "2013-01-31T11:42:00+00:00", "Yeah, I was wondering about that."),
        ("mrAdrian", "2013-01-31T17:54:00+00:00", "General rule for analogue, less is more.")]


def pikabu_comment(n: int, name: str, when: str, words: str) -> str:
    return f"""<div class="comment" id="comment_{n}" data-id="{n}"><div class="comment__body"><div class="comment__header">
<div class="comment__user" data-name="{name}"><a href="https://pikabu.ru/@{name}"><span class="user__nick">{name}</span></a>
</div><time class="comment__datetime hint" datetime="{when}">час назад</time></div>
<div class="comment__content"><p>{words}</p></div></div></div>"""


def test_a_story_titled_in_an_h2_is_the_first_post_above_its_comments():
    story = """<article class="story" data-story-id="5865577"><div class="story__main"><header class="story__header">
<h2 class="story__title"><a href="https://pikabu.ru/story/beregite_prirodu_5865577">Берегите природу.</a></h2>
<div class="story__user user"><a class="user__nick" href="https://pikabu.ru/@Gendosych">Gendosych</a>
<time class="story__datetime hint" datetime="2018-04-24T10:30:10+03:00">2 часа назад</time></div></header>
<div class="story__content"><div class="story__content-inner"><div class="story-block story-block_type_text">
<p>А вот действительно. Для чего некоторые поджигают траву? При этом утверждая, что новая будет расти лучше, но не
думают о последствиях. Брошеная бутылка тоже может стать последствием возгорания.</p></div></div></div></div></article>"""
    comments = "".join(pikabu_comment(*c) for c in [
        (111900343, "ZaiNic", "2018-04-24T10:53:15+03:00", "Сам видел, как поджигают каждую весну."),
        (111900512, "Kotovasya", "2018-04-24T11:01:40+03:00", "Штрафовать надо, и побольше."),
        (111901277, "BigMaks", "2018-04-24T11:20:02+03:00", "Картинка хорошая, смысл верный.")])
    items, _ = read(page(f'<html lang="ru"><body><div class="stories-feed">{story}</div><div class="comments">'
                         f'<div class="comments__container">{comments}</div></div><footer><h1>Пикабу</h1></footer>'
                         f'</body></html>'), engine="generic")
    assert [(i.author, i.text[:20]) for i in items] == [
        ("Gendosych", "А вот действительно."), ("ZaiNic", "Сам видел, как поджи"), ("Kotovasya", "Штрафовать надо, и п"),
        ("BigMaks", "Картинка хорошая, см")]


# Held-out set S (juraforum's XenForo 1, Sainsbury's reviews, ioff's vBulletin 4):
# - a date an engine misses is taken from the page's blocks for the post of the same number;
# - a rating its stars' tooltip repeats ("5 out of 5") is no name, and "Written by" is no part of one;
# - an address on a line of its own is no "label: value" line of a member's panel.

def juraforum_post(n: int, name: str, when: str, words: str) -> str:
    return f"""<li id="post-{n}" class="message " data-author="{name}"><a name="post{n}"></a><div class="messageUserInfo">
<div class="messageUserBlock "><h3 class="userText"> {name} <em class="userTitle">V.I.P.</em> <small><span
style="display:block; float:right;">{when}</span></small></h3><div class="extraUserInfo"><dl class="pairsJustified">
<dt>Registriert seit:</dt><dd>18. Januar 2016</dd></dl><dl class="pairsJustified"><dt>Beiträge:</dt><dd>4.644</dd></dl>
</div></div></div><div class="messageInfo primaryContent"><div class="messageContent"><article><blockquote
class="messageText SelectQuoteContainer ugc baseHtml"> {words} </blockquote></article></div></div></li>"""


def test_a_date_the_engine_misses_comes_from_the_page_s_blocks():
    posts = [(1971828, "BackInBlack", "17.03.2020, 21:30", "Hier kann alles rein, was keine juristische Frage ist."),
             (1971836, "Marie Larsen", "17.03.2020, 21:44", "Welche Aktien sollte man shorten, um zu profitieren?"),
             (1971849, "Rechtsfan", "17.03.2020, 22:05", "Das ist keine gute Idee, wenn man nicht weiß, was man tut.")]
    items, _ = read(xenforo1_thread("de-DE", "".join(juraforum_post(*p) for p in posts)))
    assert [(i.author, i.published_at.isoformat()) for i in items] == [
        ("BackInBlack", "2020-03-17T21:30:00+00:00"), ("Marie Larsen", "2020-03-17T21:44:00+00:00"),
        ("Rechtsfan", "2020-03-17T22:05:00+00:00")]


def sainsburys_review(n: int, name: str, day: str, words: str) -> str:
    return f"""<div id="id_{n}" class="pd-reviews__review-container"><div class="review"><div class="review__title">Tasty</div>
<div class="review__content" data-testid="review-content">{words}<br></div><div class="review__star-rating"><span
class="ds-c-rating"><div class="ds-c-rating__stars" role="img" title="Rating 5 out of 5" aria-label="Rating 5 out of 5">
</div><div class="ds-c-rating__body">5 out of 5</div></span></div><div class="review__author">Written by {name}</div>
<div class="review__date">{day}</div><div class="review__recommended">Yes, I recommend this product</div></div></div>"""


def test_a_rating_is_no_name_and_written_by_is_no_part_of_one():
    reviews = [(173042735, "Andy1414", "1st April 2025", "Fantastic taste and quality. Great value for money."),
               (173036748, "Thumberlina67", "1st April 2025", "Best burgers on the market. Highly recommend."),
               (172986125, "Jo", "30th March 2025", "Cooked from frozen in twenty minutes, and the kids loved them.")]
    items, _ = read(page(f'<html lang="en"><body><div class="pd-reviews">{"".join(sainsburys_review(*r) for r in reviews)}'
                         f'</div></body></html>'), engine="generic")
    assert [(i.author, i.published_at.date().isoformat()) for i in items] == [
        ("Andy1414", "2025-04-01"), ("Thumberlina67", "2025-04-01"), ("Jo", "2025-03-30")]


def vb4_post(n: int, name: str, when: str, words: str) -> str:
    return f"""<li class="postbitlegacy postbitim postcontainer old" id="post_{n}"><div class="posthead"><span class="postdate old">
<span class="date">{when}</span></span><span class="nodecontrols"><a name="post{n}" href="showthread.php?p={n}#post{n}"
class="postcounter">#{n % 7}</a></span></div><div class="postdetails"><div class="userinfo"><div class="username_container">
<a class="username offline popupctrl" href="member.php?{n}-{name}" title="{name} ist offline"><strong>{name}</strong></a></div>
<span class="usertitle">Mitglied</span><hr /><dl class="userinfo_extra"> Ort: Mancha </dl></div><div class="postbody">
<div class="postrow"><div class="content"><div id="post_message_{n}"><blockquote class="postcontent restore ">{words}
</blockquote></div></div></div></div></div></li>"""


def test_an_address_on_a_line_of_its_own_is_no_member_s_panel():
    posts = [(44563093, "bughunter", "18-03-2016, 22:17",
              "In ca 15 Minuten zeigen die hier einen Live Start<br /><br /><a href=\"https://www.youtube.com/watch?v=5Vj\">"
              "https://www.youtube.com/watch?v=5Vj</a>"),
             (44563101, "Hannix", "18-03-2016, 22:30", "Danke, schaue ich mir an."),
             (44563190, "fraktal", "18-03-2016, 23:02", "Der Start war pünktlich, alles gut gegangen.")]
    items, _ = read(page(f'<html lang="de"><body><ol id="posts" class="posts">{"".join(vb4_post(*p) for p in posts)}'
                         f'</ol></body></html>'), engine="generic")
    assert [(i.author, i.text.split("\n")[0]) for i in items] == [
        ("bughunter", "In ca 15 Minuten zeigen die hier einen Live Start"), ("Hannix", "Danke, schaue ich mir an."),
        ("fraktal", "Der Start war pünktlich, alles gut gegangen.")]
