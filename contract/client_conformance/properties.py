"""The client-conformance properties: named checks over one execution :class:`Record`.

Every property is judged against what the server actually did (the mock's frame trace), never
against what the case planned, so any legal server behaviour the engine produces is judged
correctly. ``unknown_kinds_tolerated`` is differential (see :func:`check_unknown_kinds_tolerated`);
the runner in :mod:`contract.client_conformance.suite` evaluates it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from contract.client_conformance.case import FORWARD_COMPATIBLE, RunStep
from contract.client_conformance.harness import Record, StepRecord, expected_event_ids
from contract.spec.control_api import SentEntry

TERMINAL_FAILURES = ("error", "stuck")

# -- run analysis ----------------------------------------------------------------------------------


@dataclass
class RunVerdict:
    """What the server did during one run() call, from the frames the mock sent the client."""

    ends: str  # "return" (a non-error end-of-run snapshot came first), "raise" (error/stuck), "none"
    terminal: SentEntry | None  # the first non-running full_state sent after run() was called
    failure: SentEntry | None  # the per-field error/stuck update (or snapshot) that failed the run
    error_code: str | None  # the ConversationErrorEvent's code, for an error
    failed_at: float | None = None  # when the server's status became error/stuck (REST shows it from then)


def analyze_run(record: Record, step: StepRecord) -> RunVerdict:
    """Judge a run by the frames actually sent to the client while run() was in progress.

    Sent frames are timed before their send starts, so a client cannot have seen one earlier; a
    frame lost with a dropped socket was never sent, and the full_state a reconnect receives is.
    """
    assert step.call is not None
    t0, t_end = step.call.t0, record.step_end(step.index)
    window = [f for f in record.sent if f["ok"] and t0 <= f["t"] < t_end]
    terminal = next(
        (f for f in window if f.get("key") == "full_state" and f.get("status") not in (None, "running")), None
    )
    failure = next(
        (
            f
            for f in window
            if f.get("key") == "execution_status"
            and f.get("status") in TERMINAL_FAILURES
            and (terminal is None or f["t"] <= terminal["t"])
        ),
        None,
    )
    if failure is None and terminal is not None and terminal["status"] in TERMINAL_FAILURES:
        failure = terminal
    code = failed_at = None
    if failure is not None:
        # The client may learn of the failure from a REST poll before any frame reaches it (a
        # dropped socket): what it must not do is raise before the status changed.
        published = [f for f in record.published if t0 <= f["t"] < t_end]
        changed = next(
            (f for f in published if f.get("key") == "execution_status" and f.get("status") == failure["status"]), None
        )
        failed_at = changed["t"] if changed is not None else failure["t"]
        if failure["status"] == "error":
            code = next((f.get("code") for f in published if f["kind"] == "ConversationErrorEvent"), None)
    ends = "raise" if failure is not None else ("return" if terminal is not None else "none")
    return RunVerdict(ends, terminal, failure, code, failed_at)


def _runs(record: Record) -> list[tuple[StepRecord, RunVerdict]]:
    """Run steps whose call ended (returned, or raised what run() is documented to raise)."""
    found = []
    for step in record.steps:
        call = step.call
        if (
            isinstance(step.step, RunStep)
            and call is not None
            and call.outcome != "hung"
            and (call.outcome == "ok" or call.documented)
        ):
            found.append((step, analyze_run(record, step)))
    return found


# -- the properties --------------------------------------------------------------------------------


def check_no_hang(record: Record) -> list[str]:
    """Every client call returns within its bound (run() well before the 30 s REST fallback)."""
    found = []
    if record.create is not None and record.create.outcome == "hung":
        found.append("creating the conversation did not return within its bound")
    for step in record.steps:
        if step.call is not None and step.call.outcome == "hung":
            found.append(f"step {step.index}: {step.call.name}() did not return within its bound")
    if record.close is not None and record.close.outcome == "hung":
        found.append("close() did not return within its bound")
    return found


def check_only_documented_exceptions(record: Record) -> list[str]:
    """Client calls raise only what they document (run(): ConversationRunError), and the
    client's WebSocket thread survives every legal server behaviour."""
    found = []
    for call in record.calls():
        if call.outcome == "raised" and not call.documented:
            found.append(f"{call.name}() raised {call.error_type}: {call.error}")
    for step in record.steps:
        if step.view is not None and step.view.error:
            found.append(f"step {step.index}: {step.view.error}")
        elif step.view is not None and not step.view.client_alive:
            found.append(f"step {step.index}: the client's WebSocket thread died")
    return found


