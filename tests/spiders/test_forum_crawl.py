"""Forum crawls through Scrapy, the pipelines and SQLite against a forum on
127.0.0.1 (tests/forum_site.py), run as `molva crawl` twice: the second run
reads only what is new."""

import json
import sqlite3

import pytest

from tests.conftest import FIXTURES
from tests.forum_site import ForumPost, ForumSite, json_route, mybb_forum_page, mybb_thread_page, smf_topic_page
from tests.crawling import crawl, last_run, pages_read, stored, write_config

DISCOURSE = FIXTURES / "forums" / "discourse"


def post(n: int, day: int) -> ForumPost:
    return ForumPost(n, f"user{n % 4}", f"November {day:02d}, 2026, 10:{n % 60:02d}:00 am",
                     f"Сообщение {n}: СеверТелеком, <b>интернет</b> снова пропал. "
                     f"<blockquote class='bbc_standard_quote'>цитата чужого поста {n}</blockquote>")


def test_an_smf_topic_is_read_whole_then_only_from_its_last_page(tmp_path):
    with ForumSite() as site:
        posts = [post(100 + i, 1 + i) for i in range(13)]

        def publish():
            for start in range(0, len(posts), 5):
                path = "/index.php?topic=7.0" if start == 0 else f"/index.php?topic=7.{start}"
                site.html(path, smf_topic_page(site.base, 7, "Нет интернета", posts[start:start + 5], start, 5, len(posts)))

        publish()
        config = write_config(tmp_path, {"smf": f"{site.base}/index.php?topic=7.0"})
        crawl(config)
        assert last_run(tmp_path)["smf"] == ("ok", 13, 13)
        assert pages_read(site) == ["/index.php?topic=7.0", "/index.php?topic=7.5", "/index.php?topic=7.10"]
        first = stored(tmp_path, "smf")
        assert first[0][:2] == ("smf:msg100", "user0")
        assert "цитата" not in first[0][2] and "Sent from my phone" not in first[0][2]

        # A week later: four new posts, two on the old last page and two on a new page.
        posts += [post(200 + i, 20 + i) for i in range(4)]
        publish()
        site.requested.clear()
        crawl(config)
        assert pages_read(site) == ["/index.php?topic=7.10", "/index.php?topic=7.15"]
        assert last_run(tmp_path)["smf"] == ("ok", 7, 4)
        assert len(stored(tmp_path, "smf")) == 17

        # And the week after, from the page the second run ended on.
        posts += [post(300 + i, 25) for i in range(4)]
        publish()
        site.requested.clear()
        crawl(config)
        assert pages_read(site) == ["/index.php?topic=7.15", "/index.php?topic=7.20"]
        assert last_run(tmp_path)["smf"] == ("ok", 6, 4)


def test_a_reply_in_a_thread_about_us_belongs_to_whom_its_own_words_name(tmp_path):
    """The thread title counts for every reply, but a reply that names a competitor is about
    the competitor; one that names no one is about the company of the title."""
    with ForumSite() as site:
        replies = [ForumPost(1, "anna", "November 02, 2026, 10:00:00 am", "Третий день без связи, поддержка молчит."),
                   ForumPost(2, "boris", "November 02, 2026, 11:00:00 am", "Ушёл в ВолнаНет, у них всё работает."),
                   ForumPost(3, "vera", "November 02, 2026, 12:00:00 am", "Погода сегодня хорошая.")]
        site.html("/index.php?topic=9.0", smf_topic_page(site.base, 9, "СеверТелеком: нет интернета", replies, 0, 5, 3))
        config = write_config(tmp_path, {"smf": f"{site.base}/index.php?topic=9.0"},
                              extra='[[competitors]]\nname = "ВолнаНет"\n')
        crawl(config)
    with sqlite3.connect(tmp_path / "molva.sqlite") as conn:
        owners = dict(conn.execute("select author, entity from mentions"))
    # Vera's reply matches the company only through the title, as Anna's does.
    assert owners == {"anna": "СеверТелеком", "boris": "ВолнаНет", "vera": "СеверТелеком"}


