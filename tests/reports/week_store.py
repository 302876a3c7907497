"""A store with mentions and verdicts written directly, for report tests: a
config for СеверТелеком and ВолнаНет, and `Store.say(...)` to add what someone
said, when, and what the model made of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from molva.config import load_config
from molva.pipelines import content_hash
from store import connect, migrate
from store.models import ComplaintCase, Mention, Run, RunSource, Sentiment, Source, utcnow

MODEL = "test-model@0"
UTC = dt.timezone.utc
# A week in the past, Monday to Monday (UTC): 2026-11-16 .. 2026-11-23.
WEEK = "2026-W47"
MONDAY = dt.datetime(2026, 11, 16, tzinfo=UTC)


def config_text(db_url: str, report: str = "", extra: str = "") -> str:
    return f"""
[store]
url = "{db_url}"
[company]
name = "СеверТелеком"
aliases = ["SeverTelecom"]
[[competitors]]
name = "ВолнаНет"
feeds = ["https://volnanet.example/news.rss"]
[[sources]]
name = "forum"
kind = "forum"
url = "https://forum.example/t/1"
[departments]
billing = 'списал* OR деньги OR charged'
tech = 'интернет OR internet'
[report]
{report}
{extra}
"""


class Store:
    def __init__(self, tmp_path: Path, db_url: str, report: str = "", extra: str = ""):
        self.path, self.db_url = tmp_path / "molva.toml", db_url
        self.configure(report, extra)
        self.engine = connect(self.config.database_url)
        migrate(self.engine)
        self.n = 0

    def configure(self, report: str = "", extra: str = "") -> None:
        """The same store under another [report] table (and more TOML)."""
        self.path.write_text(config_text(self.db_url, report, extra), encoding="utf-8")
        self.config = load_config(self.path)

    def source(self, session: Session, key: str, kind: str = "forum") -> Source:
        found = session.scalar(select(Source).where(Source.key == key))
        if found is None:
            found = Source(key=key, kind=kind, url=f"https://{kind}.example/")
            session.add(found)
            session.flush()
        return found

    def say(self, text: str, label: str = "negative", polarity: float | None = None, when: dt.datetime | None = None,
            entity: str = "СеверТелеком", source: str = "forum", kind: str = "post", reach: int | None = None,
            author: str = "someone", model: str = MODEL, case: str | None = None, lang: str | None = None) -> int:
        """A mention and the model's verdict on it; `case`: open one with this status. Returns its id."""
        self.n += 1
        polarity = polarity if polarity is not None else {"negative": -0.8, "positive": 0.8}.get(label, 0.0)
        with Session(self.engine) as s, s.begin():
            src = self.source(s, source, "feed" if kind == "news" else "forum")
            m = Mention(source_id=src.id, external_id=str(self.n), kind=kind, url=f"https://forum.example/t/1#p{self.n}",
                        author=author, published_at=when or MONDAY + dt.timedelta(days=2), text=text, entity=entity,
                        entity_kind="company" if entity == "СеверТелеком" else "competitor", matched_query="q",
                        content_hash=content_hash(text), reach=reach, lang=lang)
            s.add(m)
            s.flush()
            s.add(Sentiment(mention_id=m.id, model_id=model, label=label, score=0.9, polarity=polarity))
            if case:
                s.add(ComplaintCase(mention_id=m.id, status=case, opened_at=m.published_at, updated_at=m.published_at))
            return m.id

    def crawl_run(self, statuses: dict[str, str], when: dt.datetime | None = None, reason: str = "HTTP 503") -> None:
        """A recorded crawl in which each named source ended as given (ok | failed)."""
        with Session(self.engine) as s, s.begin():
            run = Run(command="run", started_at=when or utcnow(), status="partial")
            s.add(run)
            s.flush()
            for key, status in statuses.items():
                errors = [{"url": "https://forum.example/t/1", "reason": reason}] if status == "failed" else []
                s.add(RunSource(run_id=run.id, source_id=self.source(s, key).id, status=status, errors=errors))

    def report(self, week: str = WEEK):
        from reports.weekly import build_weekly_report

        c = self.config
        return build_weekly_report(self.engine, c.report, c.company, list(c.competitors), week, c.team,
                                   c.sentiment.languages)

    def written(self, folder: Path, week: str = WEEK) -> dict[str, str]:
        """The report's files as text (CSV as the bytes decoded, BOM and all)."""
        from reports.render import write_report

        paths = write_report(self.report(week), folder)
        return {kind: path.read_bytes().decode("utf-8") for kind, path in paths.items()}
