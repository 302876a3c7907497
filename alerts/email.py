"""E-mail over SMTP: plain, STARTTLS or SSL; the password comes from the environment.
A message with HTML (the weekly report) goes as multipart: the text, the HTML
with its images inline, and its attachments."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal

from alerts.base import Channel, ChannelError, Message, check_timeout, option


class EmailChannel(Channel):
    kind = "email"
    description = "E-mail through an SMTP server (plain, STARTTLS or SSL)."

    @dataclass(frozen=True)
    class Options:
        to: tuple[str, ...] = option(help="recipient addresses")
        host: str = option("localhost", help="SMTP server")
        port: int = option(25, help="SMTP port (587 for STARTTLS, 465 for SSL)")
        security: Literal["none", "starttls", "ssl"] = option("none", help="how the connection is encrypted")
        sender: str = option("molva@localhost", help="From address")
        username: str | None = option(None, help="SMTP login, if the server wants one")
        password_env: str | None = option(None, help="environment variable holding the SMTP password")
        timeout: float = option(30.0, help="seconds to wait for the server")

        def __post_init__(self):
            if not self.to:
                raise ValueError("to must name at least one recipient")
            if not 1 <= self.port <= 65535:
                raise ValueError(f"port must be between 1 and 65535, not {self.port}")
            check_timeout(self)

    def send(self, message: Message) -> None:
        mail = EmailMessage()
        mail["Subject"] = _header(message.subject)
        mail["From"] = self.options.sender
        mail["To"] = ", ".join(self.options.to)
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = make_msgid(domain="molva")
        body = message.text + (f"\n\n{message.url}" if message.url else "")
        mail.set_content(body)
        _add_parts(mail, message)
        if self.dry_run:
            print(f"[dry run] e-mail to {mail['To']}: {mail['Subject']}")
            return
        security = self.options.security
        try:
            if security == "ssl":
                smtp = smtplib.SMTP_SSL(self.options.host, self.options.port, timeout=self.options.timeout,
                                        context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(self.options.host, self.options.port, timeout=self.options.timeout)
            with smtp:
                if security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if self.options.username:
                    smtp.login(self.options.username, self.secret("password_env") or "")
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelError(
                f"channel {self.name!r}: SMTP {self.options.host}:{self.options.port} failed: {type(exc).__name__}: {exc}"
            ) from None


def _add_parts(mail: EmailMessage, message: Message) -> None:
    """An HTML alternative to the text, the images it shows (multipart/related,
    by cid: — mail clients block data: images) and the attached files."""
    if message.html:
        mail.add_alternative(message.html, subtype="html")
        html_part = mail.get_payload()[-1]
        for image in (a for a in message.attachments if a.content_id):
            maintype, subtype = image.content_type.split("/", 1)
            html_part.add_related(image.data, maintype, subtype, cid=f"<{image.content_id}>", disposition="inline",
                                  filename=_header(image.filename))
    for file in (a for a in message.attachments if not a.content_id):
        maintype, subtype = file.content_type.split("/", 1)
        mail.add_attachment(file.data, maintype, subtype, filename=_header(file.filename))


def _header(text: str) -> str:
    # Scraped text must not smuggle extra headers in through a subject line.
    return " ".join(text.split())[:200]
