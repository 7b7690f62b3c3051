"""Replay a scenario's client script against an agent server and record what it sends.

The driver creates a conversation over REST, subscribes to ``/sockets/events/{id}``, executes
the scenario's ``client`` steps, records every WebSocket frame together with the REST call it
followed, then reads the persisted event log and deletes the conversation. The result is a
:class:`Transcript`, which can be stored as JSONL and reduced to a comparable skeleton.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from contract.scenario import ClientStep, Scenario
from contract.ws_protocol import FULL_STATE_KEY as FULL_STATE
from contract.ws_protocol import STATE_UPDATE_KIND as CSUE
from contract.ws_protocol import TRANSIENT_KINDS
# How long the stream must stay silent after the last step before the recording ends.
QUIET_S = 0.5
# After a per-field status match, how long to wait for the matching full_state snapshot.
SNAPSHOT_GRACE_S = 2.0
WS_MAX_FRAME_BYTES = 16 * 1024 * 1024


class ClientScriptError(RuntimeError):
    """A client step failed or timed out; the message names the step."""


@dataclass
class RestCall:
    """One REST request made by the driver (path with the conversation id as ``{id}``)."""

    method: str
    path: str
    status: int | None = None


@dataclass
class Frame:
    """One WebSocket frame as received.

    ``call`` indexes ``Transcript.rest_calls``: the latest REST request issued before the frame
    arrived. ``step`` indexes the scenario's client steps; None marks the initial frame sent on
    subscribe, before any step. ``t`` is seconds since the conversation was created.
    """

    event: dict[str, Any]
    call: int
    step: int | None
    t: float


def is_transient(event: dict[str, Any]) -> bool:
    """True for frames the server never persists (snapshots, streaming deltas, server errors)."""
    kind = event.get("kind")
    return kind in TRANSIENT_KINDS or (kind == CSUE and event.get("key") == FULL_STATE)


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
    return token + ("[T]" if is_transient(event) else "")


def status_shown(event: dict[str, Any]) -> str | None:
    """The execution status a frame announces, if any."""
    if event.get("kind") != CSUE:
        return None
    if event.get("key") == "execution_status":
        return event.get("value")
    if event.get("key") == FULL_STATE and isinstance(event.get("value"), dict):
        return event["value"].get("execution_status")
    return None


@dataclass
class Transcript:
    """What a client script observed on one server."""

    scenario: str
    frames: list[Frame] = field(default_factory=list)
    rest_events: list[dict[str, Any]] = field(default_factory=list)
    rest_calls: list[RestCall] = field(default_factory=list)

    def skeleton(self) -> list[str]:
        """The frame stream as tokens (see :func:`frame_token`), initial snapshot included."""
        return [frame_token(frame.event) for frame in self.frames]

    def to_jsonl(self) -> str:
        """One JSON object per line: a header, the REST calls, the frames, the REST events."""
        lines = [{"type": "transcript", "scenario": self.scenario}]
        lines += [{"type": "rest_call", **asdict(call)} for call in self.rest_calls]
        lines += [{"type": "frame", **asdict(frame)} for frame in self.frames]
        lines += [{"type": "rest_event", "event": event} for event in self.rest_events]
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
            else:
                raise ValueError(f"line {number}: unknown line type {kind!r}")
        if transcript is None:
            raise ValueError("empty transcript")
        return transcript


class _Session:
    """One conversation being driven: REST client, socket reader and the growing transcript."""

    def __init__(self, base_url: str, api_key: str | None, scenario: Scenario, timeout_s: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.transcript = Transcript(scenario=scenario.name)
        self.conversation_id = ""
        self.step: int | None = None
        self.step_label = ""
        self.started = time.monotonic()
        self.new_frame = asyncio.Event()
        self.closed: str | None = None
        headers = {"X-Session-API-Key": api_key} if api_key else {}
        self.http = httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=timeout_s)

    # ---- REST

    async def request(self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None) -> Any:
        """Send one REST request, record it, and return its JSON (raising on a non-2xx status)."""
        shown = path.replace(self.conversation_id, "{id}") if self.conversation_id else path
        call = RestCall(method, shown)
        self.transcript.rest_calls.append(call)
        response = await self.http.request(method, path, json=body, params=params)
        call.status = response.status_code
        if response.is_error:
            raise ClientScriptError(
                f"{self._where()}: {method} {shown} -> {response.status_code} {response.text[:500]}"
            )
        return response.json() if response.content else None

    # ---- WebSocket

    def socket_url(self) -> str:
        scheme, rest = self.base_url.split("://", 1)
        return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/sockets/events/{self.conversation_id}"

    async def read_frames(self, ws: ClientConnection) -> None:
        try:
            async for message in ws:
                self.transcript.frames.append(
                    Frame(
                        event=json.loads(message),
                        call=len(self.transcript.rest_calls) - 1,
                        step=self.step,
                        t=round(time.monotonic() - self.started, 3),
                    )
                )
                self.new_frame.set()
        except ConnectionClosed as exc:
            self.closed = f"event socket closed: {exc}"
        else:
            self.closed = "event socket closed"
        self.new_frame.set()

    async def until(self, predicate: Callable[[dict[str, Any]], bool], timeout_s: float, start: int = 0) -> int | None:
        """Wait for a frame at index >= ``start`` matching ``predicate``; its index, or None on timeout."""
        deadline = time.monotonic() + timeout_s
        checked = start
        while True:
            frames = self.transcript.frames
            for index in range(checked, len(frames)):
                if predicate(frames[index].event):
                    return index
            checked = len(frames)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed:
                return None
            self.new_frame.clear()
            try:
                await asyncio.wait_for(self.new_frame.wait(), remaining)
            except TimeoutError:
                pass

    async def quiet(self, quiet_s: float, limit_s: float) -> None:
        """Return once no frame arrived for ``quiet_s`` (or after ``limit_s``)."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline and not self.closed:
            self.new_frame.clear()
            try:
                await asyncio.wait_for(self.new_frame.wait(), min(quiet_s, deadline - time.monotonic()))
            except TimeoutError:
                return

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
    if step.action == "send":
        message = {"role": "user", "content": [{"type": "text", "text": step.text}], "run": step.run}
        await session.request("POST", f"{base}/events", message)
    elif step.action in ("run", "pause", "interrupt"):
        await session.request("POST", f"{base}/{step.action}")
    elif step.action in ("accept", "reject"):
        answer: dict[str, Any] = {"accept": step.action == "accept"}
        if step.reason is not None:
            answer["reason"] = step.reason
        await session.request("POST", f"{base}/events/respond_to_confirmation", answer)
    elif step.action == "set_policy":
        await session.request("POST", f"{base}/confirmation_policy", {"policy": {"kind": step.policy}})
    elif step.action == "wait":
        return await _wait_for_status(session, step, window)
    # "sleep" only has its after_ms delay.
    return window


