"""Bounded WebSocket clients: every open, read and close has a timeout, every socket a frame budget."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from contract.checker.context import Context
from contract.checker.repro import ws_url
from contract.ws_protocol import AuthFrame

MAX_FRAME_BYTES = 16 * 1024 * 1024


def auth_frame(key: str) -> str:
    return AuthFrame(session_api_key=key).model_dump_json()


def decode(message: str | bytes) -> Any:
    try:
        return json.loads(message)
    except (ValueError, TypeError):
        return message if isinstance(message, str) else repr(message)


@dataclass
class Outcome:
    """What one connection showed: frames, how it ended, or why it never opened."""

    frames: list[Any] = field(default_factory=list)
    close_code: int | None = None
    close_reason: str | None = None
    handshake_status: int | None = None
    error: str | None = None
    timed_out: bool = False
    over_budget: bool = False

    @property
    def opened(self) -> bool:
        return self.handshake_status is None and self.error is None


def _close_of(exc: ConnectionClosed) -> tuple[int | None, str | None]:
    if exc.rcvd is not None:
        return exc.rcvd.code, exc.rcvd.reason
    return 1006, None  # closed without a close frame


async def _connect(ctx: Context, path: str, query: Mapping[str, Any] | None, headers: Mapping[str, str] | None) -> ClientConnection | Outcome:
    url = ws_url(ctx.base_url, path, query)
    try:
        ws = await connect(
            url,
            additional_headers=dict(headers or {}),
            open_timeout=ctx.options.request_timeout_s,
            close_timeout=2,
            max_size=MAX_FRAME_BYTES,
            ping_interval=None,
        )
        ctx.executed(ctx.responsive_check)
        return ws
    except InvalidStatus as exc:
        ctx.executed(ctx.responsive_check)
        return Outcome(handshake_status=exc.response.status_code)
    except (TimeoutError, asyncio.TimeoutError):
        return Outcome(error=f"no handshake within {ctx.options.request_timeout_s} s", timed_out=True)
    except (OSError, InvalidHandshake, ConnectionClosed) as exc:
        return Outcome(error=f"{type(exc).__name__}: {exc}")


async def exchange(
    ctx: Context,
    path: str,
    *,
    query: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    send: list[str] = (),  # type: ignore[assignment]
    until: Callable[[list[Any]], bool] = lambda frames: bool(frames),
    timeout_s: float = 5.0,
    max_frames: int | None = None,
) -> Outcome:
    """Open, send ``send``, read until ``until(frames)`` or close or ``timeout_s``; then close."""
    ws = await _connect(ctx, path, query, headers)
    if isinstance(ws, Outcome):
        return ws
    outcome = Outcome()
    budget = max_frames or ctx.options.max_frames
    deadline = time.monotonic() + timeout_s
    try:
        for text in send:
            await ws.send(text)
        while not until(outcome.frames):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                outcome.timed_out = True
                break
            if len(outcome.frames) >= budget:
                outcome.over_budget = True
                break
            try:
                message = await asyncio.wait_for(ws.recv(), remaining)
            except (TimeoutError, asyncio.TimeoutError):
                outcome.timed_out = True
                break
            outcome.frames.append(decode(message))
    except ConnectionClosed as exc:
        outcome.close_code, outcome.close_reason = _close_of(exc)
    finally:
        try:
            await asyncio.wait_for(ws.close(), 3)
        except (TimeoutError, asyncio.TimeoutError, ConnectionClosed, OSError):
            pass
    return outcome


class Recorder:
    """A long-lived events/session socket recording every frame (bounded by the frame budget)."""

    def __init__(self, ctx: Context, path: str, *, query: Mapping[str, Any] | None = None, authenticate: bool = True) -> None:
        self.ctx = ctx
        self.path = path
        self.query = query
        self.authenticate = authenticate
        self.frames: list[Any] = []
        self.arrival: list[float] = []
        self.closed: tuple[int | None, str | None] | None = None
        self.over_budget = False
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._new = asyncio.Event()

    async def start(self) -> Outcome | None:
        """Connect (and send the auth frame); None on success, else the failed Outcome."""
        ws = await _connect(self.ctx, self.path, self.query, None)
        if isinstance(ws, Outcome):
            return ws
        self._ws = ws
        try:
            if self.authenticate and self.ctx.options.api_key:
                await ws.send(auth_frame(self.ctx.options.api_key))
        except ConnectionClosed as exc:
            return Outcome(close_code=_close_of(exc)[0], close_reason=_close_of(exc)[1])
        self._reader = asyncio.create_task(self._read())
        return None

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for message in self._ws:
                if len(self.frames) >= self.ctx.options.max_frames:
                    self.over_budget = True
                    break
                self.frames.append(decode(message))
                self.arrival.append(time.monotonic())
                self._new.set()
        except ConnectionClosed as exc:
            self.closed = _close_of(exc)
        else:
            if self._ws.close_code is not None:
                self.closed = (self._ws.close_code, self._ws.close_reason)
        finally:
            self._new.set()

    async def send(self, text: str) -> bool:
        if self._ws is None:
            return False
        try:
            await asyncio.wait_for(self._ws.send(text), self.ctx.options.request_timeout_s)
            return True
        except (ConnectionClosed, TimeoutError, asyncio.TimeoutError):
            return False

    async def wait_for(self, predicate: Callable[[Any], bool], timeout_s: float, start: int = 0) -> int | None:
        """Index of the first frame at or after ``start`` matching ``predicate`` (None on timeout/close)."""
        deadline = time.monotonic() + timeout_s
        checked = start
        while True:
            for index in range(checked, len(self.frames)):
                if predicate(self.frames[index]):
                    return index
            checked = max(checked, len(self.frames))
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed is not None or self.over_budget or (self._reader is not None and self._reader.done()):
                return None
            self._new.clear()
            try:
                await asyncio.wait_for(self._new.wait(), remaining)
            except (TimeoutError, asyncio.TimeoutError):
                pass

    async def quiet(self, quiet_s: float = 0.3, limit_s: float = 5.0) -> None:
        """Return once no frame arrived for ``quiet_s`` (or after ``limit_s``)."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline and self.closed is None:
            self._new.clear()
            try:
                await asyncio.wait_for(self._new.wait(), min(quiet_s, max(0.0, deadline - time.monotonic())))
            except (TimeoutError, asyncio.TimeoutError):
                return

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._ws is not None:
            try:
                await asyncio.wait_for(self._ws.close(), 3)
            except (TimeoutError, asyncio.TimeoutError, ConnectionClosed, OSError):
                pass


