"""A bounded record of what the mock saw and sent: requests and WebSocket frames."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any, Literal

from mockserver.observers import Frame, Observer, SocketInfo
from mockserver.redact import redact_frame

MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Entry:
    """One request answered or one frame sent/received."""

    at: float
    channel: Literal["http", "ws"]
    direction: Literal["in", "out"]
    method: str
    path: str
    status: int | None = None
    body: Any = None


class Journal(Observer):
    """Newest ``MAX_ENTRIES`` entries, oldest dropped first; socket frames arrive as an observer."""

    def __init__(self) -> None:
        self._entries: deque[Entry] = deque(maxlen=MAX_ENTRIES)

    def http(self, method: str, path: str, status: int, *, at: float | None = None) -> None:
        """Record a request answered with ``status`` (``at``: when, if not now)."""
        self._entries.append(Entry(time.time() if at is None else at, "http", "in", method, path, status))

    def frame(self, direction: Literal["in", "out"], path: str, body: Any) -> None:
        self._entries.append(Entry(time.time(), "ws", direction, "WS", path, None, body))

    def sent(self, socket: SocketInfo, frame: Frame) -> None:
        self.frame("out", socket.path, frame)

    def received(self, socket: SocketInfo, frame: Any) -> None:
        # A client frame may carry the session key (the auth frame): never recorded as sent.
        self.frame("in", socket.path, redact_frame(frame))

    def entries(self, channel: str | None = None) -> list[dict[str, Any]]:
        return [asdict(e) for e in self._entries if channel is None or e.channel == channel]

    def clear(self) -> None:
        self._entries.clear()
