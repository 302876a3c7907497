"""Complaint cases: opened for each complaint with a department guessed by the
config's rules, updated from the command line, shown in the report; and the
labels of competitors' news."""

import datetime as dt

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from molva.cli import main
from molva.config import load_config
from molva.pipelines import content_hash
from reports.labels import news_labels
from store import connect, migrate
from store.cases import list_cases, open_cases, update_case
from store.models import ComplaintCase, Mention, Sentiment, Source, utcnow

MODEL = "test-model@0"
CONFIG = """
[store]
url = "{url}"
[company]
name = "СеверТелеком"
[departments]
billing = 'счет OR списал* OR billing OR charged'
tech = 'интернет OR outage'
"""


@pytest.fixture
def store(tmp_path, db_url):
    """A store on SQLite and on PostgreSQL with five mentions, scored."""
    path = tmp_path / "molva.toml"
    path.write_text(CONFIG.format(url=db_url), encoding="utf-8")
    config = load_config(path)
    engine = connect(config.database_url)
    migrate(engine)
    texts = [
        ("Третий день нет интернета, СеверТелеком молчит", "negative", None),
        ("СеверТелеком списал деньги дважды", "negative", None),
        ("СеверТелеком списал деньги дважды", "negative", 2),  # the same complaint elsewhere: a duplicate of #2
        ("Оператор СеверТелеком нагрубил", "negative", None),  # no rule matches
        ("Спасибо СеверТелеком, всё работает", "positive", None),
    ]
    with Session(engine) as s, s.begin():
        source = Source(key="forum", kind="forum", url="https://forum.example/t/1")
        s.add(source)
        s.flush()
        for i, (text, label, dup) in enumerate(texts, start=1):
            m = Mention(source_id=source.id, external_id=str(i), kind="post", url=f"https://forum.example/t/1#p{i}",
                        published_at=utcnow() - dt.timedelta(days=1), text=text, entity="СеверТелеком",
                        entity_kind="company", matched_query="q", content_hash=content_hash(text), duplicate_of_id=dup)
            s.add(m)
            s.flush()
            s.add(Sentiment(mention_id=m.id, model_id=MODEL, label=label, score=0.9, polarity=-0.8 if label == "negative" else 0.8))
    return path, config, engine


def test_each_complaint_opens_one_case_with_its_department(store):
    _, config, engine = store
    assert open_cases(engine, config.departments, MODEL) == 3  # not the praise, not the duplicate
    assert open_cases(engine, config.departments, MODEL) == 0  # idempotent
    cases = {r.text: r for r in list_cases(engine)}
    assert cases["Третий день нет интернета, СеверТелеком молчит"].owner == "tech"
    assert cases["СеверТелеком списал деньги дважды"].owner == "billing"
    assert cases["СеверТелеком списал деньги дважды"].duplicates == 1
    assert cases["Оператор СеверТелеком нагрубил"].owner is None


def test_the_team_records_whose_fault_and_the_outcome(store):
    path, config, engine = store
    open_cases(engine, config.departments, MODEL)
    case_id = next(r.id for r in list_cases(engine) if r.owner is None)
    runner = CliRunner()
    result = runner.invoke(main, ["case", "-c", str(path), str(case_id), "--owner", "support", "--status", "resolved",
                                  "--outcome", "извинились, оператору выговор", "--note", "перезвонили"])
    assert result.exit_code == 0, result.output
    assert "resolved, owner support" in result.output and "перезвонили" in result.output
    listed = runner.invoke(main, ["cases", "-c", str(path), "--status", "resolved"])
    assert f"#{case_id}" in listed.output and "outcome: извинились" in listed.output
    assert f"#{case_id} " not in runner.invoke(main, ["cases", "-c", str(path)]).output  # no longer open
    bad = runner.invoke(main, ["case", "-c", str(path), "999"])
    assert bad.exit_code == 1 and "no case 999" in bad.output
    with pytest.raises(ValueError, match="status must be one of"):
        update_case(engine, case_id, status="done")


def test_the_report_shows_cases_by_department(store, tmp_path):
    from reports.render import write_report
    from reports.weekly import build_weekly_report

    _, config, engine = store
    open_cases(engine, config.departments, MODEL)
    with Session(engine) as s, s.begin():
        case = s.scalar(select(ComplaintCase).where(ComplaintCase.owner == "tech"))
        case.status, case.outcome = "resolved", "<b>fixed</b> the node"
    year, week, _ = (utcnow() - dt.timedelta(days=1)).isocalendar()
    paths = write_report(build_weekly_report(engine, config.report, config.company, config.competitors, f"{year}-W{week:02d}"), tmp_path / "out")
    html = paths["html"].read_text(encoding="utf-8")
    section = html.split('id="cases"')[1].split("</section>")[0]
    assert "<td>billing</td><td>1</td>" in section and "<td>tech</td><td>0</td><td>0</td><td>1</td>" in section
    assert "&lt;b&gt;fixed&lt;/b&gt; the node" in html and "<b>fixed</b>" not in html
    assert "Complaint cases" in paths["md"].read_text(encoding="utf-8")


