"""The server-level bash log behind ``/api/bash/*`` and ``/sockets/bash-events``.

Nothing is executed: a command's output, exit code and duration are read off it
(:mod:`mockserver.shell`), and the events and their order are those of bash_router.py /
bash_service.py of 1.58.0, so terminal UIs can be developed against the mock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from contract.harness.scenario import CommandAnswer
from mockserver.shell import Outcome, Printed, outcome

BashEvent = dict[str, Any]
STOPPED_EXIT_CODE = -15
"""A stopped command's exit code: the server ends its process group with SIGTERM."""


def utc_now() -> str:
    """Bash events carry UTC timestamps with a trailing ``Z`` (unlike conversation events)."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def bash_error(code: str, detail: str) -> BashEvent:
    """The ``BashError`` frame the bash socket answers a bad client frame with."""
    return {"id": str(uuid4()), "timestamp": utc_now(), "code": code, "detail": detail, "kind": "BashError"}


class BashLog:
    """Bash commands and their outputs, in order, plus live subscribers.

    A command's outcome comes from :func:`mockserver.shell.outcome` with the rules ``rules()``
    returns (a scenario's ``commands``); it "runs" for its duration, bounded by its timeout, and
    then leaves one ``BashOutput`` with everything it printed and its exit code (-1 when the
    timeout cut it short), as the server's bash service does for output under its 1 MiB chunk.
    ``default_cwd`` is the working directory of a conversation's runtime scope (None: the
    server's own).
    """

    def __init__(
        self,
        *,
        default_cwd: str | None = None,
        rules: Callable[[], Sequence[CommandAnswer]] = tuple,
        files: Mapping[str, str] | None = None,
    ) -> None:
        self.events: list[BashEvent] = []
        self.index: dict[str, int] = {}
        self.subscribers: dict[int, Callable[[BashEvent], None]] = {}
        self.default_cwd = default_cwd
        self.rules = rules
        self.files = files
        self._running: dict[str, asyncio.Task[None]] = {}

    def _append(self, event: BashEvent) -> BashEvent:
        self.index[event["id"]] = len(self.events)
        self.events.append(event)
        for deliver in list(self.subscribers.values()):
            deliver(event)
        return event

    def start(
        self, command: str, cwd: str | None = None, timeout: float | None = None
    ) -> tuple[BashEvent, asyncio.Task[None]]:
        """Record a command and start "running" it; returns its event and the task that ends it."""
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
        result = outcome(command, cwd=cwd or self.default_cwd or "", rules=self.rules(), files=self.files)
        if timeout is not None and result.duration_s > timeout:
            result = result.until(timeout)
        loop = asyncio.get_running_loop()
        task = loop.create_task(self._finish(started["id"], result, loop.time()))
        self._running[started["id"]] = task
        task.add_done_callback(lambda _: self._running.pop(started["id"], None))
        return started, task

    async def _finish(self, command_id: str, result: Outcome, started_at: float) -> None:
        try:
            await asyncio.sleep(result.duration_s)
        except asyncio.CancelledError:  # stopped: SIGTERM ends the shell with what it printed
            elapsed = asyncio.get_running_loop().time() - started_at
            self._output(command_id, result.until(elapsed).printed, STOPPED_EXIT_CODE)
            raise
        self._output(command_id, result.printed, result.exit_code)

    def _output(self, command_id: str, printed: Sequence[Printed], exit_code: int) -> BashEvent:
        stdout = "".join(p.stdout for p in printed)
        stderr = "".join(p.stderr for p in printed)
        return self._append(
            {
                "id": str(uuid4()),
                "timestamp": utc_now(),
                "command_id": command_id,
                "order": 0,
                "exit_code": exit_code,
                "stdout": stdout or None,
                "stderr": stderr or None,
                "kind": "BashOutput",
            }
        )

    def stop(self, command_id: str) -> bool:
        """Stop a running command; False when the command is unknown."""
        if command_id not in self.index:
            return False
        task = self._running.get(command_id)
        if task is not None:
            task.cancel()
        return True

    def collected_output(self, command_id: str) -> BashEvent:
        """``execute_bash_command``'s answer: every output of the command joined, the last one's
        exit code (-1 when there is none)."""
        outputs = [e for e in self.events if e["kind"] == "BashOutput" and e["command_id"] == command_id]
        if not outputs:
            return {
                "id": str(uuid4()),
                "timestamp": utc_now(),
                "command_id": command_id,
                "order": 0,
                "exit_code": -1,
                "stdout": None,
                "stderr": None,
                "kind": "BashOutput",
            }
        final = outputs[-1]
        stdout = "".join(e["stdout"] or "" for e in outputs)
        stderr = "".join(e["stderr"] or "" for e in outputs)
        exit_code = -1 if final["exit_code"] is None else final["exit_code"]
        return {**final, "exit_code": exit_code, "stdout": stdout or None, "stderr": stderr or None}

    def get(self, event_id: str) -> BashEvent | None:
        position = self.index.get(event_id)
        return None if position is None else self.events[position]

    def clear(self) -> int:
        """Forget every event; returns how many there were."""
        count = len(self.events)
        self.events.clear()
        self.index.clear()
        return count
