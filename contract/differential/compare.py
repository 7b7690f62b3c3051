"""Compare the real server's transcript of a case with the mock's, and name every divergence.

A divergence has a *class* (what kind of difference: the frame sequence, a persisted event's
field, the REST statuses, the ConversationInfo, the REST/WebSocket ordering, a run that never
came to rest) and a detail. Classes are what the report counts and what shrinking preserves.

Only the real server's documented nondeterminism is normalized, each rule in
:data:`NORMALIZATIONS` with the evidence for it; nothing removes an event kind, its order, a
state key or a status.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from contract.harness.driver import Transcript
from contract.harness.transcript import (
    HEX_ID,
    comparable_frames,
    comparable_persisted,
    comparable_rest_calls,
    comparable_token,
    is_stats_update,
    persisted_event_differences,
)
from contract.spec.ws_protocol import FULL_STATE_KEY, announced_status, is_transient_event

NORMALIZATIONS: dict[str, str] = {
    "stats updates": (
        "`stats` ConversationStateUpdateEvents are left out of frame and event sequences: the LLM "
        "telemetry callback publishes one whenever the state lock is free, so their position "
        "among the other events varies from run to run on the real server (runbook §3.1); the "
        "count of persisted stats updates is compared instead (class `stats-count`)."
    ),
    "repeated paused snapshots": (
        "two adjacent `full_state` snapshots showing `paused` count once: `POST /pause` and "
        "`/interrupt` publish one and the ending run task another, and whether both are sent "
        "depends on timing (recorded `interrupt` transcripts show one or two)."
    ),
    "ids and clocks": (
        "event and conversation ids are compared as links (an id becomes the position of the "
        "event it names) and timestamps are ignored: both are minted per run."
    ),
    "volatile fields": (
        "fields that carry the host or the LLM provider (`hostname`, `username`, `working_dir`, "
        "`py_interpreter_path`, `llm_response_id`, the raw tool-call `arguments`, the rendered "
        "`system_prompt` and `tools`) are ignored, as the scenario comparison does "
        "(contract.harness.transcript.VOLATILE_FIELDS)."
    ),
    "frames around a REST call": (
        "for REST/WebSocket ordering only a request's *own* frames count: the frames that "
        "arrived while its response was pending, apart from `stats` updates, from frames of "
        "a run that was already going (whose timing relative to the request is a race on the "
        "real server too), and from the `last_user_message_id` update, which the real server "
        "publishes from its executor thread: for 4 of 56 REST messages (4 of 60 generated "
        "cases, seed 2) it reached the client only after the `POST .../events` response; nor "
        "does the snapshot a `POST .../run` publishes on a finished conversation (a run task "
        "of its own: before the response in 1 of 60 cases of one run, after it for all 29 of "
        "another)."
    ),
    "ordering confirmed by replay": (
        "an ordering divergence alone is replayed (twice at most) and counts only when a replay "
        "shows it again: the real server publishes a request's frames from executor threads, "
        "and on a busy machine they can reach the client after the response (seen in a full "
        "test run: a message's SystemPromptEvent and MessageEvent after its response). The "
        "mock's ordering does not vary, so a mock fault shows in every replay."
    ),
    "conversation info": (
        "ConversationInfo, and every JSON response body of the script's requests, is compared "
        "without its ids, clocks (`created_at`, `updated_at`) and `stats` (token counts come "
        "from each LLM's own accounting)."
    ),
}

PAUSED_SNAPSHOT = "CSUE:full_state=paused[T]"
INFO_VOLATILE = frozenset({"id", "created_at", "updated_at", "stats", "conversation_id"})
_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class Divergence:
    """One way the mock's transcript differs from the real server's."""

    cls: str
    detail: str


def _kinds(lines: list[str]) -> str:
    """The event kinds named on the differing lines of a sequence diff (a class label)."""
    kinds = sorted({line[1:].split(":")[0].split("[")[0] for line in lines if line[:1] in "+-" and line[1:2] != " "})
    return ",".join(kinds)[:120]


def _sequence(aspect: str, want: list[str], got: list[str]) -> list[Divergence]:
    if want == got:
        return []
    diff = list(difflib.unified_diff(want, got, "real", "mock", lineterm="", n=1))[2:]
    changed = [line for line in diff if line[:1] in "+-"]
    return [Divergence(f"{aspect}:{_kinds(changed)}", "\n".join(diff))]


def _stats_count(transcript: Transcript) -> int:
    return sum(1 for event in transcript.rest_events if is_stats_update(event))


def _field_class(line: str) -> str:
    # "#7 ObservationEvent observation.old_content: expected ..." -> "ObservationEvent observation.old_content"
    head = line.split(":", 1)[0]
    if head.startswith("#"):
        head = head.split(" ", 1)[1] if " " in head else head
    return _INDEX.sub("[]", head)


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        flat: dict[str, Any] = {}
        for key, item in value.items():
            if not prefix and key in INFO_VOLATILE:
                continue
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return flat
    return {prefix: value}


def _log(transcript: Transcript) -> list[dict[str, Any]]:
    """The persisted log, or the persisted frames when the script deleted the conversation."""
    if transcript.rest_events:
        return transcript.rest_events
    return [f.event for f in transcript.frames if not is_transient_event(f.event)]


def _linked(value: Any, events: list[dict[str, Any]]) -> Any:
    """Event ids as positions in the persisted log, conversation ids masked (``ids and clocks``)."""
    listed = [event for event in events if not is_stats_update(event)]
    aliases = {event["id"]: f"<event {position}>" for position, event in enumerate(listed) if "id" in event}
    aliases |= {event["id"]: "<stats update>" for event in events if is_stats_update(event) and "id" in event}

    def link(item: Any) -> Any:
        if isinstance(item, dict):
            return {key: link(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [link(inner) for inner in item]
        if isinstance(item, str):
            return aliases.get(item) or HEX_ID.sub("<conversation>", item)
        return item

    return link(value)


def _body_differences(
    aspect: str, real: Any, mock: Any, real_log: Transcript, mock_log: Transcript
) -> list[Divergence]:
    """A JSON body field by field, ids as links (see ``ids and clocks``), one class per top field."""
    want = _flatten(_linked(real, _log(real_log)))
    got = _flatten(_linked(mock, _log(mock_log)))
    found: dict[str, list[str]] = {}
    for path in sorted(set(want) | set(got)):
        if path in want and path in got and want[path] == got[path]:
            continue
        shown = f"{path}: real {want.get(path, '<absent>')!r}, mock {got.get(path, '<absent>')!r}"
        top = ".".join(_INDEX.sub("", path).split(".")[:2])
        found.setdefault(f"{aspect}:{top}", []).append(shown)
    return [Divergence(cls, "\n".join(lines[:20])) for cls, lines in found.items()]


def info_differences(real: Transcript, mock: Transcript) -> list[Divergence]:
    """ConversationInfo field by field (see the ``conversation info`` normalization)."""
    if real.info is None or mock.info is None:
        if (real.info is None) != (mock.info is None):
            side = "real" if real.info is None else "mock"
            return [Divergence("info:missing", f"no ConversationInfo from the {side} server")]
        return []
    return _body_differences("info", real.info, mock.info, real, mock)


def response_differences(real: Transcript, mock: Transcript) -> list[Divergence]:
    """The JSON bodies of the script's REST responses, call by call (when the calls agree)."""
    found: list[Divergence] = []
    for want, got in zip(real.rest_calls, mock.rest_calls, strict=False):
        if (want.method, want.path, want.status) != (got.method, got.path, got.status):
            break  # the call sequences part here: the ``rest`` class already says so
        if want.response is not None or got.response is not None:
            found += _body_differences(f"response:{want.method} {want.path}", want.response, got.response, real, mock)
    return found


