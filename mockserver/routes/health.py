"""The unauthenticated health routes: ``/alive``, ``/health``, ``/ready``, ``/server_info`` and ``/``.

The bodies are defined here once: the FastAPI routes serve them, and :class:`mockserver.app.MockApp`
serves the same bodies itself while the full application is still being built. This module
imports nothing heavy; FastAPI is imported only to build the router.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from mockserver.config import MockConfig

if TYPE_CHECKING:
    from fastapi import APIRouter

HEALTH_PATHS = frozenset({"/alive", "/health", "/ready", "/server_info", "/"})
CAPABILITIES = (
    # /api/conversations/{id}/... workspace, git, file and bash routes, bound to the conversation
    # (404 for an unknown one, 422 for a path outside its workspace) as the real server binds them.
    "conversation_runtime_routes_v1",
    # A create that names an existing conversation id answers it (200) instead of a second one.
    "idempotent_conversation_create_v1",
)
"""The real server's capabilities the mock implements; the others it lists (agent profiles,
credential bindings, tool and skill catalogs, the launch pipeline) are not claimed."""


def body(path: str, config: MockConfig, started: float) -> dict[str, Any]:
    """The JSON body the health route at ``path`` answers with (``started``: server start, epoch s)."""
    if path in ("/alive", "/health"):
        return {"status": "ok"}
    if path == "/ready":
        return {"status": "ready"}
    if path in ("/server_info", "/"):
        return {
            "uptime": round(time.time() - started, 1),
            "idle_time": 0.0,
            "title": "OpenHands Agent Server",
            "version": config.server_version,
            "sdk_version": config.server_version,
            "tools_version": config.server_version,
            "workspace_version": "unknown",
            "build_git_sha": "unknown",
            "build_git_ref": "unknown",
            "python_version": "ohmock",
            "usable_tools": ["terminal", "file_editor", "task_tracker"],
            "runtime_idle_timeout_seconds": None,
            "conversation_runtime": "local",
            "available_conversation_runtimes": [],
            "capabilities": list(CAPABILITIES),
            "app_backend_ingress_url": None,
            "max_foreground_terminal_timeout_seconds": None,
            "docs": "/docs",
            "redoc": "/redoc",
        }
    raise KeyError(path)


def router(config: MockConfig, started: float) -> APIRouter:
    """The FastAPI routes serving :func:`body`."""
    from fastapi import APIRouter

    health = APIRouter()

    def endpoint(path: str) -> Callable[[], Awaitable[dict[str, Any]]]:
        async def answer() -> dict[str, Any]:
            return body(path, config, started)

        return answer

    for path in sorted(HEALTH_PATHS):
        health.add_api_route(path, endpoint(path), methods=["GET"], name=f"health{path.replace('/', '_')}")
    return health
