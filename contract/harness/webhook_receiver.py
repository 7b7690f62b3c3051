"""A webhook receiver on a loopback port: records every POST an agent server makes to it.

Point a server's webhooks at :attr:`WebhookReceiver.url` (``OH_WEBHOOKS_0_BASE_URL`` on the real
server, ``--webhook`` on ``ohmock serve``); each request is kept as a :class:`WebhookPost`.
``fail_next`` answers the next requests with a 500, to exercise a server's retries.

>>> with WebhookReceiver() as receiver:
...     ...  # run a conversation against a server posting to receiver.url
...     receiver.wait_for(lambda posts: any(p.path == "/conversations" for p in posts), timeout_s=10)
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from contract.harness.serving import free_port


@dataclass(frozen=True)
class WebhookPost:
    """One request the receiver got: path, headers (lower-cased names) and JSON body."""

    path: str
    headers: dict[str, str]
    body: Any
    received_at: float


class WebhookReceiver:
    """Records POSTs; thread-safe; bounded (at most ``max_posts`` kept, later ones refused)."""

    def __init__(self, *, max_posts: int = 10_000) -> None:
        self.max_posts = max_posts
        self._posts: list[WebhookPost] = []
        self._failures_left = 0
        self._lock = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def posts(self) -> list[WebhookPost]:
        """Every accepted post so far (a copy), in arrival order."""
        with self._lock:
            return list(self._posts)

    def fail_next(self, count: int) -> None:
        """Answer the next ``count`` posts with 500 (they are recorded too)."""
        with self._lock:
            self._failures_left = count

    def clear(self) -> None:
        with self._lock:
            self._posts.clear()

    def wait_for(self, predicate: Callable[[list[WebhookPost]], bool], *, timeout_s: float) -> list[WebhookPost]:
        """Block until ``predicate(posts)`` holds; raises TimeoutError with what arrived."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while not predicate(list(self._posts)):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    paths = [p.path for p in self._posts]
                    raise TimeoutError(f"webhook posts did not arrive within {timeout_s} s; got {paths}")
                self._lock.wait(remaining)
            return list(self._posts)

    def _record(self, path: str, headers: dict[str, str], raw: bytes) -> int:
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        with self._lock:
            if len(self._posts) >= self.max_posts:
                return 507
            self._posts.append(WebhookPost(path, headers, body, time.monotonic()))
            failing = self._failures_left > 0
            if failing:
                self._failures_left -= 1
            self._lock.notify_all()
        return 500 if failing else 200

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(min(length, 50 * 1024 * 1024))
                headers = {name.lower(): value for name, value in self.headers.items()}
                status = receiver._record(self.path, headers, raw)
                self.send_response(status)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.port = free_port()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
