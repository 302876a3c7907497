"""A local web server for the demo web: plain pages by path, and the Twitter API v2
recent-search endpoint with bearer auth, `next_token` pagination and `since_id`."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from molva.demo.site import DemoWeb


class DemoServer:
    """`with DemoServer() as server:` serves on 127.0.0.1 at a free port."""

    def __init__(self, today=None, token: str = "demo-token"):
        self.token = token
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.web = DemoWeb(self.base_url, today=today)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> DemoServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet: the crawl logs what matters
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path == "/2/tweets/search/recent":
                    return self._search(parse_qs(parts.query))
                page = server.web.pages.get(self.path) or server.web.pages.get(parts.path)
                if page is None:
                    return self._send(404, "text/plain", b"not found")
                self._send(200, *page)

            def _search(self, query):
                if self.headers.get("Authorization") != f"Bearer {server.token}":
                    body = {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}
                    return self._send(401, "application/json", json.dumps(body).encode())
                pages = server.web.tweet_pages
                index = int(query.get("next_token", ["0"])[0].removeprefix("page"))
                since = int(query.get("since_id", ["0"])[0])
                page = json.loads(json.dumps(pages[index])) if index < len(pages) else {"meta": {"result_count": 0}}
                if since:
                    page["data"] = [t for t in page.get("data", []) if int(t["id"]) > since]
                    if not page["data"]:
                        return self._send(200, "application/json", json.dumps({"meta": {"result_count": 0}}).encode())
                    page["meta"]["result_count"] = len(page["data"])
                if index + 1 < len(pages) and page.get("data"):
                    page["meta"]["next_token"] = f"page{index + 1}"
                self._send(200, "application/json", json.dumps(page, ensure_ascii=False).encode())

            def _send(self, status, ctype, body):
                send(self, status, ctype, body)

        return Handler


def send(handler: BaseHTTPRequestHandler, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
    """A whole answer with its length, so clients need not wait for the connection to close."""
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
