"""The weekly report over a big store: time to build one week's report from a
SQLite store of N mentions (default 1,000,000, each scored), beside a baseline
in the same run: the plain SQL that counts the week's mentions by label.

    python bench/report.py                 # builds /tmp/molva-bench-1000000.sqlite once, then times
    python bench/report.py --mentions 200000 --weeks 52

The store is made once and kept (its path is printed); --fresh rebuilds it.
The all-time chart's weekly counts are cached in the store (weekly_counts,
cleared by scoring for the weeks it touches): the first report counts every
week once ("cold"); a weekly run then counts only the new week ("cached").
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from molva.config import parse_config  # noqa: E402
from store import connect, migrate  # noqa: E402
from store.models import Mention, Sentiment, Source  # noqa: E402

MODEL = "bench-model@0"
ENTITIES = [("СеверТелеком", "company"), ("ВолнаНет", "competitor"), ("BlueFiber", "competitor")]
WORDS = ("интернет не работает третий день поддержка не отвечает списали деньги тариф скорость роутер мастер "
         "не пришёл спасибо быстро починили отличный сервис outage billing slow support great fast app crashes").split()
END = dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc)  # a Monday: the report's week is the one before


def config(path: Path):
    return parse_config({
        "store": {"url": f"sqlite:///{path}"},
        "company": {"name": "СеверТелеком"},
        "competitors": [{"name": "ВолнаНет"}, {"name": "BlueFiber"}],
        "departments": {"tech": "интернет OR роутер* OR outage", "billing": "списали OR тариф OR billing"},
    }, path.with_suffix(".toml"))


def build_store(path: Path, n: int, weeks: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    engine = connect(f"sqlite:///{path}")
    migrate(engine)
    with Session(engine) as s, s.begin():
        for i in range(20):
            s.add(Source(key=f"source {i}", kind="forum", url=f"https://forum{i}.example/"))
    span = weeks * 7 * 86400
    chunk = 50_000
    started = time.perf_counter()
    with engine.begin() as conn:
        for first in range(1, n + 1, chunk):
            mentions, sentiments = [], []
            for i in range(first, min(first + chunk, n + 1)):
                entity, kind = ENTITIES[0] if rng.random() < 0.6 else rng.choice(ENTITIES[1:])
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
                label = rng.choices(("negative", "neutral", "positive"), (0.35, 0.4, 0.25))[0]
                mentions.append(dict(
                    id=i, source_id=rng.randint(1, 20), external_id=str(i), kind=rng.choice(("post", "tweet", "review", "news")),
                    url=f"https://forum.example/t/{i}", published_at=END - dt.timedelta(seconds=rng.random() * span),
                    collected_at=END, text=f"{entity}: {words}", entity=entity, entity_kind=kind, matched_query=entity,
                    content_hash=f"{i:064x}", reach=rng.randint(0, 5000),
                ))
                polarity = {"negative": -1, "neutral": 0, "positive": 1}[label] * rng.uniform(0.3, 1.0)
                sentiments.append(dict(mention_id=i, model_id=MODEL, label=label, score=rng.uniform(0.5, 1.0),
                                       polarity=polarity, scored_at=END))
            conn.execute(insert(Mention), mentions)
            conn.execute(insert(Sentiment), sentiments)
            done = min(first + chunk - 1, n)
            print(f"  {done:,}/{n:,} mentions ({time.perf_counter() - started:.0f}s)", flush=True)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()


def baseline(engine, start, end) -> None:
    with Session(engine) as s:
        s.execute(
            select(Mention.entity, Sentiment.label, func.count())
            .join(Sentiment, Sentiment.mention_id == Mention.id)
            .where(Mention.published_at >= start, Mention.published_at < end)
            .group_by(Mention.entity, Sentiment.label)
        ).all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=104, help="how many weeks the mentions spread over")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()

    from reports.render import write_report
    from reports.weekly import build_weekly_report
    from store.repo import last_complete_week

    path = Path(f"/tmp/molva-bench-{args.mentions}.sqlite")
    if args.fresh or not path.exists():
        path.unlink(missing_ok=True)
        print(f"building {path} ({args.mentions:,} scored mentions over {args.weeks} weeks)")
        build_store(path, args.mentions, args.weeks)
    cfg = config(path)
    engine = connect(cfg.database_url)
    migrate(engine)
    with engine.begin() as conn:  # start cold: the report fills this cache
        conn.execute(text("DELETE FROM weekly_counts"))
    week = last_complete_week(END + dt.timedelta(hours=1))
    from store.repo import week_bounds

    start, end = week_bounds(week)
    out = Path("/tmp/molva-bench-report")

    def best_of(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    base = best_of(lambda: baseline(engine, start, end))
    t = time.perf_counter()
    build_weekly_report(engine, cfg.report, cfg.company, cfg.competitors, week)
    cold = time.perf_counter() - t
    report = best_of(lambda: build_weekly_report(engine, cfg.report, cfg.company, cfg.competitors, week))
    written = best_of(lambda: write_report(build_weekly_report(engine, cfg.report, cfg.company, cfg.competitors, week), out))
    r = build_weekly_report(engine, cfg.report, cfg.company, cfg.competitors, week)
    print(f"store: {path} ({args.mentions:,} mentions); report week {week}: {r.company.counts.mentions:,} company mentions")
    print(f"{'step':<56}{'seconds':>9}")
    print(f"{'baseline: count the week by entity and label (SQL)':<56}{base:>9.3f}")
    print(f"{'build_weekly_report, first ever (all-time series cold)':<56}{cold:>9.3f}")
    print(f"{'build_weekly_report, weekly (series cached)':<56}{report:>9.3f}")
    print(f"{'build + write HTML, Markdown, CSV with charts':<56}{written:>9.3f}")


if __name__ == "__main__":
    main()
