"""The server-level bash log behind ``/api/bash/*`` and ``/sockets/bash-events``.

Nothing is executed: every command "completes" at once with exit code 0 and no output (or the
output set in :attr:`BashLog.canned`), but the events and their order are those of
bash_router.py / bash_service.py of 1.58.0, so terminal UIs can be developed against the mock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

BashEvent = dict[str, Any]


def utc_now() -> str:
    """Bash events carry UTC timestamps with a trailing ``Z`` (unlike conversation events)."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def bash_error(code: str, detail: str) -> BashEvent:
    """The ``BashError`` frame the bash socket answers a bad client frame with."""
    return {"id": str(uuid4()), "timestamp": utc_now(), "code": code, "detail": detail, "kind": "BashError"}


class BashLog:
    """Bash commands and their outputs, in order, plus live subscribers."""

    def __init__(self) -> None:
        self.events: list[BashEvent] = []
        self.index: dict[str, int] = {}
        self.subscribers: dict[int, Callable[[BashEvent], None]] = {}
        self.canned: dict[str, tuple[str, int]] = {}
        """command → (stdout, exit_code) reported when it "runs"."""

    def _append(self, event: BashEvent) -> BashEvent:
        self.index[event["id"]] = len(self.events)
        self.events.append(event)
        for deliver in list(self.subscribers.values()):
            deliver(event)
        return event

    def start(self, command: str, cwd: str | None = None, timeout: float | None = None) -> tuple[BashEvent, BashEvent]:
        """Record a command and its (immediate) output; returns both events."""
        started = self._append(
            {
                "id": str(uuid4()),
                "timestamp": utc_now(),
                "command": command,
                "cwd": cwd,
                "timeout": timeout,
                "kind": "BashCommand",
            }
        )
        stdout, exit_code = self.canned.get(command, ("", 0))
        output = self._append(
            {
                "id": str(uuid4()),
                "timestamp": utc_now(),
                "command_id": started["id"],
                "order": 0,
                "exit_code": exit_code,
                "stdout": stdout or None,
                "stderr": None,
                "kind": "BashOutput",
            }
        )
        return started, output

    def get(self, event_id: str) -> BashEvent | None:
        position = self.index.get(event_id)
        return None if position is None else self.events[position]

    def clear(self) -> int:
        """Forget every event; returns how many there were."""
        count = len(self.events)
        self.events.clear()
        self.index.clear()
        return count
