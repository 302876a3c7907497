"""A web of sources that fail in every way a weekly run meets: server errors,
rate limits with Retry-After, hangs, bodies far over the size cap (announced or
chunked), a gzip bomb, a redirect loop, broken and half-broken feeds. Each
route writes its answer itself, down to the socket."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

from molva.demo.server import send

GOOD_FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости</title>
<item><title>СеверТелеком снова без связи</title><guid>good-1</guid><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"""


def chunked(handler: BaseHTTPRequestHandler, total: int, chunk: int = 1 << 16) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    block = b"x" * chunk
    try:
        for _ in range(total // chunk):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
        handler.wfile.write(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the crawler hung up, as it should


def gzip_bomb(handler: BaseHTTPRequestHandler) -> None:
    body = gzip.compress(b"\0" * (64 << 20), compresslevel=9)  # 64 MB of zeros in about 64 KB
    send(handler, 200, "application/rss+xml", body, {"Content-Encoding": "gzip"})


def hang(handler: BaseHTTPRequestHandler, seconds: float) -> None:
    time.sleep(seconds)


class FaultyWeb:
    """`with FaultyWeb(hang_seconds=...) as web:` — web.base, web.paths, web.hits."""

    def __init__(self, hang_seconds: float = 10.0):
        self.hits: dict[str, int] = {}
        good = GOOD_FEED.encode()
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {
            "/robots.txt": lambda h: send(h, 200, "text/plain", b"User-agent: *\n"),
            "/good.rss": lambda h: send(h, 200, "application/rss+xml", good),
            "/error500": lambda h: send(h, 500, "text/plain", b"Internal Server Error"),
            "/rate-limited": lambda h: send(h, 429, "text/plain", b"slow down", {"Retry-After": "1"}),
            "/rate-limited-for-an-hour": lambda h: send(h, 429, "text/plain", b"slow down", {"Retry-After": "3600"}),
            "/hangs": lambda h: hang(h, hang_seconds),
            "/huge-announced": lambda h: send(h, 200, "application/rss+xml", b"<rss>" + b" " * (3 << 20) + b"</rss>"),
            "/huge-chunked": lambda h: chunked(h, 8 << 20),
            "/gzip-bomb": gzip_bomb,
            "/loop": lambda h: send(h, 302, "text/plain", b"", {"Location": "/loop"}),
            "/not-a-feed": lambda h: send(h, 200, "text/html", b"<html><body>Hello</body></html>"),
            "/half-broken.rss": lambda h: send(h, 200, "application/rss+xml", good.replace(
                "снова".encode(), "снова".encode() + b"\xff\xfe")),
        }
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # a client hanging up on a huge body is the point
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FaultyWeb:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?")[0]
                web.hits[path] = web.hits.get(path, 0) + 1
                route = web.routes.get(path)
                if route is None:
                    return send(self, 404, "text/plain", b"not found")
                route(self)

        return Handler
