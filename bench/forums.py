"""How well the forum reader reads real pages: every page in tests/fixtures/
and ../shared/corpus/forums/ (and any folder given on the command line) that
has an `*.expected.json` goes through the forum spider twice, with the engines
(engine = "auto") and with the generic extractor alone (engine = "generic"),
and is scored against the hand-checked posts:

TOTAL counts every page, the corpus's too; each folder given is also printed on
its own, and the folders given together (a held-out set is judged by itself).

- found: expected posts matched by one read (same post id digits, else similar text)
- author: found with the same author
- text: found whose first 80 characters match (whitespace-normalised, 90% alike)
- extra: posts read that no expected post matches (a menu or a panel read as a
  post is a false mention)
- day: found with the same calendar day as printed (posts with a relative date
  whose day the expectation leaves open are left out of this count), or at the
  same instant as printed in the site's zone (an expectation written from a page's
  local times, where Molva read its UTC `datetime`: "03:22" +07:00 is 20:22 UTC,
  the day before)

A post with no words at all (an embedded video alone) is left out: Molva makes no
mention of it.

    python bench/forums.py [more folders with *.expected.json]
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import sys
import time
from pathlib import Path

from scrapy.http import HtmlResponse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spiders.source import SourceConfig  # noqa: E402
from spiders.forum import ForumSpider  # noqa: E402

FOLDERS = [ROOT / "tests" / "fixtures" / "forums", ROOT.parent / "shared" / "corpus" / "forums"]
URL = "https://forum.example/thread/1"


class _Stats:
    def __init__(self):
        self.values = {}

    def get_value(self, key, default=None, spider=None):
        return self.values.get(key, default)

    def set_value(self, key, value, spider=None):
        self.values[key] = value


class _Crawler:
    stats = _Stats()


def pages(folders: list[Path]) -> list[tuple[Path, dict, Path]]:
    """(page, expectation, folder), one per page name: a fixture copied from the corpus counts once."""
    seen, found = set(), []
    for folder in folders:
        for expected in sorted(folder.rglob("*.expected.json")):
            page = expected.with_name(expected.name.replace(".expected.json", ".html"))
            if page.exists() and page.name not in seen:
                seen.add(page.name)
                found.append((page, json.loads(expected.read_text(encoding="utf-8")), folder))
    return found


def read(page: Path, expected: dict, engine: str) -> list | None:
    """The page's items, or None when the engine reads it through its API (not benched here)."""
    spider = ForumSpider.scrapy()(SourceConfig(name="bench", kind="forum", url=URL,
                                               options=ForumSpider.Options(engine=engine)))
    spider.crawler = _Crawler()
    encoding = expected.get("encoding_declared") or expected.get("encoding_used") or "utf-8"
    response = HtmlResponse(url=expected.get("url") or URL, body=page.read_bytes(), encoding=encoding)
    out = list(spider.parse_page(response, thread=URL, page=1, listing=True))
    if any(getattr(r, "callback", None) == spider.parse_api for r in out):
        return None
    return [item for item in out if not hasattr(item, "callback")]


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


def digits(value: str | None) -> str:
    return max(re.findall(r"\d+", value or ""), key=len, default="")


def match(items: list, posts: list[dict]) -> list[tuple[dict, object]]:
    """Each expected post with the item that reads it, or None."""
    free = list(items)
    pairs = []
    for post in posts:
        want = digits(post.get("post_id"))
        item = next((i for i in free if want and len(want) >= 3 and want == digits(i.external_id)), None)
        if item is None:
            scored = [(difflib.SequenceMatcher(None, flat(i.text)[:80], flat(post["text_first80"])).ratio(), n)
                      for n, i in enumerate(free)]
            best = max(scored, key=lambda rn: (rn[0], -rn[1]), default=(0, None))  # the first of equals
            item = free[best[1]] if best[0] >= 0.6 else None
        if item is not None:
            free.remove(item)
        pairs.append((post, item))
    return pairs


def quotes_kept(expected: dict, post: dict, ours: str) -> bool:
    """The expectation keeps quotes ("Name @ date" and the quoted words); Molva drops
    them, as they are not the poster's words: what is left is shorter (as in
    tests/test_forum_engines.py)."""
    return (expected.get("selectors") or {}).get("text_excluded") is None and " @ " in post["text_first80"] and (
        0 < len(ours) < post.get("text_len", 0))


def worded(posts: list[dict]) -> list[dict]:
    """The expected posts that have words: one without any makes no mention."""
    return [p for p in posts if flat(p.get("text_first80")) or p.get("text_len", 1)]


