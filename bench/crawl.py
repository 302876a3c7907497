"""Crawl throughput: forum posts per second through Molva's spider and item
pipelines (clean, match, store into SQLite), on a local site of 10,000 posts,
beside a baseline in the same run: the same pages fetched (8 threads) and
parsed by the same spider code, with no Scrapy engine, pipelines or store.

    python bench/crawl.py
    python bench/crawl.py --threads 20 --posts-per-thread 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapy.http import HtmlResponse  # noqa: E402

from molva.config import load_config  # noqa: E402
from molva.demo.content import make_posts  # noqa: E402
from molva.demo.server import DemoServer  # noqa: E402
from molva.demo.site import PAGE_SIZE, _phpbb_page  # noqa: E402
from molva.runner import run_stages  # noqa: E402
from spiders.forum import ForumSpider  # noqa: E402
from spiders.source import SourceConfig  # noqa: E402

CONCURRENCY = 8


def big_forum(base: str, threads: int, per_thread: int) -> tuple[dict[str, tuple[str, bytes]], list[str]]:
    """`threads` phpBB threads of `per_thread` posts each: pages by path, and each thread's first URL."""
    rng = random.Random(7)
    end = dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc)
    pages, firsts = {}, []
    for n in range(1, threads + 1):
        posts = make_posts(rng, per_thread, end - dt.timedelta(days=90), end, prefix=f"b{n}-")
        count = (len(posts) + PAGE_SIZE - 1) // PAGE_SIZE
        path = f"/forum/viewtopic.php?t={n}"
        for page in range(1, count + 1):
            chunk = posts[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            # phpBB numbers posts across the board: keep them unique per thread
            chunk = [type(p)(f"{n}-{(page - 1) * PAGE_SIZE + i}", p.author, p.published, p.text, p.lang, p.tone)
                     for i, p in enumerate(chunk)]
            key = path if page == 1 else f"{path}&start={(page - 1) * PAGE_SIZE}"
            pages[key] = ("text/html; charset=utf-8", _phpbb_page(f"Thread {n} about SeverTelecom", chunk, page, count,
                                                                    base + path).encode())
        firsts.append(base + path)
    return pages, firsts


def baseline(urls: list[str]) -> int:
    """Fetch every page and parse it with the spider's own parser; nothing else."""
    spider = ForumSpider.scrapy()(SourceConfig(name="baseline", kind="forum", url=urls[0], options=ForumSpider.Options(max_pages=1)))

    def one(url: str) -> int:
        body = urllib.request.urlopen(url, timeout=30).read()
        response = HtmlResponse(url=url, body=body, encoding="utf-8")
        # page beyond max_pages: the parser yields the posts and no next-page request
        return sum(1 for _ in spider.parse_page(response, thread=url, page=2, listing=False))

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return sum(pool.map(one, urls))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--posts-per-thread", type=int, default=500)
    args = parser.parse_args()

    with DemoServer() as server, tempfile.TemporaryDirectory() as tmp:
        pages, firsts = big_forum(server.base_url, args.threads, args.posts_per_thread)
        server.web.pages.update(pages)
        total = args.threads * args.posts_per_thread
        print(f"local site {server.base_url}: {len(firsts)} phpBB threads, {len(pages)} pages, {total:,} posts")

        t = time.perf_counter()
        parsed = baseline(list(pages_urls(server.base_url, pages)))
        base_s = time.perf_counter() - t

        sources = "\n".join(f'[[sources]]\nname = "thread {i}"\nkind = "forum"\nurl = "{u}"\nmax_pages = 1000\n'
                            for i, u in enumerate(firsts, start=1))
        cfg = Path(tmp) / "molva.toml"
        cfg.write_text(f"""[store]\nurl = "sqlite:///molva.sqlite"\n[company]\nname = "СеверТелеком"
aliases = ["SeverTelecom", "Sever Telecom"]\n{sources}\n[crawl]\ndownload_delay = 0\nconcurrency_per_domain = {CONCURRENCY}\n""",
                       encoding="utf-8")
        config = load_config(cfg)
        t = time.perf_counter()
        result = run_stages(config, ("crawl",), command="crawl", echo=lambda *_: None)
        molva_s = time.perf_counter() - t
        crawl = result.stats["crawl"]
        seen = sum(c["seen"] for c in crawl.values())
        new = sum(c["new"] for c in crawl.values())

    print(f"{'path':<60}{'posts':>8}{'seconds':>9}{'posts/s':>9}")
    print(f"{'baseline: fetch (8 threads) + parse, no engine or store':<60}{parsed:>8,}{base_s:>9.2f}{parsed / base_s:>9.0f}")
    print(f"{'molva crawl: Scrapy + clean/match/store pipelines (SQLite)':<60}{seen:>8,}{molva_s:>9.2f}{seen / molva_s:>9.0f}")
    print(f"matched and stored: {new:,} of {seen:,} posts (the rest mention nobody we watch)")


def pages_urls(base: str, pages: dict) -> list[str]:
    return [base + path for path in pages if path.startswith("/forum/viewtopic.php")]


if __name__ == "__main__":
    main()
