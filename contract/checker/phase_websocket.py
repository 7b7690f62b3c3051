"""Phase (c): the WebSocket protocol of /sockets/events/{id} and /sockets/session/{id}.

Read-only part: authentication (first frame, legacy query and header, and their failures), 4004,
the 403 on a non-UUID path, the connect-time snapshot, resend modes and session-socket replay of
an existing conversation. With writes, on a conversation of its own: an inbound Message frame
starts a run (judged by the stream invariants), bad frames get a ServerErrorEvent, and a deleted
conversation's socket gets 4004.
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from datetime import datetime
from typing import Any

import httpx

from contract.checker import driven
from contract.checker.context import Context
from contract.checker.invariants import frame_problems, snapshot_problems, token
from contract.checker.repro import KEY_HEADER, KEY_PLACEHOLDER, python_ws
from contract.checker.wsclient import Outcome, Recorder, exchange, socket_options
from contract.client.bodies import text_message
from contract.client.http import ws_url
from contract.client.sockets import auth_frame
from contract.client.sockets import exchange as socket_exchange
from contract.spec.ws_protocol import (
    AUTH_TIMEOUT_S,
    HANDSHAKE_REJECTED_HTTP_STATUS,
    CloseCode,
    MalformedFrameError,
    NotAnObjectError,
    announced_status,
    events_socket_path,
    is_full_state,
    parse_session_frame,
    session_socket_path,
)

READ_TIMEOUT_S = 5.0
MESSAGE_FRAME = json.dumps(text_message("Please run echo hi (via the socket)"))


def _repro(
    ctx: Context,
    path: str,
    *,
    query: dict[str, Any] | None = None,
    auth: bool = False,
    send: tuple[str, ...] = (),
    headers: dict[str, str] | None = None,
    note: str = "",
) -> str:
    shown_query = {k: (KEY_PLACEHOLDER if v == ctx.options.api_key else v) for k, v in (query or {}).items()}
    url = ws_url(ctx.base_url, path, shown_query)
    return python_ws(url, send=send, auth_frame=auth and bool(ctx.options.api_key), headers=headers, note=note)


def _describe(outcome: Outcome) -> str:
    if outcome.handshake_status is not None:
        return f"handshake rejected with HTTP {outcome.handshake_status}"
    if outcome.error:
        return outcome.error
    parts = [
        f"{len(outcome.frames)} frame(s)"
        + (
            f" (first {token(outcome.frames[0]) if isinstance(outcome.frames[0], dict) else repr(outcome.frames[0])[:60]})"
            if outcome.frames
            else ""
        )
    ]
    if outcome.close_code is not None:
        parts.append(f"closed {outcome.close_code} {outcome.close_reason or ''}".strip())
    elif outcome.timed_out:
        parts.append("still open")
    return ", ".join(parts)


def _frames_valid(ctx: Context, frames: list[Any], repro: str) -> None:
    for frame in frames:
        ctx.executed("ws.frame_schema")
        for problem in frame_problems(frame, "ws.frame_schema"):
            ctx.record(problem.check, problem.message, reproducer=repro)


# -- the 10 s silence check (runs concurrently with the rest of the phase) --------------------------

SILENCE_GRACE_S = 8.0
"""Beyond AUTH_TIMEOUT_S: a loaded server may close a little late."""


def _silence_wanted(ctx: Context) -> bool:
    check = ctx.report.checks["ws.auth_timeout"]
    if ctx.options.ws_auth_timeout is False:
        check.skip_reason = "disabled (ws_auth_timeout=False / --no-ws-auth-timeout)"
        return False
    if not ctx.options.api_key:
        check.skip_reason = "no --api-key: the server may not authenticate sockets"
        return False
    return True


class SilentClient:
    """The silence check's socket, opened when the run starts: it only waits (10 s and more), so
    it waits alongside the earlier phases instead of adding its wait to this one."""

    def __init__(self, ctx: Context) -> None:
        self.path = events_socket_path(uuid.uuid4())
        self.url = ws_url(ctx.base_url, self.path)
        self.options = socket_options(ctx)
        self.outcome: Outcome | None = None
        self._thread = threading.Thread(target=self._wait, name="ws-silent-client", daemon=True)
        self._thread.start()

    def _wait(self) -> None:
        self.outcome = asyncio.run(
            socket_exchange(
                self.url, until=lambda frames: False, timeout_s=AUTH_TIMEOUT_S + SILENCE_GRACE_S, options=self.options
            )
        )

    async def result(self) -> Outcome | None:
        """The outcome, once the socket is closed (bounded: the exchange has its own timeout)."""
        await asyncio.to_thread(self._thread.join, AUTH_TIMEOUT_S + SILENCE_GRACE_S + 2 * self.options.open_timeout_s)
        return self.outcome


def begin(ctx: Context) -> SilentClient | None:
    """Run start: open the silent client's socket (when the silence check is wanted)."""
    return SilentClient(ctx) if _silence_wanted(ctx) else None


