"""`molva crawl` twice against a home-grown board on 127.0.0.1 whose theme no
engine module knows: the generic extractor reads its thread page by page, and
the second run fetches only the thread's last page and the new one."""

import sqlite3
import subprocess
import sys

from tests.forum_site import ForumSite
from tests.spiders.pages import Reply, home_grown_thread

PER_PAGE = 4


def reply(n: int) -> Reply:
    return Reply(1000 + n, f"user{n % 3}", f"{1 + n % 28:02d}.11.2026, 10:{n % 60:02d}",
                 f"Сообщение {n}: СеверТелеком, интернет снова пропал.", quote="чужие слова" if n % 2 else None)


def publish(site: ForumSite, replies: list[Reply]) -> None:
    pages = (len(replies) + PER_PAGE - 1) // PER_PAGE
    for number in range(1, pages + 1):
        path = "/thread/1" if number == 1 else f"/thread/1?page={number}"
        next_url = f"{site.base}/thread/1?page={number + 1}" if number < pages else None
        site.html(path, home_grown_thread("Нет связи", replies[(number - 1) * PER_PAGE:number * PER_PAGE], next_url))


def crawl(folder, url: str) -> None:
    config = folder / "molva.toml"
    config.write_text(f"""[store]
url = "sqlite:///{folder / 'molva.sqlite'}"

[company]
name = "СеверТелеком"
query = 'СеверТелеком'

[[sources]]
name = "board"
kind = "forum"
url = "{url}"

[crawl]
download_delay = 0
""", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "molva", "crawl", "-c", str(config)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def stored(folder) -> list[tuple[str, str, str]]:
    with sqlite3.connect(folder / "molva.sqlite") as conn:
        return conn.execute("select external_id, author, text from mentions order by external_id").fetchall()


def test_a_home_grown_board_is_read_whole_then_only_from_its_last_page(tmp_path):
    with ForumSite() as site:
        replies = [reply(n) for n in range(10)]
        publish(site, replies)
        crawl(tmp_path, f"{site.base}/thread/1")
        assert [p for p in site.requested if p != "/robots.txt"] == ["/thread/1", "/thread/1?page=2", "/thread/1?page=3"]
        first = stored(tmp_path)
        assert [row[0] for row in first] == [f"generic:m{1000 + n}" for n in range(10)]
        assert all("чужие слова" not in text and "Reply" not in text for _, _, text in first)

        replies += [reply(n) for n in range(10, 14)]  # two more on the old last page, two on a new one
        publish(site, replies)
        site.requested.clear()
        crawl(tmp_path, f"{site.base}/thread/1")
        assert [p for p in site.requested if p != "/robots.txt"] == ["/thread/1?page=3", "/thread/1?page=4"]
        assert len(stored(tmp_path)) == 14
