"""Serve an ASGI app from a background thread (tests, the plugin, the checker, benches)."""

from __future__ import annotations

import socket
import threading
from typing import Any

import uvicorn

from contract.client.waiting import WaitTimeout, wait_until


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServedApp:
    """``with ServedApp(app) as served: served.url`` serves ``app`` until the block ends.

    Binds ``host`` (loopback by default) on ``port`` (a free one by default). The socket is created
    with ``IPPROTO_TCP`` because asyncio enables TCP_NODELAY only for such sockets; without it every
    small response waits ~40 ms (Nagle plus delayed ACK), slower than a whole speed-0 scripted run.
    """

    def __init__(
        self,
        app: Any,
        *,
        name: str = "ohmock-server",
        host: str = "127.0.0.1",
        port: int = 0,
        startup_timeout_s: float = 10.0,
        ws: str = "websockets-sansio",
    ) -> None:
        self.app = app
        self.name = name
        self.host = host
        self.port = port
        self._ws = ws
        self._startup_timeout_s = startup_timeout_s
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ServedApp:
        """Start serving; returns once the port accepts connections (bounded wait).

        Raises ``OSError`` when the port cannot be bound, ``RuntimeError`` when the server does
        not start in time.
        """
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", access_log=False, ws=self._ws)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name=self.name, daemon=True
        )
        self._thread.start()
        server, thread = self._server, self._thread
        try:
            wait_until(
                lambda: server.started or not thread.is_alive(),
                timeout_s=self._startup_timeout_s,
                what=f"{self.name} to start",
                interval_s=0.005,
            )
        except WaitTimeout:
            self.stop()
            raise RuntimeError(f"{self.name} did not start within {self._startup_timeout_s} s") from None
        if not server.started:
            self.stop()
            raise RuntimeError(f"{self.name} stopped while starting")
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
