"""Fault knobs: deliberate, bounded misbehaviour for testing clients and checkers.

Counters (``omit_snapshot``, ``duplicate_frame``) apply to the next N occurrences and then
expire, so a test that arms one fault cannot leak it into the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from contract.spec.control_api import FaultSettings, FaultState, ForcedResponse

CountedFault = Literal["omit_snapshot", "duplicate_frame"]
SWITCHES = (
    "drop_field",
    "skip_auth",
    "suppress_4004",
    "leak_secrets",
    "accept_null",
    "cursor_off_by_one",
    "run_conflict_ok",
)
"""Faults that stay on until cleared (``drop_field`` holds a name; the others are booleans)."""


@dataclass
class Faults:
    """Active faults of one mock server."""

    latency_ms: dict[str, float] = field(default_factory=dict)
    forced: list[ForcedResponse] = field(default_factory=list)
    ws_delay_ms: float = 0.0
    counters: dict[str, int] = field(default_factory=dict)
    skip_auth: bool = False
    drop_field: str = ""
    suppress_4004: bool = False
    leak_secrets: bool = False
    accept_null: bool = False
    cursor_off_by_one: bool = False
    run_conflict_ok: bool = False

    def take(self, name: CountedFault) -> bool:
        """Consume one occurrence of a counted fault; True when it applies now."""
        remaining = self.counters.get(name, 0)
        if remaining <= 0:
            return False
        self.counters[name] = remaining - 1
        return True

    def latency_for(self, path: str) -> float:
        return sum(ms for pattern, ms in self.latency_ms.items() if re.search(pattern, path))

    def forced_for(self, method: str, path: str) -> ForcedResponse | None:
        for forced in self.forced:
            if forced.method in ("*", method) and re.search(forced.path, path):
                if forced.times:
                    forced.times -= 1
                    if forced.times == 0:
                        self.forced.remove(forced)
                return forced
        return None

    def apply(self, settings: FaultSettings) -> None:
        if settings.latency_ms is not None:
            self.latency_ms = dict(settings.latency_ms)
        if settings.forced is not None:
            self.forced = list(settings.forced)
        if settings.ws_delay_ms is not None:
            self.ws_delay_ms = settings.ws_delay_ms
        for name in SWITCHES:
            value = getattr(settings, name)
            if value is not None:
                setattr(self, name, value)
        for name in ("omit_snapshot", "duplicate_frame"):
            value = getattr(settings, name)
            if value is not None:
                self.counters[name] = value

    def clear(self) -> None:
        self.latency_ms.clear()
        self.forced.clear()
        self.ws_delay_ms = 0.0
        self.counters.clear()
        self.drop_field = ""
        for name in SWITCHES[1:]:
            setattr(self, name, False)

    def describe(self) -> FaultState:
        return FaultState(
            latency_ms=dict(self.latency_ms),
            forced=[f.model_copy() for f in self.forced],
            ws_delay_ms=self.ws_delay_ms,
            omit_snapshot=self.counters.get("omit_snapshot", 0),
            duplicate_frame=self.counters.get("duplicate_frame", 0),
            skip_auth=self.skip_auth,
            drop_field=self.drop_field,
            suppress_4004=self.suppress_4004,
            leak_secrets=self.leak_secrets,
            accept_null=self.accept_null,
            cursor_off_by_one=self.cursor_off_by_one,
            run_conflict_ok=self.run_conflict_ok,
        )
