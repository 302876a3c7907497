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
url = "sqlite:///molva.sqlite"
[company]
name = "СеверТелеком"
[departments]
billing = 'счет OR списал* OR billing OR charged'
tech = 'интернет OR outage'
"""


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "molva.toml"
    path.write_text(CONFIG, encoding="utf-8")
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
    assert open_cases(engine, config, MODEL) == 3  # not the praise, not the duplicate
    assert open_cases(engine, config, MODEL) == 0  # idempotent
    cases = {r.text: r for r in list_cases(engine)}
    assert cases["Третий день нет интернета, СеверТелеком молчит"].owner == "tech"
    assert cases["СеверТелеком списал деньги дважды"].owner == "billing"
    assert cases["СеверТелеком списал деньги дважды"].duplicates == 1
    assert cases["Оператор СеверТелеком нагрубил"].owner is None


def test_the_team_records_whose_fault_and_the_outcome(store):
    path, config, engine = store
    open_cases(engine, config, MODEL)
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
    open_cases(engine, config, MODEL)
    with Session(engine) as s, s.begin():
        case = s.scalar(select(ComplaintCase).where(ComplaintCase.owner == "tech"))
        case.status, case.outcome = "resolved", "<b>fixed</b> the node"
    year, week, _ = (utcnow() - dt.timedelta(days=1)).isocalendar()
    paths = write_report(build_weekly_report(engine, config, f"{year}-W{week:02d}"), tmp_path / "out")
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