async def silent_auth(ctx: Context, client: SilentClient) -> None:
    outcome = await client.result()
    if outcome is None:
        ctx.record("ws.responsive", "the silent client's socket did not close within its bound")
        return
    ctx.executed(ctx.responsive_check)
    ctx.report.coverage.frames(outcome.frames)
    ctx.report.coverage.close(outcome.close_code)
    ctx.executed("ws.auth_timeout")
    if outcome.close_code != CloseCode.AUTH_FAILED or outcome.frames:
        ctx.record(
            "ws.auth_timeout",
            f"silent client: {_describe(outcome)}; expected close 4001 after {AUTH_TIMEOUT_S} s",
            reproducer=_repro(ctx, client.path, note="send nothing; the server must close 4001 after 10 s"),
        )


# -- the phase ------------------------------------------------------------------------------------


async def run(ctx: Context) -> None:
    client = ctx.begun.get("websocket")
    if client is None and "websocket" not in ctx.begun:
        client = begin(ctx)  # called on its own (not through the runner)
    try:
        await _run(ctx)
    finally:
        if client is not None:
            await silent_auth(ctx, client)


async def _run(ctx: Context) -> None:
    async with ctx.async_client() as http:
        own: str | None = None
        target: str | None = None
        if ctx.options.allow_writes:
            own = await _create(ctx, http)
            target = own
        else:
            target = await _existing(http)
            if target is None:
                ctx.report.phases[-1].notes.append(
                    "no existing conversation: snapshot, resend and session checks need --allow-writes"
                )
        await _auth(ctx, target)
        await _not_found(ctx)
        if own is not None:
            await _inbound_message(ctx, http, own)
            await _bad_frames(ctx, own)
        if target is not None and not ctx.out_of_time():
            log = await _log(http, target)
            if log is not None:
                await _resend(ctx, target, log)
                await _session(ctx, target, log)
        if own is not None:
            await _delete_then_4004(ctx, http, own)


async def _create(ctx: Context, http: httpx.AsyncClient) -> str | None:
    body = ctx.conversation_body("bash_then_finish")
    try:
        response = await http.post("/api/conversations", json=body)
    except httpx.HTTPError as exc:
        ctx.record(
            "ws.responsive",
            f"POST /api/conversations failed: {type(exc).__name__}",
            reproducer=ctx.curl("POST", "/api/conversations", json_body=body),
        )
        return None
    if response.status_code not in (200, 201):
        ctx.report.phases[-1].notes.append(f"could not create a conversation: HTTP {response.status_code}")
        return None
    conversation_id = ctx.created_id(response, body)
    ctx.note_created(conversation_id)
    return conversation_id


