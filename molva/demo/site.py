"""The demo web, rendered in the real markup of each engine: phpBB (prosilver),
XenForo 2, SMF 2.1 and MyBB 1.8 forums, a review page with schema.org JSON-LD,
a competitor's RSS 2.0 and Atom feeds, and Twitter API v2 search responses.

The SMF and MyBB pages follow those engines' default templates (SMF
`Display.template.php` / `MessageIndex.template.php`, MyBB `postbit`,
`showthread`, `forumdisplay_thread`), cut to the elements around each post."""

from __future__ import annotations

import datetime as dt
import json
import random
from email.utils import format_datetime
from dataclasses import dataclass
from html import escape

from molva.demo.content import DemoPost, demo_window, make_posts, outage_window

PAGE_SIZE = 10
TWEETS_PER_PAGE = 50


@dataclass
class ForumPost:
    id: int
    author: str
    date: str  # as the forum prints it
    html: str


def _as_forum_posts(posts: list[DemoPost], date_format: str) -> list[ForumPost]:
    """Demo posts as a forum prints them: numeric ids, dates in the board's format."""
    return [ForumPost(int(p.id.split("-")[-1]), p.author, p.published.strftime(date_format), escape(p.text))
            for p in posts]


def smf_topic_page(base: str, topic: int, subject: str, posts: list[ForumPost], start: int, per_page: int,
                   total: int) -> str:
    """One page of an SMF 2.1 topic (Display.template.php)."""
    head_next = (f'<link rel="next" href="{base}/index.php?topic={topic}.{start + per_page}">'
                 if start + per_page < total else "")
    messages = "".join(f"""
<div class="windowbg" id="msg{p.id}">
  <div class="post_wrapper">
    <div class="poster"><h4><a href="{base}/index.php?action=profile;u=7" title="View the profile of {escape(p.author)}">{escape(p.author)}</a></h4>
      <ul class="user_info"><li class="postcount">Posts: 12</li></ul></div>
    <div class="postarea">
      <div class="keyinfo">
        <div id="subject_{p.id}" class="subject_title subject_hidden"><a href="{base}/index.php?msg={p.id}" rel="nofollow">Re: {escape(subject)}</a></div>
        <span class="page_number floatright">#{start + i}</span>
        <div class="postinfo"><span class="messageicon"><img src="{base}/Themes/default/images/post/xx.png" alt=""></span>
          <a href="{base}/index.php?msg={p.id}" rel="nofollow" title="Reply #{start + i} - Re: {escape(subject)}" class="smalltext">{escape(p.date)}</a>
          <span class="spacer"></span><span class="smalltext modified floatright" id="modified_{p.id}"></span></div>
        <div id="msg_{p.id}_quick_mod"></div>
      </div>
      <div class="post"><div class="inner" data-msgid="{p.id}" id="msg_{p.id}">{p.html}</div></div>
    </div>
    <div class="moderatorbar"><div class="signature" id="msg_{p.id}_signature">Sent from my phone</div></div>
  </div>
</div>""" for i, p in enumerate(posts))
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{escape(subject)}</title>{head_next}
<script>var smf_theme_url = "{base}/Themes/default";</script></head>
<body><div id="content_section"><div id="main_content_section">
<div id="display_head" class="information"><h2 class="display_title"><span id="top_subject">{escape(subject)}</span></h2></div>
<div id="forumposts"><form action="{base}/index.php?action=quickmod2;topic={topic}.{start}" method="post" id="quickModForm" name="quickModForm">
{messages}
</form></div></div></div></body></html>"""


def smf_board_page(base: str, topics: list[tuple[int, str]]) -> str:
    """An SMF 2.1 board: the message index (MessageIndex.template.php)."""
    rows = "".join(f"""
<div class="windowbg"><div class="board_icon"></div><div class="info info_block"><div class="message_index_title">
  <span class="preview" title=""><span id="msg_{topic * 100}"><a href="{base}/index.php?topic={topic}.0">{escape(subject)}</a></span></span>
  <p class="floatleft">Started by <a href="{base}/index.php?action=profile;u=7">someone</a></p></div></div></div>"""
                   for topic, subject in topics)
    return f"""<!DOCTYPE html><html><head><meta charset="UTF-8"><title>Help desk board</title>
