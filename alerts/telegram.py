"""Telegram: a bot posts to a chat through the Bot API's sendMessage."""

from __future__ import annotations

import html
import json

from alerts.base import Channel, ChannelError, Message, post_json


class TelegramChannel(Channel):
    kind = "telegram"
    description = "A Telegram bot posts each alert to a chat (Bot API sendMessage, HTML markup)."
    options = {
        "chat_id": (str, None, "the chat: a numeric id (as a string) or @channelname"),
        "token_env": (str, "MOLVA_TELEGRAM_BOT_TOKEN", "environment variable holding the bot token"),
        "api_base_url": (str, "https://api.telegram.org", "Bot API server (a local one in tests)"),
        "timeout": (float, 30.0, "seconds to wait for the API"),
    }

    def render(self, message: Message) -> dict:
        # parse_mode HTML: only <, > and & need escaping, and scraped text gets exactly that.
        parts = [f"<b>{html.escape(message.subject, quote=False)}</b>", html.escape(message.text, quote=False)]
        if message.url:
            parts.append(f'<a href="{html.escape(message.url, quote=True)}">open the mention</a>')
        return {"chat_id": self.opts["chat_id"], "text": "\n\n".join(parts)[:4096], "parse_mode": "HTML",
                "disable_web_page_preview": True}

    def send(self, message: Message) -> None:
        if not self.opts["chat_id"]:
            raise ChannelError(f"channel {self.name!r}: no `chat_id`")
        payload = self.render(message)
        if self.dry_run:
            print(f"[dry run] telegram to {self.opts['chat_id']}: {message.subject}")
            return
        token = self.secret("token_env")
        if not token:
            raise ChannelError(f"channel {self.name!r}: the bot token is not set (environment variable {self.opts['token_env']})")
        url = f"{self.opts['api_base_url'].rstrip('/')}/bot{token}/sendMessage"
        body = post_json(self.name, url, payload, self.opts["timeout"])
        try:
            answer = json.loads(body)
        except ValueError:
            raise ChannelError(f"channel {self.name!r}: the Bot API answered something that is not JSON") from None
        if not answer.get("ok"):
            raise ChannelError(f"channel {self.name!r}: Telegram refused: {answer.get('description', 'no reason given')}")
