"""Deferred init (``OH_DEFERRED_INIT``): a server that starts dormant and waits for ``POST /api/init``.

Mirrors ``openhands/agent_server/init_router.py``: while dormant, every ``/api/*`` route (except
``/api/init``), the OpenAI-compatible ``/v1/*`` routes and the sockets are refused (503; sockets
closed with 1013 before the handshake completes), before the session key is even looked at.
``POST /api/init`` takes the per-user configuration (session keys, secret key, webhooks, CORS
origins, run capacity), checked against the dormant server's secret key (``X-Init-API-Key``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from starlette.types import ASGIApp, Receive, Scope, Send

InitState = Literal["dormant", "ready"]
NOT_DEFERRED = "server is not running with deferred_init=True; the /api/init endpoint is not available"
INIT_PATH = "/api/init"
WS_TRY_AGAIN_LATER = 1013


def gate_reason(state: str) -> str:
    return f"server is in deferred-init state '{state}'; call POST /api/init first"


def gated(path: str) -> bool:
    """The paths ``require_initialized`` guards: the API (but not init itself), the gateway, sockets."""
    return (path.startswith("/api/") and path != INIT_PATH) or path.startswith(("/v1/", "/sockets/"))


@dataclass
class Initialization:
    """Where one server is in its deferred init (``ready`` from the start when not deferred)."""

    deferred: bool
    state: InitState = "ready"
    error: str | None = None

    def __post_init__(self) -> None:
        self.state = "dormant" if self.deferred else "ready"

    def status(self) -> dict[str, Any]:
        """``InitStatus``."""
        return {"state": self.state, "error": self.error}


class DormantGate:
    """``require_initialized`` for every gated path while the server is dormant."""

    def __init__(self, app: ASGIApp, initialization: Callable[[], Initialization]) -> None:
        self.app = app
        self.initialization = initialization  # read per request: POST /api/init ends the dormancy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        init: Initialization = self.initialization()
        if init.state == "ready" or scope["type"] not in ("http", "websocket") or not gated(scope["path"]):
            await self.app(scope, receive, send)
            return
        reason = gate_reason(init.state)
        if scope["type"] == "websocket":
            await receive()  # websocket.connect; closing now refuses the handshake
            await send({"type": "websocket.close", "code": WS_TRY_AGAIN_LATER, "reason": reason})
            return
        # An HTTPException(503) through the server's handler: 5xx details move to "exception".
        body = json.dumps({"detail": "Internal Server Error", "exception": f"503: {reason}"}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})
