"""A generic JSON webhook: one POST per alert, for chat bridges, ticket systems
and anything else that takes JSON."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from alerts.base import Channel, ChannelError, Message, check_timeout, option, post_json


class WebhookChannel(Channel):
    kind = "webhook"
    description = "POSTs each alert as JSON ({kind, key, subject, text, url}) to a URL."

    @dataclass(frozen=True)
    class Options:
        url: str = option(help="where to POST")
        token_env: str | None = option(None, help="environment variable holding a bearer token, sent as Authorization")
        timeout: float = option(30.0, help="seconds to wait for the server")

        def __post_init__(self):
            if not self.url.startswith(("http://", "https://")):
                raise ValueError(f"url must be an http(s) URL, not {self.url!r}")
            check_timeout(self)

    def render(self, message: Message) -> dict:
        # JSON carries the text as data: no markup, nothing to escape beyond JSON's own.
        return {"source": "molva", "kind": message.kind, "key": message.key, "subject": message.subject,
                "text": message.text, "url": message.url}

    def send(self, message: Message) -> None:
        payload = self.render(message)
        if self.dry_run:
            print(f"[dry run] webhook: {message.subject}")
            return
        # Header values are Latin-1: a key naming «СеверТелеком» travels percent-encoded (the JSON has it as is).
        headers = {"Idempotency-Key": quote(message.key, safe=":")} if message.key else {}
        if self.options.token_env:
            token = self.secret("token_env")
            if not token:
                raise ChannelError(f"channel {self.name!r}: environment variable {self.options.token_env} is not set")
            headers["Authorization"] = f"Bearer {token}"
        post_json(self.name, self.options.url, payload, self.options.timeout, headers)
