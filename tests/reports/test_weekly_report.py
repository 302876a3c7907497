"""The weekly report tells the truth: weeks on the team's clock, rejected
complaints out of every count, lists that say what they leave out, the week's
quotes, thanks to our people, the sources that failed first, and a CSV a
spreadsheet reads as numbers. On SQLite and PostgreSQL."""

import csv
import datetime as dt
import io

from click.testing import CliRunner
from sqlalchemy import update
from sqlalchemy.orm import Session

from molva.cli import main
from store.corrections import correct
from store.models import ComplaintCase
from store.quotes import list_quotes
from tests.reports.week_store import MONDAY, UTC, WEEK, Store


def section(html: str, name: str) -> str:
    return html.split(f'id="{name}"', 1)[1].split("</section>", 1)[0]


def test_a_week_runs_from_monday_midnight_on_the_teams_clock(tmp_path, db_url):
    late_sunday = Store(tmp_path, db_url, report='timezone = "Europe/Moscow"')
    before = late_sunday.say("СеверТелеком: нет интернета", when=dt.datetime(2026, 11, 15, 22, 0, tzinfo=UTC))  # Mon 01:00 MSK
    after = late_sunday.say("СеверТелеком: снова нет", when=dt.datetime(2026, 11, 22, 21, 30, tzinfo=UTC))  # Mon 00:30 MSK
    report = late_sunday.report()
    assert [m.id for m in report.mentions] == [before]  # W47 in Moscow: from Sunday 21:00 UTC
    assert after in [m.id for m in late_sunday.report("2026-W48").mentions]
    html = late_sunday.written(tmp_path / "out")["html"]
    assert "2026-11-16 01:00" in section(html, "complaints")  # printed on Moscow's clock
    assert "Europe/Moscow" in html.split("</header>")[0]


