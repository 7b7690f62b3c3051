"""Serve an ASGI app from a background thread on a free loopback port (tests, plugin, benches)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServedApp:
    """``with ServedApp(app) as served: served.url`` serves ``app`` until the block ends.

    Binds 127.0.0.1 only. The socket is created with ``IPPROTO_TCP`` because asyncio enables
    TCP_NODELAY only for such sockets; without it every small response waits ~40 ms (Nagle plus
    delayed ACK), slower than a whole speed-0 scripted run.
    """

    def __init__(self, app: Any, *, name: str = "ohmock-server", startup_timeout_s: float = 10.0, ws: str = "websockets-sansio") -> None:
        self.app = app
        self.name = name
        self.port = 0
        self._ws = ws
        self._startup_timeout_s = startup_timeout_s
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServedApp:
        """Start serving; returns once the port accepts connections (bounded wait)."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", access_log=False, ws=self._ws)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, name=self.name, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self._startup_timeout_s
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not start within {self._startup_timeout_s} s")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and join the thread (bounded)."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    def __enter__(self) -> ServedApp:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
