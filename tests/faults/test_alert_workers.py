"""Many senders, one outbox: `molva alert` started at once by several workers
(cron on two hosts sharing one PostgreSQL store, or a manager's manual run
beside cron) delivers every alert exactly once; a channel that breaks in any
way costs only its own alerts, and no error text carries a secret."""

import subprocess
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.outbox import build_channels, queue_negative, send_pending
from molva.config import load_config
from molva.status import print_status
from store.models import AlertRecord, Run
from store.repo import finish_run, start_run
from tests.alert_peers import HttpPeer
from tests.alerts.outbox_setup import MODEL, add_negatives, write_config


def test_concurrent_alert_workers_deliver_each_alert_exactly_once(tmp_path, db_url):
    with HttpPeer() as a, HttpPeer() as b:
        a.delay = b.delay = 0.02  # slow enough for the workers' sends to overlap
        config, engine = write_config(tmp_path, db_url, a.url, b.url)
        add_negatives(engine, 19)
        queue_negative(engine, config.alerts, build_channels(config.channels), MODEL)
        cmd = [sys.executable, "-m", "molva", "alert", "-c", str(config.path)]
        workers = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(4)]
        outputs = [w.communicate(timeout=300)[0] for w in workers]
        assert all(w.returncode == 0 for w in workers), outputs
    with Session(engine) as s:
        queued = sorted(s.scalars(select(AlertRecord.key).where(AlertRecord.channel == "a")))
    assert len(queued) == 20  # 19 negatives and the spike they make
    for peer in (a, b):
        keys = sorted(r["json"]["key"] for r in peer.requests)
        assert keys == queued, f"duplicates or losses: {len(keys)} sent for {len(queued)} alerts"
    with Session(engine) as s:
        left = [(r.status, r.last_error) for r in s.scalars(select(AlertRecord)) if r.status != "sent"]
        assert not left, left


def test_a_broken_channel_costs_only_its_own_alerts(tmp_path, db_url, monkeypatch):
    """A Slack webhook URL without a scheme used to raise outside the channel's
    error handling: the channels after it were never tried and one alert per run
    was left `sending`, then lost as `unconfirmed`."""
    monkeypatch.setenv("MOLVA_SLACK_WEBHOOK_URL", "hooks.slack.example/services/T000/B000/SECRETxyz")
    with HttpPeer() as a, HttpPeer() as b:
        config, engine = write_config(tmp_path, db_url, a.url, b.url)
        path = config.path
        text = path.read_text(encoding="utf-8")
        first_channel = text.index("[[alerts.channels]]")
        path.write_text(text[:first_channel] + '[[alerts.channels]]\nname = "slack"\nkind = "slack"\n' + text[first_channel:],
                        encoding="utf-8")
        config = load_config(path)
        add_negatives(engine, 3)
        channels = build_channels(config.channels)
        queue_negative(engine, config.alerts, channels, MODEL)
        counts = send_pending(engine, channels, echo=lambda *_: None)
        assert counts["slack"]["failed"] == 3 and counts["a"]["sent"] == counts["b"]["sent"] == 3
        assert len(a.requests) == len(b.requests) == 3
    with Session(engine) as s:
        slack = s.scalars(select(AlertRecord).where(AlertRecord.channel == "slack")).all()
        assert {r.status for r in slack} <= {"failed", "pending"}  # waiting for the next run, not lost
        errors = "".join(r.last_error or "" for r in slack)
        assert "malformed" in errors and "SECRETxyz" not in errors and "hooks.slack" not in errors


def test_a_token_echoed_back_by_the_server_is_masked_everywhere(tmp_path, db_url, monkeypatch):
    monkeypatch.setenv("MOLVA_TELEGRAM_BOT_TOKEN", "123456:SECRET-bot-token")
    with HttpPeer() as bot, HttpPeer() as b:
        bot.default = (404, "Cannot POST /bot123456:SECRET-bot-token/sendMessage")
        config, engine = write_config(tmp_path, db_url, b.url, b.url)
        path = config.path
        path.write_text(path.read_text(encoding="utf-8") + f'[[alerts.channels]]\nname = "tg"\nkind = "telegram"\n'
                        f'chat_id = "-100"\napi_base_url = "{bot.url}"\n', encoding="utf-8")
        config = load_config(path)
        add_negatives(engine, 1)
        channels = build_channels(config.channels)
        queue_negative(engine, config.alerts, channels, MODEL)
        printed = []
        send_pending(engine, channels, echo=printed.append)
        run = start_run(engine, "alert")
        finish_run(engine, run, "failed", "alert: channel 'tg': Cannot POST /bot123456:SECRET-bot-token/sendMessage")
        status = []
        print_status(config, 5, status.append)
    with Session(engine) as s:
        stored = [r.last_error for r in s.scalars(select(AlertRecord).where(AlertRecord.channel == "tg"))]
        stored += [r.error for r in s.scalars(select(Run))]
    everything = "\n".join([*printed, *status, *stored])
    assert "HTTP 404" in everything and "***" in everything
    assert "SECRET-bot-token" not in everything