def _own_frames(transcript: Transcript) -> list[str]:
    """Per REST call, the frames that arrived before its response (see NORMALIZATIONS)."""
    tokens: dict[int, list[str]] = {}
    running = False
    for frame in transcript.frames:
        event = frame.event
        status = announced_status(event)
        run_snapshot = event.get("key") == FULL_STATE_KEY and transcript.rest_calls[frame.call].path.endswith("/run")
        racing = is_stats_update(event) or event.get("key") == "last_user_message_id" or run_snapshot
        if frame.pending and not running and not racing:
            own, token = tokens.setdefault(frame.call, []), comparable_token(event)
            if not (own and own[-1] == token == PAUSED_SNAPSHOT):  # ``repeated paused snapshots``
                own.append(token)
        if status is not None:
            running = status == "running"
    calls = transcript.rest_calls
    return [f"{calls[i].method} {calls[i].path}: {' '.join(tokens[i])}" for i in sorted(tokens) if i < len(calls)]


def _last_snapshot(transcript: Transcript) -> Any:
    snapshots = [f.event.get("value") for f in transcript.frames if f.event.get("key") == FULL_STATE_KEY]
    return snapshots[-1] if snapshots else None


def _deltas(transcript: Transcript) -> list[str]:
    return [str(f.event.get("content")) for f in transcript.frames if f.event.get("kind") == "StreamingDeltaEvent"]


def frame_content_differences(real: Transcript, mock: Transcript) -> list[Divergence]:
    """What the transient frames carry: the last ``full_state`` snapshot's state, field by
    field, and the streamed text, piece by piece."""
    found = _body_differences("snapshot", _last_snapshot(real), _last_snapshot(mock), real, mock)
    if _deltas(real) != _deltas(mock):
        found.append(Divergence("deltas", f"real {_deltas(real)!r}\nmock {_deltas(mock)!r}"))
    return found


def differences(real: Transcript, mock: Transcript) -> list[Divergence]:
    """Every divergence of ``mock`` from ``real``, by class."""
    found = _sequence("rest", comparable_rest_calls(real), comparable_rest_calls(mock))
    found += _sequence("frames", comparable_frames(real), comparable_frames(mock))
    found += _sequence("persisted", comparable_persisted(real), comparable_persisted(mock))
    if found and found[-1].cls.startswith("persisted"):
        fields: list[Divergence] = []
    else:
        by_class: dict[str, list[str]] = {}
        for line in persisted_event_differences(mock, real):
            by_class.setdefault(f"field:{_field_class(line)}", []).append(line)
        fields = [Divergence(cls, "\n".join(lines[:10])) for cls, lines in by_class.items()]
    found += fields
    real_stats, mock_stats = _stats_count(real), _stats_count(mock)
    if real_stats != mock_stats:
        found.append(Divergence("stats-count", f"persisted stats updates: real {real_stats}, mock {mock_stats}"))
    found += _sequence("ordering", _own_frames(real), _own_frames(mock))
    found += info_differences(real, mock)
    found += response_differences(real, mock)
    if not any(d.cls.startswith("frames") for d in found):
        found += frame_content_differences(real, mock)
    return found
