"""Replay a scenario's client script against an agent server and record what it sends.

The driver creates a conversation over REST, subscribes to ``/sockets/events/{id}``, executes
the scenario's ``client`` steps, records every WebSocket frame together with the REST call it
followed, then reads the persisted event log and deletes the conversation. The result is a
:class:`Transcript`, which can be stored as JSONL and reduced to a comparable skeleton.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from contract.client.bodies import message_body, text_message
from contract.client.http import events_search_path, session_headers, ws_url
from contract.client.paging import Pager
from contract.client.sockets import EventSocketRecorder, SocketOptions
from contract.harness.scenario import ClientStep, Scenario
from contract.spec.ws_protocol import FULL_STATE_KEY as FULL_STATE
from contract.spec.ws_protocol import STATE_UPDATE_KIND as CSUE
from contract.spec.ws_protocol import announced_status, events_socket_path, is_transient_event

# How long the stream must stay silent after the last step before the recording ends.
QUIET_S = 0.5
# After a per-field status match, how long to wait for the matching full_state snapshot.
SNAPSHOT_GRACE_S = 2.0
# After an at-rest snapshot, how long a run that is about to start may take to show ``running``.
SETTLE_GRACE_S = 0.3
WS_MAX_FRAME_BYTES = 16 * 1024 * 1024


class ClientScriptError(RuntimeError):
    """A client step failed or timed out; the message names the step."""


@dataclass
class RestCall:
    """One REST request made by the driver (path with the conversation id as ``{id}``) and its
    JSON response body, when it has one."""

    method: str
    path: str
    status: int | None = None
    response: Any = None


@dataclass
class Frame:
    """One WebSocket frame as received.

    ``call`` indexes ``Transcript.rest_calls``: the latest REST request issued before the frame
    arrived; ``pending`` is true when that request's response had not arrived yet. ``step``
    indexes the scenario's client steps; None marks the initial frame sent on subscribe, before
    any step. ``t`` is seconds since the conversation was created.
    """

    event: dict[str, Any]
    call: int
    step: int | None
    t: float
    pending: bool = False


def frame_token(event: dict[str, Any]) -> str:
    """A frame reduced to a comparable token, e.g. ``CSUE:execution_status=running``."""
    kind = str(event.get("kind"))
    if kind == CSUE:
        key = event.get("key")
        token = f"CSUE:{key}"
        if key == "execution_status":
            token += f"={event.get('value')}"
    else:
        token = kind
    return token + ("[T]" if is_transient_event(event) else "")


@dataclass
class Transcript:
    """What a client script observed on one server."""

    scenario: str
    frames: list[Frame] = field(default_factory=list)
    rest_events: list[dict[str, Any]] = field(default_factory=list)
    rest_calls: list[RestCall] = field(default_factory=list)
    info: dict[str, Any] | None = None
    """The ConversationInfo (``GET /api/conversations/{id}``) once the script is over."""

    def skeleton(self) -> list[str]:
        """The frame stream as tokens (see :func:`frame_token`), initial snapshot included."""
        return [frame_token(frame.event) for frame in self.frames]

    def to_jsonl(self) -> str:
        """One JSON object per line: a header, the REST calls, the frames, the REST events and
        the final ConversationInfo (when recorded)."""
        lines: list[dict[str, Any]] = [{"type": "transcript", "scenario": self.scenario}]
        lines += [{"type": "rest_call", **asdict(call)} for call in self.rest_calls]
        lines += [{"type": "frame", **asdict(frame)} for frame in self.frames]
        lines += [{"type": "rest_event", "event": event} for event in self.rest_events]
        if self.info is not None:
            lines.append({"type": "info", "info": self.info})
        return "".join(json.dumps(line, sort_keys=True) + "\n" for line in lines)

    @classmethod
    def from_jsonl(cls, text: str) -> Transcript:
        """Parse what :meth:`to_jsonl` wrote."""
        transcript: Transcript | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            line = json.loads(raw)
            kind = line.pop("type")
            if kind == "transcript":
                transcript = cls(scenario=line["scenario"])
            elif transcript is None:
                raise ValueError(f"line {number}: transcript header missing")
            elif kind == "rest_call":
                transcript.rest_calls.append(RestCall(**line))
            elif kind == "frame":
                transcript.frames.append(Frame(**line))
            elif kind == "rest_event":
                transcript.rest_events.append(line["event"])
            elif kind == "info":
                transcript.info = line["info"]
            else:
                raise ValueError(f"line {number}: unknown line type {kind!r}")
        if transcript is None:
            raise ValueError("empty transcript")
        return transcript


class _Session:
    """One conversation being driven: REST client, socket recorder and the growing transcript."""

    def __init__(
        self, base_url: str, api_key: str | None, scenario: Scenario, timeout_s: float, *, strict: bool = True
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.strict = strict
        self.transcript = Transcript(scenario=scenario.name)
        self.conversation_id = ""
        self.step: int | None = None
        self.step_started_at = 0
        """How many frames had arrived when the current step began."""
        self.step_label = ""
        self.started = time.monotonic()
        self.socket: EventSocketRecorder | None = None
        self.http = httpx.AsyncClient(base_url=self.base_url, headers=session_headers(api_key), timeout=timeout_s)

    # ---- REST

    async def request(self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None) -> Any:
        """Send one REST request, record it, and return its JSON.

        A non-2xx status raises in a strict session; otherwise it is only recorded (a generated
        client script may well run a conversation that is already running).
        """
        shown = path.replace(self.conversation_id, "{id}") if self.conversation_id else path
        call = RestCall(method, shown)
        self.transcript.rest_calls.append(call)
        response = await self.http.request(method, path, json=body, params=params)
        call.status = response.status_code
        if response.headers.get("content-type", "").startswith("application/json"):
            call.response = response.json()
        if response.is_error and (self.strict or not self.conversation_id):
            raise ClientScriptError(
                f"{self._where()}: {method} {shown} -> {response.status_code} {response.text[:500]}"
            )
        if response.is_error:
            return None
        return response.json() if response.content else None

    # ---- WebSocket

    def _note_frame(self, event: Any, arrived: float) -> None:
        """Annotate a frame as it arrives: the REST call it followed (and whether that call was
        still waiting for its response), the step, the time."""
        calls = self.transcript.rest_calls
        self.transcript.frames.append(
            Frame(
                event=event,
                call=len(calls) - 1,
                step=self.step,
                t=round(arrived - self.started, 3),
                pending=bool(calls) and calls[-1].status is None,
            )
        )

    async def open_socket(self) -> None:
        url = ws_url(self.base_url, events_socket_path(self.conversation_id))
        options = SocketOptions(open_timeout_s=self.timeout_s, max_frame_bytes=WS_MAX_FRAME_BYTES)
        self.socket = EventSocketRecorder(url, api_key=self.api_key, options=options, on_frame=self._note_frame)
        failure = await self.socket.start()
        if failure is not None:
            raise ClientScriptError(f"setup: cannot open the event socket: {failure}")

    @property
    def closed(self) -> str | None:
        if self.socket is None or self.socket.closed is None:
            return None
        code, reason = self.socket.closed
        return f"event socket closed: {code} {reason or ''}".rstrip()

    async def until(self, predicate: Callable[[dict[str, Any]], bool], timeout_s: float, start: int = 0) -> int | None:
        """Wait for a frame at index >= ``start`` matching ``predicate``; its index, or None on timeout."""
        assert self.socket is not None
        return await self.socket.wait_for(predicate, timeout_s, start)

    async def quiet(self, quiet_s: float, limit_s: float) -> None:
        """Return once no frame arrived for ``quiet_s`` (or after ``limit_s``)."""
        assert self.socket is not None
        await self.socket.quiet(quiet_s, limit_s)

    def _where(self) -> str:
        return "setup" if self.step is None else f"step {self.step} {self.step_label}"

    def _closed_note(self) -> str:
        return f" ({self.closed})" if self.closed else ""


def _step_label(step: ClientStep) -> str:
    detail = (step.status or step.policy or step.text or "")[:40]
    return f"{step.action}({detail})" if detail else step.action


async def _execute(session: _Session, step: ClientStep, window: int) -> int:
    """Run one client step; returns the frame index the next ``wait`` starts looking from."""
    base = f"/api/conversations/{session.conversation_id}"
    if step.action == "send" and step.socket:
        assert step.text is not None
        assert session.socket is not None
        # A message over the socket always starts a run, as the server's socket handler does.
        if not await session.socket.send(json.dumps(text_message(step.text))):
            raise ClientScriptError(f"{session._where()}: cannot send on the event socket{session._closed_note()}")
    elif step.action == "send":
        assert step.text is not None
        await session.request("POST", f"{base}/events", message_body(step.text, run=step.run))
    elif step.action in ("run", "pause", "interrupt"):
        await session.request("POST", f"{base}/{step.action}")
    elif step.action in ("accept", "reject"):
        answer: dict[str, Any] = {"accept": step.action == "accept"}
        if step.reason is not None:
            answer["reason"] = step.reason
        await session.request("POST", f"{base}/events/respond_to_confirmation", answer)
    elif step.action == "rename":
        await session.request("PATCH", base, {"title": step.text})
    elif step.action == "delete":
        await session.request("DELETE", base)
    elif step.action == "set_policy":
        await session.request("POST", f"{base}/confirmation_policy", {"policy": {"kind": step.policy}})
    elif step.action == "wait":
        return await _wait_for_status(session, step, window)
    elif step.action == "settle":
        return await _settle(session, window)
    # "sleep" only has its after_ms delay.
    return window


async def _wait_for_status(session: _Session, step: ClientStep, window: int) -> int:
    """Wait until a frame since ``window`` shows ``step.status``; prefer the full_state snapshot."""
    wanted = step.status
    index = await session.until(lambda event: announced_status(event) == wanted, session.timeout_s, window)
    if index is None:
        seen = [announced_status(f.event) for f in session.transcript.frames[window:] if announced_status(f.event)]
        raise ClientScriptError(
            f"{session._where()}: no frame showed status {wanted!r} within "
            f"{session.timeout_s} s (statuses seen since the previous wait: {seen}){session._closed_note()}"
        )
    if session.transcript.frames[index].event.get("key") != FULL_STATE:
        # Most transitions end with a snapshot; some (reject -> idle) do not, hence the grace.
        snapshot = await session.until(
            lambda event: event.get("key") == FULL_STATE and announced_status(event) == wanted,
            SNAPSHOT_GRACE_S,
            index + 1,
        )
        index = snapshot if snapshot is not None else index
    return index + 1


def is_rest_snapshot(event: dict[str, Any]) -> bool:
    """A ``full_state`` snapshot showing the conversation at rest (any status but running)."""
    return event.get("key") == FULL_STATE and announced_status(event) not in (None, "running")


async def _settle(session: _Session, window: int) -> int:
    """Wait for the next at-rest snapshot since ``window``; nothing to wait for after a refused request."""
    calls = session.transcript.rest_calls
    if calls and calls[-1].status is not None and calls[-1].status >= 400:
        return window
    # Only a snapshot that arrived after the last request counts, and only if no run starts
    # after it: pause and interrupt publish a second snapshot when the paused run's task ends,
    # which can arrive after the next request and says nothing about the run that one started.
    start = max(window, session.step_started_at)
    while True:
        index = await session.until(is_rest_snapshot, session.timeout_s, start)
        if index is None:
            statuses = [announced_status(f.event) for f in session.transcript.frames[window:]]
            raise ClientScriptError(
                f"{session._where()}: the conversation did not come to rest within {session.timeout_s} s "
                f"(statuses seen since the previous wait: {[s for s in statuses if s]}){session._closed_note()}"
            )
        running = await session.until(lambda event: announced_status(event) == "running", SETTLE_GRACE_S, index + 1)
        if running is None:
            return index + 1
        start = running + 1


async def arun_client_script(
    base_url: str,
    api_key: str | None,
    scenario: Scenario,
    body: dict[str, Any],
    *,
    timeout_s: float = 30,
    strict: bool = True,
) -> Transcript:
    """Async form of :func:`run_client_script`."""
    session = _Session(base_url, api_key, scenario, timeout_s, strict=strict)
    try:
        created = await session.request("POST", "/api/conversations", body)
        session.conversation_id = created["id"]
        session.started = time.monotonic()
        await session.open_socket()
        if await session.until(lambda event: True, timeout_s) is None:
            raise ClientScriptError(
                f"setup: no initial frame on the event socket within {timeout_s} s{session._closed_note()}"
            )
        window = len(session.transcript.frames)
        for number, step in enumerate(scenario.client):
            if step.after_ms:
                await asyncio.sleep(step.after_ms / 1000)
            session.step, session.step_label = number, _step_label(step)
            if step.action not in ("settle", "wait", "sleep"):
                session.step_started_at = len(session.transcript.frames)
            window = await _execute(session, step, window)
        await session.quiet(QUIET_S, timeout_s)
        assert session.socket is not None
        await session.socket.close()
        if _deleted_by_script(session):
            return session.transcript  # nothing left to read: the log went with the conversation
        session.transcript.rest_events = await _fetch_events(session)
        # Read apart from the script's calls, as events/search is: recordings made before the
        # info was kept compare equal.
        info = await session.http.get(f"/api/conversations/{session.conversation_id}")
        session.transcript.info = info.json() if info.status_code == 200 else None
        await session.request("DELETE", f"/api/conversations/{session.conversation_id}")
        return session.transcript
    except httpx.HTTPError as exc:
        raise ClientScriptError(f"{session._where()}: HTTP request failed: {exc!r}") from exc
    finally:
        if session.socket is not None:
            await session.socket.close()
        if session.conversation_id and not any(c.method == "DELETE" for c in session.transcript.rest_calls):
            # Best-effort cleanup after a failure; the original error matters more.
            with contextlib.suppress(httpx.HTTPError):
                await session.http.delete(f"/api/conversations/{session.conversation_id}")
        await session.http.aclose()


def _deleted_by_script(session: _Session) -> bool:
    return any(call.method == "DELETE" and call.status == 200 for call in session.transcript.rest_calls)


async def _fetch_events(session: _Session) -> list[dict[str, Any]]:
    """All persisted events, following ``next_page_id`` (each page recorded as a REST call)."""
    pager = Pager(events_search_path(session.conversation_id))
    while (params := pager.next_request()) is not None:
        session.transcript.rest_calls.append(call := RestCall("GET", "/api/conversations/{id}/events/search"))
        response = await session.http.get(pager.path, params=params)
        call.status = response.status_code
        pager.take(response)
    return pager.items


def run_client_script(
    base_url: str,
    api_key: str | None,
    scenario: Scenario,
    body: dict[str, Any],
    *,
    timeout_s: float = 30,
    strict: bool = True,
) -> Transcript:
    """Create a conversation with ``body``, play ``scenario.client`` against it, and record it.

    Every wait is bounded by ``timeout_s``; failures raise :class:`ClientScriptError` naming the
    step (with ``strict`` False, a refused request is recorded and the script goes on). The
    conversation is deleted afterwards, also on failure.
    """
    return asyncio.run(arun_client_script(base_url, api_key, scenario, body, timeout_s=timeout_s, strict=strict))
