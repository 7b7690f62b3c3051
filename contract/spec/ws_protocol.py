"""WebSocket protocol of openhands-agent-server 1.58.0: constants, client-frame rules, envelopes.

The mock server uses this module to answer like the real server, and the checker uses it to judge
frames from either one, so both share one reading of the protocol. It is pure Python and pydantic
and never imports ``openhands`` (the runtime does not depend on it); ``tests/test_asyncapi.py``
compares it with the pinned 1.58.0 source. ``contract/spec/asyncapi.yaml`` documents the same protocol.

Source references name functions in ``openhands/agent_server`` 1.58.0: ``sockets.py`` (the events
and bash sockets, authentication), ``session_socket.py`` and ``session_protocol.py`` (the session
socket), ``pub_sub.py`` and ``event_service.py`` (fan-out and the connect-time snapshot).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from enum import IntEnum, StrEnum
from typing import Annotated, Any, Final, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter

__all__ = [
    "AUTH_FRAME_TYPE",
    "AUTH_TIMEOUT_S",
    "BASH_EVENTS_SOCKET_PATH",
    "EXECUTION_STATUS_KEY",
    "FULL_STATE_KEY",
    "HANDSHAKE_REJECTED_HTTP_STATUS",
    "INITIAL_STATE_PUSH_TIMEOUT_S",
    "MAX_SUBSCRIBERS",
    "REPLAY_PAGE_SIZE",
    "SDK_CLIENT_MAX_FRAME_BYTES",
    "SDK_FATAL_CLOSE_CODES",
    "SESSION_API_KEY_FIELD",
    "SESSION_API_KEY_HEADER",
    "SESSION_API_KEY_QUERY_PARAM",
    "SESSION_FRAME_TYPES",
    "SESSION_MAX_FRAME_BYTES",
    "SESSION_MAX_PENDING_BYTES",
    "STATE_UPDATE_KIND",
    "TRANSIENT_KINDS",
    "AuthDecision",
    "AuthFrame",
    "BinaryFrameError",
    "ClientFrameError",
    "CloseCode",
    "CloseReason",
    "DeltaFrame",
    "DurableFrame",
    "ErrorFrame",
    "ItemAbortedFrame",
    "ItemStartedFrame",
    "MalformedFrameError",
    "NotAnObjectError",
    "SessionFrame",
    "SessionFrameBase",
    "SyncFrame",
    "TooDeepError",
    "TransientFrame",
    "announced_status",
    "events_socket_path",
    "first_frame_authenticates",
    "handshake_auth",
    "is_auth_control_message",
    "is_full_state",
    "is_transient_event",
    "parse_client_frame",
    "parse_session_frame",
    "session_socket_path",
]

# --------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------

BASH_EVENTS_SOCKET_PATH: Final = "/sockets/bash-events"
"""The bash socket: not per conversation, so its path has no parameter."""


def events_socket_path(conversation_id: UUID | str) -> str:
    """Path of the legacy events socket (the one the Python SDK uses) for a conversation.

    The socket routers are mounted at the root, not under ``/api``. The id is not validated on
    purpose: a checker must be able to build the path for a non-UUID id, which the real server
    rejects at the handshake with HTTP 403.
    """
    return f"/sockets/events/{conversation_id}"


def session_socket_path(conversation_id: UUID | str) -> str:
    """Path of the session (envelope) socket for a conversation; see :func:`events_socket_path`."""
    return f"/sockets/session/{conversation_id}"


# --------------------------------------------------------------------------------------------
# Limits and timing
# --------------------------------------------------------------------------------------------

AUTH_TIMEOUT_S: Final = 10
"""Seconds the server waits for the first-message auth frame (``_FIRST_MESSAGE_AUTH_TIMEOUT_SECONDS``)."""

MAX_SUBSCRIBERS: Final = 50
"""Subscribers per conversation (and for the bash service), ``PubSub(max_subscribers=50)``.

The server's own internal subscribers count against it, so fewer than 50 sockets may fit.
"""

INITIAL_STATE_PUSH_TIMEOUT_S: Final = 0.5
"""Bound on pushing the connect-time snapshot (``INITIAL_STATE_PUSH_TIMEOUT_SECONDS``).

