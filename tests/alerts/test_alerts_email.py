"""E-mail alerts against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

import socket

import pytest
from aiosmtpd.controller import Controller

from alerts.base import ChannelError, Message
from alerts.email import EmailChannel
from alerts.base import ChannelConfig


class Catcher:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    catcher = Catcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, catcher
    controller.stop()


def channel(port, **options):
    options = EmailChannel.Options(**{"host": "127.0.0.1", "port": port, "to": ("boss@example.com",), **options})
    return EmailChannel(ChannelConfig(name="mail", kind="email", options=options))


def test_an_alert_arrives_by_smtp(smtp):
    controller, catcher = smtp
    channel(controller.port).send(Message("Negative\r\nBcc: victim@example.com", "Третий день нет интернета", "https://forum.example/t/1#p5"))
    assert len(catcher.messages) == 1
    envelope = catcher.messages[0]
    assert envelope.rcpt_tos == ["boss@example.com"]
    raw = envelope.content.decode()
    headers = raw.split("\r\n\r\n")[0].split("\r\n")
    assert not any(h.startswith("Bcc:") for h in headers)  # no header injection through the subject
    assert "https://forum.example/t/1#p5" in raw


def test_an_unreachable_server_is_a_channel_error():
    with pytest.raises(ChannelError, match="SMTP 127.0.0.1"):
        channel(free_port(), timeout=2.0).send(Message("s", "t"))
