"""The weekly report reaches the team: e-mail gets all of it (the HTML inline
with its charts, the Markdown as the text, the CSV attached), a chat or
webhook a summary; each channel once a week, however often the job runs, and
never folded into an alert digest."""

import csv
import datetime as dt
import io
import socket
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from molva.cli import main
from store.models import utcnow
from tests.alert_peers import HttpPeer
from tests.reports.week_store import WEEK, Store


class Catcher:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    catcher = Catcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, catcher.messages
    controller.stop()


def channels(smtp_port: int, hook: str) -> str:
    return f"""
[[alerts.channels]]
name = "team mail"
kind = "email"
host = "127.0.0.1"
port = {smtp_port}
to = ["support-team@example.com"]
[[alerts.channels]]
name = "team chat"
kind = "webhook"
url = "{hook}"
"""


@pytest.fixture
def week(tmp_path, db_url, smtp):
    port, mails = smtp
    with HttpPeer() as hook:
        store = Store(tmp_path, db_url, report='deliver = ["team mail", "team chat"]\nboard_url = "https://molva.example/r/{week}"',
                      extra=channels(port, hook.url) + "\n[alerts]\ndigest = true\n")
        store.say("СеверТелеком списал деньги дважды, верните деньги!", polarity=-0.9)
        store.say("СеверТелеком опять списал деньги, верните", polarity=-0.7)
        store.say("Спасибо СеверТелеком, всё починили за час!", "positive", 0.9)
        yield store, mails, hook


def deliver(store):
    result = CliRunner().invoke(main, ["report", "-c", str(store.path), "--week", WEEK, "--deliver",
                                       "-o", str(store.path.parent / "out")])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_team_gets_the_whole_report_by_email(week):
    store, mails, _ = week
    assert "report 2026-W47 → team mail: sent" in deliver(store)
    [mail] = mails
    assert mail["Subject"] == "[Molva] Weekly report 2026-W47: СеверТелеком — 2 complaints, 1 praise"
    assert mail["To"] == "support-team@example.com"
    text = mail.get_body(("plain",)).get_content()
    assert text.startswith("# Molva weekly report: СеверТелеком, 2026-W47") and "## Complaints (2)" in text
    html = mail.get_body(("html",)).get_content()
    assert 'id="quotes"' in html and 'id="complaints"' in html
    assert "data:image" not in html  # mail clients block data: images: the charts travel as parts
    images = {part["Content-ID"].strip("<>") for part in mail.walk() if part.get_content_type() == "image/png"}
    assert images and all(f'src="cid:{cid}"' in html for cid in images)
    [attached] = list(mail.iter_attachments())
    assert (attached.get_filename(), attached.get_content_type()) == ("report-2026-W47.csv", "text/csv")
    table = attached.get_payload(decode=True).decode("utf-8")
    assert table.startswith("\ufeffid,")
    assert len(list(csv.DictReader(io.StringIO(table[1:])))) == 3


def test_a_chat_gets_a_summary_with_the_link_and_each_channel_gets_each_week_once(week):
    store, mails, hook = week
    deliver(store)
    [post] = [r["json"] for r in hook.requests]
    assert (post["kind"], post["key"]) == ("report", "report:2026-W47")
    assert "Complaints 2 (+2)" in post["text"] and "Worst event of the week: «СеверТелеком списал деньги дважды" in post["text"]
    assert "Themes: верните, деньги, списал (2)" in post["text"]
    assert post["text"].endswith("The whole report: https://molva.example/r/2026-W47")

    again = deliver(store)
    assert "queued by an earlier run" in again
    assert len(mails) == 1 and len(hook.requests) == 1


def test_the_report_is_never_folded_into_an_alert_digest(week):
    from alerts.outbox import build_channels, queue_negative

    store, _, hook = week
    store.say("СеверТелеком: третий день нет интернета", when=utcnow() - dt.timedelta(hours=2))
    queue_negative(store.engine, store.config.alerts, build_channels(store.config.channels), "test-model@0")
    deliver(store)
    kinds = sorted(r["json"]["kind"] for r in hook.requests)
    assert kinds == ["digest", "report"]


def test_a_russian_team_gets_it_in_russian(week):
    store, mails, hook = week
    text = store.path.read_text(encoding="utf-8").replace("[report]\n", '[report]\nlanguage = "ru"\n')
    store.path.write_text(text, encoding="utf-8")
    deliver(store)
    assert mails[0]["Subject"] == "[Molva] Отчёт за неделю 2026-W47: СеверТелеком — 2 жалобы, 1 похвала"
    assert "Жалобы 2 (+2)" in hook.requests[0]["json"]["text"]
