"""Scraped text is hostile. Each payload of this corpus goes through every
output a team sees — the HTML, Markdown and CSV reports, a Telegram, Slack and
webhook message, an e-mail — and comes out inert there."""

import csv
import datetime as dt
import email
import json
import re

import pytest

from alerts.base import ChannelConfig, Message
from alerts.email import EmailChannel
from alerts.slack import SlackChannel
from alerts.telegram import TelegramChannel
from alerts.webhook import WebhookChannel
from reports.render import render_html, render_markdown, write_csv
from reports.weekly import Counts, EntityWeek, MentionRow, WeeklyReport
from tests.faults.hostile import PAYLOADS, URLS

def report(url: str) -> WeeklyReport:
    """A week with one complaint per payload, every field of it hostile, all linking to `url`."""
    rows = [MentionRow(id=n, source=p, kind="post", url=url, title=p, author=p,
                       published_at=dt.datetime(2026, 11, 17, tzinfo=dt.timezone.utc), text=p, entity="Acme",
                       label="negative", polarity=-0.9, reach=10, case_owner=p, case_status="open", case_id=n,
                       case_outcome=p) for n, p in enumerate(PAYLOADS, start=1)]
    company = EntityWeek("Acme", "company", Counts(len(rows), len(rows), 0, 0), Counts(), complaints=rows, praise=[])
    start = dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc)
    return WeeklyReport(week="2026-W47", start=start, end=start + dt.timedelta(days=7), language="en", model_id="m",
                        company=company, competitors=[], per_source=[(p, 1, 1, 0) for p in PAYLOADS],
                        weekly_series=[("2026-W47", 1, 0, 0)], best=None, worst=rows[0], coverage=[], last_run=None,
                        mentions=rows)


def channel(cls, **options):
    return cls(ChannelConfig(name="c", kind=cls.kind, options=cls.Options(**options)))


@pytest.mark.parametrize("url", URLS)
def test_every_payload_is_inert_in_every_report_format(tmp_path, url):
    r = report(url)
    html = render_html(r)
    for active in ("<script>alert", "<img src=x", "<svg/", "<iframe", "onerror=alert(1)>", 'href="javascript:',
                   'href="data:', 'href=" javascript', "\u202e", "\x00", "\x1b"):
        assert active not in html, active
    assert "{{ 7*7 }}" in html  # printed, not evaluated
    md = render_markdown(r)
    assert "](javascript:" not in md and "](data:" not in md and "\u202e" not in md and "\x00" not in md
    # markup only as escaped text; the one raw "<" opens our own link destination, "](<"
    assert not re.search(r"(?<!\\)(?<!\]\()<(script|img|svg|iframe|!channel|https)", md)
    for line in md.splitlines():
        if "](<" in line:
            link = line[line.index("](<") + 3:]
            assert link.count(">") == 1 and link.endswith(">)"), line  # nothing escapes the link destination
    path = tmp_path / "w.csv"
    write_csv(r, path)
    for cell in (cell for row in list(csv.reader(path.open(encoding="utf-8-sig")))[1:] for cell in row):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) and "\x00" not in cell and "\x07" not in cell
        if cell.startswith("-"):
            float(cell)  # only a number may start with a minus


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_is_inert_in_every_alert_channel(payload):
    message = Message(subject=payload, text=payload, url="https://x.example/t?a=1&b=<2>")
    telegram = channel(TelegramChannel, chat_id="1").render(message)["text"]
    assert "<script" not in telegram and "<img" not in telegram and "<svg" not in telegram and "<iframe" not in telegram
    assert telegram.count("<a href=") == 1 and telegram.count("<b>") == 1
    slack = channel(SlackChannel).render(message)["text"]
    assert "<!channel>" not in slack and "<@U123>" not in slack and "<https://evil" not in slack
    hook = channel(WebhookChannel, url="https://h.example/").render(message)
    assert json.loads(json.dumps(hook))["text"] == payload  # data, not markup


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_cannot_add_an_e_mail_header(payload, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, mail):
            sent.append(mail.as_bytes())

    monkeypatch.setattr("smtplib.SMTP", FakeSMTP)
    channel(EmailChannel, to=("boss@example.com",)).send(Message(subject=payload, text=payload))
    parsed = email.message_from_bytes(sent[0])
    assert parsed.get_all("Bcc") is None and parsed["To"] == "boss@example.com"
    assert len(parsed.get_all("Subject")) == 1