<script>var smf_theme_url = "{base}/Themes/default";</script></head>
<body><div id="messageindex"><div id="topic_container">{rows}</div></div></body></html>"""


def mybb_thread_page(base: str, tid: int, subject: str, posts: list[ForumPost], page: int, pages: int) -> str:
    """One page of a MyBB 1.8 thread (showthread + postbit)."""
    postbits = "".join(f"""
<a name="pid{p.id}" id="pid{p.id}"></a>
<div class="post " style="" id="post_{p.id}">
<div class="post_author">
  <div class="author_avatar"><a href="member.php?action=profile&amp;uid=3"><img src="images/default_avatar.png" alt=""></a></div>
  <div class="author_information"><strong><span class="largetext"><a href="{base}/member.php?action=profile&amp;uid=3">{escape(p.author)}</a></span></strong><br>
    <span class="smalltext">Junior Member<br></span></div>
</div>
<div class="post_content">
  <div class="post_head">
    <div class="float_right" style="vertical-align: top"><strong><a href="showthread.php?tid={tid}&amp;pid={p.id}#pid{p.id}" title="RE: {escape(subject)}">#{p.id}</a></strong></div>
    <span class="post_date">{p.date} <span class="post_edit" id="edited_by_{p.id}"></span></span>
  </div>
  <div class="post_body scaleimages" id="pid_{p.id}">{p.html}</div>
</div>
</div>""" for p in posts)
    nav = (f'<div class="pagination"><span class="pages">Pages ({pages}):</span> <span class="pagination_current">{page}</span>'
           f' <a href="showthread.php?tid={tid}&amp;page={page + 1}" class="pagination_next">Next &raquo;</a></div>'
           if page < pages else "")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="en" lang="en" xmlns="http://www.w3.org/1999/xhtml"><head><title>{escape(subject)}</title></head>
<body><div id="container"><div id="content"><div class="wrapper">
<table border="0" cellspacing="0" cellpadding="5" class="tborder tfixed clear"><tr><td class="thead"><div><strong>{escape(subject)}</strong></div></td></tr>
<tr><td id="posts_container"><div id="posts">{postbits}</div></td></tr></table>
{nav}</div></div></div></body></html>"""


def mybb_forum_page(base: str, threads: list[tuple[int, str]]) -> str:
    """A MyBB 1.8 forum's thread list (forumdisplay_thread)."""
    rows = "".join(f"""
<tr class="inline_row"><td class="trow1 forumdisplay_regular">
  <div><span><span class=" subject_old" id="tid_{tid}"><a href="showthread.php?tid={tid}">{escape(subject)}</a></span></span>
  <div class="author smalltext"><a href="member.php?action=profile&amp;uid=3">someone</a></div></div></td></tr>""" for tid, subject in threads)
    return f"""<!DOCTYPE html><html><head><title>Support</title></head><body>
<table border="0" cellspacing="0" cellpadding="5" class="tborder clear" id="forum_display"><tbody>{rows}</tbody></table></body></html>"""


def _phpbb_page(title: str, posts: list[DemoPost], page: int, pages: int, base: str) -> str:
    items = []
    for p in posts:
        num = p.id.split("-")[-1]
        items.append(f"""
<div id="p{num}" class="post has-profile bg2"><div class="inner">
  <dl class="postprofile" id="profile{num}"><dt><a href="./memberlist.php?mode=viewprofile&amp;u=2" class="username">{escape(p.author)}</a></dt></dl>
  <div class="postbody"><div id="post_content{num}">
    <h3><a href="#p{num}">Re: {escape(title)}</a></h3>
    <p class="author"><a href="./viewtopic.php?p={num}#p{num}"><span class="imageset icon_post_target"></span></a>by <strong><a href="./memberlist.php?mode=viewprofile&amp;u=2" class="username">{escape(p.author)}</a></strong> &raquo; <time datetime="{p.published.isoformat()}">{p.published:%d.%m.%Y, %H:%M}</time></p>
    <div class="content">{escape(p.text)}</div>
  </div></div>
</div></div>""")
    nav = ""
    if page < pages:
        nav = f'<div class="pagination"><ul><li class="next"><a href="{base}&amp;start={page * PAGE_SIZE}" rel="next" role="button">Next</a></li></ul></div>'
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="ru"><head><meta charset="utf-8"><title>{escape(title)} - Форум Заречного района</title></head>
<body id="phpbb" class="nojs notouch section-viewtopic ltr"><div id="wrap"><div id="page-body">
<h2 class="topic-title"><a href="{base}">{escape(title)}</a></h2>
<div class="action-bar bar-top">{nav}</div>
{''.join(items)}
<div class="action-bar bar-bottom">{nav}</div>
</div></div></body></html>"""


def _xenforo_page(title: str, posts: list[DemoPost], page: int, pages: int, base: str) -> str:
    items = []
    for p in posts:
        num = p.id.split("-")[-1]
        items.append(f"""
