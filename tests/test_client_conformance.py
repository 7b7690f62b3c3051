"""Client conformance (contract/client_conformance): the suite catches broken clients, and the
real openhands-sdk 1.58.0 client keeps every promise but one.

* Mutation tests: each property has a deliberately broken client, a ``RemoteConversation``
  subclass that adds one realistic defect to a client that keeps the contract, and the corpus
  (``strategies.CORPUS``, every variation and every way a run ends) must fail exactly that
  property. The baseline is the 1.58.0 client with the unknown-kind fix
  (``TolerantRemoteConversation``); on the unmodified client the corpus fails exactly the
  finding's property.
* The real suite: a hypothesis search with a small, seeded budget against the installed SDK.
* Findings: the shrunk case files under ``fixtures/client_findings/`` replayed against the
  installed SDK, as strict expected failures (docs/client-conformance.md).
"""

from __future__ import annotations

import contextlib
import json
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openhands.sdk.conversation.impl.remote_conversation import RemoteConversation
from openhands.sdk.conversation.state import ConversationExecutionStatus as Status
from openhands.sdk.event import ConversationStateUpdateEvent

from contract.client_conformance.case import CaseError, case_document, dump_case, load_case, parse_case, scenario_of
from contract.client_conformance.client import TolerantRemoteConversation, sdk_client_factory
from contract.client_conformance.harness import Bounds
from contract.client_conformance.properties import PROPERTY_NAMES
from contract.client_conformance.strategies import CORPUS, cases
from contract.client_conformance.suite import ConformanceSuite, write_report
from contract.harness.scenario import parse_scenario
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = pytest.mark.timeout(300)

FINDINGS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "client_findings"
# Shorter run bound than the suite's default (8 s): still far below the SDK's 30 s REST
# fallback, and the hang mutant costs one bound per hung run.
BOUNDS = Bounds(run_s=5.0)
SEED = 0
# The default test run's search budget: every property searched over the same cached cases.
MAX_EXAMPLES = 12
SHRINK_BUDGET = 6

UNKNOWN_KINDS_REASON = (
    "openhands-sdk 1.58.0: RemoteEventsList.reconcile() validates every events/search item with "
    "Event.model_validate outside its error handling, so once the server's log holds one event of a "
    "kind (or an action/observation kind) the client does not know, every later reconcile raises: "
    "run() raises pydantic.ValidationError instead of returning (and a reconnect's replay silently "
    "skips the missed events). The socket path skips such frames; REST does not."
)
KNOWN_FINDINGS = {"unknown_kinds_tolerated": UNKNOWN_KINDS_REASON}


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(MockConfig(speed=0)) as server:
        yield server


def corpus_failures(mock: MockServer, conversation_class: type[RemoteConversation]) -> dict[str, dict[str, list[str]]]:
    """{case name: {property: violations}} for the failing properties of each corpus case."""
    found = {}
    with ConformanceSuite(mock.endpoint, sdk_client_factory(conversation_class), bounds=BOUNDS) as suite:
        for name, case in CORPUS.items():
            outcome = suite.evaluate(case)
            assert outcome.inconclusive is None, outcome.inconclusive
            failing = {prop: violations for prop, violations in outcome.failures.items() if violations}
            if failing:
                found[name] = failing
    return found


def failed_properties(failures: dict[str, dict[str, list[str]]]) -> set[str]:
    return {prop for per_case in failures.values() for prop in per_case}


# -- mutants: one realistic defect each, on top of a client that keeps the contract -------------


class HangsUnlessFinished(TolerantRemoteConversation):
    """no_hang: run() only comes back for finished/error/stuck; a run that ends paused or waiting
    for confirmation leaves it waiting (as if it polled for ``finished``)."""

    def run(self, *args: Any, **kwargs: Any) -> None:
        super().run(*args, **kwargs)
        if self.state.execution_status in (Status.PAUSED, Status.WAITING_FOR_CONFIRMATION, Status.IDLE):
            self._released.wait(60)

    def _initialize_connection(self, **kwargs: Any) -> None:
        self._released = threading.Event()
        super()._initialize_connection(**kwargs)

    def close(self) -> None:
        self._released.set()
        super().close()


