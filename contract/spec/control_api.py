"""The mock's control API (default prefix ``/_mock``): its request and response bodies.

The mock validates requests with these models and the typed client
(:class:`contract.client.control.ControlClient`) sends and parses them, so both sides share one
definition. The API is outside the agent-server namespace and is not part of the agent-server
contract.

Routes (relative to the prefix):

==========================================  =====================================================
``GET /scenarios``                          :class:`ScenarioList`
``POST /scenarios`` (a scenario document)   :class:`ScenarioLoaded` (201)
``PUT /scenario``                           :class:`SelectScenario` → :class:`DefaultScenario`
``PUT /conversations/{id}/scenario``        :class:`SelectScenario` → :class:`ConversationScenario`
``POST /reset``                             :class:`ResetDone`
``GET /journal?channel=http|ws``            list of :class:`JournalEntry`
``GET /faults``, ``POST``, ``DELETE``       :class:`FaultSettings` → :class:`FaultState`
``POST /conversations/{id}/events``         :class:`InjectEvent` → the emitted event (201)
``POST /conversations/{id}/status``         :class:`ForceStatus` → :class:`StatusForced`
``POST /conversations/{id}/triggers``       :class:`TriggerList` → :class:`TriggersArmed`
``POST /conversations/{id}/act``            :class:`ActRequest` → :class:`ActionFired`
``GET /conversations/{id}/trace?since=N``   :class:`Trace`
==========================================  =====================================================
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, NotRequired, TypedDict

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

DEFAULT_PREFIX = "/_mock"

MAX_LATENCY_MS = 60_000.0
"""The longest added latency or frame delay: every knob stays bounded, so nothing can wedge the mock."""
SENDABLE_CLOSE_CODES = frozenset({1000, 1001, 1002, 1003, *range(1007, 1015), *range(3000, 5000)})
"""Close codes a server may put on the wire (RFC 6455 §7.4: 1004-1006 and 1015 are reserved)."""


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return value


def _close_code(value: int) -> int:
    if value not in SENDABLE_CLOSE_CODES:
        raise ValueError("a close code a server can send: 1000-1003, 1007-1014 or 3000-4999")
    return value


def _event(value: dict[str, Any]) -> dict[str, Any]:
    kind = value.get("kind")
    if not isinstance(kind, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", kind):
        raise ValueError("an event needs a 'kind' naming its class (letters, digits, underscores)")
    for field in ("id", "timestamp", "source", "parent_id"):
        if field in value and not isinstance(value[field], str) and not (field == "parent_id" and value[field] is None):
            raise ValueError(f"an event's {field!r} is a string")
    return value


Pattern = Annotated[str, AfterValidator(_pattern)]
Millis = Annotated[float, Field(ge=0, le=MAX_LATENCY_MS, allow_inf_nan=False)]
CloseCode = Annotated[int, AfterValidator(_close_code)]
EventDocument = Annotated[dict[str, Any], AfterValidator(_event)]
"""An event as the control API takes it: any fields, but structurally an event (a ``kind``)."""

ExecutionStatus = Literal["idle", "running", "paused", "waiting_for_confirmation", "finished", "error", "stuck"]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- scenarios ---------------------------------------------------------------------------------


class ScenarioList(_Body):
    default: str
    scenarios: dict[str, str] = Field(description="name → description, sorted by name")


class ScenarioLoaded(_Body):
    loaded: str


class SelectScenario(_Body):
    name: str


class DefaultScenario(_Body):
    default: str


class ConversationScenario(_Body):
    conversation_id: str
    scenario: str


class ResetDone(_Body):
    reset: Literal[True] = True


# -- what is canned --------------------------------------------------------------------------------


class CannedOperation(_Body):
    """An operation the mock answers without state: how it answers."""

    method: str
    path: str
    operation_id: str | None
    answer: str


class CannedReport(_Body):
    operations: list[CannedOperation] = Field(description="in the spec's order")

    def markdown(self) -> str:
        """The report as the README's table (``ohmock canned`` prints it)."""
        rows = [f"| `{op.method} {op.path}` | {op.answer} |" for op in self.operations]
        return "\n".join(["| operation | how the mock answers |", "|---|---|", *rows])


CANNED_START, CANNED_END = "<!-- canned:start -->", "<!-- canned:end -->"


def replace_canned_block(document: str, table: str) -> str:
    """``document`` with the text between the canned markers replaced by ``table``."""
    start, end = document.find(CANNED_START), document.find(CANNED_END)
    if start < 0 or end < start:
        raise ValueError(f"no {CANNED_START} ... {CANNED_END} block to replace")
    return document[: start + len(CANNED_START)] + "\n" + table + "\n" + document[end:]


# -- journal -------------------------------------------------------------------------------------


class JournalEntry(_Body):
    """One request answered (``channel="http"``) or one socket frame sent/received (``"ws"``)."""

    at: float
    channel: Literal["http", "ws"]
    direction: Literal["in", "out"]
    method: str
    path: str
    status: int | None = None
    body: Any = None


# -- faults --------------------------------------------------------------------------------------


class ForcedResponse(_Body):
    """Answer matching requests with a fixed status and body, ``times`` times (0 = always)."""

    method: str = Field("*", pattern=r"^(\*|[A-Z]+)$", description="HTTP method, or * for any")
    path: Pattern = Field(description="regular expression matched against the request path")
    status: int = Field(ge=200, le=599, description="a final status (1xx would leave the client without a response)")
    body: Any = None
    times: int = Field(1, ge=0)