def test_weeks_are_utc_by_default(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    sunday_night = store.say("СеверТелеком: нет интернета", when=dt.datetime(2026, 11, 15, 22, 0, tzinfo=UTC))
    assert sunday_night not in [m.id for m in store.report().mentions]


def test_a_complaint_the_team_rejected_counts_nowhere(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    not_ours = store.say("Не наш абонент ругает СеверТелеком: списали деньги", polarity=-0.99, reach=10_000, case="rejected")
    store.say("СеверТелеком списал деньги дважды", polarity=-0.7)
    store.say("СеверТелеком опять списал деньги", polarity=-0.6)
    report = store.report()
    assert (report.company.counts.negative, report.company.counts.rejected) == (2, 1)
    assert not_ours not in [m.id for m in report.company.complaints]
    assert report.worst.id != not_ours
    assert not_ours not in [m.id for t in report.themes for m in t.examples]
    assert dict((w, neg) for w, neg, _, _ in report.weekly_series)[WEEK] == 2
    html = store.written(tmp_path / "out")["html"]
    assert "Complaints (2)" in html and "1 rejected by the team, not counted" in section(html, "summary")


def test_a_list_cut_short_says_how_many_more_and_where(tmp_path, db_url):
    store = Store(tmp_path, db_url, report="top_n = 2")
    for i in range(5):
        store.say(f"СеверТелеком жалоба номер {i}", polarity=-0.6 - i / 100)
    html = store.written(tmp_path / "out")["html"]
    complaints = section(html, "complaints")
    assert complaints.count('class="mention negative"') == 2
    assert "…and 3 more — in the CSV" in complaints

    store.configure(report='top_n = 2\nboard_url = "https://molva.example/r/{week}"')
    for i in range(3):
        store.say(f"Спасибо СеверТелеком {i}", "positive")
    assert "…and 1 more — on the board" in section(store.written(tmp_path / "out-b")["html"], "praise")


def test_all_time_tables_say_they_are_all_time(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    store.say("СеверТелеком списал деньги", case="open")
    html = store.written(tmp_path / "out")["html"]
    assert "<h2>Complaint cases by department, all time</h2>" in section(html, "cases")
    assert "<h2>All time: complaints and praise per week</h2>" in section(html, "trend")


def test_the_weeks_quotes_are_the_short_vivid_loud_ones_in_english_and_russian(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    vivid = store.say("Интернет от СеверТелеком как погода: сегодня есть, завтра нет!!!", polarity=-0.9, reach=3000)
    store.say("СеверТелеком списал деньги за тариф, которым я не пользуюсь, и не отвечает", polarity=-0.7)
    long = store.say("СеверТелеком! " + "Очень долго рассказываю. " * 20, polarity=-0.95)
    for language, heading in (("en", "Memorable quotes"), ("ru", "Цитаты недели")):
        store.configure(report=f'language = "{language}"')
        files = store.written(tmp_path / f"out-{language}")
        quotes = section(files["html"], "quotes")
        assert f"<h2>{heading}</h2>" in quotes
        assert "как погода: сегодня есть, завтра нет!!!" in quotes
        assert "Очень долго" not in quotes and "не пользуюсь" not in quotes
        assert f"## {heading}" in files["md"] and "как погода" in files["md"].split(f"## {heading}")[1]
    # The long one is too long to quote, however strong; the plain one too plain.
    assert [q.mention.id for q in store.report().quotes] == [vivid] and long != vivid


def test_the_teams_pick_replaces_the_reports_choice_and_a_dropped_quote_stays_dropped(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    loud = store.say("СеверТелеком, вы издеваетесь?! НИЧЕГО не работает!", polarity=-0.95, reach=900)
    quiet = store.say("СеверТелеком наконец-то починил интернет, спасибо огромное!", "positive", 0.92)
    assert [q.mention.id for q in store.report().quotes][:1] == [loud]
    runner = CliRunner()
    picked = runner.invoke(main, ["quote", "-c", str(store.path), str(quiet)])
    assert picked.exit_code == 0, picked.output
    assert f"a quote of {WEEK}, picked by team" in picked.output
    report = store.report()
    assert [(q.mention.id, q.picked) for q in report.quotes] == [(quiet, True)]
    assert "Picked by the team." in section(store.written(tmp_path / "out")["html"], "quotes")

    for mention in (quiet, loud):
        assert runner.invoke(main, ["quote", "-c", str(store.path), str(mention), "--remove"]).exit_code == 0
    assert [q.mention.id for q in store.report().quotes] == []  # both dropped: the report does not bring them back
    assert runner.invoke(main, ["quote", "-c", str(store.path), "999"]).output.strip().endswith("no mention 999")


def test_quotes_are_kept_week_after_week(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    last = store.say("СеверТелеком, это КОШМАР, а не интернет!", polarity=-0.9, when=MONDAY - dt.timedelta(days=5))
    this = store.say("СеверТелеком, вы лучшие!!! Спасибо!", "positive", 0.95)
    store.report("2026-W46")
    store.report(WEEK)
    assert [(q.week, q.mention_id) for q in list_quotes(store.engine)] == [(WEEK, this), ("2026-W46", last)]
    listed = CliRunner().invoke(main, ["quotes", "-c", str(store.path)])
    assert "2026-W46  mention" in listed.output and "КОШМАР" in listed.output


def test_praise_that_names_our_people_is_theirs_this_week_and_all_time(tmp_path, db_url):
    store = Store(tmp_path, db_url, extra='[team]\nstaff = ["Светлана", "Олег"]')
    store.say("Спасибо Светлане из поддержки СеверТелеком!", "positive")
    store.say("Светланой из СеверТелеком очень довольна", "positive", when=MONDAY - dt.timedelta(days=30))
    store.say("Олегу из СеверТелеком респект, всё настроил", "positive")
    store.say("Светлана из СеверТелеком нагрубила", "negative")  # no thanks
    store.say("Светлая голова у инженеров СеверТелеком", "positive")  # not her name
    thanks = {t.name: (t.week, t.all_time) for t in store.report().staff}
    assert thanks == {"Светлана": (1, 2), "Олег": (1, 1)}
    staff = section(store.written(tmp_path / "out")["html"], "staff")
    assert "<h2>Thanks to our people</h2>" in staff and "Спасибо Светлане" in staff and "нагрубила" not in staff


def test_the_csv_keeps_numbers_numbers_and_opens_in_excel(tmp_path, db_url):
    store = Store(tmp_path, db_url, report='timezone = "Europe/Moscow"')
    complaint = store.say("=HYPERLINK(\"http://evil\") СеверТелеком", polarity=-0.961, reach=1200, case="open")
    with Session(store.engine) as s, s.begin():
        s.execute(update(ComplaintCase).values(owner="billing", outcome="refunded"))
    text = store.written(tmp_path / "out")["csv"]
    assert text.startswith("\ufeff")  # UTF-8 with a BOM: Excel reads Cyrillic
    [row] = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert row["polarity"] == "-0.961" and row["reach"] == "1200" and row["id"] == str(complaint)
    assert row["text"].startswith("'=HYPERLINK")  # text cells are still guarded
    assert (row["case_owner"], row["case_status"], row["case_outcome"]) == ("billing", "open", "refunded")
    assert row["published_at (Europe/Moscow)"] == "2026-11-18 03:00:00"

    store.configure(report='csv_delimiter = ";"')
    [row] = csv.DictReader(io.StringIO(store.written(tmp_path / "out-ru")["csv"][1:]), delimiter=";")
    assert row["polarity"] == "-0,961"  # a decimal comma, where ';' spreadsheets expect one


def test_the_markdown_keeps_case_outcomes_and_heads_the_closed_cases(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    store.say("СеверТелеком списал деньги дважды", case="resolved")
    with Session(store.engine) as s, s.begin():
        s.execute(update(ComplaintCase).values(owner="billing", outcome="refunded, billing bug fixed",
                                               closed_at=MONDAY + dt.timedelta(days=4)))
    md = store.written(tmp_path / "out")["md"]
    complaints = md.split("## Complaints")[1].split("## ")[0]
    assert "refunded, billing bug fixed" in complaints
    closed = md.split("### Cases closed this week")[1]
    assert "#1 resolved (billing): refunded, billing bug fixed" in closed and "took 2 days" in closed


def test_cases_show_the_median_time_from_complaint_to_resolution(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    for days in (1, 2, 10):
        store.say(f"СеверТелеком списал деньги, {days}", case="resolved")
    store.say("СеверТелеком: нет интернета", case="open")
    with Session(store.engine) as s, s.begin():
        for case_id, days in ((1, 1), (2, 2), (3, 10)):
            s.execute(update(ComplaintCase).where(ComplaintCase.id == case_id)
                      .values(owner="billing", closed_at=MONDAY + dt.timedelta(days=2 + days)))
    cases = {c.owner: c for c in store.report().cases}
    assert cases["billing"].median_resolution == dt.timedelta(days=2)
    assert cases["—"].median_resolution is None and cases["—"].open == 1
    assert "<td>2 days</td>" in section(store.written(tmp_path / "out")["html"], "cases")


def test_a_competitors_feed_is_named_after_the_competitor_in_either_language(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    store.say("ВолнаНет снижает цены на тариф", "neutral", entity="ВолнаНет", kind="news", source="ВолнаНет news 1")
    for language, name in (("en", "ВолнаНет news 1"), ("ru", "Новости ВолнаНет 1")):
        store.configure(report=f'language = "{language}"')
        assert "ВолнаНет news 1" in [s.name for s in store.config.sources]  # the store's key stays as it was
        assert name in section(store.written(tmp_path / f"out-{language}")["html"], "competitors")


def test_the_report_opens_with_the_sources_that_failed_and_since_when(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    store.say("СеверТелеком: нет интернета")
    now = MONDAY + dt.timedelta(days=8)
    store.crawl_run({"forum": "ok", "reviews": "ok"}, now - dt.timedelta(days=21))
    store.crawl_run({"forum": "failed", "reviews": "ok"}, now - dt.timedelta(days=14))
    store.crawl_run({"forum": "failed", "reviews": "ok"}, now)
    [failure] = store.report().failures
    assert (failure.source, failure.runs, failure.since) == ("forum", 2, now - dt.timedelta(days=14))
    html = store.written(tmp_path / "out")["html"]
    body = html.split("</header>")[1]
    assert body.index('id="failures"') < body.index('id="summary"')
    assert "failing since 2026-11-10 00:00 UTC (2 runs in a row): HTTP 503" in section(html, "failures")
    assert "Nothing could be read" not in html


def test_when_every_source_failed_the_report_says_so_instead_of_showing_zeros(tmp_path, db_url):
    store = Store(tmp_path, db_url, report='language = "ru"')
    store.crawl_run({"forum": "failed", "ВолнаНет news 1": "failed"})
    report = store.report()
    assert report.nothing_read and report.blind
    files = store.written(tmp_path / "out")
    body = files["html"].split("</header>")[1]
    assert body.lstrip().startswith('<section id="failures"')
    assert "На этой неделе ничего не удалось прочитать: все источники дали сбой." in section(files["html"], "failures")
    for zeros in ('id="summary"', "к прошлой неделе", "На этой неделе нет.", 'id="trend"'):
        assert zeros not in files["html"], zeros
    assert "**На этой неделе ничего не удалось прочитать" in files["md"].split("## ")[0]


def test_a_russian_report_counts_in_natural_russian(tmp_path, db_url):
    """«1 жалобы», «0 похвала», «1 упоминания» were what a manager read."""
    store = Store(tmp_path, db_url, report='language = "ru"')
    store.say("ВолнаНет: опять нет связи", entity="ВолнаНет")
    for n in range(21):
        store.say(f"ВолнаНет молодцы, спасибо {n}", "positive", entity="ВолнаНет")
    store.say("СеверТелеком списал деньги", case="open")
    html = store.written(tmp_path / "out")["html"]
    assert "<h3>ВолнаНет: 22 упоминания, 1 жалоба, 21 похвала</h3>" in section(html, "competitors")
    assert "Обращения по отделам за всё время" in section(html, "cases")  # «обращение», not «дело»
    assert "Обращение #1: открыто" in section(html, "complaints")


def test_verdicts_in_a_language_the_model_was_never_measured_on_are_marked_not_passed_off(tmp_path, db_url):
    store = Store(tmp_path, db_url)
    store.say("СеверТелеком знову списав гроші, жахливий сервіс", lang="uk")
    store.say("SeverTelecom hat mein Geld zweimal abgebucht", lang="de", label="neutral")
    store.say("СеверТелеком списал деньги дважды", lang="ru")
    corrected = store.say("СеверТелеком, дякую, все працює", lang="uk", label="positive")
    correct(store.engine, corrected, "positive", "anna")

    files = store.written(tmp_path / "out")
    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(files["csv"].removeprefix("\ufeff")))}
    assert rows["СеверТелеком знову списав гроші, жахливий сервіс"]["language_measured"] == "no"
    assert rows["SeverTelecom hat mein Geld zweimal abgebucht"]["language"] == "de"
    assert rows["СеверТелеком списал деньги дважды"]["language_measured"] == "yes"
    assert rows["СеверТелеком, дякую, все працює"]["language_measured"] == "yes"  # the team's verdict, not a guess
    # One line says how many verdicts are guesses, and each such mention says so.
    assert "languages the model was not trained or measured on: 2 (de 1, uk 1)" in files["html"]
    assert "languages the model was not trained or measured on: 2 \\(de 1, uk 1\\)" in files["md"]
    assert 'unmeasured-language">uk: the model was not measured in this language' in files["html"]
    assert "ru: the model was not measured" not in files["html"]

    store.configure(extra='[sentiment]\nlanguages = ["ru", "en", "uk", "de"]')
    assert "not trained or measured" not in store.written(tmp_path / "out2")["md"]