A subscriber that cannot take the snapshot in time stays subscribed but never gets it.
"""

REPLAY_PAGE_SIZE: Final = 100
"""Events read per page when resending history (``search_events`` limit, ``REPLAY_PAGE_SIZE``)."""

SESSION_MAX_FRAME_BYTES: Final = 4 * 1024 * 1024
"""Largest session-socket frame; a bigger one drops the connection (``MAX_FRAME_BYTES``)."""

SESSION_MAX_PENDING_BYTES: Final = 4 * SESSION_MAX_FRAME_BYTES
"""Per-connection write budget of the session socket (``MAX_PENDING_BYTES``)."""

SDK_CLIENT_MAX_FRAME_BYTES: Final = 1024 * 1024
"""The SDK client's limit: the ``websockets.connect`` default ``max_size``.

Not a server rule, but a frame above it makes the SDK close with 1009 and reconnect, so a
checker should flag it (``full_state`` carries the whole agent, skills included).
"""

# --------------------------------------------------------------------------------------------
# Event kinds and persistence
# --------------------------------------------------------------------------------------------

STATE_UPDATE_KIND: Final = "ConversationStateUpdateEvent"
"""``kind`` of the state-update event; its ``key`` says which field changed."""

FULL_STATE_KEY: Final = "full_state"
"""``key`` of the state update whose ``value`` is the whole ConversationState (never persisted)."""

TRANSIENT_KINDS: Final = frozenset({"StreamingDeltaEvent", "ServerErrorEvent"})
"""Kinds that are only ever sent on a socket and never written to the event log.

