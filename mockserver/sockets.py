"""The three sockets of 1.58.0, built on :mod:`contract.spec.ws_protocol`.

* ``/sockets/events/{id}``: the legacy event socket (the one the SDK uses). On connect: one
  ``full_state`` snapshot, then the requested resend, then live events.
* ``/sockets/session/{id}?after_seq=``: the envelope socket: a ``sync`` frame, the durable replay
  after ``after_seq``, the connect snapshot as a ``transient`` frame, then live envelopes.
* ``/sockets/bash-events``: the server-level bash log (frames keep their nulls).

Every rule that is part of the protocol (authentication, close codes and reasons, how a client
frame is classified, envelope shapes, limits) comes from the protocol module, so the mock and the
checker share one reading of it. Frames go out through one writer, which tells the observers
(journal, strict mode, control-API recorders) about every send.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, ValidationError

from contract.spec.ws_protocol import (
    BASH_EVENTS_SOCKET_PATH,
    SESSION_API_KEY_HEADER,
    AuthDecision,
    AuthFrame,
    ClientFrameError,
    CloseCode,
    CloseReason,
    DurableFrame,
    ErrorFrame,
    SyncFrame,
    TransientFrame,
    first_frame_authenticates,
    handshake_auth,
    parse_client_frame,
)
from mockserver import event_builder as build
from mockserver.bash_log import BashLog, bash_error
from mockserver.engine import RunCapacityExceeded, RunConflict
from mockserver.observers import SocketInfo
from mockserver.state import MockState
from mockserver.store import Conversation, to_server_local

router = APIRouter(prefix="/sockets")
# Starlette's send_json text, with the encoder built once instead of per frame (json.dumps with
# non-default options constructs one each call); a 10,000-event replay sends 10,000 frames.
_encode_frame = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

Frame = dict[str, Any]
ClientFrameHandler = Callable[[Frame], Awaitable[None]]
# A socket's queue: frames, drain markers (resolved once written), None to stop the writer.
Outbox = asyncio.Queue[Frame | asyncio.Future[None] | None]
ErrorReply = Callable[[str, str], Frame]


# -- authentication and admission ------------------------------------------------------------


async def _close(websocket: WebSocket, code: int, reason: str | None = None) -> None:
    """Close with ``code`` and its protocol reason (or ``reason``); quiet if the client is gone."""
    if reason is None:
        reason = code.reason if isinstance(code, CloseCode) else ""
    with contextlib.suppress(RuntimeError, WebSocketDisconnect):
        await websocket.close(code=code, reason=reason)


def _socket_info(websocket: WebSocket, conversation_id: UUID | None) -> SocketInfo:
    async def close(code: int) -> None:
        await _close(websocket, code)

    return SocketInfo(
        path=websocket.url.path, conversation_id=None if conversation_id is None else str(conversation_id), close=close
    )


async def authenticate(websocket: WebSocket, state: MockState, socket: SocketInfo, query_key: str | None) -> bool:
    """Accept the socket if it may connect (``sockets.py:_accept_authenticated_websocket``).

    A wrong legacy key (query or header) is refused before accept, which the client sees as an
    HTTP 403 handshake rejection. Otherwise the socket is accepted and, when keys are configured
    and no legacy key was given, the first frame must authenticate within the auth timeout, or
    the socket closes with 4001. A binary first frame crashes the real handler, so the connection
    drops without a close frame; the mock abandons it the same way.
    """
    keys = state.config.api_keys
    decision = handshake_auth(keys, query_key, websocket.headers.get(SESSION_API_KEY_HEADER))
    if decision is AuthDecision.REJECT_HANDSHAKE:
        await _close(websocket, CloseCode.AUTH_FAILED)
        return False
    await websocket.accept()
    if decision is AuthDecision.ACCEPT:
        return True
    try:
        message = await asyncio.wait_for(websocket.receive(), timeout=state.config.auth_timeout_s)
    except TimeoutError:
        await _close(websocket, CloseCode.AUTH_FAILED)
        return False
    if message["type"] == "websocket.disconnect":
        return False
    frame = message["text"] if message.get("text") is not None else message.get("bytes") or b""
    try:
        authenticated = first_frame_authenticates(frame, keys)
    except ClientFrameError:  # binary or too deep: the real handler crashes on these
        return False  # returning without a close frame: uvicorn drops the connection
    state.observers.received(socket, _decoded(frame))
    if not authenticated:
        await _close(websocket, CloseCode.AUTH_FAILED)
    return authenticated


async def _open_conversation(
    websocket: WebSocket, state: MockState, socket: SocketInfo, conversation_id: UUID, query_key: str | None
) -> Conversation | None:
    """Authenticate, find the conversation (4004) and check the subscriber limit (1013)."""
    if not await authenticate(websocket, state, socket, query_key):
        return None
    conversation = state.store.get(conversation_id)
    if conversation is None:
        if state.faults.suppress_4004:  # fault knob (checker mutation tests): a plain close, no 4004
            await _close(websocket, CloseCode.NORMAL)
        else:
            await _close(websocket, CloseCode.NOT_FOUND)
        return None
    if len(conversation.subscribers) >= state.config.max_subscribers:
        await _close(websocket, CloseCode.TRY_AGAIN_LATER, CloseReason.TOO_MANY_CONNECTIONS)
        return None
    return conversation


def _decoded(frame: str | bytes) -> Any:
    """A client frame as observers see it: its JSON, or the raw text if it is not JSON."""
    if isinstance(frame, bytes):
        return f"<binary frame, {len(frame)} bytes>"
    try:
        return json.loads(frame)
    except (ValueError, RecursionError):
        return frame if len(frame) <= 1000 else frame[:1000] + f"... ({len(frame)} characters)"


# -- serving one socket ----------------------------------------------------------------------


@dataclass
class _Channel:
    """How one kind of socket talks: where it subscribes and how its frames look."""

    subscribers: dict[int, Callable[[Frame], None]]
    to_wire: Callable[[Frame], Frame | None]
    on_client_frame: ClientFrameHandler
    error_reply: ErrorReply
    strip_nulls: bool = True
    mute_errors: Callable[[], bool] = lambda: False
    """True while error replies must not be sent (a deleted conversation's socket is silent)."""


async def _serve(
    websocket: WebSocket, state: MockState, socket: SocketInfo, channel: _Channel, history: list[Frame]
) -> None:
    """Send ``history`` then live frames (each through ``channel.to_wire``) while reading client frames.

    Live frames published while the history is queued wait behind it, so history and live
    traffic never interleave within one connection.
    """
    outbox: Outbox = asyncio.Queue()

    async def drained() -> None:
        marker: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        outbox.put_nowait(marker)
        await marker

    socket.drained = drained

    def deliver(event: Frame) -> None:
        frame = channel.to_wire(event)
        if frame is not None:
            outbox.put_nowait(frame)

    for frame in history:
        outbox.put_nowait(frame)
    channel.subscribers[socket.id] = deliver
    state.sockets[socket.id] = socket
    state.observers.subscribed(socket)
    writer = asyncio.create_task(_write_frames(websocket, state, socket, outbox, channel.strip_nulls))
    try:
        await _read_frames(websocket, state, socket, channel, outbox)
    finally:
        channel.subscribers.pop(socket.id, None)
        state.sockets.pop(socket.id, None)
        state.observers.unsubscribed(socket)
        outbox.put_nowait(None)
        writer.cancel()


async def _write_frames(
    websocket: WebSocket, state: MockState, socket: SocketInfo, outbox: Outbox, strip_nulls: bool
) -> None:
    faults = state.faults
    while (frame := await outbox.get()) is not None:
        if isinstance(frame, asyncio.Future):  # a drain marker: everything queued before it is out
            if not frame.done():
                frame.set_result(None)
            continue
        if faults.ws_delay_ms:
            await asyncio.sleep(faults.ws_delay_ms / 1000)
        # Stored events carry no nulls; copy only the frames that do (replay sends the whole log).
        body = {k: v for k, v in frame.items() if v is not None} if strip_nulls and None in frame.values() else frame
        if faults.drop_field:  # fault knob (checker mutation tests): drop a field (copies, never the stored event)
            body = {k: v for k, v in body.items() if k != faults.drop_field}
            if isinstance(body.get("event"), dict):
                body["event"] = {k: v for k, v in body["event"].items() if k != faults.drop_field}
        copies = 2 if faults.take("duplicate_frame") else 1
        try:
            for _ in range(copies):
                state.observers.sending(socket, body)
                await websocket.send_text(_encode_frame(body))
                state.observers.sent(socket, body)
        except (RuntimeError, WebSocketDisconnect):
            return


async def _read_frames(
    websocket: WebSocket, state: MockState, socket: SocketInfo, channel: _Channel, outbox: Outbox
) -> None:
    while True:
        try:
            message = await websocket.receive()
        except (WebSocketDisconnect, RuntimeError):
            return
        if message["type"] == "websocket.disconnect":
            return
        raw = message["text"] if message.get("text") is not None else message.get("bytes") or b""
        state.observers.received(socket, _decoded(raw))
        try:
            data = parse_client_frame(raw)
            if isinstance(data, AuthFrame):
                continue  # after authentication an auth frame is a no-op, whatever key it carries
            await channel.on_client_frame(data)
        except ClientFrameError as exc:
            code, detail = exc.code, exc.detail
        except ValidationError as exc:
            code, detail = "ValidationError", str(exc)
        except (ValueError, RunCapacityExceeded) as exc:
            code, detail = type(exc).__name__, str(exc)
        else:
            continue
        if not channel.mute_errors():
            outbox.put_nowait(channel.error_reply(code, detail))


# -- conversation sockets --------------------------------------------------------------------


def _message_handler(state: MockState, conversation: Conversation) -> ClientFrameHandler:
    """A client frame on a conversation socket is ``send_message(message, run=True)``."""

    async def handle(data: Frame) -> None:
        from contract.generated import models  # the generated models load on first use

        message = models.Message.model_validate(data)
        if message.role != "user":
            raise ValueError("Only user messages are allowed to be sent to the agent.")
        content: list[dict[str, Any]] = [
            c.model_dump(mode="json", exclude_none=True) if isinstance(c, BaseModel) else c
            for c in (message.content or [])
        ]
        await state.engine.receive_message(conversation, content)
        try:
            start = state.engine.start_run(conversation)
        except RunConflict:
            return  # the live run picks the message up
        await start()

    return handle


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
    socket = _socket_info(websocket, conversation_id)
    conversation = await _open_conversation(websocket, state, socket, conversation_id, session_api_key)
    if conversation is None:
        return
    history = [conversation.subscriber_snapshot()]
    mode = resend_mode or ("all" if resend_all else None)
    if mode == "all":
        history += conversation.events
    elif mode == "since" and after_timestamp is not None:
        history += conversation.find_events(timestamp_gte=to_server_local(after_timestamp))
    channel = _Channel(
        subscribers=conversation.subscribers,
        to_wire=lambda event: event,
        on_client_frame=_message_handler(state, conversation),
        error_reply=lambda code, detail: conversation.stamped(build.server_error(code, detail)),
        mute_errors=lambda: conversation.deleted,
    )
    await _serve(websocket, state, socket, channel, history)


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
    socket = _socket_info(websocket, conversation_id)
    conversation = await _open_conversation(websocket, state, socket, conversation_id, session_api_key)
    if conversation is None:
        return
    length = len(conversation.events)
    through_seq = length - 1 if length else None
    history = [SyncFrame(from_seq=after_seq, through_seq=through_seq).model_dump(exclude_none=True)]
    if after_seq is not None and through_seq is not None:
        history += [
            DurableFrame(seq=seq, event=conversation.events[seq]).model_dump(exclude_none=True)
            for seq in range(max(after_seq + 1, 0), length)
        ]
    # The connect snapshot reaches the buffering subscriber first and is flushed at go-live.
    history.append(TransientFrame(event=conversation.subscriber_snapshot()).model_dump(exclude_none=True))

    def envelope(event: Frame) -> Frame | None:
        if event["kind"] == "StreamingDeltaEvent":
            return None  # the session socket streams progress frames, not delta events
        seq = conversation.index.get(event["id"])
        frame = TransientFrame(event=event) if seq is None else DurableFrame(seq=seq, event=event)
        return frame.model_dump(exclude_none=True)

    channel = _Channel(
        subscribers=conversation.subscribers,
        to_wire=envelope,
        on_client_frame=_message_handler(state, conversation),
        error_reply=lambda code, detail: ErrorFrame(code=code, detail=detail).model_dump(exclude_none=True),
        mute_errors=lambda: conversation.deleted,
    )
    await _serve(websocket, state, socket, channel, history)


# -- the bash socket -------------------------------------------------------------------------


def _bash_handler(log: BashLog) -> ClientFrameHandler:
    """A client frame on the bash socket is an ``ExecuteBashRequest``: it starts a command."""

    async def handle(data: Frame) -> None:
        from contract.generated import models  # the generated models load on first use

        request = models.ExecuteBashRequest.model_validate(data)
        log.start(request.command, request.cwd, request.timeout)  # its output follows when it ends

    return handle


@router.websocket(BASH_EVENTS_SOCKET_PATH.removeprefix("/sockets"))
async def bash_events_socket(
    websocket: WebSocket,
    session_api_key: Annotated[str | None, Query()] = None,
    resend_mode: Annotated[Literal["all"] | None, Query()] = None,
    resend_all: Annotated[bool, Query(include_in_schema=False)] = False,
) -> None:
    """Bash event frames (nulls kept); client frames are ExecuteBashRequest bodies."""
    state: MockState = websocket.app.state.mock
    socket = _socket_info(websocket, None)
    if not await authenticate(websocket, state, socket, session_api_key):
        return
    log = state.bash
    if len(log.subscribers) >= state.config.max_subscribers:
        await _close(websocket, CloseCode.TRY_AGAIN_LATER, CloseReason.TOO_MANY_BASH_CONNECTIONS)
        return
    history = list(log.events) if resend_mode == "all" or resend_all else []
    channel = _Channel(
        subscribers=log.subscribers,
        to_wire=lambda event: event,
        on_client_frame=_bash_handler(log),
        error_reply=bash_error,
        strip_nulls=False,
    )
    await _serve(websocket, state, socket, channel, history)