async def _wait_for_status(session: _Session, step: ClientStep, window: int) -> int:
    """Wait until a frame since ``window`` shows ``step.status``; prefer the full_state snapshot."""
    wanted = step.status
    index = await session.until(lambda event: status_shown(event) == wanted, session.timeout_s, window)
    if index is None:
        seen = [status_shown(f.event) for f in session.transcript.frames[window:] if status_shown(f.event)]
        raise ClientScriptError(
            f"{session._where()}: no frame showed status {wanted!r} within "
            f"{session.timeout_s} s (statuses seen since the previous wait: {seen}){session._closed_note()}"
        )
    if session.transcript.frames[index].event.get("key") != FULL_STATE:
        # Most transitions end with a snapshot; some (reject -> idle) do not, hence the grace.
        snapshot = await session.until(
            lambda event: event.get("key") == FULL_STATE and status_shown(event) == wanted,
            SNAPSHOT_GRACE_S,
            index + 1,
        )
        index = snapshot if snapshot is not None else index
    return index + 1


async def arun_client_script(
    base_url: str,
    api_key: str | None,
    scenario: Scenario,
    body: dict[str, Any],
    *,
    timeout_s: float = 30,
) -> Transcript:
    """Async form of :func:`run_client_script`."""
    session = _Session(base_url, api_key, scenario, timeout_s)
    reader: asyncio.Task[None] | None = None
    try:
        created = await session.request("POST", "/api/conversations", body)
        session.conversation_id = created["id"]
        session.started = time.monotonic()
        try:
            ws = await connect(session.socket_url(), open_timeout=timeout_s, max_size=WS_MAX_FRAME_BYTES)
        except (OSError, TimeoutError, ConnectionClosed) as exc:
            raise ClientScriptError(f"setup: cannot open the event socket: {exc!r}") from exc
        async with ws:
            if api_key:
                await ws.send(json.dumps({"type": "auth", "session_api_key": api_key}))
            reader = asyncio.create_task(session.read_frames(ws))
            if await session.until(lambda event: True, timeout_s) is None:
                raise ClientScriptError(
                    f"setup: no initial frame on the event socket within {timeout_s} s{session._closed_note()}"
                )
            window = len(session.transcript.frames)
            for number, step in enumerate(scenario.client):
                if step.after_ms:
                    await asyncio.sleep(step.after_ms / 1000)
                session.step, session.step_label = number, _step_label(step)
                window = await _execute(session, step, window)
            await session.quiet(QUIET_S, timeout_s)
            await _stop(reader)
        session.transcript.rest_events = await _fetch_events(session)
        await session.request("DELETE", f"/api/conversations/{session.conversation_id}")
        return session.transcript
    except httpx.HTTPError as exc:
        raise ClientScriptError(f"{session._where()}: HTTP request failed: {exc!r}") from exc
    finally:
        if reader is not None:
            await _stop(reader)
        if session.conversation_id and not any(c.method == "DELETE" for c in session.transcript.rest_calls):
            try:
                await session.http.delete(f"/api/conversations/{session.conversation_id}")
            except httpx.HTTPError:
                pass  # best-effort cleanup after a failure; the original error matters more
        await session.http.aclose()


async def _stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def _fetch_events(session: _Session) -> list[dict[str, Any]]:
    """All persisted events, following ``next_page_id``."""
    events: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    path = f"/api/conversations/{session.conversation_id}/events/search"
    while True:
        page = await session.request("GET", path, params=params)
        events += page["items"]
        if not page.get("next_page_id"):
            return events
        params["page_id"] = page["next_page_id"]


def run_client_script(
    base_url: str,
    api_key: str | None,
    scenario: Scenario,
    body: dict[str, Any],
    *,
    timeout_s: float = 30,
) -> Transcript:
    """Create a conversation with ``body``, play ``scenario.client`` against it, and record it.

    Every wait is bounded by ``timeout_s``; failures raise :class:`ClientScriptError` naming the
    step. The conversation is deleted afterwards, also on failure.
    """
    return asyncio.run(arun_client_script(base_url, api_key, scenario, body, timeout_s=timeout_s))
