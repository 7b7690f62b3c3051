"""Strict mode: check every response and frame the mock sends against the contract.

Violations are collected on the mock's state (``MockState.violations``) rather than raised, so
the client under test sees exactly what it would otherwise; the pytest plugin fails the test
afterwards with one readable line per problem.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockserver.observers import Frame, Observer, SocketInfo
from mockserver.state import MockState


class StrictContractMiddleware:
    """Validates JSON responses of documented operations while strict mode is on."""

    def __init__(self, app: ASGIApp, state: MockState):
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not self.state.strict
            or scope["path"].startswith(self.state.config.control_prefix)
        ):
            await self.app(scope, receive, send)
            return
        status = 0
        chunks: list[bytes] = []
        is_json = False

        async def capture(message: Message) -> None:
            nonlocal status, is_json
            if message["type"] == "http.response.start":
                status = message["status"]
                is_json = any(
                    k == b"content-type" and v.startswith(b"application/json") for k, v in message.get("headers", [])
                )
            elif message["type"] == "http.response.body" and is_json:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    # Before the last chunk goes out, so a client never sees a response whose
                    # violation is not recorded yet.
                    self._check(scope, status, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _check(self, scope: Scope, status: int, raw: bytes) -> None:
        route = scope.get("route")
        if route is None or not hasattr(route, "path"):
            return
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            self.state.violations.append(f"{scope['method']} {route.path} -> {status}: body is not valid JSON")
            return
        from contract.spec.validate import response_problems  # JSON Schema loads only in strict mode

        self.state.violations.extend(response_problems(scope["method"], route.path, status, body))


class StrictFrames(Observer):
    """Strict mode for sockets: checks every frame just before it is sent (so the violation is
    recorded before the client can have seen the frame)."""

    def __init__(self, state: MockState):
        self.state = state

    def sending(self, socket: SocketInfo, frame: Frame) -> None:
        if self.state.strict:
            self.state.violations.extend(frame_problems(socket.path, frame))


def frame_problems(path: str, frame: dict[str, Any]) -> list[str]:
    """Problems of one outgoing WebSocket frame on ``path``."""
    from contract.spec.validate import event_problems, session_frame_problems

    if path.startswith("/sockets/session/"):
        return session_frame_problems(frame)
    if path.startswith("/sockets/events/"):
        return event_problems(frame, where=f"frame {frame.get('kind', '?')} on {path.rsplit('/', 1)[0]}/{{id}}")
    return []