class PauseRaises(TolerantRemoteConversation):
    """only_documented_exceptions: pause() expects a response field the server does not send."""

    def pause(self) -> None:
        super().pause()
        raise KeyError("paused_at")


class ReturnsOnFinishedHint(TolerantRemoteConversation):
    """run_returns_on_terminal_snapshot: treats the per-field execution_status=finished update as
    the end of the run (the stop-hook race that made it a mere hint upstream, PR #3191)."""

    def _initialize_connection(self, **kwargs: Any) -> None:
        def finished_hint(event: Any) -> None:
            if (
                isinstance(event, ConversationStateUpdateEvent)
                and event.key == "execution_status"
                and event.value == "finished"
            ) and self._run_armed.is_set():
                self._terminal_status_queue.put("finished")

        kwargs["callbacks"] = [*(kwargs.get("callbacks") or []), finished_hint]
        super()._initialize_connection(**kwargs)


class SwallowsRunError(TolerantRemoteConversation):
    """run_raises_on_error_or_stuck: a failed run is logged, not raised."""

    def run(self, *args: Any, **kwargs: Any) -> None:
        with contextlib.suppress(Exception):  # the defect
            super().run(*args, **kwargs)


class IgnoresFieldUpdates(TolerantRemoteConversation):
    """state_matches_server: applies full_state snapshots but drops per-field state updates."""

    def _initialize_connection(self, **kwargs: Any) -> None:
        super()._initialize_connection(**kwargs)
        state = self._state
        original = state.update_state_from_event

        def update(self_state: Any, event: ConversationStateUpdateEvent) -> None:
            if event.key == "full_state":
                original(event)

        state.update_state_from_event = types.MethodType(update, state)  # type: ignore[method-assign]


class NoDeduplication(TolerantRemoteConversation):
    """events_exactly_once: caches every frame the socket delivers, without checking its id."""

    def _initialize_connection(self, **kwargs: Any) -> None:
        super()._initialize_connection(**kwargs)
        events = self._state.events

        def add_event(self_events: Any, event: Any) -> None:
            with self_events._lock:
                self_events._add_event_unsafe(event)

        events.add_event = types.MethodType(add_event, events)  # type: ignore[method-assign]


class LagsWithoutPostRunReconcile(TolerantRemoteConversation):
    """run_tail_delivered: its event cache lags the socket by 300 ms (a slow callback) and it
    skips the post-run REST reconcile (the tail race of upstream #1832/#1865)."""

    LAG_S = 0.3

    def _initialize_connection(self, **kwargs: Any) -> None:
        self._run_thread: int | None = None
        super()._initialize_connection(**kwargs)
        events = self._state.events
        add_event, reconcile = events.add_event, events.reconcile

        def lagging_add(self_events: Any, event: Any) -> None:
            timer = threading.Timer(self.LAG_S, add_event, (event,))
            timer.daemon = True
            timer.start()

        def reconcile_except_after_run(self_events: Any) -> int:
            status = (self._state._cached_state or {}).get("execution_status")
            if threading.get_ident() == self._run_thread and status not in ("error", "stuck"):
                return 0  # the post-run reconcile, skipped (kept for error reporting)
            return reconcile()

        events.add_event = types.MethodType(lagging_add, events)  # type: ignore[method-assign]
        events.reconcile = types.MethodType(reconcile_except_after_run, events)  # type: ignore[method-assign]

    def run(self, *args: Any, **kwargs: Any) -> None:
        self._run_thread = threading.get_ident()
        try:
            super().run(*args, **kwargs)
        finally:
            self._run_thread = None


class DropsSocketOnUnknownStateKey(TolerantRemoteConversation):
    """unknown_kinds_tolerated: treats a state key it does not know as a protocol error and
    stops its socket (no reconnect)."""

    def _initialize_connection(self, **kwargs: Any) -> None:
        known = {
            "full_state",
            "execution_status",
            "last_user_message_id",
            "stats",
            "confirmation_policy",
            "agent",
            "tags",
            "security_analyzer",
        }

        def strict_keys(event: Any) -> None:
            if (
                isinstance(event, ConversationStateUpdateEvent)
                and event.key not in known
                and self._ws_client is not None
            ):
                self._ws_client._stop.set()

        kwargs["callbacks"] = [*(kwargs.get("callbacks") or []), strict_keys]
        super()._initialize_connection(**kwargs)


