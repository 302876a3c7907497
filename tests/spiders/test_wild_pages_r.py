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


def test_a_theme_s_own_date_bar_dates_the_posts_and_a_loose_quote_label_is_no_word():
    posts = [(9108883, "tninety", "Jan 29, 2013 at 7:45 PM", "Are you going to double amp it?"),
             (9114436, "BrokeR", "Jan 31, 2013 at 11:42 AM", "Yeah, I was wondering about that."),
             (9115470, "mrAdrian", "Jan 31, 2013 at 5:54 PM", "General rule for analogue, less is more.")]
    items, _ = read(page(f'<html id="XenForo" lang="en-US" class="Public NoJs"><body><div id="content" '
                         f'class="thread_view"><ol class="messageList" id="messageList">'
                         f'{"".join(headfi_post(*p) for p in posts)}</ol></div></body></html>'))
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