class SyncRecorder:
    """Thread-backed events-socket recorder for synchronous code (the behaviour state machine)."""

    def __init__(self, ctx: Context, conversation_id: str) -> None:
        self.ctx = ctx
        self.conversation_id = conversation_id
        self.frames: list[Any] = []
        self.error: str | None = None
        self.closed: tuple[int | None, str | None] | None = None
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._ws: Any = None

    def start(self) -> bool:
        from websockets.sync.client import connect as sync_connect

        url = ws_url(self.ctx.base_url, f"/sockets/events/{self.conversation_id}")
        try:
            self._ws = sync_connect(url, open_timeout=self.ctx.options.request_timeout_s, close_timeout=2, max_size=MAX_FRAME_BYTES, ping_interval=None)
            if self.ctx.options.api_key:
                self._ws.send(auth_frame(self.ctx.options.api_key))
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            self.error = f"{type(exc).__name__}: {exc}"
            return False
        self._thread = threading.Thread(target=self._read, name=f"ohmock-check-ws-{self.conversation_id[:8]}", daemon=True)
        self._thread.start()
        return True

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                message = self._ws.recv(timeout=0.2)
            except TimeoutError:
                continue
            except ConnectionClosed as exc:
                self.closed = _close_of(exc)
                break
            except Exception as exc:  # noqa: BLE001
                self.error = f"{type(exc).__name__}: {exc}"
                break
            with self._changed:
                if len(self.frames) >= self.ctx.options.max_frames:
                    self.error = "frame budget exhausted"
                    break
                self.frames.append(decode(message))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[Any], bool], timeout_s: float, start: int = 0) -> int | None:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            checked = start
            while True:
                for index in range(checked, len(self.frames)):
                    if predicate(self.frames[index]):
                        return index
                checked = max(checked, len(self.frames))
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed is not None or self.error is not None:
                    return None
                self._changed.wait(min(remaining, 0.25))

    def quiet(self, quiet_s: float = 0.3, limit_s: float = 5.0) -> None:
        deadline = time.monotonic() + limit_s
        last = len(self.frames)
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if len(self.frames) != last:
                last, quiet_since = len(self.frames), time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_s:
                return

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        if self._ws is not None:
            try:
                self._ws.close()
            except Exception:  # noqa: BLE001
                pass