``StreamingDeltaEvent`` is published straight to the pub/sub (``_publish_stream_delta``) and only
to subscribers that opt in, which is the events socket. ``ServerErrorEvent`` is written to the
one socket whose frame failed. A state update is transient or persisted depending on its key
(see :func:`is_transient_event`), so its kind is not listed here.
"""


EXECUTION_STATUS_KEY: Final = "execution_status"
"""``key`` of the per-field state update that announces a new execution status."""


def is_full_state(event: Mapping[str, Any]) -> bool:
    """True for the ``full_state`` snapshot (a state update whose value is the whole state)."""
    return event.get("kind") == STATE_UPDATE_KIND and event.get("key") == FULL_STATE_KEY


def announced_status(event: Mapping[str, Any]) -> str | None:
    """The execution status a frame announces: a per-field ``execution_status`` update or a
    ``full_state`` snapshot; None for every other frame."""
    if event.get("kind") != STATE_UPDATE_KIND:
        return None
    value = event.get("value")
    if event.get("key") == EXECUTION_STATUS_KEY:
        return value if isinstance(value, str) else None
    if event.get("key") == FULL_STATE_KEY and isinstance(value, Mapping):
        status = value.get(EXECUTION_STATUS_KEY)
        return status if isinstance(status, str) else None
    return None


def is_transient_event(event: Mapping[str, Any]) -> bool:
    """True if this events-socket frame is never persisted (absent from REST search and replay).

    One transient frame cannot be recognised by its shape: when the event service has no live
    conversation, the connect-time snapshot is a per-field ``execution_status=idle`` update
    (``EventService.subscribe_to_events``) that looks like a persisted one but is not.
    """
    return event.get("kind") in TRANSIENT_KINDS or is_full_state(event)


# --------------------------------------------------------------------------------------------
# Close codes
# --------------------------------------------------------------------------------------------


class CloseReason(StrEnum):
    """Every close reason string the 1.58.0 socket handlers send."""

    CONNECTION_CLOSED = "Connection closed"
    AUTH_FAILED = "Authentication failed"
    CONVERSATION_NOT_FOUND = "Conversation not found"
    TOO_MANY_CONNECTIONS = "Too many connections for this conversation"
    TOO_MANY_BASH_CONNECTIONS = "Too many bash event connections"
    CREDENTIAL_BINDING_ACTIVATION_REQUIRED = "credential_binding_activation_required"
    SLOW_CONSUMER = "slow_consumer"
    FRAME_TOO_LARGE = "frame_too_large"
    SUBSCRIBE_FAILED = "subscribe_failed"


class CloseCode(IntEnum):
    """WebSocket close codes the agent-server sends after accepting a connection.

    A rejection *before* accept (legacy key wrong, path id not a UUID, server dormant) never
    reaches the client as a close code: the ASGI server answers the handshake with
    :data:`HANDSHAKE_REJECTED_HTTP_STATUS` instead.
    """

    NORMAL = 1000
    """``_safe_close_websocket`` default, used after an error frame could not be sent."""

    INTERNAL_ERROR = 1011
    """Session socket only: ``subscribe_to_events`` raised something unexpected."""

    TRY_AGAIN_LATER = 1013
    """Subscriber limit, credential binding not activated, or a dropped session-socket consumer."""

    AUTH_FAILED = 4001
    """First-message auth failed: wrong or missing key, not an auth frame, bad JSON, timeout."""

    NOT_FOUND = 4004
    """No such conversation (checked after authentication)."""

    @property
    def reason(self) -> CloseReason:
        """The reason the server sends most often with this code (1013 has several)."""
        return _DEFAULT_REASONS[self]

    @property
    def sdk_fatal(self) -> bool:
        """True if the SDK client stops instead of reconnecting (``FATAL_WS_CLOSE_CODES``)."""
        return self in SDK_FATAL_CLOSE_CODES


_DEFAULT_REASONS: Final[Mapping[CloseCode, CloseReason]] = {
    CloseCode.NORMAL: CloseReason.CONNECTION_CLOSED,
    CloseCode.INTERNAL_ERROR: CloseReason.SUBSCRIBE_FAILED,
    CloseCode.TRY_AGAIN_LATER: CloseReason.TOO_MANY_CONNECTIONS,
    CloseCode.AUTH_FAILED: CloseReason.AUTH_FAILED,
    CloseCode.NOT_FOUND: CloseReason.CONVERSATION_NOT_FOUND,
}

SDK_FATAL_CLOSE_CODES: Final = frozenset({CloseCode.AUTH_FAILED, CloseCode.NOT_FOUND})
"""Codes after which the SDK client gives up; every other close (and any 403) is retried."""

HANDSHAKE_REJECTED_HTTP_STATUS: Final = 403
"""What a client sees when the server closes before accepting (uvicorn turns it into a 403)."""

# --------------------------------------------------------------------------------------------
# Authentication
# --------------------------------------------------------------------------------------------

AUTH_FRAME_TYPE: Final = "auth"
SESSION_API_KEY_FIELD: Final = "session_api_key"
SESSION_API_KEY_QUERY_PARAM: Final = "session_api_key"
"""Deprecated legacy query parameter; it wins over the header when both are present."""
SESSION_API_KEY_HEADER: Final = "X-Session-API-Key"
"""Deprecated legacy header (for sockets; the REST API still uses it)."""


class AuthDecision(StrEnum):
    """What the server does at the handshake, before reading any frame."""

    ACCEPT = "accept"
    """Accept, authenticated. No auth frame is read; a later one is ignored as a control frame."""

    REJECT_HANDSHAKE = "reject_handshake"
    """Close before accept, so the client sees HTTP 403, never close code 4001."""

    AWAIT_AUTH_FRAME = "await_auth_frame"
    """Accept, then require an auth frame within :data:`AUTH_TIMEOUT_S` (else close 4001)."""


def handshake_auth(session_api_keys: Collection[str], query_key: str | None, header_key: str | None) -> AuthDecision:
    """Mirror the handshake half of ``sockets.py:_accept_authenticated_websocket``.

    ``query_key`` is the ``session_api_key`` query parameter and ``header_key`` the
    ``X-Session-API-Key`` header, each None when absent. The query wins even when empty
    (``_resolve_websocket_session_api_key`` tests ``is not None``), and an empty key never matches.
    """
    if not session_api_keys:
        return AuthDecision.ACCEPT
    legacy_key = query_key if query_key is not None else header_key
    if legacy_key is None:
        return AuthDecision.AWAIT_AUTH_FRAME
    if legacy_key and legacy_key in session_api_keys:
        return AuthDecision.ACCEPT
    return AuthDecision.REJECT_HANDSHAKE


class AuthFrame(BaseModel):
    """The client's ``{"type": "auth", "session_api_key": ...}`` frame.

    ``model_dump_json()`` gives the object the SDK sends, keys in the same order (the SDK uses
    ``json.dumps`` with its default separators; the server only sees the object). The key is any
    JSON value, not just a string, because classification only looks at the set of keys; it is
    None when the frame had no ``session_api_key``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: Literal["auth"] = AUTH_FRAME_TYPE
    session_api_key: JsonValue = None