async def _existing(http: httpx.AsyncClient) -> str | None:
    try:
        response = await http.get("/api/conversations/search", params={"limit": 1})
        items = response.json().get("items") or [] if response.status_code == 200 else []
        return items[0]["id"] if items else None
    except (httpx.HTTPError, ValueError, KeyError, AttributeError, TypeError):
        return None


async def _log(http: httpx.AsyncClient, conversation_id: str) -> list[dict[str, Any]] | None:
    try:
        return (await driven.afetch_log(http, conversation_id))[0]
    except (httpx.HTTPError, driven.LogUnavailable, ValueError):
        return None


async def _auth(ctx: Context, target: str | None) -> None:
    key = ctx.options.api_key
    if not key:
        for check in (
            "ws.auth_first_frame",
            "ws.auth_legacy_query",
            "ws.auth_legacy_header",
            "ws.auth_rejected_frame",
            "ws.auth_rejected_legacy",
        ):
            ctx.report.checks[check].skip_reason = "no --api-key: the server may not authenticate sockets"
        if target is not None:
            await _expect_snapshot(ctx, "ws.snapshot_first", target)
        return
    if target is not None:
        await _expect_snapshot(ctx, "ws.auth_first_frame", target, send=(auth_frame(key),))
        await _expect_snapshot(ctx, "ws.auth_legacy_query", target, query={"session_api_key": key})
        await _expect_snapshot(ctx, "ws.auth_legacy_header", target, headers={KEY_HEADER: key})
    else:
        for check in ("ws.auth_first_frame", "ws.auth_legacy_query", "ws.auth_legacy_header"):
            ctx.report.checks[check].skip_reason = "no conversation to connect to (read-only run on an empty server)"
    # Failures: on a random id, so nothing can happen if the server wrongly accepts.
    path = events_socket_path(uuid.uuid4())
    wrong = "wrong-" + uuid.uuid4().hex[:8]
    for send, what in (
        (auth_frame(wrong), "auth frame with a wrong key"),
        (MESSAGE_FRAME, "a Message as first frame"),
        ("this is not json", "malformed JSON as first frame"),
        (json.dumps({"type": "auth"}), "auth frame without a key"),
    ):
        outcome = await exchange(ctx, path, send=[send], until=bool, timeout_s=READ_TIMEOUT_S)
        ctx.executed("ws.auth_rejected_frame")
        if outcome.close_code != CloseCode.AUTH_FAILED:
            ctx.record(
                "ws.auth_rejected_frame",
                f"{what}: {_describe(outcome)}; expected close 4001",
                reproducer=_repro(ctx, path, send=(send,)),
            )
    for query, headers, what in (
        ({"session_api_key": wrong}, None, "wrong ?session_api_key="),
        (None, {KEY_HEADER: wrong}, "wrong X-Session-API-Key header"),
    ):
        outcome = await exchange(ctx, path, query=query, headers=headers, timeout_s=READ_TIMEOUT_S)
        ctx.executed("ws.auth_rejected_legacy")
        if outcome.handshake_status != HANDSHAKE_REJECTED_HTTP_STATUS:
            ctx.record(
                "ws.auth_rejected_legacy",
                f"{what}: {_describe(outcome)}; expected HTTP 403 at the handshake",
                reproducer=_repro(ctx, path, query=query, headers=headers),
            )


