"""CORS as the real server answers it (openhands/agent_server/middleware.py, 1.58.0).

Two configurations, chosen by path:

* the workspace-cookie routes (``/api/auth/workspace-session`` and
  ``/api/conversations/{id}/workspace/...``) echo any ``http(s)://`` origin with credentials;
* everything else allows, with credentials, any ``localhost`` / ``127.0.0.1`` origin (any port),
  the host named by ``DOCKER_HOST_ADDR``, and the origins given with ``--cors-origin``.

One difference on purpose: with ``--cors-origin '*'`` the real server would reflect every origin
with credentials; the mock answers ``*`` without credentials, so no page can read it as the user.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from urllib.parse import urlparse

from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.config import MockConfig

WORKSPACE_SESSION_PATH = "/api/auth/workspace-session"
WORKSPACE_STATIC = re.compile(r"^/api/conversations/[^/]+/workspace(/|$)")
LOCAL_HOSTNAMES = ("localhost", "127.0.0.1")


def is_workspace_cookie_path(path: str) -> bool:
    """The routes that authenticate with the workspace cookie (an ambient credential)."""
    return path == WORKSPACE_SESSION_PATH or WORKSPACE_STATIC.match(path) is not None


class LocalhostCORSMiddleware(CORSMiddleware):
    """``CORSMiddleware`` that also allows every local origin and ``DOCKER_HOST_ADDR``."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        wildcard = "*" in origins
        super().__init__(
            app,
            allow_origins=list(origins),
            allow_credentials=not wildcard,
            allow_methods=["*"],
            allow_headers=["*"],
        )

    def is_allowed_origin(self, origin: str) -> bool:
        hostname = urlparse(origin).hostname or "" if origin else ""
        docker_host = os.environ.get("DOCKER_HOST_ADDR")
        if hostname in LOCAL_HOSTNAMES or (docker_host and hostname == docker_host):
            return True
        return bool(super().is_allowed_origin(origin))


class CORSDispatcher:
    """The real server's ``CORSDispatcher``: workspace-cookie routes or the default policy.

    ``config`` is read on every request: origins delivered later (``POST /api/init``) apply at once.
    """

    def __init__(self, app: ASGIApp, config: Callable[[], MockConfig]) -> None:
        self._app, self._config = app, config
        self._defaults: dict[tuple[str, ...], LocalhostCORSMiddleware] = {}
        self._workspace = CORSMiddleware(
            app, allow_origin_regex=r"https?://.+", allow_credentials=True, allow_methods=["*"], allow_headers=["*"]
        )

    @property
    def _default(self) -> LocalhostCORSMiddleware:
        origins = self._config().cors_origins
        if origins not in self._defaults:
            self._defaults[origins] = LocalhostCORSMiddleware(self._app, origins)
        return self._defaults[origins]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            root = scope.get("root_path", "")
            path = scope.get("path", "/")
            if is_workspace_cookie_path((path.removeprefix(root) if root else path) or "/"):
                await self._workspace(scope, receive, send)
                return
        await self._default(scope, receive, send)