class ClientFrameError(ValueError):
    """A client frame the server does not act on: it answers with an error frame and stays open.

    ``code`` and ``detail`` are what goes into that frame (``ServerErrorEvent`` on the events
    socket, ``BashError`` on the bash socket, an ``error`` envelope on the session socket). The
    server fills ``code`` with the name of the exception it caught, so these values are part of
    the observable contract. ``detail`` matches the server only for malformed JSON and binary
    frames; for validation errors it is pydantic's message, which a checker should not compare.
    """

    code: str = "Exception"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class MalformedFrameError(ClientFrameError):
    """The text is not JSON; Starlette's ``receive_json`` raises ``json.JSONDecodeError``."""

    code = "JSONDecodeError"


class BinaryFrameError(ClientFrameError):
    """A binary frame. ``receive_json``/``receive_text`` read ``message["text"]``: ``KeyError``.

    After authentication the server answers ``code="KeyError"``, ``detail="'text'"``. As the
    first-message auth frame it is not caught at all: the handler crashes and the client sees the
    connection drop without a close frame (observed with uvicorn + wsproto), not 4001.
    """

    code = "KeyError"

    def __init__(self, detail: str = "'text'") -> None:
        super().__init__(detail)


class TooDeepError(ClientFrameError):
    """JSON nested deeper than the decoder's recursion limit: ``json.loads`` raises
    ``RecursionError``. After authentication the server answers ``code="RecursionError"``; as
    the first-message auth frame it is not caught (like a binary frame, the connection drops)."""

    code = "RecursionError"


class NotAnObjectError(ClientFrameError):
    """Valid JSON that is not an object (array, string, number, null).

    The server still hands it to ``Message.model_validate`` (or ``ExecuteBashRequest`` on the
    bash socket), which raises a pydantic ``ValidationError``.
    """

    code = "ValidationError"


def is_auth_control_message(data: object) -> bool:
    """Mirror ``sockets.py:_is_auth_control_message``: a frame the receive loop skips silently.

    The keys must be a *subset* of ``{"type", "session_api_key"}``, so ``{"type": "auth"}`` on its
    own also counts; the key's value is never checked after authentication.
    """
    return (
        isinstance(data, dict) and data.get("type") == AUTH_FRAME_TYPE and set(data) <= {"type", SESSION_API_KEY_FIELD}
    )


def _decode(frame: str | bytes) -> Any:
    if isinstance(frame, (bytes, bytearray)):
        raise BinaryFrameError()
    try:
        # The same decoder as Starlette's receive_json, so the error text matches the server's.
        return json.loads(frame)
    except json.JSONDecodeError as exc:
        raise MalformedFrameError(str(exc)) from exc
    except RecursionError as exc:
        raise TooDeepError(str(exc)) from None


def parse_client_frame(frame: str | bytes) -> AuthFrame | dict[str, Any]:
    """Classify a frame received after the connection is authenticated.

    Mirrors the receive loops of ``sockets.py:events_socket`` / ``bash_events_socket`` and
    ``session_socket.py:_inbound_loop``:

    * an auth control frame (see :func:`is_auth_control_message`) → :class:`AuthFrame`, which the
      server ignores, whatever key it carries;
    * any other JSON object → returned as is. The server validates it as an SDK ``Message``
      (events and session sockets; it always starts a run) or as an ``ExecuteBashRequest`` (bash
      socket). An auth frame with any extra key lands here and fails that validation.

    Raises:
        MalformedFrameError: the text is not JSON.
        BinaryFrameError: a binary frame.
        TooDeepError: JSON nested deeper than the decoder allows.
        NotAnObjectError: JSON that is not an object.
    """
    data = _decode(frame)
    if is_auth_control_message(data):
        return AuthFrame(session_api_key=data.get(SESSION_API_KEY_FIELD))
    if not isinstance(data, dict):
        raise NotAnObjectError(f"1 validation error: input should be a JSON object, got {type(data).__name__}")
    return data


