"""The board as a Flask app: its pages, the login in front of all of them, and
the headers every answer carries.

Nothing is public but the login page, `/healthz`, the static files and a
signed share link: every other request without a session is sent to the login
page (or refused, for anything but a GET), whatever its path, so a page cannot
be left open by forgetting a decorator. Viewers read; only editors and admins
post (every change is a POST with a CSRF token)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect
from jinja2 import select_autoescape
from werkzeug.middleware.proxy_fix import ProxyFix

from board import auth, cases, mentions, pages, week
from board.context import Board
from board.labels import LABEL_NAMES
from reports.render import safe_url

HERE = Path(__file__).parent
PUBLIC = {"auth.login", "healthz", "static", "week.shared"}
# No inline script or style anywhere: the board's own JavaScript and CSS are files.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; connect-src 'self'")


def create_app(board: Board, secret_key: str, testing: bool = False) -> Flask:
    app = Flask("board", root_path=str(HERE), template_folder="templates", static_folder="static")
    app.config.update(
        SECRET_KEY=secret_key,
        TESTING=testing,
        SESSION_COOKIE_NAME="molva_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=board.settings.secure_cookie,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=board.settings.session_hours),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        MAX_CONTENT_LENGTH=1_000_000,
    )
    app.jinja_env.autoescape = select_autoescape(default=True)
    app.jinja_env.filters["safe_url"] = safe_url
    app.jinja_env.globals["LABELS"] = LABEL_NAMES
    app.extensions["molva_board"] = board
    if board.settings.proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=board.settings.proxies, x_proto=board.settings.proxies,
                                x_host=board.settings.proxies)

    app.before_request(_only_the_team)  # before CSRF: an anonymous or viewer's post is refused outright
    CSRFProtect(app)
    auth.init(app, board)
    for module in (auth, week, mentions, cases, pages):
        app.register_blueprint(module.blueprint)
    app.add_url_rule("/healthz", "healthz", lambda: ("ok", 200, {"Content-Type": "text/plain; charset=utf-8"}))
    app.add_url_rule("/", "home", lambda: redirect(url_for("week.show")))
    app.after_request(_security_headers)
    app.context_processor(lambda: {"board": board, "me": current_user})
    return app


def _only_the_team():
    if request.endpoint in PUBLIC:
        return None
    if not current_user.is_authenticated:
        if request.method == "GET":
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        abort(401)
    if request.method not in ("GET", "HEAD") and request.endpoint != "auth.logout" and not current_user.can_edit:
        abort(403)
    return None


def _security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"  # mentions stay out of shared and back-button caches
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return response
