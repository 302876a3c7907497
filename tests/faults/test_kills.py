"""A weekly run killed (SIGKILL) at random moments — in the crawl, the scoring,
the report or the alerts — and then run to its end stores exactly what one
uninterrupted run stores, opens the same cases, sends no alert twice and loses
none, and shows the killed runs as interrupted."""

import os
import random
import signal
import subprocess
import sys
import time

from sqlalchemy import create_engine, text

from molva.demo.run import DEMO_TOKEN_ENV, write_demo_config
from tests.alert_peers import HttpPeer

KILLS = 3


def configure(folder, server, model, db_url, hook):
    folder.mkdir()
    path = write_demo_config(folder, server.base_url, 25, str(model), server.web.forum_urls)
    config = path.read_text(encoding="utf-8").replace('url = "sqlite:///data/molva.sqlite"', f'url = "{db_url}"')
    config = config.replace('kind = "email"', 'kind = "email"\nenabled = false')
    config += f'\n[[alerts.channels]]\nname = "hook"\nkind = "webhook"\nurl = "{hook}"\ntimeout = 5\n'
    path.write_text(config.replace("download_delay = 0", "download_delay = 0.02"), encoding="utf-8")
    return path


def fresh(db_url):
    if db_url.startswith("postgresql"):
        engine = create_engine(db_url)
        with engine.begin() as conn:
            conn.execute(text("drop schema public cascade; create schema public"))
        engine.dispose()


def state(db_url):
    engine = create_engine(db_url)
    with engine.connect() as conn:
        mentions = sorted(conn.execute(text(
            "select s.key, m.external_id, m.content_hash, m.duplicate_of_id is null from mentions m "
            "join sources s on s.id = m.source_id")).all())
        verdicts = conn.execute(text("select count(*), count(distinct mention_id) from sentiments")).one()
        cases = sorted(conn.execute(text(
            "select m.external_id from complaint_cases c join mentions m on m.id = c.mention_id")).scalars())
        alerts = dict(conn.execute(text("select status, count(*) from alerts group by status")).all())
        runs = dict(conn.execute(text("select status, count(*) from runs group by status")).all())
    engine.dispose()
    return mentions, tuple(verdicts), cases, alerts, runs


def run(path, env, **kwargs):
    return subprocess.run([sys.executable, "-m", "molva", "run", "-c", str(path)], env=env, capture_output=True,
                          text=True, timeout=600, **kwargs)


def test_random_kills_over_a_whole_run_change_nothing(tmp_path, demo_server, tiny_model, db_url):
    env = {**os.environ, DEMO_TOKEN_ENV: demo_server.token}
    second_db = db_url.replace(".sqlite", "-killed.sqlite")
    with HttpPeer() as clean_hook, HttpPeer() as killed_hook:
        clean = configure(tmp_path / "clean", demo_server, tiny_model, db_url, clean_hook.url)
        done = run(clean, env)
        assert done.returncode == 0, done.stdout + done.stderr
        expected = state(db_url)
        expected_keys = sorted(r["json"]["key"] for r in clean_hook.requests)

        fresh(second_db)
        killed = configure(tmp_path / "killed", demo_server, tiny_model, second_db, killed_hook.url)
        rng = random.Random(13)
        for _ in range(KILLS):
            proc = subprocess.Popen([sys.executable, "-m", "molva", "run", "-c", str(killed)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(1.0, 12.0))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        done = run(killed, env)
        assert done.returncode == 0, done.stdout + done.stderr
        status = subprocess.run([sys.executable, "-m", "molva", "status", "-c", str(killed), "--limit", "10"], env=env,
                                capture_output=True, text=True, timeout=120).stdout
        keys = [r["json"]["key"] for r in killed_hook.requests]
    mentions, verdicts, cases, alerts, runs = state(second_db)
    assert mentions == expected[0]  # nothing lost, nothing twice
    assert verdicts == expected[1] and cases == expected[2]
    assert len(keys) == len(set(keys)), "an alert was sent twice"
    # every alert went out, except those a kill cut mid-send, which are marked unconfirmed, never resent
    assert sorted(set(keys)) == sorted(set(keys) & set(expected_keys))
    assert len(keys) + alerts.get("unconfirmed", 0) == len(expected_keys)
    assert runs.get("running", 0) == 0 and runs.get("interrupted", 0) >= 1
    assert "interrupted" in status and " running " not in status
