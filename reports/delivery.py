"""The week's report as letters to the team: the whole of it for e-mail (the
HTML inline, the Markdown as its text, the CSV attached) and a short summary
for chat channels (headline numbers, the worst and best event, the top
themes, where to read the rest). molva/delivery.py sends them through the
outbox, once per week and channel."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from reports.render import ONE_MINUTE, words
from reports.weekly import MentionRow, WeeklyReport
from reports.wording import LABELS

SUMMARY_THEMES = 3
SUMMARY_EXCERPT = 160
_DATA_IMAGE = re.compile(r'src="data:(image/png);base64,([A-Za-z0-9+/=]+)"')

TEXTS = {
    "en": {"subject": "[Molva] Weekly report {week}: {company}", "nothing": "nothing could be read",
           "read": "The whole report"},
    "ru": {"subject": "[Molva] Отчёт за неделю {week}: {company}", "nothing": "ничего не удалось прочитать",
           "read": "Весь отчёт"},
}


@dataclass(frozen=True)
class File:
    filename: str
    content_type: str
    data: bytes
    content_id: str | None = None  # set: an image the HTML shows (cid:)


@dataclass(frozen=True)
class Letter:
    subject: str
    text: str
    html: str | None = None
    files: tuple[File, ...] = ()


def delivery_key(week: str) -> str:
    """The outbox key of a week's report: each channel gets each week once."""
    return f"report:{week}"


def subject(report: WeeklyReport) -> str:
    w, texts = words(report), TEXTS[report.language]
    head = texts["subject"].format(week=report.week, company=report.company.name)
    if report.nothing_read:
        return f"{head} — {texts['nothing']}"
    c = report.company.counts
    return f"{head} — {w.count(c.negative, 'complaint')}, {w.count(c.positive, 'praise')}"


def full_letter(report: WeeklyReport, paths: dict[str, Path]) -> Letter:
    """The e-mail: Markdown text, the HTML with its charts as inline images, the CSV attached."""
    html, images = inline_images(paths["html"].read_text(encoding="utf-8"))
    csv = File(paths["csv"].name, "text/csv", paths["csv"].read_bytes())
    return Letter(subject(report), paths["md"].read_text(encoding="utf-8"), html, (*images, csv))


def inline_images(html: str) -> tuple[str, list[File]]:
    """The HTML's data: images as cid: parts, which mail clients show (many block data: URLs).
    Scraped text cannot fake one: autoescaping turns its quotes into &#34;."""
    images: list[File] = []

    def to_cid(match: re.Match) -> str:
        cid = f"chart-{len(images) + 1}@molva"
        images.append(File(f"chart-{len(images) + 1}.png", match[1], base64.b64decode(match[2]), cid))
        return f'src="cid:{cid}"'

    return _DATA_IMAGE.sub(to_cid, html), images


def summary_letter(report: WeeklyReport) -> Letter:
    """For Telegram, Slack and webhooks: what the week comes to, in a few lines."""
    w, L, texts = words(report), LABELS[report.language], TEXTS[report.language]
    lines = [f"{L['week']} {report.week}: {w.date(report.start)} — {w.date(report.end - ONE_MINUTE)}"]
    if report.nothing_read:
        lines.append(L["nothing_read"])
    if report.failures:
        failed = ", ".join(f"{w.source(f.source)} ({L['failing_since']} {w.date(f.since)})" for f in report.failures)
        lines.append(f"{L['failures']}: {failed}")
    if not report.blind:
        c, p = report.company.counts, report.company.previous
        lines.append(" · ".join(f"{L[name]} {now} ({_delta(now, before)})" for name, now, before in (
            ("mentions", c.mentions, p.mentions), ("complaints", c.negative, p.negative),
            ("praise", c.positive, p.positive))))
        for label, row in (("worst", report.worst), ("best", report.best)):
            if row is not None:
                lines.append(f"{L[label]}: {_excerpt(row)} — {w.source(row.source)}")
        if report.themes:
            top = "; ".join(f"{t.name} ({t.count})" for t in list(report.themes)[:SUMMARY_THEMES])
            lines.append(f"{L['themes']}: {top}")
    if report.link:
        lines.append(f"{texts['read']}: {report.link}")
    return Letter(subject(report), "\n".join(lines))


def _excerpt(row: MentionRow) -> str:
    text = " ".join(row.text.split())
    return "«" + (text if len(text) <= SUMMARY_EXCERPT else text[:SUMMARY_EXCERPT - 1].rstrip() + "…") + "»"


def _delta(now: int, before: int) -> str:
    diff = now - before
    return f"{diff:+d}" if diff else "±0"

