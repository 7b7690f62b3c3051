"""Server-level bash routes ``/api/bash/*`` over the mock's bash log (nothing is executed).

The matching socket, ``/sockets/bash-events``, is in :mod:`mockserver.sockets`; both read and
write the same :class:`~mockserver.bash_log.BashLog`.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Body, HTTPException, Query, Request

from contract.generated import models
from mockserver.bash_log import BashLog
from mockserver.store import page, to_server_local

router = APIRouter(prefix="/api/bash")
# An Enum, as in the server, so a bad value fails with the error type "enum".
SortOrder = enum.Enum("BashEventSortOrder", {"TIMESTAMP": "TIMESTAMP", "TIMESTAMP_DESC": "TIMESTAMP_DESC"}, type=str)  # type: ignore[misc]


def _log(request: Request) -> BashLog:
    log: BashLog = request.app.state.mock.bash
    return log


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
    chunk, next_id = page(matches, page_id, limit, key=lambda e: e["id"])
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


@router.post("/start_bash_command")
async def start_bash_command(request: Request, body: models.ExecuteBashRequest) -> dict[str, Any]:
    command, _ = _log(request).start(body.command, body.cwd, body.timeout)
    return command


@router.post("/execute_bash_command")
async def execute_bash_command(request: Request, body: models.ExecuteBashRequest) -> dict[str, Any]:
    _, output = _log(request).start(body.command, body.cwd, body.timeout)
    return output


@router.delete("/bash_events")
async def clear_bash_events(request: Request) -> dict[str, int]:
    return {"cleared_count": _log(request).clear()}


@router.post("/bash_commands/{command_id}/stop")
async def stop_bash_command(request: Request, command_id: UUID) -> dict[str, bool]:
    log = _log(request)
    if str(command_id) not in log.index:
        raise HTTPException(404)
    return {"success": True}  # commands complete at once: stopping a finished one succeeds