def check_run_returns_on_terminal_snapshot(record: Record) -> list[str]:
    """A run that ends without error/stuck makes run() return normally, and not before the
    server sent the run's end-of-run ``full_state`` snapshot."""
    found = []
    for step, verdict in _runs(record):
        call = step.call
        assert call is not None
        assert call.t1 is not None
        if verdict.ends == "return":
            assert verdict.terminal is not None
            if call.outcome == "raised":
                found.append(
                    f"step {step.index}: the run ended {verdict.terminal['status']} but run() raised {call.error_type}: {call.error}"
                )
            elif call.t1 < verdict.terminal["t"]:
                ahead = verdict.terminal["t"] - call.t1
                found.append(
                    f"step {step.index}: run() returned {ahead * 1000:.0f} ms before the server sent the end-of-run snapshot ({verdict.terminal['status']})"
                )
        elif verdict.ends == "none" and call.outcome == "ok":
            found.append(f"step {step.index}: run() returned although the server never sent an end-of-run snapshot")
    return found


def check_run_raises_on_error_or_stuck(record: Record) -> list[str]:
    """A run that ends in error or stuck makes run() raise ConversationRunError (for an error,
    carrying the ConversationErrorEvent's code), not before the server reported it."""
    found = []
    for step, verdict in _runs(record):
        call = step.call
        assert call is not None
        assert call.t1 is not None
        if verdict.ends != "raise":
            continue
        assert verdict.failure is not None
        status = verdict.failure["status"]
        if call.outcome == "ok":
            found.append(f"step {step.index}: the run ended {status} but run() returned normally")
            continue
        if verdict.failed_at is not None and call.t1 < verdict.failed_at:
            found.append(f"step {step.index}: run() raised before the server's status became {status}")
        if verdict.error_code and verdict.error_code not in (call.error or ""):
            found.append(
                f"step {step.index}: ConversationRunError does not carry the ConversationErrorEvent code {verdict.error_code!r}: {call.error}"
            )
    return found


def check_state_matches_server(record: Record) -> list[str]:
    """After every step, the client's mirrored state (execution_status, last_user_message_id,
    confirmation policy, stats) equals the server's."""
    found = []
    for step in record.steps:
        view = step.view
        if view is None or view.error:
            continue
        if view.client_state != view.server_state:
            diff = {
                k: (view.client_state.get(k), view.server_state.get(k))
                for k in view.server_state
                if view.client_state.get(k) != view.server_state.get(k)
            }
            found.append(
                f"step {step.index}: client state differs from the server's after {view.waited_s:.1f} s (client, server): {diff}"
            )
    return found


def check_events_exactly_once(record: Record) -> list[str]:
    """After every step, the client's events are the server's persisted log, each exactly once
    and in the server's order (the client may add the transient frames it received, such as
    ``full_state`` snapshots;
    kinds it cannot represent are judged by unknown_kinds_tolerated)."""
    found = []
    for step in record.steps:
        view = step.view
        if view is None or view.error:
            continue
        ids = [e.id for e in view.client_events]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        expected = expected_event_ids(view.server_log)
        got = [e.id for e in view.client_events if not e.is_transient]
        kinds = {e.id: f"{e.kind}({e.key})" if e.key else e.kind for e in view.client_events}
        kinds |= {e["id"]: f"{e['kind']}({e['key']})" if e.get("key") else e["kind"] for e in view.server_log}
        missing = [i for i in expected if i not in set(got)]
        extra = [i for i in got if i not in set(expected)]
        problems = []
        if duplicated:
            problems.append(f"{len(duplicated)} event(s) held twice: {[kinds.get(i) for i in duplicated][:5]}")
        if missing:
            problems.append(f"{len(missing)} persisted event(s) missing: {[kinds.get(i) for i in missing][:5]}")
        if extra:
            problems.append(f"{len(extra)} event(s) the server never persisted: {[kinds.get(i) for i in extra][:5]}")
        if not (duplicated or missing or extra) and got != expected:
            problems.append("the events are out of the server's order")
        if problems:
            found.append(f"step {step.index} (after {view.waited_s:.1f} s): " + "; ".join(problems))
    return found


