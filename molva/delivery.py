"""The deliver stage: the week's report reaches the channels `[report] deliver`
names — e-mail the whole report, the others a summary — through the alert
outbox, keyed `report:<week>`, so each channel gets each week once however
often the job runs, and a failed delivery is retried like an alert."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.base import Attachment, Message
from alerts.outbox import build_channels, queue_messages, send_pending
from alerts.wording import AlertWording
from matching import feed_source_names
from molva.config import Config
from reports.delivery import Letter, delivery_key, full_letter, summary_letter
from store.models import AlertRecord


def alert_wording(config: Config) -> AlertWording:
    """Alerts speak the report's language, on the team's clock."""
    report = config.report
    return AlertWording(report.language, report.timezone, feed_source_names(config.competitors, report.language))


def as_message(letter: Letter, key: str) -> Message:
    files = tuple(Attachment(f.filename, f.content_type, f.data, f.content_id) for f in letter.files)
    return Message(subject=letter.subject, text=letter.text, kind="report", key=key, html=letter.html,
                   attachments=files)


def deliver_report(config: Config, engine, report, paths, echo=print) -> dict[str, tuple[bool, str]]:
    """Queue the week's report for each delivery channel and send what is due
    there. Per channel: whether this run queued it (else an earlier one did),
    and where it stands: sent, failed (retried later), pending or unconfirmed."""
    wanted = config.report.deliver
    channels = [c for c in build_channels(config.channels) if c.name in wanted]
    for name in sorted(set(wanted) - {c.name for c in channels}):
        echo(f"deliver: channel {name!r} is disabled; the report does not go there")
    if not channels:
        return {}
    key = delivery_key(report.week)
    full = full_letter(report, paths) if any(c.kind == "email" for c in channels) else None
    summary = summary_letter(report)
    queued = [channel.name for channel in channels
              if queue_messages(engine, [channel], [as_message(full if channel.kind == "email" else summary, key)])]
    al = config.alerts
    send_pending(engine, channels, digest_top=al.digest_top if al.digest else None, echo=echo,
                 wording=alert_wording(config))
    with Session(engine) as s:
        status = dict(s.execute(select(AlertRecord.channel, AlertRecord.status).where(AlertRecord.key == key)).all())
    return {c.name: (c.name in queued, status.get(c.name, "pending")) for c in channels}