def test_a_mybb_forum_page_leads_to_its_threads_and_each_is_read_from_where_it_stopped(tmp_path):
    with ForumSite() as site:
        threads = {11: [post(1100 + i, 1 + i) for i in range(14)], 12: [post(1200 + i, 2 + i) for i in range(6)]}
        site.html("/forumdisplay.php", mybb_forum_page(site.base, [(11, "Скорость"), (12, "Роутер")]))

        def publish():
            for tid, posts in threads.items():
                pages = (len(posts) + 9) // 10
                for page in range(1, pages + 1):
                    path = f"/showthread.php?tid={tid}" + (f"&page={page}" if page > 1 else "")
                    site.html(path, mybb_thread_page(site.base, tid, f"Тема {tid}", posts[(page - 1) * 10:page * 10],
                                                     page, pages))

        publish()
        config = write_config(tmp_path, {"mybb": f"{site.base}/forumdisplay.php?fid=2"})
        crawl(config)
        assert last_run(tmp_path)["mybb"] == ("ok", 20, 20)
        site.requested.clear()
        crawl(config)
        # The thread list again, then each thread's last page only.
        assert sorted(pages_read(site)) == ["/forumdisplay.php?fid=2", "/showthread.php?tid=11&page=2",
                                            "/showthread.php?tid=12"]
        assert last_run(tmp_path)["mybb"] == ("ok", 10, 0)


def discourse_site(site: ForumSite, topic_posts: list[dict], latest: list[dict]) -> None:
    page = (DISCOURSE / "meta.discourse.org-topic-12483.html").read_bytes()
    site.routes["/t/kpop-demon-hunters/2144"] = ("text/html; charset=utf-8", page)
    site.routes["/latest"] = ("text/html; charset=utf-8", page)
    # /t/<id>.json: the first posts whole, and the ids of all of them.
    site.routes["/t/2144.json"] = lambda q: (200, *json_route(
        {"id": 2144, "title": "Kpop Demon Hunters", "post_stream": {
            "posts": topic_posts[:5], "stream": [p["id"] for p in topic_posts]}}))
    site.routes["/t/2144/posts.json"] = lambda q: (200, *json_route(
        {"id": 2144, "post_stream": {"posts": [p for p in topic_posts if str(p["id"]) in q.get("post_ids[]", [])]}}))

    def latest_posts(q):
        before = int(q.get("before", ["999999999"])[0])
        return (200, *json_route({"latest_posts": sorted((p for p in latest if p["id"] < before),
                                                          key=lambda p: -p["id"])[:20]}))

    site.routes["/posts.json"] = latest_posts


def test_discourse_through_its_json_api_topic_and_latest_posts(tmp_path):
    topic_posts = json.loads((DISCOURSE / "t_2144_posts.json").read_text())["post_stream"]["posts"]
    latest = json.loads((DISCOURSE / "posts.json").read_text())["latest_posts"]
    with ForumSite() as site:
        discourse_site(site, topic_posts, latest)
        config = write_config(tmp_path, {"topic": f"{site.base}/t/kpop-demon-hunters/2144", "latest": f"{site.base}/latest"},
                              query="the OR a OR I")
        crawl(config)
        outcome = last_run(tmp_path)
        assert outcome["topic"][:2] == ("ok", len(topic_posts))
        # One of the latest posts is two TikTok links and no words: a link preview is not a mention.
        assert outcome["latest"][:2] == ("ok", len(latest) - 1)
        assert f"post_ids%5B%5D={topic_posts[5]['id']}" in "".join(site.requested)  # the 6th post, asked for by id
        first = stored(tmp_path, "topic")[0]
        assert first[0] == f"discourse:{topic_posts[0]['id']}" and first[1] == topic_posts[0]["username"]

        site.requested.clear()
        crawl(config)
        assert last_run(tmp_path) == {"topic": ("ok", 0, 0), "latest": ("ok", 0, 0)}
        assert sorted(pages_read(site)) == ["/latest", "/posts.json", "/t/2144.json", "/t/kpop-demon-hunters/2144"]