class FaultSettings(_Body):
    """Body of ``POST /faults``; omitted fields keep their current value."""

    latency_ms: dict[Pattern, Millis] | None = Field(None, description="path regex → added latency (ms, at most 60 s)")
    forced: list[ForcedResponse] | None = None
    ws_delay_ms: Millis | None = Field(None, description="delay every WebSocket frame (vs REST; ms, at most 60 s)")
    omit_snapshot: int | None = Field(None, ge=0, description="skip the next N end-of-run snapshots")
    duplicate_frame: int | None = Field(None, ge=0, description="send the next N frames twice")
    drop_sockets: CloseCode | None = Field(None, description="close every open socket now with this code")
    # Contract breakers for checker mutation tests (contract.checker); each stays on until cleared.
    skip_auth: bool | None = Field(None, description="accept REST requests without a valid X-Session-API-Key")
    drop_field: str | None = Field(
        None, description='remove this top-level field from every WebSocket event frame ("" = off)'
    )
    suppress_4004: bool | None = Field(None, description="unknown conversation on a socket: close 1000 instead of 4004")
    leak_secrets: bool | None = Field(
        None, description="serve conversations' secrets (agent LLM keys, secret values) unmasked, REST and sockets"
    )
    accept_null: bool | None = Field(
        None, description="answer 200 to a request whose only validation errors are nulls (instead of 422)"
    )
    cursor_off_by_one: bool | None = Field(
        None, description="paged searches resume after next_page_id instead of at it (the item it names is skipped)"
    )
    run_conflict_ok: bool | None = Field(
        None, description="answer 200 to /run while a run is in flight (instead of 409), starting nothing"
    )


class FaultState(_Body):
    """The faults in force."""

    latency_ms: dict[str, float]
    forced: list[ForcedResponse]
    ws_delay_ms: float
    omit_snapshot: int
    duplicate_frame: int
    skip_auth: bool
    drop_field: str
    suppress_4004: bool
    leak_secrets: bool
    accept_null: bool
    cursor_off_by_one: bool
    run_conflict_ok: bool


# -- conversations -------------------------------------------------------------------------------


class InjectEvent(_Body):
    event: EventDocument
    persist: bool = True
    validate_event: bool = True


class ForceStatus(_Body):
    status: ExecutionStatus
    snapshot: bool = True


class StatusForced(_Body):
    execution_status: str


# -- hooks: anchored actions and a frame trace (the client-conformance suite's instruments) ------

Anchor = Literal["running", "action", "observation", "stats", "end"]
"""Which published frame a trigger counts: the run's ``execution_status=running`` update, an
``ActionEvent``, an ``ObservationEvent``, a ``stats`` update, or an ``execution_status`` update to
anything but running (``end``)."""


class HookAction(_Body):
    """What a trigger (or ``/act``) does; every field is optional and they apply in this order."""

    emit: list[EventDocument] | None = Field(
        None,
        description='events to emit unvalidated, in order; a string "$<i>.id" becomes the id of the i-th emitted event',
    )
    persist: bool = True
    stats: bool = Field(
        False, description="record one more LLM call's usage and emit the stats update, as the engine does"
    )
    message: str | None = Field(
        None, description="a user message from another client (appended; a live run picks it up)"
    )
    faults: FaultSettings | None = Field(
        None, description="fault settings to apply (drop_sockets applies to this conversation only)"
    )
    pause: bool = Field(False, description="POST /pause, handled at the run's next scheduling point")
    interrupt: bool = Field(False, description="POST /interrupt, handled at the run's next scheduling point")


class Trigger(_Body):
    """Fire ``do`` right after the ``nth`` published frame matching ``after`` (once it has
    reached every subscriber, so injected frames follow it on the wire and in the log)."""

    after: Anchor
    nth: int = Field(1, ge=1)
    do: HookAction
    label: str | None = None


class TriggerList(_Body):
    triggers: list[Trigger] = Field(default_factory=list)


class TriggersArmed(_Body):
    armed: int


class ActRequest(_Body):
    do: HookAction
    label: str | None = None


class ActionFired(_Body):
    fired: int


class PublishedEntry(TypedDict):
    """A frame the conversation published (``t``: wall-clock seconds)."""

    seq: int
    t: float
    id: str | None
    kind: str | None
    persisted: bool
    injected: bool
    key: NotRequired[str | None]
    status: NotRequired[str | None]
    code: NotRequired[str | None]


class ConnectEntry(TypedDict):
    """A socket subscribed (it then receives a connect snapshot)."""

    t: float
    subscriber: int
    status: str


class SentEntry(TypedDict):
    """A frame written to one of the conversation's sockets, timed before the write started;
    ``ok`` once the write went through."""

    t: float
    subscriber: int
    id: str | None
    kind: str | None
    ok: bool
    key: NotRequired[str | None]
    status: NotRequired[str | None]


class FiredEntry(TypedDict):
    t: float
    label: str | None
    anchor: int | None


class LogEntry(TypedDict):
    """One persisted event, reduced to what the suite compares."""

    id: str
    kind: str
    timestamp: str
    key: NotRequired[str | None]
    action_kind: NotRequired[str | None]
    observation_kind: NotRequired[str | None]


class Trace(_Body):
    """Everything recorded for one conversation since its recorder was installed."""

    published: list[PublishedEntry]
    connects: list[ConnectEntry]
    sent: list[SentEntry]
    fired: list[FiredEntry]
    busy: bool = Field(description="a run or a scheduled action is still in flight")
    subscribers: int
    log: list[LogEntry]
    state: dict[str, Any] = Field(
        description="the mirrored state fields (execution_status, last_user_message_id, confirmation_policy, stats)"
    )
