"""A generic JSON webhook: one POST per alert, for chat bridges, ticket systems
and anything else that takes JSON."""

from __future__ import annotations

from alerts.base import Channel, ChannelError, Message, post_json


class WebhookChannel(Channel):
    kind = "webhook"
    description = "POSTs each alert as JSON ({kind, key, subject, text, url}) to a URL."
    options = {
        "url": (str, None, "where to POST"),
        "token_env": (str, None, "environment variable holding a bearer token, sent as Authorization"),
        "timeout": (float, 30.0, "seconds to wait for the server"),
    }

    def render(self, message: Message) -> dict:
        # JSON carries the text as data: no markup, nothing to escape beyond JSON's own.
        return {"source": "molva", "kind": message.kind, "key": message.key, "subject": message.subject,
                "text": message.text, "url": message.url}

    def send(self, message: Message) -> None:
        if not self.opts["url"]:
            raise ChannelError(f"channel {self.name!r}: no `url`")
        payload = self.render(message)
        if self.dry_run:
            print(f"[dry run] webhook: {message.subject}")
            return
        headers = {"Idempotency-Key": message.key} if message.key else {}
        if self.opts["token_env"]:
            token = self.secret("token_env")
            if not token:
                raise ChannelError(f"channel {self.name!r}: environment variable {self.opts['token_env']} is not set")
            headers["Authorization"] = f"Bearer {token}"
        post_json(self.name, self.opts["url"], payload, self.opts["timeout"], headers)
