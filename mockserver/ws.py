"""``/sockets/events/{conversation_id}``: the legacy event socket, as 1.58.0's sockets.py serves it.

Order on connect: authenticate (query/header legacy key, or a first ``auth`` frame within
10 s), look the conversation up (4004), subscribe (1013 over the limit), push one
``full_state`` snapshot, resend history if asked, then stream live frames. Client frames are
SDK ``Message`` objects that always start a run; bad frames get a ``ServerErrorEvent`` reply.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from datetime import datetime
from collections.abc import Callable
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from contract.generated import models
from mockserver import event_builder as build
from mockserver.engine import RunCapacityExceeded, RunConflict
from mockserver.state import MockState
from mockserver.strict import frame_problems
from mockserver.store import Conversation, to_server_local

router = APIRouter(prefix="/sockets")
_subscriber_ids = itertools.count()
# Starlette's send_json text, with the encoder built once instead of per frame (json.dumps with
# non-default options constructs one each call); a 10,000-event replay sends 10,000 frames.
_encode_frame = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _is_auth_control_message(data: object) -> bool:
    # sockets.py:_is_auth_control_message — only exactly {type, session_api_key} counts.
    return isinstance(data, dict) and data.get("type") == "auth" and set(data) <= {"type", "session_api_key"}


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    try:
        await websocket.close(code=code, reason=reason)
    except Exception:  # noqa: BLE001 - the socket may already be gone
        pass


async def authenticate(websocket: WebSocket, state: MockState, legacy_key: str | None) -> bool:
    """Accept the socket or close it with 4001, following ``_accept_authenticated_websocket``."""
    keys = state.config.api_keys
    if not keys:
        await websocket.accept()
        return True
    resolved = legacy_key if legacy_key is not None else websocket.headers.get("x-session-api-key")
    if resolved is not None:
        if resolved and resolved in keys:
            await websocket.accept()
            return True
        await websocket.close(code=4001, reason="Authentication failed")  # before accept: HTTP 403
        return False
    await websocket.accept()
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), timeout=state.config.auth_timeout_s)
        data = json.loads(raw)
    except (TimeoutError, json.JSONDecodeError, WebSocketDisconnect, KeyError):
        await _close(websocket, 4001, "Authentication failed")
        return False
    state.journal.frame("in", websocket.url.path, data)
    presented = data.get("session_api_key") if isinstance(data, dict) and data.get("type") == "auth" else None
    if not presented or presented not in keys:
        await _close(websocket, 4001, "Authentication failed")
        return False
    return True


async def _open(websocket: WebSocket, state: MockState, conversation_id: UUID, legacy_key: str | None) -> Conversation | None:
    """Authenticate, find the conversation (4004) and check the subscriber limit (1013)."""
    if not await authenticate(websocket, state, legacy_key):
        return None
    conversation = state.store.get(conversation_id)
    if conversation is None:
        if state.faults.suppress_4004:  # fault knob (checker mutation tests): a plain close, no 4004
            await _close(websocket, 1000, "Connection closed")
            return None
        await _close(websocket, 4004, "Conversation not found")
        return None
    if len(conversation.subscribers) >= state.config.max_subscribers:
        await _close(websocket, 1013, "Too many connections for this conversation")
        return None
    return conversation


Wire = Callable[[dict[str, Any]], dict[str, Any] | None]


async def _serve(
    websocket: WebSocket,
    state: MockState,
    conversation: Conversation,
    history: list[dict[str, Any]],
    to_wire: Wire,
    error_frame: Callable[[str, str], dict[str, Any]],
) -> None:
    """Send ``history`` then live frames (each through ``to_wire``) while reading client frames.

    Live frames published while the history is queued wait behind it, so history and live
    traffic never interleave within one connection.
    """
    outbox: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
    subscriber_id = next(_subscriber_ids)

    def deliver(event: dict[str, Any]) -> None:
        frame = to_wire(event)
        if frame is not None:
            outbox.put_nowait(frame)

    for frame in history:
        outbox.put_nowait(frame)
    conversation.subscribers[subscriber_id] = deliver
    state.sockets[subscriber_id] = websocket
    writer = asyncio.create_task(_write_frames(websocket, state, outbox))
    try:
        await _read_frames(websocket, state, conversation, error_frame)
    finally:
        conversation.subscribers.pop(subscriber_id, None)
        state.sockets.pop(subscriber_id, None)
        outbox.put_nowait(None)
        writer.cancel()


@router.websocket("/events/{conversation_id}")
async def events_socket(
    websocket: WebSocket,
    conversation_id: UUID,
    session_api_key: Annotated[str | None, Query()] = None,
    resend_mode: Annotated[Literal["all", "since"] | None, Query()] = None,
    after_timestamp: Annotated[datetime | None, Query()] = None,
    resend_all: Annotated[bool, Query(include_in_schema=False)] = False,
) -> None:
    """Legacy socket: snapshot first, then the requested resend, then live events as they are."""
    state: MockState = websocket.app.state.mock
    conversation = await _open(websocket, state, conversation_id, session_api_key)
    if conversation is None:
        return
    history = [_initial_snapshot(conversation)]
    mode = resend_mode or ("all" if resend_all else None)
    if mode == "all":
        history += conversation.events
    elif mode == "since" and after_timestamp is not None:
        history += conversation.find_events(timestamp_gte=to_server_local(after_timestamp))

    def server_error(code: str, detail: str) -> dict[str, Any]:
        return {"id": conversation.clock.event_id(), "timestamp": conversation.clock.event_timestamp(), **build.server_error(code, detail)}

    await _serve(websocket, state, conversation, history, lambda event: event, server_error)


@router.websocket("/session/{conversation_id}")
async def session_socket(
    websocket: WebSocket,
    conversation_id: UUID,
    session_api_key: Annotated[str | None, Query()] = None,
    after_seq: Annotated[int | None, Query()] = None,
) -> None:
    """Session socket (session_socket.py): a sync frame, durable replay after ``after_seq``,
    then the connect snapshot and live events in ``durable``/``transient`` envelopes."""
    state: MockState = websocket.app.state.mock
    conversation = await _open(websocket, state, conversation_id, session_api_key)
    if conversation is None:
        return
    length = len(conversation.events)
    through_seq = length - 1 if length else None
    history: list[dict[str, Any]] = [{"type": "sync", "from_seq": after_seq, "through_seq": through_seq}]
    if after_seq is not None and through_seq is not None:
        history += [{"type": "durable", "seq": seq, "event": conversation.events[seq]} for seq in range(max(after_seq + 1, 0), length)]
    # The connect snapshot reaches the buffering subscriber first and is flushed at go-live.
    history.append({"type": "transient", "event": _initial_snapshot(conversation)})

    def envelope(event: dict[str, Any]) -> dict[str, Any] | None:
        if event["kind"] == "StreamingDeltaEvent":
            return None  # the session socket streams progress frames, not delta events
        seq = conversation.index.get(event["id"])
        return {"type": "transient", "event": event} if seq is None else {"type": "durable", "seq": seq, "event": event}

    await _serve(websocket, state, conversation, history, envelope, lambda code, detail: {"type": "error", "code": code, "detail": detail})


def _initial_snapshot(conversation: Conversation) -> dict[str, Any]:
    event = build.state_update("full_state", conversation.state_dump())
    return {"id": conversation.clock.event_id(), "timestamp": conversation.clock.event_timestamp(), **event}


async def _write_frames(websocket: WebSocket, state: MockState, outbox: asyncio.Queue[dict[str, Any] | None]) -> None:
    path = websocket.url.path
    while (frame := await outbox.get()) is not None:
        if state.faults.ws_delay_ms:
            await asyncio.sleep(state.faults.ws_delay_ms / 1000)
        # Stored events carry no nulls; copy only the frames that do (replay sends the whole log).
        body = {k: v for k, v in frame.items() if v is not None} if None in frame.values() else frame
        if state.faults.drop_field:  # fault knob (checker mutation tests): drop a field (copies, never the stored event)
            body = {k: v for k, v in body.items() if k != state.faults.drop_field}
            if isinstance(body.get("event"), dict):
                body["event"] = {k: v for k, v in body["event"].items() if k != state.faults.drop_field}
        if state.strict:
            state.violations.extend(frame_problems(path, body))
        copies = 2 if state.faults.take("duplicate_frame") else 1
        try:
            for _ in range(copies):
                await websocket.send_text(_encode_frame(body))
                state.journal.frame("out", path, body)
        except (RuntimeError, WebSocketDisconnect):
            return


async def _read_frames(websocket: WebSocket, state: MockState, conversation: Conversation, error_frame: Callable[[str, str], dict[str, Any]]) -> None:
    path = websocket.url.path
    while True:
        try:
            text = await websocket.receive_text()
        except (WebSocketDisconnect, RuntimeError, KeyError):
            return
        try:
            data = json.loads(text)
            state.journal.frame("in", path, data)
            if _is_auth_control_message(data):
                continue
            message = models.Message.model_validate(data)
            await _send_message(state, conversation, message)
        except (ValidationError, ValueError, RunCapacityExceeded) as exc:
            code = "ValidationError" if isinstance(exc, ValidationError) else type(exc).__name__
            if conversation.deleted:
                continue
            try:
                await websocket.send_json(error_frame(code, str(exc)))
            except (RuntimeError, WebSocketDisconnect):
                return


async def _send_message(state: MockState, conversation: Conversation, message: models.Message) -> None:
    """A socket message is ``send_message(message, run=True)``."""
    if message.role != "user":
        raise ValueError("Only user messages are allowed to be sent to the agent.")
    content = [c.model_dump(mode="json", exclude_none=True) if hasattr(c, "model_dump") else c for c in (message.content or [])]
    state.engine.append_user_message(conversation, content)
    try:
        start = state.engine.start_run(conversation)
    except RunConflict:
        return  # the live run picks the message up
    await start()