<article class="message message--post js-post js-inlineModContainer" data-author="{escape(p.author)}" data-content="post-{num}" id="js-post-{num}">
  <div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user">
    <h4 class="message-name"><a href="/members/{num}/" class="username">{escape(p.author)}</a></h4></section></div>
  <div class="message-cell message-cell--main"><div class="message-main">
    <header class="message-attribution message-attribution--split"><ul class="message-attribution-main listInline">
      <li class="u-concealed"><a href="{base}post-{num}" rel="nofollow"><time class="u-dt" datetime="{p.published.strftime('%Y-%m-%dT%H:%M:%S+0000')}">{p.published:%b %d, %Y}</time></a></li></ul></header>
    <div class="message-content js-messageContent"><div class="message-userContent lbContainer">
      <article class="message-body js-selectToQuote"><div class="bbWrapper">{escape(p.text)}</div></article>
    </div></div>
  </div></div></div>
</article>""")
    nav = ""
    if page < pages:
        nav = f'<nav class="pageNavWrapper"><div class="pageNav"><a href="{base}page-{page + 1}" class="pageNav-jump pageNav-jump--next">Next</a></div></nav>'
    return f"""<!DOCTYPE html>
<html id="XF" lang="en-US" dir="LTR" data-app="public" data-template="thread_view"><head><meta charset="utf-8">
<title>{escape(title)} | Broadband Talk</title></head><body><div class="p-body"><div class="p-title"><h1 class="p-title-value">{escape(title)}</h1></div>
{nav}<div class="block-body js-replyNewMessageContainer">{''.join(items)}</div>{nav}</div></body></html>"""


def _review_page(posts: list[DemoPost], rng: random.Random) -> str:
    reviews = []
    for p in posts:
        rating = {"complaint": rng.choice([1, 2]), "praise": rng.choice([4, 5])}.get(p.tone, 3)
        reviews.append({
            "@type": "Review",
            "@id": f"#review-{p.id}",
            "author": {"@type": "Person", "name": p.author},
            "datePublished": p.published.isoformat(),
            "reviewBody": p.text,
            "reviewRating": {"@type": "Rating", "ratingValue": rating, "bestRating": 5, "worstRating": 1},
        })
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "СеверТелеком",
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": 3.4, "reviewCount": len(reviews)},
        "review": reviews,
    }
    body = "".join(f'<div class="review"><b>{escape(p.author)}</b><p>{escape(p.text)}</p></div>' for p in posts)
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Отзывы о СеверТелеком</title>
<script type="application/ld+json">{payload}</script></head><body><h1>Отзывы о СеверТелеком</h1>{body}</body></html>"""


