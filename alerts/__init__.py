"""Alerts: negative mentions, spikes and source health reach the manager through channels. Each channel is one
module with its options, a description and a check; the outbox in the store makes
every alert go out once per channel.

Adding a channel: write `alerts/<kind>.py` with a `Channel` subclass, register it
in CHANNELS, add its test against a real local peer."""

from alerts.base import Channel, ChannelError, Message
from alerts.email import EmailChannel
from alerts.slack import SlackChannel
from alerts.telegram import TelegramChannel
from alerts.webhook import WebhookChannel

CHANNELS: dict[str, type[Channel]] = {cls.kind: cls for cls in (EmailChannel, TelegramChannel, SlackChannel, WebhookChannel)}

__all__ = ["CHANNELS", "Channel", "ChannelError", "Message"]
