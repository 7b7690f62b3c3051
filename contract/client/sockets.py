"""Bounded WebSocket clients for the agent server's sockets.

Every open, read, send and close has a timeout and every socket a frame budget.
:func:`exchange` is one short conversation with a socket (open, send, read until a condition,
close); :class:`EventSocketRecorder` is a long-lived socket that records every frame, with
bounded waits on what arrived; :class:`SyncEventSocketRecorder` is its facade for synchronous code.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from contract.spec.ws_protocol import AuthFrame

T = TypeVar("T")

MAX_FRAME_BYTES = 16 * 1024 * 1024
"""Larger than any frame the server sends (``full_state`` carries the whole agent)."""

FrameHook = Callable[[Any, float], None]
"""Called with each decoded frame and its arrival time (monotonic), as it arrives."""


def auth_frame(key: str) -> str:
    """The first-message auth frame, exactly as the SDK sends it."""
    return AuthFrame(session_api_key=key).model_dump_json()


def decode(message: str | bytes) -> Any:
    """A frame's JSON; text that is not JSON as is; bytes as their repr."""
    try:
        return json.loads(message)
    except (ValueError, TypeError):
        return message if isinstance(message, str) else repr(message)


def close_of(exc: ConnectionClosed) -> tuple[int | None, str | None]:
    """The close code and reason the server sent (1006 when it sent no close frame)."""
    if exc.rcvd is not None:
        return exc.rcvd.code, exc.rcvd.reason
    return 1006, None


@dataclass(frozen=True)
class SocketOptions:
    """The bounds of one socket."""

    open_timeout_s: float = 10.0
    send_timeout_s: float = 10.0
    close_timeout_s: float = 3.0
    max_frames: int = 100_000
    max_frame_bytes: int = MAX_FRAME_BYTES


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


async def connect_socket(
    url: str, *, headers: Mapping[str, str] | None = None, options: SocketOptions = SocketOptions()
) -> ClientConnection | Outcome:
    """Open a socket; an :class:`Outcome` says why it did not open (HTTP status, timeout, error)."""
    try:
        return await connect(
            url,
            additional_headers=dict(headers or {}),
            open_timeout=options.open_timeout_s,
            close_timeout=options.close_timeout_s,
            max_size=options.max_frame_bytes,
            ping_interval=None,
        )
    except InvalidStatus as exc:
        return Outcome(handshake_status=exc.response.status_code)
    except TimeoutError:
        return Outcome(error=f"no handshake within {options.open_timeout_s} s", timed_out=True)
    except (OSError, InvalidHandshake, ConnectionClosed) as exc:
        return Outcome(error=f"{type(exc).__name__}: {exc}")


async def _close_quietly(ws: ClientConnection, timeout_s: float) -> None:
    with contextlib.suppress(TimeoutError, ConnectionClosed, OSError):
        await asyncio.wait_for(ws.close(), timeout_s)


async def exchange(
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    send: Sequence[str | bytes] = (),
    until: Callable[[list[Any]], bool] = bool,
    timeout_s: float = 5.0,
    options: SocketOptions = SocketOptions(),
) -> Outcome:
    """Open, send ``send``, read until ``until(frames)`` or close or ``timeout_s``; then close."""
    ws = await connect_socket(url, headers=headers, options=options)
    if isinstance(ws, Outcome):
        return ws
    outcome = Outcome()
    deadline = time.monotonic() + timeout_s
    try:
        for text in send:
            await ws.send(text)
        while not until(outcome.frames):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                outcome.timed_out = True
                break
            if len(outcome.frames) >= options.max_frames:
                outcome.over_budget = True
                break
            try:
                message = await asyncio.wait_for(ws.recv(), remaining)
            except TimeoutError:
                outcome.timed_out = True
                break
            outcome.frames.append(decode(message))
    except ConnectionClosed as exc:
        outcome.close_code, outcome.close_reason = close_of(exc)
    finally:
        await _close_quietly(ws, options.close_timeout_s)
    return outcome


