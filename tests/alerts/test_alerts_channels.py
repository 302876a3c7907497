"""Telegram, Slack and webhook channels against a real local HTTP peer. Scraped
text is hostile: each channel escapes it for its own markup."""

import pytest

from alerts.base import ChannelConfig, ChannelError, Message
from alerts.slack import SlackChannel
from alerts.telegram import TelegramChannel
from alerts.webhook import WebhookChannel
from tests.alert_peers import HttpPeer

HOSTILE = Message(
    subject="[Molva] negative mention of <b>СеверТелеком</b>",
    text="<script>alert(1)</script> & *bold* _x_ <!channel> нет интернета",
    url="https://forum.example/t/1?a=1&b=<2>#p5",
    kind="negative", key="negative:42",
)


@pytest.fixture
def peer():
    with HttpPeer() as p:
        yield p


def make(cls, name="ch", dry_run=False, **options):
    return cls(ChannelConfig(name=name, kind=cls.kind, options=cls.Options(**options), dry_run=dry_run))


def test_telegram_sends_escaped_html_to_the_bot_api(peer, monkeypatch):
    monkeypatch.setenv("MOLVA_TELEGRAM_BOT_TOKEN", "123:SECRET")
    peer.default = (200, '{"ok": true, "result": {"message_id": 1}}')
    make(TelegramChannel, chat_id="-1001", api_base_url=peer.url).send(HOSTILE)
    [req] = peer.requests
    assert req["path"] == "/bot123:SECRET/sendMessage"
    body = req["json"]
    assert body["chat_id"] == "-1001" and body["parse_mode"] == "HTML"
    assert "<script>" not in body["text"] and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in body["text"]
    assert "<b>[Molva] negative mention of &lt;b&gt;СеверТелеком&lt;/b&gt;</b>" in body["text"]
    assert '<a href="https://forum.example/t/1?a=1&amp;b=&lt;2&gt;#p5">' in body["text"]


def test_telegram_refusals_are_channel_errors_without_the_token(peer, monkeypatch):
    monkeypatch.setenv("MOLVA_TELEGRAM_BOT_TOKEN", "123:SECRET")
    peer.script = [(401, '{"ok": false, "error_code": 401, "description": "Unauthorized"}'),
                   (200, '{"ok": false, "description": "Bad Request: chat not found"}')]
    channel = make(TelegramChannel, chat_id="-1001", api_base_url=peer.url)
    with pytest.raises(ChannelError, match="HTTP 401") as first:
        channel.send(HOSTILE)
    with pytest.raises(ChannelError, match="chat not found") as second:
        channel.send(HOSTILE)
    assert "SECRET" not in str(first.value) + str(second.value)


def test_telegram_without_a_token_says_which_variable(monkeypatch):
    monkeypatch.delenv("MOLVA_TELEGRAM_BOT_TOKEN", raising=False)
    with pytest.raises(ChannelError, match="MOLVA_TELEGRAM_BOT_TOKEN"):
        make(TelegramChannel, chat_id="1", api_base_url="http://127.0.0.1:9").send(HOSTILE)


def test_slack_gets_mrkdwn_with_control_characters_escaped(peer, monkeypatch):
    monkeypatch.setenv("MOLVA_SLACK_WEBHOOK_URL", peer.url + "/services/T0/B0/SECRET")
    make(SlackChannel).send(HOSTILE)
    [req] = peer.requests
    assert req["path"] == "/services/T0/B0/SECRET"
    text = req["json"]["text"]
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text  # no @channel ping smuggled in
    assert "&lt;script&gt;" in text and "<https://forum.example/t/1?a=1&amp;b=&lt;2&gt;#p5|open the mention>" in text


def test_slack_errors_do_not_leak_the_webhook_url(peer, monkeypatch):
    monkeypatch.setenv("MOLVA_SLACK_WEBHOOK_URL", peer.url + "/services/SECRET")
    peer.default = (404, "no_service")
    with pytest.raises(ChannelError, match="HTTP 404") as err:
        make(SlackChannel).send(HOSTILE)
    assert "SECRET" not in str(err.value)


def test_the_webhook_posts_json_with_an_idempotency_key(peer, monkeypatch):
    monkeypatch.setenv("HOOK_TOKEN", "t0k")
    make(WebhookChannel, url=peer.url + "/hook", token_env="HOOK_TOKEN").send(HOSTILE)
    [req] = peer.requests
    assert req["json"] == {"source": "molva", "kind": "negative", "key": "negative:42", "subject": HOSTILE.subject,
                           "text": HOSTILE.text, "url": HOSTILE.url}
    assert req["headers"]["Idempotency-Key"] == "negative:42"
    assert req["headers"]["Authorization"] == "Bearer t0k"


@pytest.mark.parametrize("cls, options", [
    (TelegramChannel, {"chat_id": "1"}), (SlackChannel, {}), (WebhookChannel, {"url": "http://127.0.0.1:9/x"}),
])
def test_dry_run_sends_nothing(peer, cls, options, capsys):
    make(cls, dry_run=True, **options).send(HOSTILE)
    assert peer.requests == [] and "[dry run]" in capsys.readouterr().out


def test_an_unreachable_peer_is_a_channel_error():
    with pytest.raises(ChannelError, match="channel 'ch'"):
        make(WebhookChannel, url="http://127.0.0.1:9/nothing-listens", timeout=2).send(HOSTILE)
