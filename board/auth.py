"""Logging in and out. A session names its user and a fingerprint of their
password hash, so changing a password or removing the user ends every session
of theirs at once; failed logins are rate-limited per name and per address."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, Flask, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from board import passwords
from board.context import Board, engine
from board.ratelimit import LoginLimiter
from store.users import UserRow, get_user, record_login

blueprint = Blueprint("auth", __name__)


@dataclass(frozen=True)
class BoardUser:
    """The logged-in person, as Flask-Login wants them."""

    row: UserRow
    is_authenticated = True
    is_active = True
    is_anonymous = False

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def role(self) -> str:
        return self.row.role

    @property
    def can_edit(self) -> bool:
        return self.row.can_edit

    def get_id(self) -> str:
        return f"{self.row.id}:{fingerprint(self.row.password_hash)}"


def fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def init(app: Flask, board: Board) -> None:
    manager = LoginManager(app)
    manager.session_protection = "strong"
    manager.login_view = "auth.login"
    manager.login_message = None
    app.extensions["molva_limiter"] = LoginLimiter(board.settings.login_attempts,
                                                   board.settings.login_window_minutes * 60)

    @manager.user_loader
    def load(session_id: str) -> BoardUser | None:
        ident, _, print_ = session_id.partition(":")
        row = get_user(board.engine, user_id=int(ident)) if ident.isdigit() else None
        if row is None or not hmac.compare_digest(fingerprint(row.password_hash), print_):
            return None
        return BoardUser(row)


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[InputRequired(), Length(max=100)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=1000)])


def _local(target: str | None) -> str | None:
    """Only a path on this site is followed after login (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        from flask import current_app

        limiter: LoginLimiter = current_app.extensions["molva_limiter"]
        name = form.username.data.strip()
        keys = [f"name:{name.lower()}", f"addr:{request.remote_addr}"]
        wait = limiter.wait(keys)
        row = get_user(engine(), name=name) if not wait else None
        if wait:
            flash(f"Too many failed logins: try again in {int(wait // 60) + 1} minute(s).", "error")
            status = 429
        elif row is None or not passwords.verify(row.password_hash, form.password.data):
            limiter.failed(keys)
            flash("Wrong user name or password.", "error")
            status = 401
        else:
            limiter.succeeded(keys[:1])
            rehash = passwords.hash_password(form.password.data) if passwords.needs_rehash(row.password_hash) else None
            record_login(engine(), row.id, rehash)
            session.clear()  # a fresh session: nothing planted before the login survives it
            session.permanent = True
            login_user(BoardUser(get_user(engine(), user_id=row.id)))
            return redirect(_local(request.args.get("next")) or url_for("week.show"))
    elif request.method == "POST":
        status = 400
    return render_template("login.html", form=form), status


@blueprint.route("/logout", methods=["POST"])
def logout():
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
