"""Run the mock agent server in-process (uvicorn in a daemon thread) on a free loopback port.

Shared by the tests that drive the mock over real sockets (scenario comparison, SDK client).
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from fastapi import FastAPI

from mockserver.app import create_app
from mockserver.config import MockConfig
from mockserver.state import MockState


class MockServer:
    """``with MockServer(MockConfig(...)) as mock: mock.url`` serves the mock until the block ends."""

    def __init__(self, config: MockConfig, *, startup_timeout_s: float = 10.0) -> None:
        self.config = config
        self.app: FastAPI = create_app(config)
        self._startup_timeout_s = startup_timeout_s
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_key(self) -> str | None:
        return self.config.api_keys[0] if self.config.api_keys else None

    @property
    def state(self) -> MockState:
        return self.app.state.mock

    def start(self) -> MockServer:
        # proto must be IPPROTO_TCP: asyncio sets TCP_NODELAY only on such sockets. With proto 0
        # every response stalls ~40 ms (Nagle + delayed ACK), long enough for a speed-0 run to
        # end, and publish its snapshot, before the client has even read the POST /run response.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", access_log=False, ws="websockets")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, name="ohmock-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self._startup_timeout_s
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"mock server did not start within {self._startup_timeout_s} s")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