class EventSocketRecorder:
    """A long-lived socket that records every frame it receives (bounded by the frame budget).

    With ``api_key`` it authenticates with the first-message auth frame, as the SDK does.
    ``on_frame`` sees each frame as it arrives, for callers that annotate frames (the driver notes
    which request each frame followed).
    """

    def __init__(
        self,
        url: str,
        *,
        api_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        options: SocketOptions = SocketOptions(),
        on_frame: FrameHook | None = None,
    ) -> None:
        self.url = url
        self.api_key = api_key
        self.headers = headers
        self.options = options
        self.on_frame = on_frame
        self.frames: list[Any] = []
        self.arrival: list[float] = []
        self.closed: tuple[int | None, str | None] | None = None
        self.over_budget = False
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._new = asyncio.Event()

    async def start(self) -> Outcome | None:
        """Connect (and send the auth frame); None on success, else the failed :class:`Outcome`."""
        ws = await connect_socket(self.url, headers=self.headers, options=self.options)
        if isinstance(ws, Outcome):
            return ws
        self._ws = ws
        try:
            if self.api_key:
                await ws.send(auth_frame(self.api_key))
        except ConnectionClosed as exc:
            code, reason = close_of(exc)
            return Outcome(close_code=code, close_reason=reason)
        self._reader = asyncio.create_task(self._read())
        return None

    @property
    def done(self) -> bool:
        """Nothing more can arrive: closed, over budget, or never started."""
        return self.closed is not None or self.over_budget or self._reader is None or self._reader.done()

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for message in self._ws:
                if len(self.frames) >= self.options.max_frames:
                    self.over_budget = True
                    break
                frame, now = decode(message), time.monotonic()
                self.frames.append(frame)
                self.arrival.append(now)
                if self.on_frame is not None:
                    self.on_frame(frame, now)
                self._new.set()
        except ConnectionClosed as exc:
            self.closed = close_of(exc)
        else:
            if self._ws.close_code is not None:
                self.closed = (self._ws.close_code, self._ws.close_reason)
        finally:
            self._new.set()

    async def send(self, text: str | bytes) -> bool:
        """Send one frame; False if the socket is gone or the send timed out."""
        if self._ws is None:
            return False
        try:
            await asyncio.wait_for(self._ws.send(text), self.options.send_timeout_s)
            return True
        except (ConnectionClosed, TimeoutError):
            return False

    async def wait_for(self, predicate: Callable[[Any], bool], timeout_s: float, start: int = 0) -> int | None:
        """Index of the first frame at or after ``start`` matching ``predicate`` (None on timeout or close)."""
        deadline = time.monotonic() + timeout_s
        checked = start
        while True:
            for index in range(checked, len(self.frames)):
                if predicate(self.frames[index]):
                    return index
            checked = max(checked, len(self.frames))
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.done:
                return None
            self._new.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new.wait(), remaining)

    async def quiet(self, quiet_s: float = 0.3, limit_s: float = 5.0) -> None:
        """Return once no frame arrived for ``quiet_s`` (or after ``limit_s``)."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline and self.closed is None:
            self._new.clear()
            try:
                await asyncio.wait_for(self._new.wait(), min(quiet_s, max(0.0, deadline - time.monotonic())))
            except TimeoutError:
                return

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._ws is not None:
            await _close_quietly(self._ws, self.options.close_timeout_s)

    async def __aenter__(self) -> EventSocketRecorder:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class SyncEventSocketRecorder:
    """An :class:`EventSocketRecorder` for synchronous code: it runs on an event loop of its own,
    in a daemon thread; every call is bounded."""

    def __init__(
        self,
        url: str,
        *,
        api_key: str | None = None,
        options: SocketOptions = SocketOptions(),
        name: str = "ohmock-socket",
    ) -> None:
        self.options = options
        self.error: str | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=name, daemon=True)
        self._recorder: EventSocketRecorder | None = None
        self._url, self._api_key = url, api_key

    def _call(self, coroutine: Coroutine[Any, Any, T], bound_s: float) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=bound_s)

    @property
    def frames(self) -> list[Any]:
        return self._recorder.frames if self._recorder is not None else []

    @property
    def closed(self) -> tuple[int | None, str | None] | None:
        return self._recorder.closed if self._recorder is not None else None

    def start(self) -> bool:
        """Connect; False (with :attr:`error` set) if the socket did not open."""
        self._thread.start()

        async def make() -> tuple[EventSocketRecorder, Outcome | None]:
            recorder = EventSocketRecorder(self._url, api_key=self._api_key, options=self.options)
            return recorder, await recorder.start()

        try:
            self._recorder, failure = self._call(make(), self.options.open_timeout_s + 5)
        except TimeoutError:
            self.error = f"no handshake within {self.options.open_timeout_s} s"
            return False
        if failure is None:
            return True
        if failure.handshake_status is not None:
            self.error = f"handshake rejected with HTTP {failure.handshake_status}"
        else:
            self.error = failure.error or f"closed with {failure.close_code} {failure.close_reason or ''}".rstrip()
        return False

    def wait_for(self, predicate: Callable[[Any], bool], timeout_s: float, start: int = 0) -> int | None:
        if self._recorder is None:
            return None
        return self._call(self._recorder.wait_for(predicate, timeout_s, start), timeout_s + 5)

    def quiet(self, quiet_s: float = 0.3, limit_s: float = 5.0) -> None:
        if self._recorder is not None:
            self._call(self._recorder.quiet(quiet_s, limit_s), limit_s + 5)

    def send(self, text: str | bytes) -> bool:
        if self._recorder is None:
            return False
        return self._call(self._recorder.send(text), self.options.send_timeout_s + 5)

    def close(self) -> None:
        """Close the socket and stop the loop thread (bounded)."""
        if self._recorder is not None and self._thread.is_alive():
            with contextlib.suppress(TimeoutError):
                self._call(self._recorder.close(), self.options.close_timeout_s + 5)
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
        if not self._thread.is_alive():
            self._loop.close()
