"""Scraped text is hostile: it must come out inert in every report format."""

import csv
import datetime as dt

from reports.render import csv_cell, md_escape, render_html, render_markdown, safe_url, write_csv
from reports.weekly import Counts, EntityWeek, MentionRow, WeeklyReport

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) =HYPERLINK("http://evil")\x07'


def hostile_report():
    row = MentionRow(id=1, source="<b>forum</b>", kind="post", url="javascript:alert(1)", title=HOSTILE, author="<i>bob</i>",
                     published_at=dt.datetime(2026, 11, 17, tzinfo=dt.timezone.utc), text=HOSTILE, entity="Acme",
                     label="negative", polarity=-0.9, reach=10)
    company = EntityWeek("Acme", "company", Counts(1, 1, 0, 0), Counts(), complaints=[row], praise=[])
    start = dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc)
    return WeeklyReport(week="2026-W47", start=start, end=start + dt.timedelta(days=7), language="en", model_id="m",
                        company=company, competitors=[], per_source=[("<b>forum</b>", 1, 1, 0)],
                        weekly_series=[("2026-W47", 1, 0, 0)], best=None, worst=row, coverage=[], last_run=None,
                        mentions=[row])


def test_html_escapes_markup_and_drops_script_links():
    html = render_html(hostile_report())
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<img src=x" not in html


def test_markdown_is_inert():
    md = render_markdown(hostile_report())
    assert "](javascript:" not in md
    assert "<script>" not in md
    assert md_escape("[a](b)") == r"\[a\]\(b\)"


def test_a_url_cannot_break_out_of_its_markdown_link():
    report = hostile_report()
    report.company.complaints[0].url = "https://forum.example/t?a=1><javascript:alert(1)> [x](javascript:alert(2)) \\"
    line = next(l for l in render_markdown(report).splitlines() if "forum.example" in l)
    link = line[line.index("](<") + 3:]
    assert link.index(">") == len(link) - 2 and link.endswith(">)")  # the only > closes the destination
    assert "javascript:alert(1)>" not in line and "](javascript:" not in line


def test_csv_text_cells_cannot_run_formulas_and_numbers_stay_numbers(tmp_path):
    path = tmp_path / "week.csv"
    write_csv(hostile_report(), path)
    [row] = csv.DictReader(path.open(encoding="utf-8-sig"))
    assert next(iter(row)) == "id"
    numbers = {"id", "polarity", "reach", "case_id"}
    for column, cell in row.items():
        if column not in numbers:
            assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
        assert "\x07" not in cell
    assert row["polarity"] == "-0.900" and float(row["polarity"]) == -0.9  # a number, not the text '-0.900
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("-2") == "'-2"


def test_only_http_links_survive():
    assert safe_url("https://x.example/a") == "https://x.example/a"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,hi", "vbscript:x", None, ""):
        assert safe_url(bad) == "#"