def same_day(published, date_iso: str) -> bool:
    """The printed day, or the printed time read in another zone (whole or half hours away);
    where the page prints only a month ("2019-06"), that month."""
    if published.date().isoformat()[:len(date_iso)] == date_iso[:10]:
        return True
    try:
        printed = dt.datetime.fromisoformat(date_iso)
    except ValueError:
        return False
    if printed.tzinfo is not None:
        return published.astimezone(printed.tzinfo).date() == printed.date()
    gap = (printed - published.replace(tzinfo=None)).total_seconds()
    off = gap % 1800  # seconds past a whole half-hour apart: the seconds a page does not print
    return abs(gap) <= 14 * 3600 and min(off, 1800 - off) < 60 and printed.hour + printed.minute > 0


def score(pairs, expected: dict | None = None) -> dict[str, int]:
    counts = {"posts": len(pairs), "found": 0, "author": 0, "text": 0, "day": 0, "dated": 0}
    for post, item in pairs:
        if post.get("date_iso"):
            counts["dated"] += 1
        if item is None:
            continue
        counts["found"] += 1
        counts["author"] += flat(item.author).lower() == flat(post.get("author")).lower()
        ours, theirs = flat(item.text)[:80], flat(post.get("text_first80"))
        counts["text"] += ((not theirs and not ours) or difflib.SequenceMatcher(None, ours, theirs).ratio() >= 0.9
                           or quotes_kept(expected or {}, post, flat(item.text)))
        published = item.published_at
        if post.get("date_iso") and published is not None:
            counts["day"] += same_day(published, post["date_iso"])
    return counts


def line(name: str, c: dict[str, int]) -> str:
    return (f"{name[:52]:52} {c['found']:>4}/{c['posts']:<4} author {c['author']:>4}  text {c['text']:>4}  "
            f"day {c['day']:>4}/{c['dated']:<4} extra {c['extra']:>3}")


def percent(c: dict[str, int]) -> str:
    def pc(n, d):
        return f"{100 * n / d:5.1f}%" if d else "  n/a"
    return (f"found {pc(c['found'], c['posts'])}  author {pc(c['author'], c['posts'])}  "
            f"text {pc(c['text'], c['posts'])}  author+text {pc(c['both'], c['posts'])}  day {pc(c['day'], c['dated'])}  "
            f"extra {c['extra']}")


def _zero() -> dict[str, int]:
    return {"posts": 0, "found": 0, "author": 0, "text": 0, "day": 0, "dated": 0, "both": 0, "extra": 0}


def main(argv: list[str]) -> None:
    folders = FOLDERS + [Path(a) for a in argv]
    todo = pages(folders)
    for engine in ("auto", "generic"):
        print(f"\n== engine = {engine!r}")
        total = _zero()
        per_folder = {folder: _zero() for folder in folders}
        start = time.perf_counter()
        for page, expected, folder in todo:
            items = read(page, expected, engine)
            if items is None:
                print(f"{str(page.relative_to(page.parents[1]))[:52]:52} read through its API: not scored here")
                continue
            pairs = match(items, worded(expected["posts"]))
            counts = score(pairs, expected)
            matched = {id(item) for _, item in pairs if item is not None}
            # A wordless item makes no mention, as a wordless expected post is not scored.
            counts["extra"] = sum(1 for i in items if flat(i.text) and id(i) not in matched)
            counts["both"] = sum(1 for post, item in pairs if item is not None
                                 and score([(post, item)], expected)["author"] and score([(post, item)], expected)["text"])
            print(line(str(page.relative_to(page.parents[1])), counts))
            for key in total:
                total[key] += counts[key]
                per_folder[folder][key] += counts[key]
        took = time.perf_counter() - start
        print(line("TOTAL", total))
        print(f"{percent(total)}   {len(todo) / took:.1f} pages/s")
        # Each folder given on the command line on its own: a held-out set is judged by itself,
        # not diluted by the corpus pages the code was tuned on.
        given = folders[len(FOLDERS):]
        for folder in given:
            print(f"  {str(folder)[-50:]:50}  {percent(per_folder[folder])}  ({per_folder[folder]['posts']} posts)")
        if len(given) > 1:  # the folders given, together (TOTAL above holds the corpus too)
            held = {key: sum(per_folder[f][key] for f in given) for key in total}
            print(f"  {'the folders given, together':50}  {percent(held)}  ({held['posts']} posts)")


if __name__ == "__main__":
    main(sys.argv[1:])
