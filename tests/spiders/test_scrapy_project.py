"""scrapy.cfg keeps its promise: this is a Scrapy project like any other.
`scrapy list` lists the source kinds, and `scrapy crawl forum -a url=URL -O
posts.jsonl` reads a thread without a Molva config (no matching, no store)."""

import json
import subprocess
import sys
from pathlib import Path

from spiders import KINDS
from tests.forum_site import ForumPost, ForumSite, smf_topic_page

ROOT = Path(__file__).parents[2]


def scrapy(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "scrapy", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_scrapy_list_shows_every_source_kind():
    done = scrapy("list")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == sorted(KINDS)
    assert "same name" not in done.stderr


def test_scrapy_crawl_reads_a_thread_into_a_feed_file(tmp_path):
    posts = [ForumPost(n, f"user{n}", f"November 0{n}, 2026, 10:00:00 am", f"Сообщение {n}: интернет пропал") for n in (1, 2, 3)]
    with ForumSite() as site:
        site.html("/index.php?topic=5.0", smf_topic_page(site.base, 5, "Нет связи", posts, 0, 10, 3))
        out = tmp_path / "posts.jsonl"
        done = scrapy("crawl", "forum", "-a", f"url={site.base}/index.php?topic=5.0", "-a", "max_pages=2",
                      "-O", str(out), "-s", "ROBOTSTXT_OBEY=false", "-s", "LOG_LEVEL=WARNING")
    assert done.returncode == 0, done.stderr
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(i["author"], i["text"]) for i in items] == [(p.author, p.html) for p in posts]
    assert all(i["source"] == "forum" and i["lang"] == "ru" and i["published_at"].startswith("2026-11-0") for i in items)