MUTANTS: dict[str, type[RemoteConversation]] = {
    "no_hang": HangsUnlessFinished,
    "only_documented_exceptions": PauseRaises,
    "run_returns_on_terminal_snapshot": ReturnsOnFinishedHint,
    "run_raises_on_error_or_stuck": SwallowsRunError,
    "state_matches_server": IgnoresFieldUpdates,
    "events_exactly_once": NoDeduplication,
    "run_tail_delivered": LagsWithoutPostRunReconcile,
    "unknown_kinds_tolerated": DropsSocketOnUnknownStateKey,
}


def test_every_property_has_a_mutant() -> None:
    assert set(MUTANTS) == set(PROPERTY_NAMES)


def test_a_client_that_keeps_the_contract_passes_the_corpus(mock: MockServer) -> None:
    assert corpus_failures(mock, TolerantRemoteConversation) == {}


@pytest.mark.parametrize("prop", PROPERTY_NAMES)
def test_the_mutant_fails_exactly_its_property(mock: MockServer, prop: str) -> None:
    failures = corpus_failures(mock, MUTANTS[prop])
    assert failed_properties(failures) == {prop}, json.dumps(failures, indent=1)


def test_sdk_1_58_0_fails_exactly_the_known_findings_on_the_corpus(mock: MockServer) -> None:
    failures = corpus_failures(mock, RemoteConversation)
    assert failed_properties(failures) == set(KNOWN_FINDINGS), json.dumps(failures, indent=1)


# -- the real suite: hypothesis search against the installed SDK --------------------------------


@pytest.fixture(scope="module")
def sdk_report(mock: MockServer) -> dict[str, Any]:
    with ConformanceSuite(mock.endpoint, sdk_client_factory(), bounds=BOUNDS) as suite:
        return suite.run(seed_value=SEED, max_examples=MAX_EXAMPLES, shrink_budget=SHRINK_BUDGET)


@pytest.mark.parametrize(
    "prop",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FINDINGS[name]))
        if name in KNOWN_FINDINGS
        else name
        for name in PROPERTY_NAMES
    ],
)
def test_sdk_keeps_the_property(sdk_report: dict[str, Any], prop: str) -> None:
    assert not sdk_report["inconclusive"], sdk_report["inconclusive"]
    [entry] = [e for e in sdk_report["properties"] if e["name"] == prop]
    assert entry["passed"], f"{prop}: {entry['failure']['violations']}\n" + yaml.safe_dump(
        case_document(entry["failure"]["case"]), sort_keys=False
    )


def test_the_report_lists_every_property_and_saves_failing_cases(sdk_report: dict[str, Any], tmp_path: Path) -> None:
    document = write_report(sdk_report, tmp_path / "report.json")
    assert json.loads((tmp_path / "report.json").read_text()) == document
    assert [e["name"] for e in document["properties"]] == list(PROPERTY_NAMES)
    assert document["client"] == "openhands-sdk 1.58.0" and document["seed"] == SEED
    for entry in document["properties"]:
        if not entry["passed"]:
            case = load_case(entry["failure"]["case_file"])  # replayable
            assert case == next(e for e in sdk_report["properties"] if e["name"] == entry["name"])["failure"]["case"]


# -- findings against openhands-sdk 1.58.0 -----------------------------------------------------


def finding_files() -> list[Path]:
    return sorted(FINDINGS_DIR.glob("*.yaml"))


def finding_of(path: Path) -> str:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["property"]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            path,
            id=path.stem,
            marks=pytest.mark.xfail(strict=True, reason=KNOWN_FINDINGS.get(finding_of(path), "unknown finding")),
        )
        for path in finding_files()
    ],
)
def test_finding_replays(mock: MockServer, path: Path) -> None:
    """A committed finding case: the installed SDK should keep the property (1.58.0 does not)."""
    finding = finding_of(path)
    with ConformanceSuite(mock.endpoint, sdk_client_factory(), bounds=BOUNDS) as suite:
        outcome = suite.evaluate(load_case(path))
    assert outcome.inconclusive is None
    assert not outcome.failures[finding], outcome.failures[finding]


