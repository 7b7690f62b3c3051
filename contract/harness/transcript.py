"""Compare two transcripts of the same client script, e.g. the mock's against the real server's.

The real server is not fully deterministic. The comparison removes exactly the nondeterminism
documented for 1.58.0 (agent-server-contract.md §3, §9.1; real-server-runbook.md §3.1) and
nothing else:

* ``stats`` state updates are dropped. The LLM telemetry callback emits them whenever the state
  lock is free, so their position varies, and their count includes the auto-title LLM call.
* Consecutive ``full_state`` snapshots showing ``paused`` count once. ``POST /pause`` and
  ``POST /interrupt`` publish one snapshot themselves and the ending run task another, and
  whether the two are adjacent (or both happen) depends on timing.

Everything else must agree exactly: the order and kind of every frame, every
``execution_status`` value, the status each snapshot shows, streaming deltas, the persisted log
(``events/search``) and the REST calls with their statuses.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from contract.harness.driver import CSUE, FULL_STATE, Transcript, frame_token
from contract.spec.ws_protocol import announced_status

STATS_KEY = "stats"
# Snapshot statuses that pause/interrupt may publish more than once in a row.
DUPLICABLE_SNAPSHOT_STATUSES = frozenset({"paused"})


def is_stats_update(event: dict[str, Any]) -> bool:
    """A ``stats`` state update (the LLM telemetry, placed by the real server's timing)."""
    return event.get("kind") == CSUE and event.get("key") == STATS_KEY


def comparable_token(event: dict[str, Any]) -> str:
    """:func:`frame_token`, with the status a ``full_state`` snapshot shows."""
    if event.get("kind") == CSUE and event.get("key") == FULL_STATE:
        return f"CSUE:full_state={announced_status(event)}[T]"
    return frame_token(event)


def comparable_frames(transcript: Transcript) -> list[str]:
    """The WebSocket frame skeleton with the documented nondeterminism removed."""
    tokens: list[str] = []
    for frame in transcript.frames:
        event = frame.event
        if is_stats_update(event):
            continue
        token = comparable_token(event)
        duplicate = tokens and tokens[-1] == token and token.startswith("CSUE:full_state=")
        if duplicate and announced_status(event) in DUPLICABLE_SNAPSHOT_STATUSES:
            continue
        tokens.append(token)
    return tokens


def comparable_persisted(transcript: Transcript) -> list[str]:
    """The persisted log (``events/search``) as tokens, without ``stats`` updates."""
    return [comparable_token(event) for event in transcript.rest_events if not is_stats_update(event)]


def comparable_rest_calls(transcript: Transcript) -> list[str]:
    """The client's REST calls with their statuses, e.g. ``POST /api/conversations/{id}/run -> 200``."""
    return [f"{call.method} {call.path} -> {call.status}" for call in transcript.rest_calls]


def transcript_differences(
    actual: Transcript, expected: Transcript, *, labels: tuple[str, str] = ("expected", "actual")
) -> list[str]:
    """Where ``actual`` deviates from ``expected`` beyond the allowed nondeterminism.

    Returns unified-diff lines per aspect (WebSocket frames, persisted events, REST calls); an
    empty list means the two transcripts conform.
    """
    differences: list[str] = []
    for aspect, reduce in (
        ("websocket frames", comparable_frames),
        ("persisted events", comparable_persisted),
        ("rest calls", comparable_rest_calls),
    ):
        want, got = reduce(expected), reduce(actual)
        if want != got:
            differences.append(f"{aspect} differ:")
            differences += difflib.unified_diff(want, got, labels[0], labels[1], lineterm="", n=2)
    return differences


# -- field level ------------------------------------------------------------------------------

# Fields whose values legitimately differ between two servers playing the same scenario.
VOLATILE_FIELDS = frozenset(
    {
        "timestamp",
        "llm_response_id",  # the LLM provider's completion id
        "summary",  # taken from the LLM's tool-call arguments when it sends one
        "security_risk",  # ditto (the scripted LLM fills it when the tool schema asks for it)
        "arguments",  # tool_call.arguments: the raw LLM arguments, incl. the two meta-parameters
        "hostname",  # terminal metadata: where and as whom the command ran
        "username",
        "py_interpreter_path",
        "working_dir",  # terminal metadata: the resolved absolute path on the server host
        "system_prompt",  # SystemPromptEvent: rendered with host-specific details
        "tools",
        "dynamic_context",
    }
)
HEX_ID = re.compile(r"\b[0-9a-f]{32}\b")


def _id_aliases(events: list[dict[str, Any]]) -> dict[str, str]:
    return {event["id"]: f"<event {position}>" for position, event in enumerate(events) if "id" in event}


def _normalize(value: Any, aliases: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _normalize(v, aliases) for k, v in value.items() if k not in VOLATILE_FIELDS}
    if isinstance(value, list):
        return [_normalize(item, aliases) for item in value]
    if isinstance(value, str):
        if value in aliases:
            return aliases[value]
        return HEX_ID.sub("<conversation>", value)
    return value


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return flat
    if isinstance(value, list) and value and any(isinstance(item, (dict, list)) for item in value):
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, f"{prefix}[{index}]"))
        return flat
    return {prefix: value}


def persisted_event_differences(actual: Transcript, expected: Transcript) -> list[str]:
    """Field-by-field differences between the two persisted logs (``events/search``).

    Event ids are replaced by their position in the log, so references (``parent_id``,
    ``action_id``, ``last_user_message_id``...) are compared as links; conversation ids in paths
    are masked; ``stats`` updates and :data:`VOLATILE_FIELDS` are ignored. Each line names the
    event and the field, e.g. ``#7 ObservationEvent observation.prev_exist: expected False, got True``.
    """
    want_events = [e for e in expected.rest_events if not is_stats_update(e)]
    got_events = [e for e in actual.rest_events if not is_stats_update(e)]
    want_aliases, got_aliases = _id_aliases(want_events), _id_aliases(got_events)
    differences: list[str] = []
    if len(want_events) != len(got_events):
        differences.append(f"event count: expected {len(want_events)}, got {len(got_events)}")
    for position, (want, got) in enumerate(zip(want_events, got_events, strict=False)):
        flat_want = _flatten(_normalize(want, want_aliases))
        flat_got = _flatten(_normalize(got, got_aliases))
        for path in sorted(set(flat_want) | set(flat_got)):
            if flat_want.get(path, _MISSING) != flat_got.get(path, _MISSING):
                differences.append(
                    f"#{position} {comparable_token(want)} {path}: expected {flat_want.get(path, _MISSING)!r}, "
                    f"got {flat_got.get(path, _MISSING)!r}"
                )
    return differences


class _Missing:
    def __repr__(self) -> str:
        return "<absent>"


_MISSING = _Missing()
