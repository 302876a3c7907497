"""A local HTTP peer for alert channels: records each request and answers from
a script (status, body), like the Telegram Bot API, a Slack webhook or any
JSON endpoint would."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HttpPeer:
    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[tuple[int, str]] = []  # answers in order; then the default
        self.default: tuple[int, str] = (200, "ok")
        self.delay = 0.0  # seconds to wait before answering, after recording the request
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                peer.requests.append({"path": self.path, "headers": dict(self.headers), "raw": raw,
                                      "json": json.loads(raw) if raw else None})
                if peer.delay:
                    time.sleep(peer.delay)
                status, body = peer.script.pop(0) if peer.script else peer.default
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if body.startswith("{") else "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