@pytest.mark.parametrize("text, labels", [
    ("ВолнаНет снижает цены на тариф «Гигабит» до 499 рублей", ["price"]),
    ("BlueFiber launches a new fiber plan with a free router", ["promotion", "product"]),
    ("Авария на магистрали: абоненты без связи", ["incident"]),
    ("Outage in the north region", ["incident"]),
    ("Годовое собрание акционеров прошло в Москве", []),
])
def test_competitor_news_is_labelled(text, labels):
    assert news_labels(None, text) == labels


class Row:
    def __init__(self, text, polarity=-0.9):
        self.text, self.polarity, self.url = text, polarity, "https://example.com"


def test_complaints_group_into_named_themes_with_a_trend():
    from reports.themes import complaint_themes

    week = [Row("СеверТелеком опять списал деньги дважды за тариф"), Row("Списали деньги за тариф, которым не пользуюсь"),
            Row("Снова списали деньги, СеверТелеком, верните"),
            Row("Internet is down again, SeverTelecom outage all evening"), Row("SeverTelecom internet down for two days"),
            Row("Ужасный дизайн сайта")]
    previous = [Row("Списали деньги за тариф без предупреждения"), Row("Погода плохая")]
    themes = complaint_themes(week, previous, ["СеверТелеком", "SeverTelecom"])
    assert [t.count for t in themes] == [3, 2]
    money, internet = themes
    assert "деньги" in money.name and "северт" not in money.name.lower()
    assert "internet" in internet.name or "down" in internet.name
    assert money.previous == 1 and money.change == 2 and internet.previous == 0


def test_the_all_time_series_follows_new_verdicts(store, tiny_model):
    """The report caches weekly counts; scoring a mention of a cached week clears it."""
    from reports.weekly import build_weekly_report
    from sentiment import Scorer
    from sentiment.stage import score_mentions

    _, config, engine = store
    year, week, _ = (utcnow() - dt.timedelta(days=1)).isocalendar()
    label = f"{year}-W{week:02d}"

    def series_total():
        row = dict((w, (n, p, u)) for w, n, p, u in build_weekly_report(engine, config.report, config.company, config.competitors, label).weekly_series)[label]
        return sum(row)

    def add_mention(key):
        with Session(engine) as s, s.begin():
            text = f"Новая жалоба на СеверТелеком {key}"
            s.add(Mention(source_id=1, external_id=key, kind="post", url=f"https://forum.example/t/1#{key}",
                          published_at=utcnow() - dt.timedelta(days=1), text=text, entity="СеверТелеком",
                          entity_kind="company", matched_query="q", content_hash=content_hash(text)))

    scorer = Scorer(str(tiny_model))
    assert series_total() == 5 - 1  # the duplicate does not count
    add_mention("a")
    score_mentions(engine, scorer)  # a new model: every mention gets its verdict
    assert series_total() == 6 - 1
    add_mention("b")
    score_mentions(engine, scorer)  # the same model: the cached week must be counted again
    assert series_total() == 7 - 1


def test_a_case_opens_only_for_a_recent_complaint_and_carries_its_date(tmp_path, db_url):
    """A first crawl of a forum's history must not open cases for posts months old."""
    from store.cases import CaseSettings
    from tests.reports.week_store import Store

    store = Store(tmp_path, db_url, extra="[cases]\nopen_within_days = 14")
    now = utcnow()
    fresh = store.say("СеверТелеком списал деньги", when=now - dt.timedelta(days=13), model=MODEL)
    store.say("СеверТелеком: нет интернета", when=now - dt.timedelta(days=15), model=MODEL)
    assert store.config.cases == CaseSettings(open_within_days=14)
    assert open_cases(store.engine, store.config.departments, MODEL, store.config.cases, now) == 1
    [case] = list_cases(store.engine)
    assert case.mention_id == fresh
    assert case.complained_at.replace(microsecond=0) == (now - dt.timedelta(days=13)).replace(microsecond=0)
    listed = CliRunner().invoke(main, ["cases", "-c", str(store.path)]).output
    assert f"{now - dt.timedelta(days=13):%Y-%m-%d}  forum" in listed  # the complaint's date, not the day it was opened


def test_closing_a_case_stamps_it_and_reopening_clears_it(tmp_path, db_url):
    from tests.reports.week_store import Store

    store = Store(tmp_path, db_url)
    store.say("СеверТелеком списал деньги", when=utcnow() - dt.timedelta(days=1))
    open_cases(store.engine, store.config.departments, MODEL)
    closed = update_case(store.engine, 1, status="resolved")
    assert closed.closed_at is not None
    assert update_case(store.engine, 1, note="called back").closed_at == closed.closed_at  # a note does not move it
    assert update_case(store.engine, 1, status="in_progress").closed_at is None


def test_rejecting_a_case_takes_it_out_of_the_cached_all_time_counts(tmp_path, db_url):
    from tests.reports.week_store import WEEK, Store

    store = Store(tmp_path, db_url, report='timezone = "Europe/Moscow"')
    store.say("СеверТелеком списал деньги", case="open")
    store.say("Не наш абонент ругает СеверТелеком", case="open")

    def complaints():
        return dict((w, neg) for w, neg, _, _ in store.report().weekly_series)[WEEK]

    assert complaints() == 2  # counted, and cached
    update_case(store.engine, 2, status="rejected", outcome="не наш абонент")
    assert complaints() == 1
    update_case(store.engine, 2, status="open")
    assert complaints() == 2