NEWS_RU = [
    ("ВолнаНет снижает цены на гигабитный тариф", "С 1-го числа тариф «Гигабит» стоит 590 рублей в месяц — акция для новых абонентов."),
    ("ВолнаНет запускает ТВ-приставку", "Новая приставка с 200 каналами доступна абонентам ВолнаНет бесплатно на три месяца."),
    ("Плановые работы ВолнаНет", "В ночь на субботу ВолнаНет проводит работы на сети в Заречном районе."),
    ("ВолнаНет расширяет покрытие", "Оптика ВолнаНет пришла ещё в 12 домов микрорайона Северный."),
    ("Авария на сети ВолнаНет устранена", "Причиной сбоя стал обрыв магистрального кабеля; связь восстановлена."),
]
NEWS_EN = [
    ("BlueFiber launches 2 Gbit plan", "BlueFiber introduces a 2 Gbit/s home plan with a free router for early sign-ups."),
    ("BlueFiber spring promotion", "Three months free for customers who switch to BlueFiber before the end of the month."),
    ("BlueFiber outage report", "A power failure at a BlueFiber data centre caused a four-hour outage on Tuesday."),
    ("BlueFiber raises prices", "From next month BlueFiber plans cost 5% more, the company announced."),
]


# Each news item names the districts it concerns, so no two items are the same text.
DISTRICTS_RU = ["Заречный", "Северный", "Центральный", "Южный", "Лесной", "Речной", "Нагорный"]
DISTRICTS_EN = ["Riverside", "Northgate", "Old Town", "Hillcrest", "Eastfield", "Harbour", "Westbrook"]


