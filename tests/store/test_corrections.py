"""The team's corrections: a mention relabelled by a person counts over the
model's verdict in the report (counts, lists, themes, all-time chart), in the
alerts and in the cases, and stays through a rescore."""

import datetime as dt

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.outbox import queue_negative
from alerts.settings import AlertSettings
from alerts.triggers import negative_counts_by_day
from molva.cli import main
from molva.config import load_config
from molva.pipelines import content_hash
from reports.render import render_html, render_markdown
from reports.weekly import build_weekly_report
from store import connect, migrate
from store.cases import list_cases, open_cases
from store.corrections import MentionNotFound, correct, training_rows
from store.models import AlertRecord, ComplaintCase, Correction, Mention, Sentiment, Source, utcnow
from store.repo import iso_week

MODEL = "test-model@0"
WHEN = utcnow().replace(hour=12, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
WEEK = iso_week(WHEN)
TEXTS = {  # text → the model's verdict
    "СеверТелеком опять без интернета третий день": "negative",
    "СеверТелеком списал деньги дважды": "negative",
    "Северный ветер телеком-вышку повалил, СеверТелеком тут ни при чём": "negative",  # not about us, really
    "Спасибо СеверТелеком, быстро починили": "positive",
    "СеверТелеком, ну спасибо, опять всё лежит": "positive",  # sarcasm: a complaint
    "СеверТелеком открыл офис на Ленина": "neutral",
}


@pytest.fixture
def store(db_url, tmp_path):
    path = tmp_path / "molva.toml"
    path.write_text(f"""
[store]
url = "{db_url}"
[company]
name = "СеверТелеком"
[departments]
tech = 'интернет OR лежит'
billing = 'списал*'
""", encoding="utf-8")
    config = load_config(path)
    engine = connect(config.database_url)
    migrate(engine)
    ids = {}
    with Session(engine) as s, s.begin():
        source = Source(key="forum", kind="forum", url="https://forum.example/t/1")
        s.add(source)
        s.flush()
        for n, (text, label) in enumerate(TEXTS.items(), start=1):
            m = Mention(source_id=source.id, external_id=str(n), kind="post", url=f"https://forum.example/t/1#p{n}",
                        published_at=WHEN, text=text, entity="СеверТелеком", entity_kind="company",
                        matched_query="q", content_hash=content_hash(text))
            s.add(m)
            s.flush()
            polarity = {"negative": -0.9, "positive": 0.9, "neutral": 0.0}[label]
            s.add(Sentiment(mention_id=m.id, model_id=MODEL, label=label, score=0.9, polarity=polarity))
            ids[text] = m.id
    yield path, config, engine, ids
    engine.dispose()


def mention_id(ids, start):
    return next(i for text, i in ids.items() if text.startswith(start))


def report(config, engine):
    return build_weekly_report(engine, config.report, config.company, list(config.competitors), WEEK)


def test_a_correction_changes_the_weeks_complaints_and_survives_a_rescore(store, tiny_model):
    from sentiment import Scorer
    from sentiment.stage import score_mentions

    _, config, engine, ids = store
    before = report(config, engine)
    assert before.company.counts.negative == 3 and before.company.counts.mentions == 6
    assert dict((w, n) for w, n, _, _ in before.weekly_series)[WEEK] == 3  # the chart's week is now cached

    windy, sarcasm = mention_id(ids, "Северный"), mention_id(ids, "СеверТелеком, ну")
    correct(engine, windy, "irrelevant", "anna", "про погоду")
    correct(engine, sarcasm, "negative", "boris")

    after = report(config, engine)
    assert after.company.counts.negative == 3 and after.company.counts.positive == 1
    assert after.company.counts.mentions == 5  # "not about us" counts nowhere
    assert [m.id for m in after.company.complaints][0] == sarcasm  # the team is sure: most negative
    assert windy not in [m.id for m in after.mentions]
    assert dict((w, (n, p)) for w, n, p, _ in after.weekly_series)[WEEK] == (3, 1)  # the cached week was cleared
    assert sum(t.count for t in after.themes) <= 3

    score_mentions(engine, Scorer(str(tiny_model)), rescore=True)  # a new model: new verdicts everywhere...
    rescored = report(config, engine)
    with Session(engine) as s:
        tiny = {m: label for m, label in s.execute(select(Sentiment.mention_id, Sentiment.label)
                                                   .where(Sentiment.model_id != MODEL))}
        assert s.scalar(select(Correction.label).where(Correction.mention_id == sarcasm)) == "negative"
    uncorrected = [i for i in ids.values() if i not in (windy, sarcasm)]
    expected = sum(tiny[i] == "negative" for i in uncorrected) + 1  # ...but the team's still stand
    assert rescored.model_id != MODEL and rescored.company.counts.negative == expected
    assert sarcasm in [m.id for m in rescored.company.complaints] and windy not in [m.id for m in rescored.mentions]


def test_alerts_follow_the_team(store):
    _, config, engine, ids = store

    class Channel:
        name = "hook"

    correct(engine, mention_id(ids, "СеверТелеком опять"), "neutral", "anna")  # the model's complaint: not one
    correct(engine, mention_id(ids, "СеверТелеком, ну"), "negative", "anna")  # the model's praise: a complaint
    correct(engine, mention_id(ids, "Северный"), "irrelevant", "anna")
    assert queue_negative(engine, AlertSettings(), [Channel()], MODEL) == 2
    with Session(engine) as s:
        keys = set(s.scalars(select(AlertRecord.key)))
    assert keys == {f"negative:{mention_id(ids, 'СеверТелеком, ну')}", f"negative:{mention_id(ids, 'СеверТелеком списал')}"}
    assert sum(negative_counts_by_day(engine, MODEL, "СеверТелеком", WHEN - dt.timedelta(days=1)).values()) == 2


def test_cases_follow_the_team(store):
    _, config, engine, ids = store
    assert open_cases(engine, config.departments, MODEL) == 3
    windy, sarcasm = mention_id(ids, "Северный"), mention_id(ids, "СеверТелеком, ну")

    done = correct(engine, windy, "irrelevant", "anna")
    case = next(c for c in list_cases(engine, status=None) if c.id == done.case_id)
    assert (case.status, case.outcome) == ("rejected", "not about us")

    done = correct(engine, sarcasm, "negative", "anna", departments=config.departments)
    assert done.before == "positive" and done.model_label == "positive" and done.case_status == "open"
    with Session(engine) as s:
        assert s.scalar(select(ComplaintCase.owner).where(ComplaintCase.mention_id == sarcasm)) == "tech"
    assert open_cases(engine, config.departments, MODEL) == 0  # the irrelevant one is not opened again


def test_a_fresh_store_opens_no_case_for_a_mention_that_is_not_about_us(store):
    _, config, engine, ids = store
    correct(engine, mention_id(ids, "Северный"), "irrelevant", "anna")
    assert open_cases(engine, config.departments, MODEL) == 2


def test_the_report_prints_the_models_agreement_with_the_team(store):
    _, config, engine, ids = store
    assert report(config, engine).agreement is None
    correct(engine, mention_id(ids, "СеверТелеком опять"), "negative", "anna")  # agrees
    correct(engine, mention_id(ids, "СеверТелеком, ну"), "negative", "anna")  # disagrees
    correct(engine, mention_id(ids, "Северный"), "irrelevant", "anna")  # no sentiment: not counted
    r = report(config, engine)
    # gold negative, negative; predicted negative, positive: F1(negative) = 2/3, and only negative is present
    assert r.agreement.corrected == 2 and r.agreement.macro_f1 == pytest.approx(2 / 3)
    assert "macro-F1 0.67 (corrected mentions: 2)" in render_html(r)
    assert "macro\\-F1 0\\.67 \\(corrected mentions: 2\\)" in render_markdown(r)


def test_a_correction_is_checked(store):
    _, _, engine, ids = store
    with pytest.raises(ValueError, match="label must be one of"):
        correct(engine, 1, "angry", "anna")
    with pytest.raises(MentionNotFound, match="no mention 999"):
        correct(engine, 999, "neutral", "anna")


def test_molva_label_records_who_and_corrections_become_training_rows(store, tmp_path):
    path, _, engine, ids = store
    runner = CliRunner()
    sarcasm = mention_id(ids, "СеверТелеком, ну")
    result = runner.invoke(main, ["label", "-c", str(path), str(sarcasm), "negative", "--note", "сарказм", "--by", "vera"])
    assert result.exit_code == 0, result.output
    assert f"#{sarcasm}: positive → negative (by vera; the model says positive); case #" in result.output
    result = runner.invoke(main, ["label", "-c", str(path), str(mention_id(ids, "Северный")), "irrelevant"])
    assert result.exit_code == 0 and "negative → irrelevant" in result.output
    with Session(engine) as s:
        row = s.scalar(select(Correction).where(Correction.mention_id == sarcasm))
        assert (row.label, row.corrected_by, row.note) == ("negative", "vera", "сарказм")
    assert runner.invoke(main, ["label", "-c", str(path), "999", "neutral"]).output.strip() == "Error: no mention 999"
    assert runner.invoke(main, ["label", "-c", str(path), "1", "angry"]).exit_code == 2
    assert training_rows(engine) == [("СеверТелеком, ну спасибо, опять всё лежит", "negative")]


def test_molva_model_train_adds_the_corrections(store, tiny_model, tmp_path):
    import json

    path, _, engine, ids = store
    for text in TEXTS:
        correct(engine, ids[text], "negative" if "спасибо" not in text else "positive", "anna")
    out = tmp_path / "trained"
    result = CliRunner().invoke(main, ["model", "train", "--corrections", "-c", str(path), "--base", str(tiny_model),
                                       "--epochs", "1", "--holdout", "0", "--no-onnx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "adding 6 corrected mention(s) from the store" in result.output
    record = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert [(f["file"], f["rows"]) for f in record["train_files"]] == [("corrections.csv", 6)]