def first_frame_authenticates(frame: str | bytes, session_api_keys: Collection[str]) -> bool:
    """Mirror the first-message half of ``sockets.py:_accept_authenticated_websocket``.

    Only for :attr:`AuthDecision.AWAIT_AUTH_FRAME`; False means close 4001 "Authentication
    failed". The first frame is judged more loosely than later ones: it needs an object with
    ``type == "auth"`` and a known, non-empty ``session_api_key``, and **extra keys are ignored**
    (so ``{"type": "auth", "session_api_key": K, "x": 1}`` authenticates here, but after
    authentication the same frame is treated as a message).

    Raises:
        ValueError: ``session_api_keys`` is empty; the server then accepts without reading an
            auth frame, so the first frame is an ordinary client frame.
        BinaryFrameError: a binary frame, which the real server does not survive (see there).
        TooDeepError: JSON nested too deep, which it does not survive either.
    """
    if not session_api_keys:
        raise ValueError("no session keys configured: the server reads no auth frame")
    try:
        data = _decode(frame)
    except MalformedFrameError:
        return False
    if not isinstance(data, dict) or data.get("type") != AUTH_FRAME_TYPE:
        return False
    presented = data.get(SESSION_API_KEY_FIELD)
    # The server tests membership with any JSON value; only a non-empty string can match.
    return isinstance(presented, str) and bool(presented) and presented in session_api_keys


# --------------------------------------------------------------------------------------------
# Session socket envelopes (session_protocol.py)
# --------------------------------------------------------------------------------------------


class SessionFrameBase(BaseModel):
    """Base of every session-socket frame.

    Not ``extra="forbid"``, like upstream: the envelope is meant to grow and clients must ignore
    fields they do not know. Serialize with :meth:`to_wire`.
    """

    model_config = ConfigDict(frozen=True)

    def to_wire(self) -> str:
        """The frame's text exactly as the server writes it: compact JSON, nulls omitted."""
        return self.model_dump_json(exclude_none=True)


class SyncFrame(SessionFrameBase):
    """First frame of every connection, before any replay.

    ``from_seq`` echoes the client's ``after_seq`` (absent when the client asked for live only);
    ``through_seq`` is the last seq on disk at connect time (absent when the log is empty).
    Replay covers ``max(from_seq + 1, 0)`` through ``through_seq``.
    """

    type: Literal["sync"] = "sync"
    from_seq: int | None = None
    through_seq: int | None = None


class DurableFrame(SessionFrameBase):
    """One persisted event; ``seq`` is its index in the event log (the resume cursor)."""

    type: Literal["durable"] = "durable"
    seq: int
    event: dict[str, Any]


class TransientFrame(SessionFrameBase):
    """An event that is never persisted (the ``full_state`` snapshot); no seq, no cursor advance."""

    type: Literal["transient"] = "transient"
    event: dict[str, Any]


class ItemStartedFrame(SessionFrameBase):
    """A token stream opens. ``item_id`` will be the finished ``MessageEvent.id``.

    A higher ``attempt`` for the same ``item_id`` supersedes a lower one; ``anchor_seq`` is the seq
    the slot sits after.
    """

    type: Literal["item_started"] = "item_started"
    item_id: str
    attempt: int = 1
    anchor_seq: int | None = None


class DeltaFrame(SessionFrameBase):
    """One increment of a stream; ``order`` is monotonic within (``item_id``, ``attempt``)."""

    type: Literal["delta"] = "delta"
    item_id: str
    attempt: int = 1
    order: int
    kind: Literal["text", "reasoning"] = "text"
    content: str
    chunk_id: str | None = None
    choice_index: int | None = None


class ItemAbortedFrame(SessionFrameBase):
    """A stream ended without producing a message, which closes its slot."""

    type: Literal["item_aborted"] = "item_aborted"
    item_id: str
    attempt: int = 1
    reason: str


class ErrorFrame(SessionFrameBase):
    """A problem with this socket (bad inbound frame); the connection stays open."""

    type: Literal["error"] = "error"
    code: str
    detail: str


SessionFrame = Annotated[
    SyncFrame | DurableFrame | TransientFrame | ItemStartedFrame | DeltaFrame | ItemAbortedFrame | ErrorFrame,
    Field(discriminator="type"),
]
"""Any server→client frame of the session socket, discriminated by ``type``."""

SESSION_FRAME_TYPES: Final = frozenset(
    {"sync", "durable", "transient", "item_started", "delta", "item_aborted", "error"}
)

_SESSION_FRAME_ADAPTER: Final[TypeAdapter[SessionFrame]] = TypeAdapter(SessionFrame)


def parse_session_frame(frame: str | bytes) -> SessionFrame:
    """Parse one session-socket frame (raises ``pydantic.ValidationError`` if it is not one)."""
    return _SESSION_FRAME_ADAPTER.validate_json(frame)
