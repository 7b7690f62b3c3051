"""The mock agent server as an ASGI application that is ready before it is built.

The full application (FastAPI, and ~175 routes typed with the generated models: about a second
of imports and route construction) is built once, in a background thread that starts with the
server (or on the first request that needs it). Until it exists, :class:`MockApp` answers the
health routes itself with the same bodies, so ``ohmock serve`` answers ``/health`` in the time it
takes to start uvicorn; every other request waits for the build. Once built, every request goes
to the full application, health routes included. The requests answered early are added to the
journal when it exists, so it still records every request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from typing import TYPE_CHECKING

from mockserver.config import MockConfig
from mockserver.routes import health

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.types import Receive, Scope, Send

    from mockserver.state import MockState

logger = logging.getLogger("uvicorn.error")


class MockApp:
    """The ASGI application of one mock agent server (see the module docstring)."""

    def __init__(self, config: MockConfig | None = None) -> None:
        self.config = config or MockConfig()
        self.started = time.time()
        self._full: FastAPI | None = None
        self._build_lock = threading.Lock()
        self._early_lock = threading.Lock()
        self._early: list[tuple[float, str, str, int]] = []

    # -- the full application ----------------------------------------------------------------

    @property
    def built(self) -> bool:
        return self._full is not None

    @property
    def full(self) -> FastAPI:
        """The full application, built now if it is not yet (blocking, once)."""
        if self._full is not None:
            return self._full
        with self._build_lock:
            if self._full is None:
                from mockserver.assembly import build_app

                app = build_app(self.config, self.started)
                state: MockState = app.state.mock
                with self._early_lock:
                    for at, method, path, status in self._early:
                        state.journal.http(method, path, status, at=at)
                    self._early.clear()
                    self._full = app
        return self._full

    @property
    def state(self) -> MockState:
        """The mock's world (store, engine, faults, journal); builds the application if needed."""
        state: MockState = self.full.state.mock
        return state

    def build_in_background(self) -> threading.Thread:
        """Start building the full application in a daemon thread (a no-op once built)."""
        thread = threading.Thread(target=self._build_quietly, name="ohmock-build", daemon=True)
        thread.start()
        return thread

    def _build_quietly(self) -> None:
        try:
            _ = self.full
        except Exception:  # the request that needs the app will raise it again
            logger.exception("building the mock application failed")

    # -- ASGI --------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        app = self._full
        if app is None:
            if self._answers_early(scope):
                await self._answer_health(scope, send)
                return
            app = await asyncio.to_thread(lambda: self.full)
        await app(scope, receive, send)

    def _answers_early(self, scope: Scope) -> bool:
        # CORS is the full application's business: a browser's request waits for it.
        return (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] in health.HEALTH_PATHS
            and not any(name == b"origin" for name, _ in scope.get("headers", []))
        )

    async def _answer_health(self, scope: Scope, send: Send) -> None:
        # The bytes Starlette's JSONResponse writes for the same body.
        payload = json.dumps(
            health.body(scope["path"], self.config, self.started),
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
        ).encode()
        headers = [(b"content-length", str(len(payload)).encode()), (b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": payload})
        self._journal_early(scope["method"], scope["path"], 200)

    def _journal_early(self, method: str, path: str, status: int) -> None:
        with self._early_lock:
            if self._full is None:
                self._early.append((time.time(), method, path, status))
                return
        self.state.journal.http(method, path, status)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.build_in_background()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


def create_app(config: MockConfig | None = None) -> MockApp:
    """A mock agent-server ASGI app (its full application is built on first use)."""
    return MockApp(config)


__all__ = ["MockApp", "create_app"]
