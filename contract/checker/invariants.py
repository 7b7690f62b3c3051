"""Stream invariants (agent-server-contract.md §9.3) judged on one recorded conversation.

Input: the frames of one events socket opened right after the conversation was created (before
any write), in arrival order, plus the persisted log read afterwards (``events/search``, all
pages) and ``events/count``. Output: :class:`Problem` objects naming the check they break.

Only the nondeterminism the contract documents is tolerated, and it is reported as such
(classification ``inherent-nondeterminism``), never silently: ``stats`` state updates land
whenever the state lock is free (§3), so their position relative to other events varies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from contract.checker.model import Classification
from contract.spec.events import EventValidationError, parse_event
from contract.spec.ws_protocol import (
    FULL_STATE_KEY,
    STATE_UPDATE_KIND,
    announced_status,
    is_full_state,
    is_transient_event,
)

EXECUTION_STATUS = "execution_status"
STATS_KEY = "stats"
LAST_USER_MESSAGE_KEY = "last_user_message_id"
WIRE_REQUIRED = ("id", "timestamp", "kind")
"""Every event is dumped with its (defaulted) id and timestamp (§5.1), even where the spec marks them optional."""
SNAPSHOT_REQUIRED = ("agent", "workspace", "persistence_dir", "execution_status", "confirmation_policy", "stats")
"""Keys of ``full_state.value`` that SDK clients need (§3, §9.3 #1)."""

LEGAL_TRANSITIONS: dict[str, frozenset[str]] = {
    "idle": frozenset({"running", "paused"}),
    "running": frozenset({"finished", "paused", "waiting_for_confirmation", "error", "stuck"}),
    "paused": frozenset({"running"}),
    "waiting_for_confirmation": frozenset({"running", "idle"}),
    "finished": frozenset({"idle", "running"}),
    "error": frozenset({"running"}),
    "stuck": frozenset({"idle", "running"}),
}
"""execution_status changes allowed by §4. ``finished → running`` is the live loop answering a
message that arrived during the final step (observed); ``finished/stuck → idle`` is a new message."""

RUN_EVENT_KINDS = frozenset(
    {"ActionEvent", "ObservationEvent", "AgentErrorEvent", "ConversationErrorEvent", "StreamingDeltaEvent"}
)
"""Events only a run produces (plus agent MessageEvents)."""


@dataclass
class Problem:
    check: str
    message: str
    classification: Classification = Classification.VIOLATION
    reason: str | None = None


def is_stats(event: dict[str, Any]) -> bool:
    return event.get("kind") == STATE_UPDATE_KIND and event.get("key") == STATS_KEY


def is_run_event(event: dict[str, Any]) -> bool:
    kind = event.get("kind")
    return kind in RUN_EVENT_KINDS or (kind == "MessageEvent" and event.get("source") == "agent")


def token(event: dict[str, Any]) -> str:
    kind = str(event.get("kind"))
    if kind == STATE_UPDATE_KIND:
        key = event.get("key")
        return f"CSUE:{key}" + (f"={announced_status(event)}" if key in (EXECUTION_STATUS, FULL_STATE_KEY) else "")
    return kind


def _parse_ts(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def frame_problems(event: Any, check: str) -> list[Problem]:
    """A frame that is not a valid event: not an object, a known kind with bad fields, no id/timestamp."""
    try:
        wire = parse_event(event)
    except EventValidationError as exc:
        return [
            Problem(
                check,
                f"{exc.kind} frame breaks the schema: {str(exc).splitlines()[1].strip() if len(str(exc).splitlines()) > 1 else exc}",
            )
        ]
    except ValueError as exc:
        return [Problem(check, f"frame is not an event: {exc}")]
    missing = [name for name in WIRE_REQUIRED if not isinstance(wire.raw.get(name), str)]
    if missing:
        return [
            Problem(
                check, f"{wire.kind} frame lacks {', '.join(missing)} (every wire event carries id, timestamp and kind)"
            )
        ]
    return []


def snapshot_problems(event: dict[str, Any], check: str) -> list[Problem]:
    """The connect-time frame must be a full_state snapshot carrying what clients read from it."""
    if event.get("kind") != STATE_UPDATE_KIND:
        return [Problem(check, f"first frame is {token(event)}, not a ConversationStateUpdateEvent")]
    if event.get("key") == EXECUTION_STATUS and event.get("value") == "idle":
        return []  # the documented edge case: no live conversation in the event service (§2.3)
    if event.get("key") != FULL_STATE_KEY:
        return [Problem(check, f"first frame is {token(event)}, not the full_state snapshot")]
    value = event.get("value")
    if not isinstance(value, dict):
        return [Problem(check, "full_state value is not an object")]
    missing = [key for key in SNAPSHOT_REQUIRED if key not in value]
    if missing:
        return [Problem(check, f"full_state snapshot lacks {', '.join(missing)}")]
    return []


def stream_problems(
    frames: list[dict[str, Any]],
    rest_events: list[dict[str, Any]] | None,
    *,
    count: int | None = None,
    settled: bool = True,
) -> list[Problem]:
    """Every §9.3 invariant that ``frames`` (one connection) and the persisted log break.

    ``settled`` says the conversation was seen at rest (no run in flight) when recording stopped,
    so a run still open at the end is a missing end-of-run snapshot rather than a cut recording.
    """
    problems: list[Problem] = []
    for frame in frames:
        problems += frame_problems(frame, "streams.frame_schema")
    frames = [f for f in frames if isinstance(f, dict)]
    problems += _unique_ids(frames, rest_events)
    problems += _runs(frames, settled)
    if rest_events is not None:
        problems += _rest_vs_ws(frames, rest_events)
        if count is not None and count != len(rest_events):
            problems.append(
                Problem(
                    "streams.count_equals_search",
                    f"events/count is {count}, events/search returned {len(rest_events)} events",
                )
            )
        problems += _timestamps(rest_events)
        problems += _actions_answered(rest_events, _final_status(frames, rest_events))
        problems += _last_user_message(rest_events)
        problems += _transitions(rest_events, _initial_status(frames))
    return problems


# -- individual invariants ----------------------------------------------------------------------


def _unique_ids(frames: list[dict[str, Any]], rest_events: list[dict[str, Any]] | None) -> list[Problem]:
    problems = []
    for where, events in (("WebSocket stream", frames), ("events/search log", rest_events or [])):
        counts = Counter(e.get("id") for e in events if e.get("id") is not None)
        duplicated = [(i, n) for i, n in counts.items() if n > 1]
        if duplicated:
            sample = ", ".join(f"{i} ×{n}" for i, n in duplicated[:3])
            kinds = sorted({token(e) for e in events if counts.get(e.get("id"), 0) > 1})
            problems.append(
                Problem(
                    "streams.ids_unique",
                    f"{len(duplicated)} event id(s) repeated in the {where} ({', '.join(kinds)}): {sample}",
                )
            )
    return problems


def _runs(frames: list[dict[str, Any]], settled: bool) -> list[Problem]:
    """Runs open with execution_status=running and close with a non-running full_state.

    A pause during a step lets the step finish after the pause snapshot, followed by another
    snapshot (§4): events after a ``full_state(paused)`` are allowed until the next snapshot.
    """
    problems: list[Problem] = []
    active = False
    draining = False
    drained_events = 0  # run events after a pause snapshot, awaiting their closing snapshot
    last_status: str | None = None
    for index, frame in enumerate(frames):
        status = announced_status(frame)
        if is_full_state(frame):
            if index == 0:
                last_status = status
                continue
            if status == "running":
                continue
            if active and last_status is not None and status != last_status:
                problems.append(
                    Problem(
                        "streams.run_ends_snapshot",
                        f"end-of-run full_state shows {status!r} but the last execution_status update was {last_status!r} (frame #{index})",
                    )
                )
            draining = active and status == "paused"
            active = False
            drained_events = 0
            continue
        if frame.get("kind") == STATE_UPDATE_KIND and frame.get("key") == EXECUTION_STATUS:
            last_status = status
            if status == "running":
                active, draining = True, False
            continue
        if is_run_event(frame) and draining and not active:
            drained_events += 1
        if is_run_event(frame) and not (active or draining):
            problems.append(
                Problem(
                    "streams.run_starts_running",
                    f"{token(frame)} (frame #{index}) arrived outside a run: no execution_status=running opened it",
                )
            )
    if draining and drained_events and settled:
        problems.append(
            Problem(
                "streams.run_ends_snapshot",
                f"{drained_events} event(s) of the step in flight at pause arrived after the pause snapshot, "
                "but no end-of-run full_state followed them",
            )
        )
    if active and settled:
        problems.append(
            Problem(
                "streams.run_ends_snapshot",
                f"a run ({last_status or 'running'}) never got its end-of-run full_state snapshot "
                f"(last frames: {', '.join(token(f) for f in frames[-4:])})",
            )
        )
    return problems


def _rest_vs_ws(frames: list[dict[str, Any]], rest_events: list[dict[str, Any]]) -> list[Problem]:
    persisted = [f for f in frames[1:] if not is_transient_event(f)] if frames else []
    rest_ids = [e.get("id") for e in rest_events]
    ws_ids = [f.get("id") for f in persisted]
    # Events persisted before the socket connected (none when the checker connects first) are not compared.
    rest_cmp = rest_events[rest_ids.index(ws_ids[0]) :] if ws_ids and ws_ids[0] in rest_ids else rest_events
    if [e.get("id") for e in rest_cmp] == ws_ids:
        return []
    without_stats_rest = [e.get("id") for e in rest_cmp if not is_stats(e)]
    without_stats_ws = [f.get("id") for f in persisted if not is_stats(f)]
    if without_stats_rest == without_stats_ws and Counter(e.get("id") for e in rest_cmp) == Counter(ws_ids):
        return [
            Problem(
                "streams.rest_equals_ws",
                "stats updates sit at different positions in events/search and on the WebSocket",
                Classification.NONDETERMINISM,
                "stats CSUEs are emitted from the LLM telemetry thread whenever the state lock is free (contract §3)",
            )
        ]
    ws_tokens = [token(f) for f in persisted]
    rest_tokens = [token(e) for e in rest_cmp]
    position = next(
        (i for i, (a, b) in enumerate(zip(ws_ids, [e.get("id") for e in rest_cmp], strict=False)) if a != b),
        min(len(ws_ids), len(rest_cmp)),
    )
    return [
        Problem(
            "streams.rest_equals_ws",
            f"persisted WebSocket frames ({len(ws_ids)}) differ from events/search ({len(rest_cmp)}) at position {position}: "
            f"ws {ws_tokens[position : position + 3]} vs rest {rest_tokens[position : position + 3]}",
        )
    ]


def _timestamps(rest_events: list[dict[str, Any]]) -> list[Problem]:
    problems = []
    previous: datetime | None = None
    previous_event: dict[str, Any] | None = None
    for index, event in enumerate(rest_events):
        stamp = _parse_ts(event.get("timestamp"))
        if stamp is None:
            continue
        if previous is not None and stamp.tzinfo == previous.tzinfo and stamp < previous:
            if is_stats(event) or (previous_event is not None and is_stats(previous_event)):
                problems.append(
                    Problem(
                        "streams.timestamps_monotonic",
                        "a stats update is stamped earlier than its neighbour in the log",
                        Classification.NONDETERMINISM,
                        "stats CSUEs are stamped in the telemetry thread and appended when the state lock is free (contract §3)",
                    )
                )
            else:
                problems.append(
                    Problem(
                        "streams.timestamps_monotonic",
                        f"log position {index} ({token(event)}) is stamped {event.get('timestamp')}, before the previous event's {previous_event.get('timestamp') if previous_event else '?'}",
                    )
                )
        previous, previous_event = stamp, event
    return problems


def _final_status(frames: list[dict[str, Any]], rest_events: list[dict[str, Any]]) -> str | None:
    for event in reversed(frames):
        if (status := announced_status(event)) is not None:
            return status
    for event in reversed(rest_events):
        if (status := announced_status(event)) is not None:
            return status
    return None


def _initial_status(frames: list[dict[str, Any]]) -> str:
    return (announced_status(frames[0]) if frames else None) or "idle"


def _actions_answered(rest_events: list[dict[str, Any]], final_status: str | None) -> list[Problem]:
    positions = {e.get("id"): i for i, e in enumerate(rest_events)}
    answers: Counter[str] = Counter()
    for index, event in enumerate(rest_events):
        kind = event.get("kind")
        if kind in ("ObservationEvent", "UserRejectObservation"):
            action_id = event.get("action_id")
            answers[f"id:{action_id}"] += 1
            if action_id in positions and positions[action_id] > index:
                return [Problem("streams.action_answered", f"{kind} at log position {index} precedes its action")]
        elif kind == "AgentErrorEvent":
            answers[f"call:{event.get('tool_call_id')}"] += 1
    problems = []
    pending = []
    for event in rest_events:
        if event.get("kind") != "ActionEvent" or event.get("action") is None:
            continue
        n = answers[f"id:{event.get('id')}"] + answers[f"call:{event.get('tool_call_id')}"]
        if n > 1:
            problems.append(
                Problem(
                    "streams.action_answered",
                    f"action {event.get('tool_name')} ({event.get('tool_call_id')}) answered {n} times",
                )
            )
        elif n == 0:
            pending.append(event)
    if pending and final_status != "waiting_for_confirmation":
        names = ", ".join(f"{e.get('tool_name')} ({e.get('tool_call_id')})" for e in pending[:3])
        problems.append(
            Problem(
                "streams.action_answered",
                f"{len(pending)} action(s) never answered although the conversation is {final_status!r}: {names}",
            )
        )
    return problems


def _last_user_message(rest_events: list[dict[str, Any]]) -> list[Problem]:
    problems = []
    for index, event in enumerate(rest_events):
        if event.get("kind") != "MessageEvent" or event.get("source") != "user":
            continue
        following = rest_events[index + 1 :]
        skipped_stats = 0
        for nxt in following:
            if is_stats(nxt):
                skipped_stats += 1
                continue
            break
        else:
            nxt = None
        if nxt is None or nxt.get("key") != LAST_USER_MESSAGE_KEY or nxt.get("value") != event.get("id"):
            problems.append(
                Problem(
                    "streams.last_user_message_id",
                    f"user message at log position {index} is followed by {token(nxt) if nxt else 'nothing'}, "
                    "not last_user_message_id with its id",
                )
            )
        elif skipped_stats:
            problems.append(
                Problem(
                    "streams.last_user_message_id",
                    "a stats update sits between a user message and its last_user_message_id update",
                    Classification.NONDETERMINISM,
                    "stats CSUEs land whenever the state lock is free (contract §3)",
                )
            )
    return problems


def _transitions(rest_events: list[dict[str, Any]], initial: str) -> list[Problem]:
    problems = []
    current = initial
    for index, event in enumerate(rest_events):
        if event.get("kind") != STATE_UPDATE_KIND or event.get("key") != EXECUTION_STATUS:
            continue
        status = str(event.get("value"))
        if status == current:
            continue
        if status not in LEGAL_TRANSITIONS.get(current, frozenset()):
            problems.append(
                Problem(
                    "streams.legal_transitions",
                    f"execution_status {current!r} → {status!r} (log position {index}) is not a documented transition",
                )
            )
        current = status
    return problems
