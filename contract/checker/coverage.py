"""What a check run saw of the server: operations × status codes (against the documented ones),
event kinds, state-update keys, execution-status transitions and WebSocket close codes.

Recorded as the run goes (``Coverage.http`` from every HTTP client of the checker,
``Coverage.frames`` from every recorded conversation, ``Coverage.close`` from every socket
exchange); the reports show it next to the verdict, so a reviewer sees what a pass rests on.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from contract.spec.documents import effective_spec

STATE_UPDATE = "ConversationStateUpdateEvent"
METHODS = ("get", "put", "post", "patch", "delete")


@cache
def _templates() -> list[tuple[re.Pattern[str], str, dict[str, list[str]]]]:
    """Each spec path as a matcher, with its documented statuses per method (literal paths first)."""
    spec = effective_spec()
    out = []
    for template, item in spec["paths"].items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        documented = {m: sorted(item[m]["responses"]) for m in METHODS if m in item}
        out.append((re.compile(f"^{pattern}$"), template, documented))
    return sorted(out, key=lambda entry: entry[1].count("{"))


def operation_of(method: str, path: str) -> str | None:
    """``METHOD /template`` of a concrete request path, or None outside the spec."""
    path = path.split("?")[0]
    for pattern, template, documented in _templates():
        if method.lower() in documented and pattern.match(path):
            return f"{method.upper()} {template}"
    return None


def documented_statuses(operation: str) -> list[str]:
    method, template = operation.split(" ", 1)
    for _, known, documented in _templates():
        if known == template:
            return documented.get(method.lower(), [])
    return []


@dataclass
class Coverage:
    """Counters of what was observed, safe to feed from several threads."""

    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    state_keys: Counter[str] = field(default_factory=Counter)
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    close_codes: Counter[int] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def http(self, method: str, path: str, status: int) -> None:
        operation = operation_of(method, path)
        if operation is not None:
            with self._lock:
                self.statuses[(operation, status)] += 1

    def frames(self, frames: list[Any]) -> None:
        """One conversation's frames, in order: kinds, state keys, status transitions."""
        status: str | None = None
        with self._lock:
            for frame in frames:
                if not isinstance(frame, dict) or not isinstance(frame.get("kind"), str):
                    continue  # not an event (a socket's error reply, a bash frame)
                kind = frame["kind"]
                self.events[kind] += 1
                if kind != STATE_UPDATE:
                    continue
                key = str(frame.get("key"))
                self.state_keys[key] += 1
                value = frame.get("value")
                new = value.get("execution_status") if key == "full_state" and isinstance(value, dict) else None
                new = value if key == "execution_status" else new
                if isinstance(new, str):
                    if status is not None and new != status:
                        self.transitions[(status, new)] += 1
                    status = new

    def close(self, code: int | None) -> None:
        if code is not None:
            with self._lock:
                self.close_codes[code] += 1

    def to_dict(self) -> dict[str, Any]:
        operations: dict[str, dict[str, Any]] = {}
        for (operation, status), count in sorted(self.statuses.items()):
            entry = operations.setdefault(operation, {"observed": {}, "documented": documented_statuses(operation)})
            entry["observed"][str(status)] = count
        for entry in operations.values():
            entry["undocumented"] = sorted(set(entry["observed"]) - set(entry["documented"]))
        return {
            "operations": operations,
            "operations_total": sum(len(d) for _, _, d in _templates()),
            "event_kinds": dict(sorted(self.events.items())),
            "state_keys": dict(sorted(self.state_keys.items())),
            "transitions": [{"from": a, "to": b, "count": n} for (a, b), n in sorted(self.transitions.items())],
            "close_codes": {str(code): n for code, n in sorted(self.close_codes.items())},
        }