def test_latest_posts_are_read_back_to_the_last_run_and_a_gap_past_max_pages_is_a_recorded_failure(tmp_path):
    latest = json.loads((DISCOURSE / "posts.json").read_text())["latest_posts"]

    def new_posts(copies: list[dict]) -> None:
        newest = max(p["id"] for p in latest)
        latest.extend(dict(p, id=newest + n, post_number=1000 + newest + n) for n, p in enumerate(copies, start=1))

    with ForumSite() as site:
        discourse_site(site, [], latest)
        config = write_config(tmp_path, {"latest": f"{site.base}/latest"}, query="the OR a OR I",
                              options={"latest": "max_pages = 2"})
        crawl(config)
        # A first run reads back as far as max_pages allows, by design.
        assert last_run(tmp_path)["latest"][0] == "ok"

        # A quiet week: 24 new posts, two answers of the API, both read.
        new_posts(latest[:24])
        crawl(config)
        assert last_run(tmp_path)["latest"][:2] == ("ok", 24)

        # A busy week: 60 new posts, three answers, one more than max_pages.
        new_posts(latest[:30] * 2)
        crawl(config)
        status, seen, _ = last_run(tmp_path)["latest"]
        # Two answers read: 40 posts, two of them copies of one that is only a link preview.
        assert (status, seen) == ("failed", 38)
        with sqlite3.connect(tmp_path / "molva.sqlite") as conn:
            [errors] = conn.execute("select errors from run_sources where run_id = (select max(id) from runs)").fetchone()
        assert "raise max_pages" in errors

        crawl(config)
        assert last_run(tmp_path)["latest"] == ("ok", 0, 0)


def test_an_answer_that_fails_is_asked_again_by_the_next_run(tmp_path):
    latest = json.loads((DISCOURSE / "posts.json").read_text())["latest_posts"]
    with ForumSite() as site:
        discourse_site(site, [], latest)
        answer = site.routes["/posts.json"]
        broken = {"older pages": False}
        site.routes["/posts.json"] = lambda q: ((500, "text/plain", b"oops") if broken["older pages"] and "before" in q
                                                else answer(q))
        config = write_config(tmp_path, {"latest": f"{site.base}/latest"}, query="the OR a OR I")
        crawl(config)
        newest = max(p["id"] for p in latest)
        latest.extend(dict(p, id=newest + n) for n, p in enumerate(latest[:20] + latest[25:35], start=1))

        broken["older pages"] = True  # the second answer fails, after retries
        crawl(config)
        assert last_run(tmp_path)["latest"][:2] == ("failed", 20)
        before = {ident for ident, _, _ in stored(tmp_path, "latest")}

        broken["older pages"] = False
        crawl(config)
        assert last_run(tmp_path)["latest"][:2] == ("ok", 30)  # the first answer again, and the one that failed
        added = {ident for ident, _, _ in stored(tmp_path, "latest")} - before
        assert added and added <= {f"discourse:{p['id']}" for p in latest[-30:][:10]}  # the failed answer's posts


@pytest.mark.parametrize("status", [404, 500])
def test_a_remembered_page_that_is_gone_sends_the_crawl_back_to_the_thread_start(tmp_path, status):
    with ForumSite() as site:
        posts = [post(300 + i, 1 + i) for i in range(8)]
        site.html("/index.php?topic=9.0", smf_topic_page(site.base, 9, "t", posts[:5], 0, 5, 8))
        site.html("/index.php?topic=9.5", smf_topic_page(site.base, 9, "t", posts[5:], 5, 5, 8))
        config = write_config(tmp_path, {"smf": f"{site.base}/index.php?topic=9.0"})
        crawl(config)
        # Moderators deleted posts: the thread is one page now, and its old page 2 answers an error.
        site.html("/index.php?topic=9.0", smf_topic_page(site.base, 9, "t", posts[:4], 0, 5, 4))
        site.routes["/index.php?topic=9.5"] = lambda q: (status, "text/plain", b"gone")
        site.requested.clear()
        crawl(config)
        assert pages_read(site)[-1] == "/index.php?topic=9.0"
        assert last_run(tmp_path)["smf"][:2] == ("ok", 4)
