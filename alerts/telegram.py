"""Telegram: a bot posts to a chat through the Bot API's sendMessage."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from alerts.base import Channel, ChannelError, Message, check_timeout, option, post_json


class TelegramChannel(Channel):
    kind = "telegram"
    description = "A Telegram bot posts each alert to a chat (Bot API sendMessage, HTML markup)."

    @dataclass(frozen=True)
    class Options:
        chat_id: str = option(help="the chat: a numeric id (as a string) or @channelname")
        token_env: str = option("MOLVA_TELEGRAM_BOT_TOKEN", help="environment variable holding the bot token")
        api_base_url: str = option("https://api.telegram.org", help="Bot API server (a local one in tests)")
        timeout: float = option(30.0, help="seconds to wait for the API")

        def __post_init__(self):
            if not self.chat_id.strip():
                raise ValueError("chat_id must not be empty")
            if not self.api_base_url.startswith(("http://", "https://")):
                raise ValueError(f"api_base_url must be an http(s) URL, not {self.api_base_url!r}")
            check_timeout(self)

    def render(self, message: Message) -> dict:
        # parse_mode HTML: only <, > and & need escaping, and scraped text gets exactly that.
        parts = [f"<b>{html.escape(message.subject, quote=False)}</b>", html.escape(message.text, quote=False)]
        if message.url:
            words = html.escape(message.link_text or "open the mention", quote=False)
            parts.append(f'<a href="{html.escape(message.url, quote=True)}">{words}</a>')
        return {"chat_id": self.options.chat_id, "text": "\n\n".join(parts)[:4096], "parse_mode": "HTML",
                "disable_web_page_preview": True}

    def send(self, message: Message) -> None:
        payload = self.render(message)
        if self.dry_run:
            print(f"[dry run] telegram to {self.options.chat_id}: {message.subject}")
            return
        token = self.secret("token_env")
        if not token:
            raise ChannelError(f"channel {self.name!r}: the bot token is not set (environment variable {self.options.token_env})")
        url = f"{self.options.api_base_url.rstrip('/')}/bot{token}/sendMessage"
        body = post_json(self.name, url, payload, self.options.timeout)
        try:
            answer = json.loads(body)
        except ValueError:
            raise ChannelError(f"channel {self.name!r}: the Bot API answered something that is not JSON") from None
        if not answer.get("ok"):
            raise ChannelError(f"channel {self.name!r}: Telegram refused: {answer.get('description', 'no reason given')}")