async def _expect_snapshot(
    ctx: Context,
    check: str,
    conversation_id: str,
    *,
    send: tuple[str, ...] = (),
    query: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    path = events_socket_path(conversation_id)
    outcome = await exchange(ctx, path, send=list(send), query=query, headers=headers, timeout_s=READ_TIMEOUT_S)
    repro = _repro(ctx, path, query=query, headers=headers, auth=bool(send))
    ctx.executed(check)
    ctx.executed("ws.snapshot_first")
    _frames_valid(ctx, outcome.frames, repro)
    if not outcome.frames:
        ctx.record(check, f"no snapshot: {_describe(outcome)}", reproducer=repro)
        return
    for problem in snapshot_problems(outcome.frames[0], "ws.snapshot_first"):
        ctx.record(problem.check, problem.message, reproducer=repro)


async def _not_found(ctx: Context) -> None:
    path = events_socket_path(uuid.uuid4())
    send = [auth_frame(ctx.options.api_key)] if ctx.options.api_key else []
    outcome = await exchange(ctx, path, send=send, timeout_s=READ_TIMEOUT_S)
    ctx.executed("ws.not_found_4004")
    if outcome.close_code != CloseCode.NOT_FOUND or outcome.frames:
        ctx.record(
            "ws.not_found_4004",
            f"unknown conversation: {_describe(outcome)}; expected close 4004",
            reproducer=_repro(ctx, path, auth=True),
        )
    bad = "/sockets/events/not-a-uuid"
    outcome = await exchange(ctx, bad, send=send, timeout_s=READ_TIMEOUT_S)
    ctx.executed("ws.bad_path_403")
    if outcome.handshake_status != HANDSHAKE_REJECTED_HTTP_STATUS:
        ctx.record(
            "ws.bad_path_403",
            f"non-UUID conversation id: {_describe(outcome)}; expected HTTP 403 at the handshake",
            reproducer=_repro(ctx, bad, auth=True),
        )


async def _inbound_message(ctx: Context, http: httpx.AsyncClient, conversation_id: str) -> None:
    """A Message frame is send_message(run=True): user message, last_user_message_id, a run, its snapshot."""
    path = events_socket_path(conversation_id)
    repro = _repro(
        ctx, path, auth=True, send=(MESSAGE_FRAME,), note="the frame must append a user message and start a run"
    )
    recorder = Recorder(ctx, path)
    failed = await recorder.start()
    if failed is not None:
        ctx.record("ws.responsive", f"cannot open the events socket: {_describe(failed)}", reproducer=repro)
        return
    settled = False
    try:
        if await recorder.wait_for(lambda f: True, READ_TIMEOUT_S) is None:
            ctx.record("ws.inbound_message_runs", "no snapshot after authentication", reproducer=repro)
            return
        await recorder.send(MESSAGE_FRAME)
        ctx.executed("ws.inbound_message_runs")
        user = await recorder.wait_for(
            lambda f: isinstance(f, dict) and f.get("kind") == "MessageEvent" and f.get("source") == "user",
            READ_TIMEOUT_S,
        )
        if user is None:
            ctx.record("ws.inbound_message_runs", "no user MessageEvent after a Message frame", reproducer=repro)
            return
        running = await recorder.wait_for(
            lambda f: isinstance(f, dict) and f.get("key") == "execution_status" and f.get("value") == "running",
            ctx.options.run_timeout_s,
            user,
        )
        if running is None:
            ctx.record(
                "ws.inbound_message_runs",
                "the Message frame did not start a run (no execution_status=running)",
                reproducer=repro,
            )
            return
        end = await recorder.wait_for(
            lambda f: isinstance(f, dict) and is_full_state(f) and announced_status(f) != "running",
            ctx.options.run_timeout_s,
            running,
        )
        settled = end is not None
        if end is None:
            ctx.record(
                "ws.responsive",
                f"the run started by a Message frame did not end within {ctx.options.run_timeout_s} s",
                reproducer=repro,
            )
        await recorder.quiet(0.3, 3)
    finally:
        await recorder.close()
    _frames_valid(ctx, recorder.frames, repro)
    try:
        log, count = await driven.afetch_log(http, conversation_id)
    except (httpx.HTTPError, driven.LogUnavailable, ValueError) as exc:
        ctx.record(
            "ws.responsive",
            f"cannot read the log back: {exc}",
            reproducer=ctx.curl("GET", f"/api/conversations/{conversation_id}/events/search"),
        )
        return
    if not settled:
        settled = await _is_settled(http, conversation_id)
    driven.judge(ctx, recorder.frames, log, count, settled=settled, reproducer=repro, operation="WS message frame")


async def _is_settled(http: httpx.AsyncClient, conversation_id: str) -> bool:
    try:
        response = await http.get(f"/api/conversations/{conversation_id}")
        return response.status_code == 200 and response.json().get("execution_status") != "running"
    except (httpx.HTTPError, ValueError):
        return False


async def _bad_frames(ctx: Context, conversation_id: str) -> None:
    path = events_socket_path(conversation_id)
    recorder = Recorder(ctx, path)
    failed = await recorder.start()
    if failed is not None:
        ctx.record(
            "ws.responsive",
            f"cannot open the events socket: {_describe(failed)}",
            reproducer=_repro(ctx, path, auth=True),
        )
        return
    try:
        await recorder.wait_for(lambda f: True, READ_TIMEOUT_S)
        for text, code in (("this is not json", MalformedFrameError.code), ("[1, 2]", NotAnObjectError.code)):
            start = len(recorder.frames)
            repro = _repro(
                ctx,
                path,
                auth=True,
                send=(text,),
                note=f"expect a ServerErrorEvent with code {code}; the socket stays open",
            )
            await recorder.send(text)
            ctx.executed("ws.bad_frame_error")
            index = await recorder.wait_for(
                lambda f: isinstance(f, dict) and f.get("kind") == "ServerErrorEvent", READ_TIMEOUT_S, start
            )
            if index is None:
                ctx.record(
                    "ws.bad_frame_error",
                    f"bad frame {text!r}: no ServerErrorEvent ({'socket closed ' + str(recorder.closed) if recorder.closed else 'nothing within ' + str(READ_TIMEOUT_S) + ' s'})",
                    reproducer=repro,
                )
                return
            frame = recorder.frames[index]
            _frames_valid(ctx, [frame], repro)
            if frame.get("code") != code:
                ctx.record(
                    "ws.bad_frame_error",
                    f"bad frame {text!r}: ServerErrorEvent code {frame.get('code')!r}, expected {code!r}",
                    reproducer=repro,
                )
    finally:
        await recorder.close()


async def _resend(ctx: Context, conversation_id: str, log: list[dict[str, Any]]) -> None:
    path = events_socket_path(conversation_id)
    send = [auth_frame(ctx.options.api_key)] if ctx.options.api_key else []
    want = [e.get("id") for e in log]
    query = {"resend_mode": "all"}
    outcome = await exchange(
        ctx, path, query=query, send=send, until=lambda f: len(f) >= 1 + len(want), timeout_s=READ_TIMEOUT_S
    )
    repro = _repro(ctx, path, query=query, auth=True)
    ctx.executed("ws.resend_all")
    _frames_valid(ctx, outcome.frames, repro)
    got = [f.get("id") if isinstance(f, dict) else None for f in outcome.frames[1:]]
    if not outcome.frames or snapshot_problems(outcome.frames[0], "x"):
        ctx.record("ws.resend_all", "resend_mode=all: the first frame is not the snapshot", reproducer=repro)
    elif got != want:
        ctx.record(
            "ws.resend_all",
            f"resend_mode=all replayed {len(got)} events, the log has {len(want)} (or the order differs)",
            reproducer=repro,
        )
    if len(log) < 2:
        return
    pivot = log[len(log) // 2]
    after = str(pivot.get("timestamp"))
    expected = [e.get("id") for e in log if _ts(e.get("timestamp")) >= _ts(after)]
    query = {"resend_mode": "since", "after_timestamp": after}
    outcome = await exchange(
        ctx, path, query=query, send=send, until=lambda f: len(f) >= 1 + len(expected), timeout_s=READ_TIMEOUT_S
    )
    repro = _repro(ctx, path, query=query, auth=True)
    ctx.executed("ws.resend_since")
    got = [f.get("id") if isinstance(f, dict) else None for f in outcome.frames[1:]]
    if got != expected:
        ctx.record(
            "ws.resend_since",
            f"resend_mode=since&after_timestamp=<event {len(log) // 2}>: replayed {len(got)} events, expected the {len(expected)} stamped at or after it",
            reproducer=repro,
        )


def _ts(value: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.min


async def _session(ctx: Context, conversation_id: str, log: list[dict[str, Any]]) -> None:
    path = session_socket_path(conversation_id)
    send = [auth_frame(ctx.options.api_key)] if ctx.options.api_key else []
    n = len(log)

    def complete(frames: list[Any]) -> bool:
        return any(isinstance(f, dict) and f.get("type") == "transient" for f in frames)

    for after_seq, check in (
        (-1, "ws.session_envelopes"),
        (max(n // 2 - 1, -1), "ws.session_after_seq"),
        (None, "ws.session_envelopes"),
    ):
        query = {} if after_seq is None else {"after_seq": after_seq}
        outcome = await exchange(ctx, path, query=query, send=send, until=complete, timeout_s=READ_TIMEOUT_S)
        repro = _repro(ctx, path, query=query, auth=True)
        ctx.executed(check)
        problems = _session_problems(outcome, log, after_seq)
        for message in problems:
            ctx.record(check, f"after_seq={after_seq}: {message}", reproducer=repro)


def _session_problems(outcome: Outcome, log: list[dict[str, Any]], after_seq: int | None) -> list[str]:
    if not outcome.frames:
        return [f"no frames: {_describe(outcome)}"]
    frames = []
    for raw in outcome.frames:
        try:
            frames.append(parse_session_frame(json.dumps(raw) if not isinstance(raw, str) else raw))
        except ValueError as exc:
            return [f"not a session envelope: {str(raw)[:120]} ({str(exc).splitlines()[0]})"]
    first = frames[0]
    problems = []
    through = len(log) - 1 if log else None
    if first.type != "sync":
        return [f"first frame is {first.type!r}, not sync"]
    if first.from_seq != after_seq:
        problems.append(f"sync.from_seq is {first.from_seq}, expected {after_seq}")
    if first.through_seq != through:
        problems.append(f"sync.through_seq is {first.through_seq}, the log's last seq is {through}")
    durable = [f for f in frames if f.type == "durable"]
    start = 0 if after_seq is None else max(after_seq + 1, 0)
    expected = [] if after_seq is None else list(range(start, len(log)))
    replayed = [f.seq for f in durable][: len(expected)]
    if replayed != expected:
        problems.append(f"durable seqs {replayed[:6]}…, expected {expected[:6]}…")
    for frame in durable[: len(expected)]:
        if 0 <= frame.seq < len(log) and frame.event.get("id") != log[frame.seq].get("id"):
            problems.append(
                f"durable seq {frame.seq} carries event {frame.event.get('id')}, the log has {log[frame.seq].get('id')} there"
            )
            break
    if not any(f.type == "transient" and f.event.get("key") == "full_state" for f in frames):
        problems.append("no transient full_state snapshot")
    return problems


async def _delete_then_4004(ctx: Context, http: httpx.AsyncClient, conversation_id: str) -> None:
    try:
        response = await http.delete(f"/api/conversations/{conversation_id}")
    except httpx.HTTPError:
        return
    if response.status_code == 200:
        ctx.note_deleted(conversation_id)
    else:
        return
    path = events_socket_path(conversation_id)
    send = [auth_frame(ctx.options.api_key)] if ctx.options.api_key else []
    outcome = await exchange(ctx, path, send=send, timeout_s=READ_TIMEOUT_S)
    ctx.executed("ws.not_found_4004")
    if outcome.close_code != CloseCode.NOT_FOUND:
        ctx.record(
            "ws.not_found_4004",
            f"deleted conversation: {_describe(outcome)}; expected close 4004",
            reproducer=_repro(ctx, path, auth=True, note="after DELETE /api/conversations/<id>"),
        )
