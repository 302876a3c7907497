"""The weekly report: data gathered from the store (weekly.py), charts (charts.py)
and the HTML / Markdown / CSV renderings (render.py, templates/)."""

from reports.render import write_report
from reports.weekly import WeeklyReport, build_weekly_report

__all__ = ["WeeklyReport", "build_weekly_report", "write_report"]
