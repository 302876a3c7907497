"""The week: the weekly report, live, for any week, with the report's own
sections and charts; the report exactly as `molva report` writes it; and a
signed, expiring read-only link to it for people without an account."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from board.context import board
from reports.charts import per_source_bars, weekly_trend
from reports.render import LABELS, render_html
from reports.weekly import WeeklyReport, build_weekly_report
from store.repo import iso_week, last_complete_week, week_bounds

blueprint = Blueprint("week", __name__)
SHARE_SALT = "molva-week-share"
# The report carries its styles inline and no script at all: a policy of its own.
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"


def _report(week: str) -> WeeklyReport:
    b = board()
    return build_weekly_report(b.engine, b.report, b.company, list(b.competitors), week)


def _checked(week: str) -> str:
    try:
        start, _ = week_bounds(week)
    except ValueError:
        abort(404)
    return iso_week(start)


@blueprint.route("/week")
def show():
    wanted = request.args.get("week")
    return redirect(url_for("week.page", week=_checked(wanted) if wanted else last_complete_week()))


@blueprint.route("/week/<week>")
def page(week: str):
    week = _checked(week)
    report = _report(week)
    labels = LABELS[report.language]
    start, _ = week_bounds(week)
    charts = {"trend": weekly_trend(report.weekly_series, labels), "sources": per_source_bars(report.per_source, labels)}
    return render_template("week.html", r=report, charts=charts, L=labels,
                           previous=iso_week(start - dt.timedelta(days=7)), next=iso_week(start + dt.timedelta(days=7)),
                           current=iso_week(dt.datetime.now(dt.timezone.utc)),
                           last_day=(start + dt.timedelta(days=6)).strftime("%Y-%m-%d"))


@blueprint.route("/week/<week>/report")
def report_file(week: str):
    return _standalone(_checked(week))


def _standalone(week: str):
    return render_html(_report(week)), 200, {"Content-Security-Policy": REPORT_CSP}


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SHARE_SALT)


@blueprint.route("/week/<week>/share", methods=["POST"])
def share(week: str):
    week = _checked(week)
    token = _serializer().dumps({"week": week})
    return render_template("shared.html", week=week, link=url_for("week.shared", token=token, _external=True),
                           days=board().settings.share_days)


@blueprint.route("/share/<token>")
def shared(token: str):
    try:
        data = _serializer().loads(token, max_age=board().settings.share_days * 86400)
    except (SignatureExpired, BadSignature):
        abort(404)
    return _standalone(_checked(data["week"]))
