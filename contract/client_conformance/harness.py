"""Execute one case: the mock plays the server side, the client under test makes its calls.

The mock runs on this machine (the caller starts it, e.g. ``mockserver.runner.MockServer`` on
127.0.0.1, and passes its :class:`~contract.client.control.MockEndpoint`), so its frame trace and
the client's call times share one clock. Every wait is bounded: client calls run in daemon
threads joined with a timeout (a call still running at its bound is recorded as *hung*), the
mock is polled until quiescent for at most ``Bounds.quiesce_s``, and the client's view is polled
until it agrees with the server's for at most ``Bounds.converge_s``.

Server-side variations go through the control API (:class:`~contract.client.control.ControlClient`):
``/_mock/scenarios`` and
``/_mock/conversations/{id}/scenario`` select each run's turns, ``/_mock/faults`` sets the
WebSocket delay, ``/_mock/conversations/{id}/triggers`` arms the variations anchored inside a
run, ``/_mock/conversations/{id}/act`` applies one between runs, ``/_mock/conversations/{id}/trace``
reports every published frame, socket subscription and fired action.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from contract.client.bodies import SCENARIO_TAG
from contract.client.control import ControlClient, ControlError, MockEndpoint
from contract.client.waiting import Deadline
from contract.client_conformance.case import (
    UNKNOWN_ACTION_KIND,
    UNKNOWN_EVENT_KIND,
    UNKNOWN_KINDS,
    UNKNOWN_OBSERVATION_KIND,
    UNKNOWN_STATE_KEY,
    Case,
    PauseStep,
    RejectStep,
    RunStep,
    SendStep,
    ServerStep,
    Variation,
)
from contract.client_conformance.client import ClientFactory, ClientUnderTest, EventView, normalize_state
from contract.harness.scenario import Scenario, ToolTurn
from contract.spec.control_api import (
    ConnectEntry,
    FaultSettings,
    FiredEntry,
    HookAction,
    LogEntry,
    PublishedEntry,
    SentEntry,
    Trace,
    Trigger,
)

INIT_SCENARIO = "client_conformance_init"
RUN_SCENARIO = "client_conformance_run"
WAKE_FRAME = {"kind": "StreamingDeltaEvent", "source": "agent", "content": ""}


@dataclass(frozen=True)
class Bounds:
    """Every wait of the harness, in seconds."""

    create_s: float = 15.0
    call_s: float = 5.0
    # run() must return well before the SDK's 30 s REST fallback: a run that needs it missed
    # the end-of-run snapshot the server sent.
    run_s: float = 8.0
    quiesce_s: float = 10.0
    reconnect_s: float = 5.0
    converge_s: float = 2.0
    # ...but stop waiting once the client's view has not changed for this long (the client is
    # subscribed again and every frame has been sent by then).
    stable_s: float = 0.5
    settle_s: float = 0.06
    close_s: float = 10.0


class HarnessError(RuntimeError):
    """The mock or the control API misbehaved: the case says nothing about the client."""


@dataclass
class Call:
    """One client call: how it ended and when (wall clock, shared with the mock's trace)."""

    name: str
    outcome: str  # ok | raised | hung
    t0: float
    t1: float | None = None
    error_type: str | None = None
    error: str | None = None
    documented: bool = True  # a raise the client's contract allows
    events_at_return: list[str] | None = None  # run(): the client's event ids as it returned
    status_at_return: str | None = None

    def summary(self) -> str:
        took = f"{self.t1 - self.t0:.2f}s" if self.t1 is not None else "no return"
        detail = f" {self.error_type}: {self.error}" if self.error_type else ""
        return f"{self.name} {self.outcome} ({took}){detail}"


@dataclass
class View:
    """The client's view next to the server's after a step (once converged, or at the bound)."""

    client_events: list[EventView]
    client_state: dict[str, Any]
    client_alive: bool
    server_log: list[LogEntry]
    server_state: dict[str, Any]
    converged: bool
    waited_s: float
    error: str | None = None  # reading the client's view raised


@dataclass
class StepRecord:
    index: int
    step: Any
    t_start: float
    call: Call | None = None
    view: View | None = None


@dataclass
class Record:
    """Everything one execution of a case produced, for the property checks."""

    case: Case
    client: str
    create: Call | None = None
    steps: list[StepRecord] = field(default_factory=list)
    close: Call | None = None
    published: list[PublishedEntry] = field(default_factory=list)
    connects: list[ConnectEntry] = field(default_factory=list)
    sent: list[SentEntry] = field(default_factory=list)
    fired: list[FiredEntry] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    stopped: str | None = None
    duration_s: float = 0.0

    def calls(self) -> list[Call]:
        found = [c for c in (self.create,) if c is not None]
        found += [s.call for s in self.steps if s.call is not None]
        return found + [c for c in (self.close,) if c is not None]

    def unknown_ids(self) -> set[str]:
        """Logged events a client cannot represent (kinds of the future)."""
        return {e["id"] for e in self.log if is_unknown(e)}

    def fired_labels(self) -> set[str]:
        return {label for f in self.fired if (label := f.get("label"))}

    def step_end(self, index: int) -> float:
        """When step ``index`` ended: the next step's start, or the end of the record."""
        if index + 1 < len(self.steps):
            return self.steps[index + 1].t_start
        return float("inf")


def is_unknown(event: LogEntry) -> bool:
    return bool({event.get("kind"), event.get("action_kind"), event.get("observation_kind")} & UNKNOWN_KINDS)


def expected_event_ids(server_log: list[LogEntry]) -> list[str]:
    return [e["id"] for e in server_log if not is_unknown(e)]


def events_agree(client_events: list[EventView], server_log: list[LogEntry]) -> bool:
    ids = [e.id for e in client_events]
    if len(ids) != len(set(ids)):
        return False
    return [e.id for e in client_events if not e.is_transient] == expected_event_ids(server_log)


# -- variations on the mock ----------------------------------------------------------------------


def hook_action(variation: Variation, label: str) -> HookAction:
    """The control-API action that makes the mock show ``variation``."""
    return HookAction.model_validate(_hook_document(variation, label))


def _hook_document(variation: Variation, label: str) -> dict[str, Any]:
    tag = label.replace(".", "_")
    match variation.do:
        case "stats":
            return {"stats": True}
        case "deltas":
            chunks = ["", "Thinking", " aloud", " here."][: variation.count + 1]
            return {
                "emit": [{"kind": "StreamingDeltaEvent", "source": "agent", "content": c} for c in chunks],
                "persist": False,
            }
        case "message":
            return {"message": variation.text}
        case "duplicate_frames":
            return {"faults": {"duplicate_frame": variation.count}}
        case "unknown_transient":
            # The real server's own frame the SDK has no class for (a bad client frame's reply).
            error = {
                "kind": "ServerErrorEvent",
                "source": "environment",
                "code": "ValidationError",
                "detail": "a frame the server rejected",
            }
            return {"emit": [error], "persist": False}
        case "unknown_state_key":
            return {
                "emit": [
                    {
                        "kind": "ConversationStateUpdateEvent",
                        "source": "environment",
                        "key": UNKNOWN_STATE_KEY,
                        "value": {"enabled": True, "level": 2},
                    }
                ]
            }
        case "unknown_event":
            return {
                "emit": [
                    {
                        "kind": UNKNOWN_EVENT_KIND,
                        "source": "environment",
                        "summary": "an event kind from a newer server",
                        "details": {"n": 1},
                    }
                ]
            }
        case "unknown_action":
            call_id = f"call_future_{tag}"
            arguments = {"target": "everything"}
            action = {
                "source": "agent",
                "thought": [],
                "thinking_blocks": [],
                "action": {"kind": UNKNOWN_ACTION_KIND, **arguments},
                "tool_name": "future_tool",
                "tool_call_id": call_id,
                "tool_call": {
                    "id": call_id,
                    "name": "future_tool",
                    "arguments": json.dumps(arguments),
                    "origin": "completion",
                },
                "llm_response_id": f"resp-future-{tag}",
                "security_risk": "UNKNOWN",
                "summary": "future_tool: a tool from a newer server",
                "kind": "ActionEvent",
            }
            observation = {
                "source": "environment",
                "tool_name": "future_tool",
                "tool_call_id": call_id,
                "observation": {
                    "kind": UNKNOWN_OBSERVATION_KIND,
                    "content": [{"cache_prompt": False, "type": "text", "text": "done"}],
                    "is_error": False,
                },
                "action_id": "$0.id",
                "extended_content": [],
                "kind": "ObservationEvent",
            }
            return {"emit": [action, observation]}
        case "pause":
            return {"pause": True}
        case "interrupt":
            return {"interrupt": True}
        case "drop_socket":
            return {"faults": {"drop_sockets": variation.code}}
    raise ValueError(f"unknown variation {variation.do!r}")  # pragma: no cover - Literal-checked


# -- execution -------------------------------------------------------------------------------------


def _bounded(
    name: str,
    fn: Callable[[], Any],
    bound_s: float,
    *,
    documented: tuple[type[BaseException], ...] = (),
    after: Callable[[Call], None] | None = None,
) -> tuple[Call, Any]:
    """Run ``fn`` in a daemon thread; a call still running after ``bound_s`` is *hung*."""
    call = Call(name=name, outcome="hung", t0=time.time())
    box: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        call.t0 = time.time()
        try:
            box["value"] = fn()
            outcome = "ok"
        except BaseException as exc:  # noqa: BLE001 - recorded, judged by the checks
            outcome = "raised"
            call.error_type = type(exc).__name__
            text = " ".join(line.strip() for line in str(exc).splitlines()[:3])
            call.error = re.sub(r"; Expected one of: \[.*", "", text)[:300]
            call.documented = isinstance(exc, documented)
        call.t1 = time.time()
        if after is not None:
            try:
                after(call)
            except Exception as exc:  # noqa: BLE001
                call.error = (call.error or "") + f" [reading the client at return raised {type(exc).__name__}: {exc}]"
        call.outcome = outcome
        done.set()

    thread = threading.Thread(target=target, name=f"client-{name}", daemon=True)
    thread.start()
    if not done.wait(bound_s):
        return Call(name=name, outcome="hung", t0=call.t0), None  # the thread may still finish later
    return call, box.get("value")


class Harness:
    """Runs cases on one mock server with clients built by ``factory``."""

    def __init__(
        self,
        mock: MockEndpoint,
        factory: ClientFactory,
        bounds: Bounds | None = None,
        *,
        client_name: str | None = None,
    ):
        self.mock = mock
        self.factory = factory
        self.bounds = bounds or Bounds()
        self.client_name = client_name or str(getattr(factory, "__name__", "client"))
        self.control = ControlClient.connect(mock)

    def close(self) -> None:
        self.control.close()

    def _control(self, what: str, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except (ControlError, httpx.HTTPError) as exc:
            raise HarnessError(f"{what}: {exc}") from None

    def _trace(self, cid: str) -> Trace:
        trace: Trace = self._control("trace", lambda: self.control.trace(cid))
        return trace

    def _load_scenario(self, name: str, case: Case, turns: list[Any]) -> None:
        scenario = Scenario(name=name, confirmation_policy=case.confirmation_policy, turns=turns)
        self._control("load scenario", lambda: self.control.load_scenario(scenario))

    # -- one case --------------------------------------------------------------------------------

    def execute(self, case: Case) -> Record:
        started = time.monotonic()
        record = Record(case=case, client=self.client_name)
        self._control("reset", self.control.reset)
        self._load_scenario(INIT_SCENARIO, case, [ToolTurn(tool="finish", arguments={"message": "Done."})])
        record.create, client = _bounded(
            "create",
            lambda: self.factory(self.mock.url, self.mock.api_key, {SCENARIO_TAG: INIT_SCENARIO}),
            self.bounds.create_s,
        )
        if client is None:
            record.stopped = f"the client could not be created: {record.create.summary()}"
            record.duration_s = time.monotonic() - started
            return record
        cid = client.id
        try:
            self._control("install the recorder", lambda: self.control.set_triggers(cid, []))
            for index, step in enumerate(case.steps):
                step_record = StepRecord(index=index, step=step, t_start=time.time())
                record.steps.append(step_record)
                stop = self._step(case, client, cid, step_record)
                if stop:
                    record.stopped = stop
                    break
            trace = self._trace(cid)
            record.published, record.connects, record.sent = trace.published, trace.connects, trace.sent
            record.fired, record.log = trace.fired, trace.log
        finally:
            record.close = self._close(client, cid)
            record.duration_s = time.monotonic() - started
        return record

    def _step(self, case: Case, client: ClientUnderTest, cid: str, step_record: StepRecord) -> str | None:
        """Perform one step; returns why the program must stop, if it must."""
        step, index = step_record.step, step_record.index
        bounds = self.bounds
        drop = False
        if isinstance(step, SendStep):
            step_record.call, _ = _bounded("send", lambda: client.send(step.send), bounds.call_s)
        elif isinstance(step, PauseStep):
            step_record.call, _ = _bounded("pause", client.pause, bounds.call_s)
        elif isinstance(step, RejectStep):
            step_record.call, _ = _bounded("reject", client.reject, bounds.call_s)
        elif isinstance(step, ServerStep):
            label = str(index)
            action = hook_action(step.server, label)
            self._control("act", lambda: self.control.act(cid, action, label))
            drop = step.server.do == "drop_socket"
        elif isinstance(step, RunStep):
            plan = step.run
            self._load_scenario(RUN_SCENARIO, case, list(plan.turns))
            self._control("select the run's scenario", lambda: self.control.select(cid, RUN_SCENARIO))
            # RunPlan guarantees every variation during a run has an anchor.
            triggers = [
                Trigger(after=v.after, nth=v.nth, do=hook_action(v, f"{index}.{i}"), label=f"{index}.{i}")
                for i, v in enumerate(plan.during)
                if v.after is not None
            ]
            self._control("arm triggers", lambda: self.control.set_triggers(cid, triggers))
            self._control(
                "set the socket delay", lambda: self.control.set_faults(FaultSettings(ws_delay_ms=plan.ws_delay_ms))
            )
            drop = any(v.do == "drop_socket" for v in plan.during)

            def at_return(call: Call) -> None:
                call.events_at_return = [e.id for e in client.events()]
                call.status_at_return = client.state().get("execution_status")

            step_record.call, _ = _bounded(
                "run", client.run, bounds.run_s, documented=client.run_errors, after=at_return
            )
        call = step_record.call
        # After a socket drop between runs the next step starts at once, while the client is
        # still backing off (the server does not wait for its clients); every other step waits
        # for the client to be subscribed before its view is judged.
        between_drop = isinstance(step, ServerStep) and step.server.do == "drop_socket"
        trace = self._quiesce(cid, expect_reconnect=drop, wait_for_client=not between_drop)
        if call is not None and call.outcome == "hung":
            return f"step {index}: {call.summary()} (bound {bounds.run_s if call.name == 'run' else bounds.call_s} s)"
        step_record.view = self._converge(client, trace, bounds.converge_s)
        if isinstance(step, RunStep):
            self._control("disarm triggers", lambda: self.control.set_triggers(cid, []))
            self._control("clear the socket delay", lambda: self.control.set_faults(FaultSettings(ws_delay_ms=0)))
        if call is not None and call.outcome == "raised" and not call.documented:
            return f"step {index}: {call.summary()}"
        if step_record.view.error is not None:
            return f"step {index}: {step_record.view.error}"
        if not step_record.view.client_alive:
            return f"step {index}: the client's WebSocket thread is gone"
        return None

    def _quiesce(self, cid: str, *, expect_reconnect: bool, wait_for_client: bool = True) -> Trace:
        """Poll the trace until no run or scheduled action is in flight, the client is
        subscribed (unless not ``wait_for_client``), and nothing was published or sent for
        ``settle_s``."""
        bounds = self.bounds
        deadline = Deadline(bounds.quiesce_s)
        reconnect = Deadline(bounds.reconnect_s + (1.0 if expect_reconnect else 0.0))
        signature: tuple[Any, ...] | None = None
        stable_since = time.monotonic()
        while True:
            trace = self._trace(cid)
            now = time.monotonic()
            current = (len(trace.published), len(trace.sent), trace.busy, trace.subscribers, len(trace.connects))
            if current != signature:
                signature, stable_since = current, now
            subscribed = not wait_for_client or trace.subscribers >= 1 or reconnect.expired
            if not trace.busy and subscribed and now - stable_since >= bounds.settle_s:
                return trace
            if deadline.expired:
                raise HarnessError(f"the mock did not quiesce within {bounds.quiesce_s} s (busy={trace.busy})")
            time.sleep(0.02)

    def _converge(self, client: ClientUnderTest, trace: Trace, bound_s: float) -> View:
        """Poll the client's view until it agrees with the server's, for at most ``bound_s``."""
        started = time.monotonic()
        server_log, server_state = trace.log, normalize_state(trace.state)
        events: list[EventView] = []
        state: dict[str, Any] = {}
        previous: tuple[Any, ...] | None = None
        unchanged_since = started
        while True:
            try:
                events, state, alive = client.events(), client.state(), client.alive()
            except Exception as exc:  # noqa: BLE001 - a broken client's view
                return View(
                    events,
                    state,
                    False,
                    server_log,
                    server_state,
                    False,
                    time.monotonic() - started,
                    error=f"reading the client's view raised {type(exc).__name__}: {exc}",
                )
            converged = events_agree(events, server_log) and state == server_state
            now = time.monotonic()
            current = (tuple(events), json.dumps(state, sort_keys=True, default=str))
            if current != previous:
                previous, unchanged_since = current, now
            waited = now - started
            if converged or waited >= bound_s or not alive or now - unchanged_since >= self.bounds.stable_s:
                return View(events, state, alive, server_log, server_state, converged, waited)
            time.sleep(0.02)

    def _close(self, client: ClientUnderTest, cid: str) -> Call:
        """``client.close()``, pushing no-op frames meanwhile: the SDK's socket thread only notices
        its stop flag when a frame arrives (and close() joins it for up to 5 s)."""
        done = threading.Event()
        call = Call(name="close", outcome="hung", t0=time.time())

        def target() -> None:
            try:
                client.close()
                call.outcome = "ok"
            except BaseException as exc:  # noqa: BLE001
                call.outcome, call.error_type, call.error = "raised", type(exc).__name__, str(exc)[:300]
                call.documented = False
            call.t1 = time.time()
            done.set()

        wake = HookAction(emit=[WAKE_FRAME], persist=False)
        threading.Thread(target=target, name="client-close", daemon=True).start()
        deadline = Deadline(self.bounds.close_s)
        while not done.is_set() and not deadline.expired:
            with contextlib.suppress(ControlError, httpx.HTTPError):
                self.control.act(cid, wake)
            done.wait(0.05)
        return call if done.is_set() else Call(name="close", outcome="hung", t0=call.t0)
