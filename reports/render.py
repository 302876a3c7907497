"""HTML, Markdown and CSV renderings of a WeeklyReport. Scraped text is hostile:
HTML goes through Jinja2 autoescaping and a URL check, Markdown through an
escaping filter, CSV through a formula-injection guard."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from reports.charts import per_source_bars, weekly_trend
from reports.weekly import WeeklyReport

TEMPLATES = Path(__file__).parent / "templates"

LABELS = {
    "en": {
        "title": "Molva weekly report", "week": "Week", "company": "Company", "mentions": "Mentions",
        "complaints": "Complaints", "praise": "Praise", "neutral": "Neutral", "unscored": "Unscored",
        "vs_previous": "vs previous week", "share_of_voice": "Share of voice", "source": "Source",
        "author": "Author", "date": "Date", "excerpt": "Excerpt", "score": "Score", "link": "link",
        "no_items": "Nothing this week.", "all_time": "All time: complaints and praise per week",
        "by_source": "This week by source", "competitors": "Competitors", "news": "News and announcements",
        "best": "Best event of the week", "worst": "Worst event of the week", "coverage": "Coverage",
        "status": "Status", "items": "Items", "new": "New", "errors": "Errors", "model": "Sentiment model",
        "generated": "Generated", "case": "Case", "reach": "reach", "ok": "ok", "failed": "failed",
        "skipped": "skipped", "no_run": "No crawl has run yet.",
        "alerts_undelivered": "Alerts not delivered", "channel": "Channel", "unconfirmed": "unconfirmed",
        "cases": "Complaint cases", "department": "Whose fault", "open": "open", "in_progress": "in progress",
        "resolved": "resolved", "rejected": "rejected", "closed_this_week": "Closed this week",
        "no_cases": "No complaint cases yet.", "promotion": "promotion", "price": "price", "product": "product",
        "incident": "incident", "themes": "Themes", "theme": "Theme", "this_week": "This week",
        "previous_week": "Previous week", "example": "Example", "most_negative": "Most negative mentions",
        "low_confidence": "text guessed from the page",
        "agreement": "The model agrees with the team's corrections: macro-F1 {f1:.2f} over {n} corrected mentions",
    },
    "ru": {
        "title": "Еженедельный отчёт Molva", "week": "Неделя", "company": "Компания", "mentions": "Упоминания",
        "complaints": "Жалобы", "praise": "Похвала", "neutral": "Нейтральные", "unscored": "Без оценки",
        "vs_previous": "к прошлой неделе", "share_of_voice": "Доля упоминаний", "source": "Источник",
        "author": "Автор", "date": "Дата", "excerpt": "Фрагмент", "score": "Оценка", "link": "ссылка",
        "no_items": "На этой неделе ничего.", "all_time": "За всё время: жалобы и похвала по неделям",
        "by_source": "Эта неделя по источникам", "competitors": "Конкуренты", "news": "Новости и анонсы",
        "best": "Лучшее событие недели", "worst": "Худшее событие недели", "coverage": "Охват источников",
        "status": "Статус", "items": "Записей", "new": "Новых", "errors": "Ошибки", "model": "Модель тональности",
        "generated": "Создан", "case": "Дело", "reach": "охват", "ok": "ок", "failed": "сбой",
        "skipped": "пропущен", "no_run": "Сбор ещё не запускался.",
        "alerts_undelivered": "Неотправленные оповещения", "channel": "Канал", "unconfirmed": "не подтверждено",
        "cases": "Жалобы в работе", "department": "Чья вина", "open": "открыто", "in_progress": "в работе",
        "resolved": "решено", "rejected": "отклонено", "closed_this_week": "Закрыто за неделю",
        "no_cases": "Жалоб в работе пока нет.", "promotion": "акция", "price": "цены", "product": "продукт",
        "incident": "авария", "themes": "Темы жалоб", "theme": "Тема", "this_week": "За неделю",
        "previous_week": "Неделей раньше", "example": "Пример", "most_negative": "Самые негативные упоминания",
        "low_confidence": "текст угадан со страницы",
        "agreement": "Согласие модели с исправлениями команды: macro-F1 {f1:.2f} на {n} исправленных упоминаниях",
    },
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_url(url: str | None) -> str:
    """Only http(s) links reach a report: `javascript:` and friends become '#'."""
    if not url:
        return "#"
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return "#"
    return url.strip() if scheme in ("http", "https") else "#"


def md_escape(text: object) -> str:
    """Markdown-inert text: special characters backslashed, line breaks flattened."""
    text = " ".join(str(text or "").split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_url(url: str | None) -> str:
    """A link destination that cannot end early: everything but the URL characters
    that mean nothing to Markdown is percent-encoded (`<`, `>`, spaces, brackets,
    quotes, backslashes), so `[link](<...>)` holds whatever the URL says."""
    return quote(safe_url(url), safe=":/?#@!$&*+,;=%-._~")


_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value: object) -> object:
    """Text without control characters and bidi overrides (a "\u202egnp.exe" that
    reads as "exe.png"); other values as they are. Every value a template
    prints passes here."""
    return _INVISIBLE.sub("", value) if isinstance(value, str) else value


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not execute: leading =, +, -, @ are quoted away."""
    text = printable("" if value is None else str(value))
    return "'" + text if text.startswith(_CSV_FORMULA) else text


def _delta(now: int, before: int) -> str:
    diff = now - before
    if before == 0:
        return f"+{diff}" if diff > 0 else "±0" if diff == 0 else str(diff)
    return f"{diff:+d} ({diff / before:+.0%})"


def environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]) if autoescape else False,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=printable,
    )
    env.filters.update(safe_url=safe_url, md=md_escape, md_url=md_url, delta=_delta)
    return env


def render_html(report: WeeklyReport) -> str:
    labels = LABELS[report.language]
    charts = {
        "trend": weekly_trend(report.weekly_series, labels),
        "sources": per_source_bars(report.per_source, labels),
        # The same bars, one per company: the week's balance against competitors.
        "competitors": per_source_bars(
            [(e.name, e.counts.mentions, e.counts.negative, e.counts.positive) for e in (report.company, *report.competitors)],
            labels,
        ) if report.competitors else None,
    }
    return environment(True).get_template("report.html.j2").render(
        r=report, L=labels, charts=charts, one_day=dt.timedelta(days=1)
    )


def render_markdown(report: WeeklyReport) -> str:
    return environment(False).get_template("report.md.j2").render(r=report, L=LABELS[report.language])


def write_csv(report: WeeklyReport, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "entity", "source", "kind", "published_at", "label", "polarity", "author", "url", "title", "text"])
        for r in report.mentions:
            writer.writerow([csv_cell(v) for v in (
                r.id, r.entity, r.source, r.kind, r.published_at.isoformat(), r.label, f"{r.polarity:.3f}",
                r.author, r.url, r.title, r.text,
            )])


def write_report(report: WeeklyReport, folder: str | Path) -> dict[str, Path]:
    """Write report-<week>.html/.md/.csv into `folder`; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"report-{report.week}"
    paths = {"html": base.with_suffix(".html"), "md": base.with_suffix(".md"), "csv": base.with_suffix(".csv")}
    paths["html"].write_text(render_html(report), encoding="utf-8")
    paths["md"].write_text(render_markdown(report), encoding="utf-8")
    write_csv(report, paths["csv"])
    return paths
