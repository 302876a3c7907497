"""What a week's report, cases and alerts say depends on what was published,
never on the order the crawl happened to store it in: the demo web crawled with
its sources in one order and in the reverse gives the same originals, the same
cases and the same alerts."""

import os
import re
import subprocess
import sys

from sqlalchemy import create_engine, text

from molva.demo.run import DEMO_TOKEN_ENV, write_demo_config


def config(folder, server, model, reverse: bool):
    folder.mkdir()
    path = write_demo_config(folder, server.base_url, 25, str(model), server.web.forum_urls)
    body = path.read_text(encoding="utf-8")
    head, rest = body.split("[[sources]]", 1)
    sources, tail = rest.split("[sentiment]", 1)
    blocks = ["[[sources]]" + b for b in sources.split("[[sources]]")]
    if reverse:
        blocks.reverse()
    body = head + "\n".join(b.strip() + "\n" for b in blocks) + "\n[sentiment]" + tail
    body = re.sub(r'kind = "email"', 'kind = "email"\ndry_run = true', body)
    # one request at a time: the order of the sources is the order the mentions are stored in
    path.write_text(body.replace("concurrency_per_domain = 8", "concurrency_per_domain = 1"), encoding="utf-8")
    return path


def outcome(db):
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        originals = sorted(conn.execute(text(
            "select s.key, m.external_id from mentions m join sources s on s.id = m.source_id "
            "where m.duplicate_of_id is null")).all())
        cases = sorted(conn.execute(text(
            "select s.key, m.external_id from complaint_cases c join mentions m on m.id = c.mention_id "
            "join sources s on s.id = m.source_id")).all())
        alerts = sorted(conn.execute(text(
            "select a.kind, s.key, m.external_id from alerts a left join mentions m on m.id = a.mention_id "
            "left join sources s on s.id = m.source_id")).all(), key=str)
    engine.dispose()
    return originals, cases, alerts


def test_the_same_web_crawled_in_two_orders_gives_the_same_week(tmp_path, demo_server, default_model):
    env = {**os.environ, DEMO_TOKEN_ENV: demo_server.token}
    results = []
    for name, reverse in (("forward", False), ("reverse", True)):
        path = config(tmp_path / name, demo_server, default_model, reverse)
        done = subprocess.run([sys.executable, "-m", "molva", "run", "-c", str(path)], env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        results.append(outcome(tmp_path / name / "data" / "molva.sqlite"))
    forward, reverse = results
    assert len(forward[0]) > 300 and forward[1] and forward[2]
    assert forward[0] == reverse[0], "a different copy became the original"
    assert forward[1] == reverse[1] and forward[2] == reverse[2]