def _rss(base: str, start: dt.datetime, end: dt.datetime, rng: random.Random) -> str:
    items = []
    for i in range(15):
        title, text = NEWS_RU[i % len(NEWS_RU)]
        text = f"{text} Касается района {DISTRICTS_RU[i % len(DISTRICTS_RU)]}."
        when = start + (end - start) * (i + rng.random()) / 15
        items.append(f"""<item><title>{escape(title)}</title><link>{base}/news/{i + 1}</link>
<guid isPermaLink="false">volnanet-news-{i + 1}</guid><pubDate>{format_datetime(when)}</pubDate>
<description>{escape(f"<p>{text}</p>")}</description></item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Новости ВолнаНет</title><link>{base}/</link><description>Новости оператора ВолнаНет</description>
{''.join(items)}</channel></rss>"""


def _atom(base: str, start: dt.datetime, end: dt.datetime, rng: random.Random) -> str:
    entries = []
    for i in range(12):
        title, text = NEWS_EN[i % len(NEWS_EN)]
        text = f"{text} This applies to {DISTRICTS_EN[i % len(DISTRICTS_EN)]} customers."
        when = (start + (end - start) * (i + rng.random()) / 12).replace(microsecond=0)
        entries.append(f"""<entry><title>{escape(title)}</title><link href="{base}/blog/{i + 1}"/>
<id>tag:bluefiber.example,2026:post-{i + 1}</id><updated>{when.isoformat()}</updated><author><name>BlueFiber press office</name></author>
<summary type="html">{escape(f"<p>{text}</p>")}</summary></entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>BlueFiber blog</title><id>tag:bluefiber.example,2026:blog</id>
<updated>{end.isoformat()}</updated><link href="{base}/blog/"/>{''.join(entries)}</feed>"""


def _tweet_pages(posts: list[DemoPost], rng: random.Random) -> list[dict]:
    tweets, users = [], {}
    for p in sorted(posts, key=lambda p: p.published, reverse=True):
        uid = str(1000 + sum(map(ord, p.author)))
        users[uid] = {"id": uid, "username": "".join(ch for ch in p.author if ch.isalnum() or ch == "_") or "user",
                      "name": p.author, "public_metrics": {"followers_count": rng.choice([12, 80, 340, 1500, 25000]),
                                                           "following_count": 100, "tweet_count": 500, "listed_count": 1}}
        tweets.append({"id": p.id.split("-")[-1], "text": p.text, "author_id": uid, "lang": p.lang,
                       "created_at": p.published.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "edit_history_tweet_ids": [p.id.split("-")[-1]],
                       "public_metrics": {"retweet_count": rng.randint(0, 30), "reply_count": rng.randint(0, 10),
                                          "like_count": rng.randint(0, 200), "quote_count": 0}})
    pages = []
    for start in range(0, len(tweets), TWEETS_PER_PAGE):
        chunk = tweets[start : start + TWEETS_PER_PAGE]
        ids = {t["author_id"] for t in chunk}
        pages.append({"data": chunk, "includes": {"users": [users[i] for i in sorted(ids)]},
                      "meta": {"newest_id": chunk[0]["id"], "oldest_id": chunk[-1]["id"], "result_count": len(chunk)}})
    return pages


TELEGRAM_CHANNEL = "severtelecom_fans"
TELEGRAM_PER_PAGE = 20


def _telegram_pages(posts: list[DemoPost], rng: random.Random) -> dict[str, str]:
    """A public channel's web preview (t.me/s/<channel>), as Telegram lays it
    out: oldest first on each page, a "load more" link to older messages."""
    numbered = [(100 + i, p) for i, p in enumerate(sorted(posts, key=lambda p: p.published))]
    pages = {}
    end = len(numbered)
    while end > 0:
        chunk = numbered[max(0, end - TELEGRAM_PER_PAGE) : end]
        first = chunk[0][0]
        more = (f'<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/{TELEGRAM_CHANNEL}?before={first}" '
                f'class="tme_messages_more js-messages_more" data-before="{first}"></a></div>') if first > 100 else ""
        messages = "".join(
            f"""<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="{TELEGRAM_CHANNEL}/{n}">
<div class="tgme_widget_message_bubble"><div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{TELEGRAM_CHANNEL}"><span dir="auto">Абоненты СеверТелеком</span></a></div>
<div class="tgme_widget_message_text js-message_text" dir="auto">{escape(p.text)}</div>
<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
<span class="tgme_widget_message_views">{rng.randint(200, 9000) / 1000:.1f}K</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/{TELEGRAM_CHANNEL}/{n}"><time datetime="{p.published.isoformat()}" class="time">{p.published:%H:%M}</time></a></span>
</div></div></div></div></div>"""
            for n, p in chunk
        )
        key = f"/s/{TELEGRAM_CHANNEL}" if end == len(numbered) else f"/s/{TELEGRAM_CHANNEL}?before={numbered[end][0]}"
        pages[key] = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Абоненты СеверТелеком – Telegram</title></head>
<body><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">Абоненты СеверТелеком</span></div></div>
<section class="tgme_channel_history js-message_history">{more}{messages}</section></body></html>"""
        end -= TELEGRAM_PER_PAGE
    return pages


class DemoWeb:
    """Every page of the demo web, built once. `pages[path] = (content type, bytes)`."""

    FORUM_THREADS = [
        ("phpbb", "Интернет от СеверТелеком — отзывы и проблемы", 34),
        ("phpbb", "Провайдеры в Заречном районе", 26),
        ("xenforo", "SeverTelecom experiences thread", 31),
        ("xenforo", "Best ISP in town? SeverTelecom vs BlueFiber", 22),
        ("smf", "СеверТелеком: вечером падает скорость", 23),
        ("smf", "Счета и тарифы СеверТелеком", 12),
        ("mybb", "Техподдержка СеверТелеком — опыт общения", 18),
    ]

    def __init__(self, base_url: str, today: dt.date | None = None, seed: int = 2026):
        self.base = base_url.rstrip("/")
        start, end = demo_window(today or dt.date.today())
        rng = random.Random(seed)
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.forum_urls: list[tuple[str, str]] = []
        self.post_count = 0
        self.smf_topics: list[tuple[int, str]] = []
        for n, (engine, title, count) in enumerate(self.FORUM_THREADS, start=1):
            posts = make_posts(rng, count, start, end, prefix="")
            # Post ids are unique across the forum: the number after the '-'.
            posts = [DemoPost(f"{engine}{n}-{n * 1000 + i}", p.author, p.published, p.text, p.lang, p.tone) for i, p in enumerate(posts)]
            if n == 1:
                posts[3].text = 'Смотрите, что прислали от имени СеверТелеком: <script>alert("xss")</script> <img src=x onerror=alert(1)> — не открывайте!'
            self._forum(engine, n, title, posts)
            self.post_count += len(posts)
        # SMF is watched through its board: the crawl finds the topics there.
        self.pages["/smf/index.php?board=1.0"] = ("text/html; charset=utf-8",
                                                  smf_board_page(f"{self.base}/smf", self.smf_topics).encode())
        self.forum_urls.append(("smf", f"{self.base}/smf/index.php?board=1.0"))
        reviews = make_posts(rng, 40, start, end, prefix="rev-", mix=(0.45, 0.45, 0.1, 0.0))
        self.pages["/reviews/severtelecom"] = ("text/html; charset=utf-8", _review_page(reviews, rng).encode())
        self.review_count = len(reviews)
        self.pages["/volnanet/news.rss"] = ("application/rss+xml; charset=utf-8", _rss(self.base + "/volnanet", start, end, rng).encode())
        self.pages["/bluefiber/blog.atom"] = ("application/atom+xml; charset=utf-8", _atom(self.base + "/bluefiber", start, end, rng).encode())
        tweets = make_posts(rng, 160, start, end, prefix="tw-", ru_share=0.5)
        tweets += make_posts(rng, 40, *outage_window(today or dt.date.today()), prefix="tw-", mix=(1.0, 0, 0, 0))
        # Tweet ids grow with time, as Twitter's do: `since_id` relies on it.
        tweets = [DemoPost(f"tw-{1800000000000000000 + i}", p.author, p.published, p.text, p.lang, p.tone)
                  for i, p in enumerate(sorted(tweets, key=lambda p: p.published))]
        # A complaint cross-posted from the forum: the same words, a duplicate event.
        dup = next(p for p in self.first_thread_posts if p.tone == "complaint")
        tweets[-1].text, tweets[-1].tone = dup.text, dup.tone
        self.tweet_pages = _tweet_pages(tweets, rng)
        self.tweet_count = len(tweets)
        channel = make_posts(rng, 45, start, end, prefix="tg-", ru_share=0.8)
        for path, html in _telegram_pages(channel, rng).items():
            self.pages[path] = ("text/html; charset=utf-8", html.encode())
        self.telegram_url = f"{self.base}/s/{TELEGRAM_CHANNEL}"
        self.telegram_count = len(channel)
        self.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /private/\n")

    def _forum(self, engine: str, n: int, title: str, posts: list[DemoPost]) -> None:
        pages = (len(posts) + PAGE_SIZE - 1) // PAGE_SIZE
        if engine == "phpbb":
            base = f"/forum/viewtopic.php?t={n}"
            for page in range(1, pages + 1):
                chunk = posts[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
                path = base if page == 1 else f"{base}&start={(page - 1) * PAGE_SIZE}"
                html = _phpbb_page(title, chunk, page, pages, f"{self.base}{base}")
                self.pages[path] = ("text/html; charset=utf-8", html.encode())
            self.forum_urls.append((engine, self.base + base))
            if n == 1:
                self.first_thread_posts = posts
        elif engine == "smf":
            self.smf_topics.append((n, title))
            shown = _as_forum_posts(posts, "%B %d, %Y, %I:%M:%S %p")
            for start in range(0, len(shown), PAGE_SIZE):
                html = smf_topic_page(f"{self.base}/smf", n, title, shown[start:start + PAGE_SIZE], start, PAGE_SIZE,
                                      len(shown))
                self.pages[f"/smf/index.php?topic={n}.{start}"] = ("text/html; charset=utf-8", html.encode())
        elif engine == "mybb":
            # A Russian board's date format (d.m.Y), as most Russian MyBB forums set it.
            shown = _as_forum_posts(posts, "%d.%m.%Y, %H:%M")
            for page in range(1, pages + 1):
                html = mybb_thread_page(f"{self.base}/mybb", n, title, shown[(page - 1) * PAGE_SIZE:page * PAGE_SIZE],
                                        page, pages)
                path = f"/mybb/showthread.php?tid={n}" + (f"&page={page}" if page > 1 else "")
                self.pages[path] = ("text/html; charset=utf-8", html.encode())
            self.forum_urls.append((engine, f"{self.base}/mybb/showthread.php?tid={n}"))
        else:
            base = f"/community/threads/thread.{n}/"
            for page in range(1, pages + 1):
                chunk = posts[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
                path = base if page == 1 else f"{base}page-{page}"
                self.pages[path] = ("text/html; charset=utf-8", _xenforo_page(title, chunk, page, pages, f"{self.base}{base}").encode())
            self.forum_urls.append((engine, self.base + base))
