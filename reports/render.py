"""HTML, Markdown and CSV renderings of a WeeklyReport. Scraped text is hostile:
HTML goes through Jinja2 autoescaping and a URL check, Markdown through an
escaping filter, CSV text cells through a formula-injection guard."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from reports.charts import per_source_bars, weekly_trend
from reports.weekly import WeeklyReport
from reports.wording import LABELS, Words

TEMPLATES = Path(__file__).parent / "templates"
# The week's last day is the one a minute before its end: a day before could be
# Saturday, when a DST change makes Sunday 23 hours long.
ONE_MINUTE = dt.timedelta(minutes=1)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")

__all__ = ["LABELS", "csv_cell", "md_escape", "render_html", "render_markdown", "safe_url", "words", "write_csv",
           "write_report"]


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


def csv_number(value: int | float | None, decimal_comma: bool = False, decimals: int = 3) -> str:
    """A number cell, as a spreadsheet reads it: no guard (a minus is a sign here), a
    decimal comma where the spreadsheet expects one."""
    if value is None:
        return ""
    text = str(value) if isinstance(value, int) else f"{value:.{decimals}f}"
    return text.replace(".", ",") if decimal_comma else text


def _delta(now: int, before: int) -> str:
    diff = now - before
    if before == 0:
        return f"+{diff}" if diff > 0 else "±0" if diff == 0 else str(diff)
    return f"{diff:+d} ({diff / before:+.0%})"


def words(report: WeeklyReport) -> Words:
    return Words(report.language, report.timezone, report.source_names, report.link)


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
    w = words(report)
    charts = {
        "trend": weekly_trend(report.weekly_series, labels, report.spikes),
        "sources": per_source_bars([(w.source(k), *rest) for k, *rest in report.per_source], labels),
        # The same bars, one per company: the week's balance against competitors.
        "competitors": per_source_bars(
            [(e.name, e.counts.mentions, e.counts.negative, e.counts.positive) for e in (report.company, *report.competitors)],
            labels,
        ) if report.competitors else None,
    }
    return environment(True).get_template("report.html.j2").render(r=report, L=labels, w=w, charts=charts,
                                                                   one_minute=ONE_MINUTE)


def render_markdown(report: WeeklyReport) -> str:
    return environment(False).get_template("report.md.j2").render(r=report, L=LABELS[report.language], w=words(report),
                                                                  one_minute=ONE_MINUTE)


CSV_COLUMNS = ["id", "entity", "source", "kind", "published_at", "label", "polarity", "reach", "author", "url",
               "title", "text", "case_id", "case_owner", "case_status", "case_outcome",
               "language", "language_measured"]


def write_csv(report: WeeklyReport, path: Path) -> None:
    """The week's mentions for a spreadsheet: UTF-8 with a BOM (so Excel reads
    Cyrillic), times on the team's clock, numbers as numbers."""
    w = words(report)
    comma = report.csv_delimiter == ";"  # a spreadsheet splitting on ';' writes decimals with a comma
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh, delimiter=report.csv_delimiter)
        writer.writerow([f"published_at ({report.timezone})" if c == "published_at" else c for c in CSV_COLUMNS])
        for r in report.mentions:
            writer.writerow([
                csv_number(r.id), csv_cell(r.entity), csv_cell(w.source(r.source)), csv_cell(r.kind),
                w.local(r.published_at).strftime("%Y-%m-%d %H:%M:%S"), csv_cell(r.label),
                csv_number(r.polarity, comma), csv_number(r.reach), csv_cell(r.author), csv_cell(r.url),
                csv_cell(r.title), csv_cell(r.text), csv_number(r.case_id), csv_cell(r.case_owner),
                csv_cell(r.case_status), csv_cell(r.case_outcome), csv_cell(r.lang),
                "yes" if r.language_measured else "no",
            ])


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