def test_the_finding_cases_pass_with_the_fix(mock: MockServer) -> None:
    """The same cases pass with the reference fix: the failure is the client's, not the suite's."""
    with ConformanceSuite(mock.endpoint, sdk_client_factory(TolerantRemoteConversation), bounds=BOUNDS) as suite:
        for path in finding_files():
            outcome = suite.evaluate(load_case(path))
            assert outcome.failed == [], (path.name, outcome.failures)


# -- the case file format -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_case_files_round_trip_and_hold_a_valid_scenario(name: str, tmp_path: Path) -> None:
    case = CORPUS[name]
    text = dump_case(case, tmp_path / "case.yaml", property="x")
    document = yaml.safe_load(text)
    parse_scenario(document["scenario"])  # the scenario part is valid under contract/scenario.py
    assert scenario_of(case).turns == parse_scenario(document["scenario"]).turns
    assert load_case(tmp_path / "case.yaml") == case


def test_findings_are_valid_case_files() -> None:
    paths = finding_files()
    assert {finding_of(p) for p in paths} == set(KNOWN_FINDINGS)
    for path in paths:
        load_case(path)
        assert path.stem.split(".")[0] == finding_of(path)


def test_generated_cases_round_trip() -> None:
    from hypothesis import given, settings

    @settings(max_examples=40, database=None, deadline=None)
    @given(cases())
    def round_trip(case: Any) -> None:
        assert parse_case(case_document(case)) == case

    round_trip()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a client-conformance case"),
        (lambda d: d["scenario"].update(turns=[]), "turns"),
        (lambda d: d["steps"].append({"run": {"turns": 9}}), "run.turns"),
        (lambda d: d["steps"].append({"server": {"do": "drop_socket", "code": 4001}}), "non-fatal close code"),
        (lambda d: d["steps"].append({"server": {"do": "pause"}}), "client call between runs"),
        (lambda d: d["steps"].append({"jump": True}), "exactly one of"),
    ],
)
def test_invalid_case_files_are_rejected(mutate: Any, message: str) -> None:
    document = case_document(CORPUS["finish_reply_stats_message"])
    mutate(document)
    with pytest.raises(CaseError, match=message):
        parse_case(document)


# -- the control hooks the suite uses -----------------------------------------------------------


def test_triggers_fire_right_after_their_anchor(mock: MockServer) -> None:
    prefix = mock.config.control_prefix
    with httpx.Client(base_url=mock.url, timeout=5) as client:
        client.post(f"{prefix}/reset")
        cid = client.post(
            "/api/conversations",
            json={"agent": {"kind": "Agent", "llm": {"model": "m"}, "tools": []}, "workspace": {"working_dir": "/w"}},
        ).json()["id"]
        labels = {
            "triggers": [
                {"after": "action", "do": {"emit": [{"kind": "FutureEvent", "source": "environment"}]}, "label": "x"}
            ]
        }
        assert client.post(f"{prefix}/conversations/{cid}/triggers", json=labels).json() == {"armed": 1}
        client.post(
            f"/api/conversations/{cid}/events",
            json={"role": "user", "content": [{"type": "text", "text": "go"}], "run": True},
        )
        for _ in range(200):
            trace = client.get(f"{prefix}/conversations/{cid}/trace").json()
            if not trace["busy"] and trace["fired"]:
                break
            threading.Event().wait(0.01)
        kinds = [e["kind"] for e in trace["log"]]
        assert kinds[kinds.index("ActionEvent") + 1] == "FutureEvent"
        assert [f["label"] for f in trace["fired"]] == ["x"]
        [injected] = [p for p in trace["published"] if p["injected"]]
        assert injected["kind"] == "FutureEvent" and injected["persisted"]
        assert client.post(f"{prefix}/conversations/{cid}/act", json={"do": {"stats": True}}).status_code == 200
        assert client.get(f"{prefix}/conversations/{cid}/trace").json()["log"][-1]["key"] == "stats"