def check_run_tail_delivered(record: Record) -> list[str]:
    """When run() returns, the client already holds every event the server persisted before the
    end-of-run snapshot it returned on (no tail race)."""
    found = []
    unknown = record.unknown_ids()
    for step, verdict in _runs(record):
        call = step.call
        assert call is not None
        assert call.t1 is not None
        terminal = verdict.terminal
        if (
            verdict.ends != "return"
            or call.outcome != "ok"
            or terminal is None
            or call.t1 < terminal["t"]
            or call.events_at_return is None
        ):
            continue
        published = next((f for f in record.published if f["id"] == terminal["id"]), None)
        if published is not None:
            before = [f for f in record.published if f["seq"] < published["seq"]]
        else:  # the snapshot a (re)connect receives reflects everything persisted before it
            subscribed = max(
                (c["t"] for c in record.connects if c["subscriber"] == terminal["subscriber"]), default=terminal["t"]
            )
            before = [f for f in record.published if f["t"] <= subscribed]
        held = set(call.events_at_return)
        missing = [f for f in before if f["persisted"] and f["id"] not in unknown and f["id"] not in held]
        if missing:
            kinds = [f"{f['kind']}({f['key']})" if f.get("key") else f["kind"] for f in missing]
            found.append(
                f"step {step.index}: run() returned without {len(missing)} event(s) persisted before its end-of-run snapshot: {kinds[:6]}"
            )
    return found


def check_unknown_kinds_tolerated(
    record: Record, failures: dict[str, list[str]], without_additions: Callable[[], dict[str, list[str]]]
) -> tuple[list[str], set[str]]:
    """Unknown event/action/observation kinds, unknown transient frames and unknown state keys
    never crash the client: the case behaves as it does without them.

    Returns the violations and the properties whose failures the additions caused (those are
    reported here instead)."""
    fired = record.fired_labels()
    additions = sorted({v.do for label, v in record.case.variations() if label in fired and v.do in FORWARD_COMPATIBLE})
    if not additions or not any(failures.values()):
        return [], set()
    control = without_additions()
    found: list[str] = []
    caused: set[str] = set()
    for name, violations in failures.items():
        if violations and not control.get(name):
            caused.add(name)
            found += [f"[{name}, only with {', '.join(additions)}] {v}" for v in violations]
    return found, caused


@dataclass(frozen=True)
class Property:
    name: str
    check: Callable[[Record], list[str]] | None  # None: the differential check, run by evaluate()

    @property
    def description(self) -> str:
        fn = self.check or check_unknown_kinds_tolerated
        return " ".join((fn.__doc__ or "").split("\n\n")[0].split())


PROPERTIES: tuple[Property, ...] = (
    Property("no_hang", check_no_hang),
    Property("only_documented_exceptions", check_only_documented_exceptions),
    Property("run_returns_on_terminal_snapshot", check_run_returns_on_terminal_snapshot),
    Property("run_raises_on_error_or_stuck", check_run_raises_on_error_or_stuck),
    Property("state_matches_server", check_state_matches_server),
    Property("events_exactly_once", check_events_exactly_once),
    Property("run_tail_delivered", check_run_tail_delivered),
    Property("unknown_kinds_tolerated", None),
)
PROPERTY_NAMES = tuple(p.name for p in PROPERTIES)


def record_coverage(record: Record) -> Counter:
    counts: Counter = Counter()
    fired = record.fired_labels()
    for label, variation in record.case.variations():
        if label in fired:
            counts[f"variation:{variation.do}"] += 1
    for _step, verdict in _runs(record):
        end = verdict.failure or verdict.terminal
        status = (end.get("status") if end is not None else None) or "none"
        counts[f"run_end:{status}"] += 1
    counts["reconnects"] += max(0, len(record.connects))
    counts["steps"] += len(record.steps)
    return counts
