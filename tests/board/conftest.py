"""A board over a small store on SQLite and PostgreSQL: a week of mentions
(complaints, praise, one that is not about us, one with hostile markup), cases
opened, and three people: a viewer, an editor and an admin."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy.orm import Session

from board.passwords import hash_password
from molva.cli import _board_app
from molva.config import load_config
from molva.pipelines import content_hash
from store import connect, migrate
from store.cases import open_cases
from store.models import Mention, Sentiment, Source, utcnow
from store.repo import iso_week
from store.users import add_user

MODEL = "test-model@0"
SECRET = "k" * 40
PASSWORDS = {"vera": "viewer-password-1", "eddie": "editor-password-1", "ada": "admin-password-1"}
WHEN = utcnow().replace(hour=12, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
WEEK = iso_week(WHEN)
MENTIONS = [  # text, verdict, entity
    ("СеверТелеком: третий день нет Интернета в Северном районе", "negative", "СеверТелеком"),
    ("СеверТелеком списал деньги дважды, верните", "negative", "СеверТелеком"),
    ("Северный ветер повалил вышку, СеверТелеком не при чём", "negative", "СеверТелеком"),
    ("Спасибо СеверТелеком, мастер пришёл вовремя", "positive", "СеверТелеком"),
    ("<script>alert('x')</script> СеверТелеком <b>bold</b>", "neutral", "СеверТелеком"),
    ("ВолнаНет снижает цены на тариф", "neutral", "ВолнаНет"),
]


@pytest.fixture
def store(db_url, tmp_path):
    path = tmp_path / "molva.toml"
    path.write_text(f"""
[store]
url = "{db_url}"
[company]
name = "СеверТелеком"
[[competitors]]
name = "ВолнаНет"
[departments]
tech = 'интернет*'
billing = 'списал*'
[board]
secure_cookie = false
""", encoding="utf-8")
    config = load_config(path)
    engine = connect(config.database_url)
    migrate(engine)
    with Session(engine) as s, s.begin():
        source = Source(key="forum", kind="forum", url="https://forum.example/t/1")
        s.add(source)
        s.flush()
        for n, (text, label, entity) in enumerate(MENTIONS, start=1):
            url = "javascript:alert(1)" if "<script>" in text else f"https://forum.example/t/1#p{n}"
            m = Mention(source_id=source.id, external_id=str(n), kind="post", url=url, published_at=WHEN, text=text,
                        entity=entity, entity_kind="company" if entity == "СеверТелеком" else "competitor",
                        matched_query="q", content_hash=content_hash(text), lang="ru")
            s.add(m)
            s.flush()
            s.add(Sentiment(mention_id=m.id, model_id=MODEL, label=label, score=0.9,
                            polarity={"negative": -0.9, "positive": 0.9, "neutral": 0.0}[label]))
    open_cases(engine, config.departments, MODEL)
    for name, role in (("vera", "viewer"), ("eddie", "editor"), ("ada", "admin")):
        add_user(engine, name, role, hash_password(PASSWORDS[name]), who="test")
    yield config, engine
    engine.dispose()


@pytest.fixture
def app(store):
    config, engine = store
    return _board_app(config, engine, SECRET, testing=True)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def login(client, name: str, password: str | None = None):
    page = client.get("/login").get_data(as_text=True)
    return client.post("/login", data={"username": name, "password": password or PASSWORDS[name],
                                       "csrf_token": csrf_of(page)})


@pytest.fixture
def editor(client):
    assert login(client, "eddie").status_code == 302
    return client


@pytest.fixture
def viewer(client):
    assert login(client, "vera").status_code == 302
    return client


def mention_id_of(engine, start: str) -> int:
    from sqlalchemy import select

    with Session(engine) as s:
        return s.scalar(select(Mention.id).where(Mention.text.startswith(start)))
