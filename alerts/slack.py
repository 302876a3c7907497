"""Slack: an incoming webhook posts to a channel, in Slack's mrkdwn."""

from __future__ import annotations

from dataclasses import dataclass

from alerts.base import Channel, ChannelError, Message, check_timeout, option, post_json


def mrkdwn_escape(text: str) -> str:
    # Slack's rule: &, < and > are control characters; nothing else is escaped.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackChannel(Channel):
    kind = "slack"
    description = "Posts each alert to a Slack channel through an incoming webhook."

    @dataclass(frozen=True)
    class Options:
        webhook_env: str = option("MOLVA_SLACK_WEBHOOK_URL",
                                  help="environment variable holding the webhook URL (it is a secret)")
        timeout: float = option(30.0, help="seconds to wait for Slack")

        def __post_init__(self):
            check_timeout(self)

    def render(self, message: Message) -> dict:
        words = mrkdwn_escape(message.link_text or "open the mention").replace("|", "/")
        link = f"\n<{mrkdwn_escape(message.url).replace('|', '%7C')}|{words}>" if message.url else ""
        text = f"*{mrkdwn_escape(message.subject)}*\n{mrkdwn_escape(message.text)}{link}"
        return {"text": text[:3000], "unfurl_links": False, "unfurl_media": False}

    def send(self, message: Message) -> None:
        payload = self.render(message)
        if self.dry_run:
            print(f"[dry run] slack: {message.subject}")
            return
        url = self.secret("webhook_env")
        if not url:
            raise ChannelError(f"channel {self.name!r}: the webhook URL is not set (environment variable {self.options.webhook_env})")
        answer = post_json(self.name, url, payload, self.options.timeout).decode("utf-8", "replace").strip()
        if answer and answer != "ok":
            raise ChannelError(f"channel {self.name!r}: Slack answered {answer[:200]!r}")
