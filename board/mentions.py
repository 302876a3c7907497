"""Mentions: search them with filters, export the filter as CSV, open one (its
text, link, duplicates, case and history), and act on it: relabel (a
correction with who and when), pick or unpick it as a quote, open a case."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from board.context import board, engine, who
from board.search import NO_CASE, MentionFilter, choices, every_row, search
from reports.render import csv_cell
from store import audit
from store.cases import STATUSES, CaseNotFound, list_cases, open_case
from store.corrections import MentionNotFound, correct
from store.models import Correction, Mention, Sentiment, Source
from store.quotes import pick, quote_status, unpick
from store.repo import current_model_id
from store.verdicts import CORRECTION_LABELS

blueprint = Blueprint("mentions", __name__)


def _model_id() -> str | None:
    with Session(engine()) as s:
        return current_model_id(s)


def _page() -> int:
    try:
        return max(1, min(int(request.args.get("page", 1)), 100_000))
    except ValueError:
        return 1


@blueprint.route("/mentions")
def index():
    f = MentionFilter.from_args(request.args)
    per_page = board().settings.page_size
    page = _page()
    rows, total = search(engine(), f, _model_id(), page, per_page)
    return render_template("mentions.html", f=f, rows=rows, total=total, page=page, per_page=per_page,
                           pages=max(1, -(-total // per_page)), choices=choices(engine()),
                           labels=(*CORRECTION_LABELS, "unscored"), statuses=STATUSES, no_case=NO_CASE)


CSV_COLUMNS = ["id", "entity", "source", "kind", "published_at", "label", "corrected", "polarity", "lang", "author",
               "url", "title", "text", "case_id", "case_status", "department"]


@blueprint.route("/mentions.csv")
def export():
    f = MentionFilter.from_args(request.args)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in every_row(engine(), f, _model_id()):
        writer.writerow([csv_cell(v) for v in (
            r.id, r.entity, r.source, r.kind, r.published_at.isoformat(), r.label, "yes" if r.corrected else "",
            f"{r.polarity:.3f}", r.lang, r.author, r.url, r.title, r.text, r.case_id, r.case_status, r.department)])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="molva-mentions.csv"'})


@blueprint.route("/mentions/<int:mention_id>")
def show(mention_id: int):
    model_id = _model_id()
    with Session(engine()) as s:
        found = s.execute(select(Mention, Source.key).join(Source, Source.id == Mention.source_id)
                          .where(Mention.id == mention_id)).first()
        if found is None:
            abort(404)
        mention, source = found
        sentiment = s.scalar(select(Sentiment).where(Sentiment.mention_id == mention_id, Sentiment.model_id == model_id))
        correction = s.scalar(select(Correction).where(Correction.mention_id == mention_id))
        original = mention.duplicate_of_id
        copies = s.execute(select(Mention.id, Source.key, Mention.url, Mention.published_at)
                           .join(Source, Source.id == Mention.source_id)
                           .where(or_(Mention.duplicate_of_id == (original or mention_id),
                                      Mention.id == original), Mention.id != mention_id)
                           .order_by(Mention.id)).all()
        s.expunge_all()
    case = next(iter(list_cases(engine(), status=None, mention_id=mention_id, limit=1)), None)
    targets = [("mention", mention_id)] + ([("case", case.id)] if case else [])
    return render_template("mention.html", m=mention, source=source, sentiment=sentiment, correction=correction,
                           copies=copies, case=case, history=audit.history(engine(), targets),
                           quote=quote_status(engine(), mention_id), labels=CORRECTION_LABELS)


@blueprint.route("/mentions/<int:mention_id>/label", methods=["POST"])
def relabel(mention_id: int):
    label = request.form.get("label", "")
    try:
        done = correct(engine(), mention_id, label, who(), request.form.get("note", "").strip()[:2000] or None,
                       board().departments)
    except MentionNotFound:
        abort(404)
    except ValueError as exc:
        flash(str(exc), "error")
    else:
        flash(f"#{mention_id}: {done.before} → {done.label}" +
              (f"; case #{done.case_id} {done.case_status}" if done.case_id else ""), "ok")
    return redirect(_back(url_for("mentions.show", mention_id=mention_id)))


@blueprint.route("/mentions/<int:mention_id>/quote", methods=["POST"])
def quote(mention_id: int):
    try:
        if request.form.get("action") == "unpick":
            unpick(engine(), mention_id, by=who())
            flash("No longer a quote.", "ok")
        else:
            pick(engine(), mention_id, board().report.zone, by=who(),
                 note=request.form.get("note", "").strip()[:2000] or None)
            flash("Kept as a memorable quote.", "ok")
    except LookupError:
        abort(404)
    return redirect(_back(url_for("mentions.show", mention_id=mention_id)))


@blueprint.route("/mentions/<int:mention_id>/case", methods=["POST"])
def open_one(mention_id: int):
    department = request.form.get("department", "")
    if department and department not in board().department_names:
        abort(400)
    try:
        case_id = open_case(engine(), mention_id, who(), department or None)
    except CaseNotFound:
        abort(404)
    flash(f"Case #{case_id} is open.", "ok")
    return redirect(url_for("cases.show", case_id=case_id))


def _back(default: str) -> str:
    """Back where the form was (a path on this site only)."""
    target = request.form.get("back", "")
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if local else default
