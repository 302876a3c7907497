"""Seventeen ways for a source to fail, one weekly crawl: each failure is
recorded for its source with a reason a manager can act on, the other sources
go on, nothing is lost, and the console shows one line per source, no traceback."""

import sqlite3

from tests.crawling import last_run, molva, write_config
from tests.faults.faulty_web import FaultyWeb

EXPECTED = {  # source → (status, words in its first error)
    "good": ("ok", ""),
    "half-broken": ("ok", ""),
    "error500": ("failed", "HTTP 500"),
    "rate-limited": ("failed", "retried after the 1 s it asked for"),
    "rate-limited-for-an-hour": ("failed", "asks to wait 3600 s (Retry-After)"),
    "hangs": ("failed", "timed out"),
    "huge-announced": ("failed", "larger than max_response_bytes"),
    "huge-chunked": ("failed", "larger than max_response_bytes"),
    "gzip-bomb": ("failed", "max_response_bytes"),
    "loop": ("failed", "redirect loop"),
    "not-a-feed": ("failed", "not a readable feed"),
    "unreachable": ("failed", "Connection refused"),
}


def test_every_faulty_source_is_recorded_with_its_reason_and_the_run_goes_on(tmp_path):
    with FaultyWeb(hang_seconds=6) as web:
        urls = {name: f"{web.base}/{name}" + (".rss" if name in ("good", "half-broken") else "") for name in EXPECTED}
        urls["unreachable"] = "http://127.0.0.1:9/feed.rss"
        config = write_config(tmp_path, urls, kinds=dict.fromkeys(urls, "feed"))
        config.write_text(config.read_text(encoding="utf-8").replace(
            "download_delay = 0", "download_delay = 0\ntimeout = 2\nretries = 2\nmax_response_bytes = 1000000\n"
                                  "max_retry_after = 5"), encoding="utf-8")
        done = molva("crawl", "-c", str(config))
        hits = dict(web.hits)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    outcome = last_run(tmp_path)
    with sqlite3.connect(tmp_path / "molva.sqlite") as conn:
        errors = dict(conn.execute("select s.key, rs.errors from run_sources rs join sources s on s.id = rs.source_id"))
        texts = [t for (t,) in conn.execute("select text from mentions")]
    for name, (status, words) in EXPECTED.items():
        assert outcome[name][0] == status, (name, errors[name])
        assert words in errors[name], (name, errors[name])
        line = next(line for line in done.stdout.splitlines() if line.strip().startswith(f"{name} (feed)"))
        assert status in line and words in line  # one line per source, as it finishes, with the reason
    assert hits["/rate-limited"] == 3  # the first try and two retries, each after the wait it asked for
    # one bad byte spoils one character, not the feed
    assert sorted(texts) == ["СеверТелеком снова без связи", "СеверТелеком снова\ufffd\ufffd без связи"]
