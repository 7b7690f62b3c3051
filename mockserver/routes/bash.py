"""The bash routes over the mock's bash logs (nothing is executed): the server-level
``/api/bash/*`` and each conversation's runtime scope ``/api/conversations/{id}/bash/*``.

The server-level socket, ``/sockets/bash-events``, is in :mod:`mockserver.sockets`; it reads
and writes the same :class:`~mockserver.bash_log.BashLog` as ``/api/bash/*``.
"""

from __future__ import annotations

import asyncio
import enum
import posixpath
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request

from contract.generated import models
from mockserver.bash_log import BashLog
from mockserver.routes.generic import bind_runtime_conversation
from mockserver.state import MockState
from mockserver.store import page, to_server_local

# An Enum, as in the server, so a bad value fails with the error type "enum".
SortOrder = enum.Enum("BashEventSortOrder", {"TIMESTAMP": "TIMESTAMP", "TIMESTAMP_DESC": "TIMESTAMP_DESC"}, type=str)  # type: ignore[misc]


def _server_log(request: Request) -> BashLog:
    state: MockState = request.app.state.mock
    return state.bash


def _runtime_log(request: Request) -> BashLog:
    """The conversation's runtime-scope bash log (``bind_runtime_conversation`` found it)."""
    state: MockState = request.app.state.mock
    return state.runtime_bash(request.path_params["runtime_conversation_id"])


def _check_cwd(log: BashLog, cwd: str | None) -> None:
    """``_validate_cwd``: in a runtime scope a cwd must be inside the conversation workspace."""
    if log.default_cwd is None or cwd is None or posixpath.isabs(log.default_cwd) != posixpath.isabs(cwd):
        return  # a relative one resolves against the server's own cwd: unknowable here
    root, path = posixpath.normpath(log.default_cwd), posixpath.normpath(cwd)
    if path != root and not path.startswith(root.rstrip("/") + "/"):
        raise HTTPException(422, detail="cwd must be inside the conversation workspace")


def build_router(prefix: str, log_of: Callable[[Request], BashLog], *, dependencies: list[Any]) -> APIRouter:
    """The bash routes under ``prefix``, over the log ``log_of`` finds for a request."""
    router = APIRouter(prefix=prefix, dependencies=dependencies)
    _log = log_of

    @router.get("/bash_events/search")
    async def search_bash_events(
        request: Request,
        kind__eq: Literal["BashCommand", "BashOutput"] | None = None,
        command_id__eq: UUID | None = None,
        timestamp__gte: datetime | None = None,
        timestamp__lt: datetime | None = None,
        order__gt: int | None = None,
        sort_order: SortOrder = SortOrder.TIMESTAMP,
        page_id: str | None = None,
        limit: Annotated[int, Query(gt=0, le=100)] = 100,
    ) -> dict[str, Any]:
        gte = to_server_local(timestamp__gte) if timestamp__gte else None
        lt = to_server_local(timestamp__lt) if timestamp__lt else None
        matches = [
            e
            for e in _log(request).events
            if (kind__eq is None or e["kind"] == kind__eq)
            and (
                command_id__eq is None
                or e.get("command_id", e["id"] if e["kind"] == "BashCommand" else None) == str(command_id__eq)
            )
            and (order__gt is None or (e["kind"] == "BashOutput" and e["order"] > order__gt))
            and (gte is None or e["timestamp"].rstrip("Z") >= gte)
            and (lt is None or e["timestamp"].rstrip("Z") < lt)
        ]
        if sort_order is SortOrder.TIMESTAMP_DESC:
            matches.reverse()
        off_by_one = request.app.state.mock.faults.cursor_off_by_one
        chunk, next_id = page(matches, page_id, limit, key=lambda e: e["id"], off_by_one=off_by_one)
        return {"items": chunk, "next_page_id": next_id}

    @router.get("/bash_events/{event_id}")
    async def get_bash_event(request: Request, event_id: str) -> dict[str, Any]:
        event = _log(request).get(event_id)
        if event is None:
            raise HTTPException(404)
        return event

    @router.get("/bash_events/")
    async def batch_get_bash_events(
        request: Request, event_ids: Annotated[list[str], Body()]
    ) -> list[dict[str, Any] | None]:
        log = _log(request)
        return [log.get(event_id) for event_id in event_ids]

    def start(request: Request, body: models.ExecuteBashRequest) -> tuple[BashLog, dict[str, Any], asyncio.Task[None]]:
        log = _log(request)
        _check_cwd(log, body.cwd)
        return (log, *log.start(body.command, body.cwd, body.timeout))

    @router.post("/start_bash_command")
    async def start_bash_command(request: Request, body: models.ExecuteBashRequest) -> dict[str, Any]:
        _, command, _ = start(request, body)
        return command

    @router.post("/execute_bash_command")
    async def execute_bash_command(request: Request, body: models.ExecuteBashRequest) -> dict[str, Any]:
        log, command, running = start(request, body)
        await running
        return log.collected_output(command["id"])

    @router.delete("/bash_events")
    async def clear_bash_events(request: Request) -> dict[str, int]:
        return {"cleared_count": _log(request).clear()}

    @router.post("/bash_commands/{command_id}/stop")
    async def stop_bash_command(request: Request, command_id: UUID) -> dict[str, bool]:
        if not _log(request).stop(str(command_id)):
            raise HTTPException(404)
        return {"success": True}

    return router


router = build_router("/api/bash", _server_log, dependencies=[])
runtime_router = build_router(
    "/api/conversations/{runtime_conversation_id}/bash", _runtime_log, dependencies=[Depends(bind_runtime_conversation)]
)
