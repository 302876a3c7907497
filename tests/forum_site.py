"""A forum site on 127.0.0.1 for crawl tests: pages that can change between two
crawls, and a log of the paths each crawl asked for.

SMF and MyBB pages come from the demo web's renderers (molva/demo/site.py).
Discourse answers are real (tests/fixtures/forums/discourse, SOURCES.tsv);
only the `/t/<id>.json` envelope around real posts is assembled here."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from molva.demo.server import send
from molva.demo.site import ForumPost, mybb_forum_page, mybb_thread_page, smf_board_page, smf_topic_page

__all__ = ["ForumPost", "ForumSite", "json_route", "mybb_forum_page", "mybb_thread_page", "smf_board_page",
           "smf_topic_page"]


class ForumSite:
    """`routes[path] = (content type, body)` or a callable(query) -> (status, type, body[, headers])."""

    def __init__(self):
        self.routes: dict[str, tuple[str, bytes] | Callable] = {"/robots.txt": ("text/plain", b"User-agent: *\n")}
        self.requested: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def html(self, path: str, body: str) -> None:
        self.routes[path] = ("text/html; charset=utf-8", body.encode())

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.requested.append(self.path)
                parts = urlsplit(self.path)
                route = site.routes.get(self.path) or site.routes.get(parts.path)
                if route is None:
                    return self._send(404, "text/plain", b"not found")
                if callable(route):
                    return self._send(*route(parse_qs(parts.query)))
                self._send(200, *route)

            def _send(self, status, ctype, body, headers=None):
                send(self, status, ctype, body, headers)

        return Handler


def json_route(body) -> tuple[str, bytes]:
    return "application/json; charset=utf-8", json.dumps(body, ensure_ascii=False).encode()
