"""The fault suite's long runs: what was tried and what held.

    python bench/faults.py [--kills 20] [--pg-kills 5] [--skip-memory]

- random SIGKILLs over whole weekly runs (crawl, score, report, alert) of the
  demo web, on SQLite and on PostgreSQL, each store then run to its end and
  compared with an uninterrupted run: mentions lost or duplicated, alerts sent
  twice or lost, runs left "running";
- four `molva alert` workers at once on one outbox, on both databases;
- the hostile-text corpus through every output, the bad configs, the faulty
  sources (tests/faults: run here for their counts);
- peak memory of `molva score` and `molva report` over 1,000 and 10,000
  mentions, beside each other: streaming scoring keeps it flat.

Needs the PostgreSQL server of the tests (MOLVA_TEST_PG_URL or
postgresql+psycopg://postgres@127.0.0.1:5432/test)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from molva.demo.run import DEMO_TOKEN_ENV, write_demo_config  # noqa: E402
from molva.demo.server import DemoServer  # noqa: E402
from molva.pipelines import content_hash  # noqa: E402
from store.db import open_store  # noqa: E402
from store.models import Mention, Source  # noqa: E402
from tests.alert_peers import HttpPeer  # noqa: E402
from tests.conftest import PG_ADMIN_URL, build_tiny_model  # noqa: E402

PY = sys.executable


def molva(*args, env=None, **kwargs):
    return subprocess.run([PY, "-m", "molva", *args], capture_output=True, text=True, timeout=900,
                          env={**os.environ, **(env or {})}, **kwargs)


class PgDatabases:
    """Fresh PostgreSQL databases for the bench, dropped at the end."""

    def __init__(self):
        self.admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def new(self) -> str:
        name = f"molva_bench_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'create database "{name}"'))
        self.names.append(name)
        return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name

    def close(self) -> None:
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(text(f'drop database if exists "{name}" with (force)'))
        self.admin.dispose()


def demo_config(folder: Path, server: DemoServer, model: Path, db_url: str, hook: str) -> Path:
    folder.mkdir(parents=True)
    path = write_demo_config(folder, server.base_url, 25, str(model), server.web.forum_urls)
    body = path.read_text(encoding="utf-8").replace('url = "sqlite:///data/molva.sqlite"', f'url = "{db_url}"')
    body = body.replace('kind = "email"', 'kind = "email"\nenabled = false').replace("download_delay = 0", "download_delay = 0.02")
    body += f'\n[[alerts.channels]]\nname = "hook"\nkind = "webhook"\nurl = "{hook}"\ntimeout = 5\n'
    path.write_text(body, encoding="utf-8")
    return path


def store_state(db_url: str):
    engine = create_engine(db_url)
    with engine.connect() as conn:
        mentions = conn.execute(text("select s.key, m.external_id from mentions m join sources s on s.id = m.source_id")).all()
        verdicts = conn.execute(text("select count(*) from sentiments")).scalar()
        cases = conn.execute(text("select count(*) from complaint_cases")).scalar()
        unconfirmed = conn.execute(text("select count(*) from alerts where status = 'unconfirmed'")).scalar()
        running = conn.execute(text("select count(*) from runs where status = 'running'")).scalar()
    engine.dispose()
    return mentions, verdicts, cases, unconfirmed, running


def kill_rounds(name: str, urls, kills_per_round: int, server, model, tmp: Path, rng: random.Random) -> dict:
    """One uninterrupted run, then for each fresh store: kills, a last run, the comparison."""
    env = {DEMO_TOKEN_ENV: server.token}
    totals = dict(kills=0, lost=0, duplicated=0, alerts_twice=0, alerts_lost=0, unconfirmed=0, left_running=0,
                  runs_failed=0, cases_differ=0)
    with HttpPeer() as clean_hook:
        clean = demo_config(tmp / f"{name}-clean", server, model, urls[0], clean_hook.url)
        assert molva("run", "-c", str(clean), env=env).returncode == 0
        expected = store_state(urls[0])
        expected_alerts = {r["json"]["key"] for r in clean_hook.requests}
    for n, url in enumerate(urls[1:], start=1):
        with HttpPeer() as hook:
            path = demo_config(tmp / f"{name}-killed-{n}", server, model, url, hook.url)
            for _ in range(kills_per_round):
                proc = subprocess.Popen([PY, "-m", "molva", "run", "-c", str(path)], env={**os.environ, **env},
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(rng.uniform(0.5, 14.0))
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                totals["kills"] += 1
            totals["runs_failed"] += molva("run", "-c", str(path), env=env).returncode != 0
            sent = [r["json"]["key"] for r in hook.requests]
        mentions, verdicts, cases, unconfirmed, running = store_state(url)
        totals["lost"] += len(set(expected[0]) - set(mentions))
        totals["duplicated"] += len(mentions) - len(set(mentions))
        totals["alerts_twice"] += len(sent) - len(set(sent))
        totals["alerts_lost"] += max(0, len(expected_alerts) - len(set(sent)) - unconfirmed)
        totals["unconfirmed"] += unconfirmed
        totals["left_running"] += running
        totals["cases_differ"] += (verdicts, cases) != expected[1:3]
    return totals


def concurrent_workers(db_url: str, tmp: Path, workers: int = 4, alerts: int = 50) -> dict:
    from alerts.outbox import build_channels, queue_negative
    from molva.config import load_config
    from store.models import Sentiment

    with HttpPeer() as peer:
        peer.delay = 0.01
        path = tmp / f"workers-{uuid.uuid4().hex[:6]}.toml"
        path.write_text(f'[store]\nurl = "{db_url}"\n[company]\nname = "СеверТелеком"\n[alerts]\nspikes = false\n'
                        f'[[alerts.channels]]\nname = "hook"\nkind = "webhook"\nurl = "{peer.url}"\n', encoding="utf-8")
        config = load_config(path)
        engine = open_store(config.database_url)
        with Session(engine) as s, s.begin():
            source = Source(key="forum", kind="forum", url="https://forum.example/")
            s.add(source)
            s.flush()
            for i in range(alerts):
                words = f"нет интернета, жалоба {i}"
                m = Mention(source_id=source.id, external_id=str(i), kind="post", url=f"https://forum.example/{i}",
                            published_at=dt.datetime.now(dt.timezone.utc), text=words, entity="СеверТелеком",
                            entity_kind="company", matched_query="q", content_hash=content_hash(words))
                s.add(m)
                s.flush()
                s.add(Sentiment(mention_id=m.id, model_id="bench@0", label="negative", score=0.9, polarity=-0.9))
        queue_negative(engine, config.alerts, build_channels(config.channels), "bench@0")
        engine.dispose()
        procs = [subprocess.Popen([PY, "-m", "molva", "alert", "-c", str(path)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for _ in range(workers)]
        for p in procs:
            p.wait(timeout=600)
        keys = [r["json"]["key"] for r in peer.requests]
    return {"alerts": alerts, "workers": workers, "sent": len(keys), "twice": len(keys) - len(set(keys)),
            "lost": alerts - len(set(keys))}


def pytest_counts(*files: str) -> str:
    done = subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files], capture_output=True,
                          text=True, cwd=ROOT, timeout=1800, env={**os.environ, "CI": "true"})
    return done.stdout.strip().splitlines()[-1]


def peak_rss_mb(args: list[str], env: dict | None = None) -> float:
    proc = subprocess.Popen([PY, "-m", "molva", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"molva {' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    return usage.ru_maxrss / 1024


def memory(tmp: Path) -> list[tuple[int, float, float]]:
    """Peak RSS of `molva score` and `molva report` over n mentions of one week, interleaved sizes."""
    built = molva("model", "build")  # built once first: its build would otherwise be the peak measured
    if built.returncode != 0:
        raise SystemExit(f"molva model build failed: {built.stderr[-2000:]}")
    out = []
    words = ("интернет", "поддержка", "тариф", "роутер", "спасибо", "ужасно", "отлично", "снова", "деньги", "связь")
    for n in (1_000, 10_000):
        folder = tmp / f"mem-{n}"
        folder.mkdir()
        path = folder / "molva.toml"
        path.write_text(f'[store]\nurl = "sqlite:///{folder / "m.sqlite"}"\n[company]\nname = "СеверТелеком"\n'
                        f'[report]\noutput = "{folder / "report"}"\n', encoding="utf-8")
        engine = open_store(f"sqlite:///{folder / 'm.sqlite'}")
        rng = random.Random(n)
        week_start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=7 + dt.datetime.now().weekday())
        with Session(engine) as s, s.begin():
            source = Source(key="forum", kind="forum", url="https://forum.example/")
            s.add(source)
            s.flush()
            for i in range(n):
                body = f"СеверТелеком {' '.join(rng.choice(words) for _ in range(rng.randint(8, 60)))} #{i}"
                s.add(Mention(source_id=source.id, external_id=str(i), kind="post", url=f"https://forum.example/{i}",
                              published_at=week_start + dt.timedelta(minutes=i % 10_000), text=body,
                              entity="СеверТелеком", entity_kind="company", matched_query="q",
                              content_hash=content_hash(body)))
        engine.dispose()
        score = peak_rss_mb(["score", "-c", str(path)])
        report = peak_rss_mb(["report", "-c", str(path)])
        out.append((n, score, report))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs on SQLite (in rounds of 5)")
    parser.add_argument("--pg-kills", type=int, default=5, help="SIGKILLs on PostgreSQL (one round)")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    rng = random.Random(int(time.time()))
    pg = PgDatabases()
    try:
        with tempfile.TemporaryDirectory() as tmp_name, DemoServer() as server:
            tmp = Path(tmp_name)
            model = build_tiny_model(tmp / "tiny-model")
            rounds = max(1, args.kills // 5)
            sqlite_urls = [f"sqlite:///{tmp / f's{i}.sqlite'}" for i in range(rounds + 1)]
            print("random SIGKILLs over whole weekly runs, then one run to the end, against an uninterrupted run:")
            for name, urls, per in (("sqlite", sqlite_urls, 5), ("postgresql", [pg.new(), pg.new()], args.pg_kills)):
                t = kill_rounds(name, urls, per, server, model, tmp, rng)
                print(f"  {name:<10} {t['kills']:>3} kills: mentions lost {t['lost']}, duplicated {t['duplicated']}; "
                      f"verdicts/cases differing {t['cases_differ']}; alerts sent twice {t['alerts_twice']}, "
                      f"lost {t['alerts_lost']}, unconfirmed (cut mid-send, not resent) {t['unconfirmed']}; "
                      f"runs left running {t['left_running']}; last runs failed {t['runs_failed']}")
            print("concurrent `molva alert` workers on one outbox:")
            for name, url in (("sqlite", f"sqlite:///{tmp / 'workers.sqlite'}"), ("postgresql", pg.new())):
                w = concurrent_workers(url, tmp)
                print(f"  {name:<10} {w['workers']} workers, {w['alerts']} alerts: {w['sent']} sent, "
                      f"{w['twice']} twice, {w['lost']} lost")
            print("hostile text (tests/faults/test_hostile_text.py):", pytest_counts("tests/faults/test_hostile_text.py"))
            print("bad configs, each refused in one line (tests/faults/test_bad_configs.py):",
                  pytest_counts("tests/faults/test_bad_configs.py"))
            print("faulty sources, each recorded with its reason (tests/faults/test_faulty_sources.py):",
                  pytest_counts("tests/faults/test_faulty_sources.py"))
            if not args.skip_memory:
                print("peak memory (MB), default model, one week of n mentions:")
                print(f"  {'mentions':>9} {'molva score':>12} {'molva report':>13}")
                for n, score, report in memory(tmp):
                    print(f"  {n:>9,} {score:>12.0f} {report:>13.0f}")
    finally:
        pg.close()


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
    main()
