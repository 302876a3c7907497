"""The outbox: every alert goes out once per channel, whatever fails, and a
failing channel is retried later without holding up the others."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.outbox import backoff, build_channels, digest_message, queue_messages, queue_negative, send_pending
from alerts.triggers import find_spikes, health_alerts, spike_alerts
from store.models import AlertRecord, Run, RunSource, Source
from tests.alert_peers import HttpPeer
from tests.alerts.outbox_setup import MODEL, NOW, add_negatives, write_config


@pytest.fixture
def peers():
    with HttpPeer() as a, HttpPeer() as b:
        yield a, b


def test_each_alert_goes_out_once_per_channel_however_often_the_stage_runs(tmp_path, peers, db_url):
    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url)
    channels = build_channels(config.channels)
    add_negatives(engine, 3)
    for _ in range(3):
        queue_negative(engine, config.alerts, channels, MODEL)
        send_pending(engine, channels)
    assert len(a.requests) == len(b.requests) == 3
    assert sorted(r["json"]["key"] for r in a.requests) == ["negative:1", "negative:2", "negative:3"]


def test_a_run_killed_right_after_sending_does_not_send_again(tmp_path, peers, db_url):
    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url)
    channels = build_channels(config.channels)[:1]
    add_negatives(engine, 2)
    queue_negative(engine, config.alerts, channels, MODEL)

    class Killed(BaseException):
        """What a SIGKILL looks like from inside: nothing after this line runs."""

    real_send = channels[0].send

    def send_then_die(message):
        real_send(message)
        raise Killed

    channels[0].send = send_then_die
    with pytest.raises(Killed):
        send_pending(engine, channels)
    assert len(a.requests) == 1

    channels[0].send = real_send  # the next run
    counts = send_pending(engine, channels)["a"]
    assert len(a.requests) == 2  # the second alert; the first is not sent twice
    assert counts == {"sent": 1, "failed": 0, "waiting": 0, "unconfirmed": 1}
    with Session(engine) as s:
        assert sorted(s.scalars(select(AlertRecord.status))) == ["sent", "unconfirmed"]


def test_a_failing_channel_is_retried_later_and_does_not_stop_the_other(tmp_path, peers, db_url):
    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url)
    channels = build_channels(config.channels)
    add_negatives(engine, 2)
    queue_negative(engine, config.alerts, channels, MODEL)
    a.script = [(503, "maintenance")]
    first = send_pending(engine, channels, now=NOW, echo=lambda *_: None)
    assert first["a"]["sent"] == 0 and first["a"]["failed"] == 2
    assert first["b"]["sent"] == 2  # the other channel went on
    with Session(engine) as s:
        failed = s.scalar(select(AlertRecord).where(AlertRecord.channel == "a", AlertRecord.status == "failed"))
        assert "HTTP 503" in failed.last_error and failed.attempts == 1

    soon = send_pending(engine, channels, now=NOW + dt.timedelta(minutes=1))  # inside the back-off
    assert soon["a"] == {"sent": 1, "failed": 0, "waiting": 1, "unconfirmed": 0}  # the untried one went
    later = send_pending(engine, channels, now=NOW + backoff(1) + dt.timedelta(seconds=1))
    assert later["a"]["sent"] == 1
    assert sorted(r["json"]["key"] for r in a.requests[1:]) == ["negative:1", "negative:2"]
    assert len(b.requests) == 2


def test_backoff_doubles_up_to_a_day():
    assert [backoff(n) for n in (1, 2, 3)] == [dt.timedelta(minutes=m) for m in (10, 20, 40)]
    assert backoff(30) == dt.timedelta(days=1)


def test_digest_mode_sends_one_message_with_the_worst_first(tmp_path, peers, db_url):
    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url, digest=True, digest_top=3)
    channels = build_channels(config.channels)[:1]
    add_negatives(engine, 5)
    queue_negative(engine, config.alerts, channels, MODEL)
    send_pending(engine, channels, digest_top=config.alerts.digest_top)
    [req] = a.requests
    body = req["json"]
    assert body["kind"] == "digest" and body["subject"] == "[Molva] 5 negative mentions"
    assert body["text"].count("• ") == 3 and "… and 2 more" in body["text"]
    assert body["text"].index("жалоба 4") < body["text"].index("жалоба 3")  # most negative first
    send_pending(engine, channels, digest_top=3)
    assert len(a.requests) == 1  # all five are marked sent


def test_spikes_are_found_in_a_burst_and_not_in_flat_or_noisy_series():
    today = dt.date(2026, 11, 20)
    days = [today - dt.timedelta(days=i) for i in range(40)]
    flat = {d: 4 for d in days}
    noisy = {d: 3 + (i * 7) % 5 for i, d in enumerate(days)}  # 3..7, no trend
    burst = {**noisy, today - dt.timedelta(days=2): 30}
    args = dict(k=3.0, min_count=5, baseline_days=28, window_days=7)
    assert find_spikes(flat, today, **args) == []
    assert find_spikes(noisy, today, **args) == []
    [spike] = find_spikes(burst, today, **args)
    assert spike.day == today - dt.timedelta(days=2) and spike.count == 30
    # a small absolute bump over a zero baseline is not a spike below min_count
    assert find_spikes({today: 3}, today, **args) == []


def test_a_spike_in_the_store_alerts_once(tmp_path, peers, db_url):
    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url, spike_min_count=5)
    channels = build_channels(config.channels)[:1]
    for day in range(1, 29):
        add_negatives(engine, 1, when=NOW - dt.timedelta(days=day), start=day * 100)
    add_negatives(engine, 12, when=NOW - dt.timedelta(minutes=5), start=10_000)
    spikes = spike_alerts(engine, config.alerts, config.entities, MODEL, now=NOW)
    assert len(spikes) == 1 and spikes[0].kind == "spike" and "12 negative mentions" in spikes[0].subject
    assert queue_messages(engine, channels, spikes) == 1
    assert queue_messages(engine, channels, spike_alerts(engine, config.alerts, config.entities, MODEL, now=NOW)) == 0  # once


def test_a_failing_and_a_silent_source_raise_health_alerts(tmp_path, peers, db_url):
    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url, failing_runs=2, silent_days=3)
    with Session(engine) as s, s.begin():
        source = Source(key="forum", kind="forum", url="https://forum.example/t/1")
        s.add(source)
        s.flush()
        for days_ago in (6, 5):
            run = Run(command="run", started_at=NOW - dt.timedelta(days=days_ago), status="partial")
            s.add(run)
            s.flush()
            s.add(RunSource(run_id=run.id, source_id=source.id, status="failed",
                            errors=[{"url": "https://forum.example/t/1", "reason": "HTTP 404 Not Found"}]))
    kinds = sorted(m.key.split(":")[1] for m in health_alerts(engine, config.alerts, [s.name for s in config.sources], now=NOW))
    assert kinds == ["failing", "silent"]
    [failing] = [m for m in health_alerts(engine, config.alerts, [s.name for s in config.sources], now=NOW) if "failing" in m.key]
    assert "HTTP 404 Not Found" in failing.text


def test_undelivered_alerts_show_in_the_report_and_status(tmp_path, peers, db_url):
    from molva.status import print_status
    from reports.render import write_report
    from reports.weekly import build_weekly_report
    from store.repo import last_complete_week

    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url)
    channels = build_channels(config.channels)
    add_negatives(engine, 1)
    queue_negative(engine, config.alerts, channels, MODEL)
    a.default = (500, "<b>boom</b>")
    send_pending(engine, channels, echo=lambda *_: None)
    paths = write_report(build_weekly_report(engine, config.report, config.company, config.competitors, last_complete_week()), tmp_path / "report")
    html = paths["html"].read_text(encoding="utf-8")
    section = html.split('id="coverage"')[1]
    assert "Alerts not delivered" in section and "HTTP 500" in section
    assert "<b>boom</b>" not in section and "&lt;b&gt;boom&lt;/b&gt;" in section  # a peer's answer is text too
    lines = []
    print_status(config, 5, lines.append)
    assert any(line.startswith("alerts failed on a: 1; channel 'a': HTTP 500") and "next try after" in line for line in lines)


def test_molva_alert_killed_while_a_message_is_in_flight_never_sends_it_twice(tmp_path, peers, db_url):
    import os
    import signal
    import subprocess
    import sys
    import time

    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url)
    path = config.path
    path.write_text(path.read_text(encoding="utf-8").replace('name = "b"', 'name = "b"\nenabled = false'), encoding="utf-8")
    add_negatives(engine, 2)
    a.delay = 30  # the first message arrives; its answer never does: the process is killed first
    cmd = [sys.executable, "-m", "molva.cli", "alert", "-c", str(path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not a.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(a.requests) == 1
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    a.delay = 0
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "1 sent" in again.stdout and "1 unconfirmed" in again.stdout
    keys = [r["json"]["key"] for r in a.requests]
    assert sorted(keys) == ["negative:1", "negative:2"]  # each once, the in-flight one not again


def test_alerts_speak_the_reports_language_on_the_teams_clock(tmp_path, peers, db_url):
    from alerts.wording import AlertWording

    a, b = peers
    config, engine = write_config(tmp_path, db_url, a.url, b.url, digest=True, digest_top=1)
    channels = build_channels(config.channels)[:1]
    russian = AlertWording("ru", "Europe/Moscow")
    for day in range(1, 29):
        add_negatives(engine, 1, when=NOW - dt.timedelta(days=day), start=day * 100)
    add_negatives(engine, 22, when=NOW - dt.timedelta(minutes=5), start=10_000)
    [spike] = spike_alerts(engine, config.alerts, config.entities, MODEL, now=NOW, wording=russian)
    assert spike.subject == f"[Molva] Всплеск негатива: СеверТелеком, {NOW:%Y-%m-%d} — 22 негативных упоминания"
    assert "за предыдущие 28 дней" in spike.text

    queue_negative(engine, config.alerts, channels, MODEL, wording=russian)
    send_pending(engine, channels, digest_top=None, echo=lambda *_: None)
    first = a.requests[0]["json"]
    assert first["subject"] == "[Molva] Негативное упоминание: СеверТелеком, forum"
    moscow = NOW - dt.timedelta(days=1) + dt.timedelta(hours=3)  # "жалоба 100", a day ago, on Moscow's clock
    assert first["text"].startswith(f"СеверТелеком · forum · — · {moscow:%Y-%m-%d %H:%M} MSK · оценка -0.90")

    queue_messages(engine, channels, [spike])
    with Session(engine) as s:
        records = list(s.scalars(select(AlertRecord).where(AlertRecord.kind == "negative").limit(4)))
        digest = digest_message(s, records + list(s.scalars(select(AlertRecord).where(AlertRecord.kind == "spike"))), 1,
                                russian)
    assert digest.subject == "[Molva] 4 негативных упоминания, 1 всплеск"
    assert "… и ещё 4: см. еженедельный отчёт" in digest.text
