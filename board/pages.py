"""The other pages: memorable quotes, competitors, sources and runs, the audit
log, and (for admins) the users."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from board.context import board, engine
from reports.weekly import build_weekly_report
from store import audit
from store.models import Mention, Run, RunSource, Source
from store.quotes import list_quotes
from store.repo import iso_week, last_complete_week, undelivered_alerts, week_bounds
from store.users import list_users

blueprint = Blueprint("pages", __name__)


@blueprint.route("/quotes")
def quotes():
    return render_template("quotes.html", quotes=list_quotes(engine(), limit=500))


@blueprint.route("/competitors")
def competitors():
    week = request.args.get("week") or last_complete_week()
    try:
        week = iso_week(week_bounds(week)[0])
    except ValueError:
        abort(404)
    b = board()
    report = build_weekly_report(b.engine, b.report, b.company, list(b.competitors), week)
    return render_template("competitors.html", r=report)


@blueprint.route("/sources")
def sources():
    with Session(engine()) as s:
        runs = s.scalars(select(Run).order_by(Run.id.desc()).limit(10)).all()
        outcomes = {run.id: s.execute(select(RunSource, Source.key, Source.kind).join(Source, Source.id == RunSource.source_id)
                                      .where(RunSource.run_id == run.id).order_by(RunSource.id)).all() for run in runs}
        per_source = s.execute(select(Source.key, Source.kind, Source.url, Source.last_success_at,
                                      func.count(Mention.id), func.max(Mention.published_at))
                               .outerjoin(Mention, Mention.source_id == Source.id)
                               .group_by(Source.id).order_by(Source.key)).all()
        alerts = undelivered_alerts(s)
        s.expunge_all()
    return render_template("sources.html", runs=runs, outcomes=outcomes, per_source=per_source, alerts=alerts)


@blueprint.route("/audit")
def audit_log():
    return render_template("audit.html", entries=audit.history(engine(), limit=500))


@blueprint.route("/users")
def users():
    if current_user.role != "admin":
        abort(403)
    return render_template("users.html", users=list_users(engine()))
