"""The case board: complaints by status, each with the department at fault and
the person following it up, its outcome, notes (author, time) and history;
bulk actions; a filter by the complaint's own date."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from board.context import board, engine, who
from store import audit
from store.cases import STATUSES, CaseNotFound, list_cases, update_case
from store.users import list_users

blueprint = Blueprint("cases", __name__)
CLOSED = ("resolved", "rejected")
PER_COLUMN = 100


def _day(text: str | None, plus: int = 0) -> dt.datetime | None:
    try:
        day = dt.datetime.strptime(text or "", "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None
    return day + dt.timedelta(days=plus)


def _people() -> list[str]:
    return [u.name for u in list_users(engine())]


@blueprint.route("/cases")
def index():
    args = {k: (request.args.get(k) or "").strip() for k in ("since", "until", "department", "assignee")}
    columns = {status: list_cases(engine(), status=status, owner=args["department"] or None,
                                  assignee=args["assignee"] or None, since=_day(args["since"]),
                                  until=_day(args["until"], plus=1), limit=PER_COLUMN)
               for status in STATUSES}
    return render_template("cases.html", columns=columns, args=args, people=_people(), statuses=STATUSES,
                           per_column=PER_COLUMN, clear_value=NONE)


@blueprint.route("/cases/<int:case_id>")
def show(case_id: int):
    found = list_cases(engine(), status=None, case_id=case_id, limit=1)
    if not found:
        abort(404)
    case = found[0]
    return render_template("case.html", case=case, people=_people(), statuses=STATUSES, clear_value=NONE,
                           history=audit.history(engine(), [("case", case_id)]))


NONE = "-"  # a select's "nobody" / "no department": clears it; an empty value leaves it as it is


def _change(form) -> dict:
    """The fields a form sets, checked: a department of the config, a user of the board."""
    change = {}
    if form.get("status"):
        if form["status"] not in STATUSES:
            abort(400)
        change["status"] = form["status"]
    for field, key, allowed in (("department", "owner", board().department_names), ("assignee", "assignee", _people())):
        value = form.get(field, "")
        if value == NONE:
            change[key] = ""
        elif value:
            if value not in allowed:
                abort(400)
            change[key] = value
    if form.get("outcome", "").strip():
        change["outcome"] = form["outcome"].strip()[:2000]
    return change


def _missing_outcome(case, change) -> bool:
    return change.get("status") in CLOSED and not (change.get("outcome") or case.outcome)


@blueprint.route("/cases/<int:case_id>", methods=["POST"])
def update(case_id: int):
    change = _change(request.form)
    found = list_cases(engine(), status=None, case_id=case_id, limit=1)
    if not found:
        abort(404)
    if _missing_outcome(found[0], change):
        flash("Say how it ended: a resolved or rejected case needs an outcome.", "error")
    else:
        try:
            update_case(engine(), case_id, note=request.form.get("note", "")[:5000] or None, who=who(), **change)
        except CaseNotFound:
            abort(404)
        flash(f"Case #{case_id} saved.", "ok")
    return redirect(request.form.get("back") if request.form.get("back") == url_for("cases.index")
                    else url_for("cases.show", case_id=case_id))


@blueprint.route("/cases/bulk", methods=["POST"])
def bulk():
    ids = sorted({int(i) for i in request.form.getlist("case_id") if i.isdigit()})
    change = _change(request.form)
    if not ids or not change:
        flash("Choose cases and what to change.", "error")
        return redirect(url_for("cases.index"))
    done = 0
    for case_id in ids:
        found = list_cases(engine(), status=None, case_id=case_id, limit=1)
        if found and not _missing_outcome(found[0], change):
            update_case(engine(), case_id, who=who(), **change)
            done += 1
    skipped = len(ids) - done
    flash(f"{done} case(s) changed" + (f"; {skipped} skipped (no outcome)" if skipped else "") + ".",
          "ok" if not skipped else "error")
    return redirect(url_for("cases.index"))
