"""E-mail over SMTP: plain, STARTTLS or SSL; the password comes from the environment."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from alerts.base import Channel, ChannelError, Message


class EmailChannel(Channel):
    kind = "email"
    description = "E-mail through an SMTP server (plain, STARTTLS or SSL)."
    options = {
        "host": (str, "localhost", "SMTP server"),
        "port": (int, 25, "SMTP port (587 for STARTTLS, 465 for SSL)"),
        "security": (str, "none", "none | starttls | ssl"),
        "sender": (str, "molva@localhost", "From address"),
        "to": (list, [], "recipient addresses"),
        "username": (str, None, "SMTP login, if the server wants one"),
        "password_env": (str, None, "environment variable holding the SMTP password"),
        "timeout": (float, 30.0, "seconds to wait for the server"),
    }

    def send(self, message: Message) -> None:
        if not self.opts["to"]:
            raise ChannelError(f"channel {self.name!r}: no recipients (`to`)")
        mail = EmailMessage()
        mail["Subject"] = _header(message.subject)
        mail["From"] = self.opts["sender"]
        mail["To"] = ", ".join(self.opts["to"])
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = make_msgid(domain="molva")
        body = message.text + (f"\n\n{message.url}" if message.url else "")
        mail.set_content(body)
        if self.dry_run:
            print(f"[dry run] e-mail to {mail['To']}: {mail['Subject']}")
            return
        security = self.opts["security"]
        try:
            if security == "ssl":
                smtp = smtplib.SMTP_SSL(self.opts["host"], self.opts["port"], timeout=self.opts["timeout"],
                                        context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(self.opts["host"], self.opts["port"], timeout=self.opts["timeout"])
            with smtp:
                if security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if self.opts["username"]:
                    smtp.login(self.opts["username"], self.secret("password_env") or "")
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelError(
                f"channel {self.name!r}: SMTP {self.opts['host']}:{self.opts['port']} failed: {type(exc).__name__}: {exc}"
            ) from None


def _header(text: str) -> str:
    # Scraped text must not smuggle extra headers in through a subject line.
    return " ".join(text.split())[:200]
