"""A store with an outbox to fill: a config with two webhook channels, and
negative mentions scored by a test model."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from molva.config import load_config
from molva.pipelines import content_hash
from store import connect, migrate
from store.models import Mention, Sentiment, Source, utcnow

MODEL = "test-model@0"
# Noon today: "5 minutes ago" and "a day ago" must fall on different dates at any hour the tests run.
NOW = utcnow().replace(hour=12, minute=0, second=0, microsecond=0)


def write_config(tmp_path, db_url, hook_a, hook_b, **alerts):
    extra = "".join(f"{k} = {str(v).lower() if isinstance(v, bool) else v}\n" for k, v in alerts.items())
    path = tmp_path / "molva.toml"
    path.write_text(f"""
[store]
url = "{db_url}"
[company]
name = "СеверТелеком"
[[sources]]
name = "forum"
kind = "forum"
url = "https://forum.example/t/1"
[alerts]
{extra}
[[alerts.channels]]
name = "a"
kind = "webhook"
url = "{hook_a}"
timeout = 5
[[alerts.channels]]
name = "b"
kind = "webhook"
url = "{hook_b}"
timeout = 5
""", encoding="utf-8")
    config = load_config(path)
    engine = connect(config.database_url)
    migrate(engine)
    return config, engine


def add_negatives(engine, n, when=None, start=0):
    with Session(engine) as s, s.begin():
        source = s.scalar(select(Source).where(Source.key == "forum")) or Source(key="forum", kind="forum", url="u")
        s.add(source)
        s.flush()
        for i in range(start, start + n):
            text = f"нет интернета, жалоба {i}"
            m = Mention(source_id=source.id, external_id=str(i), kind="post", url=f"https://forum.example/t/1#p{i}",
                        published_at=when or NOW - dt.timedelta(hours=1), text=text, entity="СеверТелеком",
                        entity_kind="company", matched_query="q", content_hash=content_hash(text))
            s.add(m)
            s.flush()
            s.add(Sentiment(mention_id=m.id, model_id=MODEL, label="negative", score=0.9, polarity=-0.8 - i / 1000))
