"""Server-level bash events: ``/api/bash/*`` and ``/sockets/bash-events``, one shared log.

Nothing is executed: every command "completes" at once with exit code 0 and no output (or the
output set through ``BashLog.canned``), but the events, paging and socket behave like
bash_router.py / sockets.py:bash_events_socket of 1.58.0, so terminal UIs can be developed
against the mock.
"""

from __future__ import annotations

import asyncio
import enum
import itertools
import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID, uuid4

from fastapi import APIRouter, Body, HTTPException, Query, Request, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from contract.generated import models
from mockserver.store import page, to_server_local

router = APIRouter(prefix="/api/bash")
# An Enum, as in the server, so a bad value fails with the error type "enum".
SortOrder = enum.Enum("BashEventSortOrder", {"TIMESTAMP": "TIMESTAMP", "TIMESTAMP_DESC": "TIMESTAMP_DESC"}, type=str)
socket_router = APIRouter(prefix="/sockets")
_subscriber_ids = itertools.count()


def _utc_now() -> str:
    # Bash events carry UTC timestamps with a trailing Z (unlike conversation events).
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


class BashLog:
    """Bash commands and their outputs, in order, plus live subscribers."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        self.subscribers: dict[int, Any] = {}
        self.canned: dict[str, tuple[str, int]] = {}  # command → (stdout, exit_code)

    def _append(self, event: dict[str, Any]) -> dict[str, Any]:
        self.index[event["id"]] = len(self.events)
        self.events.append(event)
        for deliver in list(self.subscribers.values()):
            deliver(event)
        return event

    def start(self, request: models.ExecuteBashRequest) -> tuple[dict[str, Any], dict[str, Any]]:
        command = self._append(
            {"id": str(uuid4()), "timestamp": _utc_now(), "command": request.command, "cwd": request.cwd, "timeout": request.timeout, "kind": "BashCommand"}
        )
        stdout, exit_code = self.canned.get(request.command, ("", 0))
        output = self._append(
            {"id": str(uuid4()), "timestamp": _utc_now(), "command_id": command["id"], "order": 0, "exit_code": exit_code, "stdout": stdout or None, "stderr": None, "kind": "BashOutput"}
        )
        return command, output

    def clear(self) -> int:
        count = len(self.events)
        self.events.clear()
        self.index.clear()
        return count


def _log(request: Request) -> BashLog:
    return request.app.state.mock.bash


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
        and (command_id__eq is None or e.get("command_id", e["id"] if e["kind"] == "BashCommand" else None) == str(command_id__eq))
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
    log = _log(request)
    if event_id not in log.index:
        raise HTTPException(404)
    return log.events[log.index[event_id]]


@router.get("/bash_events/")
async def batch_get_bash_events(request: Request, event_ids: Annotated[list[str], Body()]) -> list[dict[str, Any] | None]:
    log = _log(request)
    return [log.events[log.index[i]] if i in log.index else None for i in event_ids]


@router.post("/start_bash_command")
async def start_bash_command(request: Request, body: models.ExecuteBashRequest) -> dict[str, Any]:
    command, _ = _log(request).start(body)
    return command


@router.post("/execute_bash_command")
async def execute_bash_command(request: Request, body: models.ExecuteBashRequest) -> dict[str, Any]:
    _, output = _log(request).start(body)
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


@socket_router.websocket("/bash-events")
async def bash_events_socket(
    websocket: WebSocket,
    session_api_key: Annotated[str | None, Query()] = None,
    resend_mode: Annotated[Literal["all"] | None, Query()] = None,
    resend_all: Annotated[bool, Query(include_in_schema=False)] = False,
) -> None:
    """Bash event frames (nulls kept); client frames are ExecuteBashRequest bodies."""
    from mockserver.ws import authenticate  # shared auth; imported late to keep module imports acyclic

    state = websocket.app.state.mock
    if not await authenticate(websocket, state, session_api_key):
        return
    log: BashLog = state.bash
    if len(log.subscribers) >= state.config.max_subscribers:
        await websocket.close(code=1013, reason="Too many bash event connections")
        return
    outbox: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
    if resend_mode == "all" or resend_all:
        for event in log.events:
            outbox.put_nowait(event)
    subscriber_id = next(_subscriber_ids)
    log.subscribers[subscriber_id] = outbox.put_nowait
    writer = asyncio.create_task(_write(websocket, outbox))
    try:
        while True:
            try:
                text = await websocket.receive_text()
            except (WebSocketDisconnect, RuntimeError, KeyError):
                return
            try:
                log.start(models.ExecuteBashRequest.model_validate(json.loads(text)))
            except (ValidationError, ValueError) as exc:
                code = "ValidationError" if isinstance(exc, ValidationError) else type(exc).__name__
                outbox.put_nowait({"id": str(uuid4()), "timestamp": _utc_now(), "code": code, "detail": str(exc), "kind": "BashError"})
    finally:
        log.subscribers.pop(subscriber_id, None)
        outbox.put_nowait(None)
        writer.cancel()


async def _write(websocket: WebSocket, outbox: asyncio.Queue[dict[str, Any] | None]) -> None:
    while (frame := await outbox.get()) is not None:
        try:
            await websocket.send_json(frame)
        except (RuntimeError, WebSocketDisconnect):
            return
