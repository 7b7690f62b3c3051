"""Mutation tests of the checker, on ten seeds each: coverage by construction.

A copy of the mock with one fault armed (``POST /_mock/faults``) is checked ten times, seeds 0-9,
by the phase meant to catch the fault. Every run must end at a violation of a check that the
fault breaks (``--fail-fast``: the run stops there, which keeps ten seeds cheap), with a
reproducer. The seed steers what the checker generates; the directed passes (REST negative data
and nulls, the behaviour sequence, the first stream scenario) set up each check's situation
whatever it is, so a verdict never depends on luck. Without the fault the same runs find nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from contract.checker import Finding, Report, Status, run_checks
from contract.checker.report import junit_xml
from contract.client.control import ControlClient
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning")

KEY = "seed-sweep-key"
SEEDS = range(10)
SEARCH = "GET /api/conversations/search"


@dataclass(frozen=True)
class Mutation:
    """One fault, the checks that may catch it, and the run that should."""

    faults: dict[str, Any]
    catchers: tuple[str, ...]
    """The check meant to catch the fault, then any other the fault also breaks."""
    phase: str
    budget_s: float
    """An upper bound: a run that catches the fault ends there."""
    options: dict[str, Any] = field(default_factory=dict)
    shows: Callable[[Finding, Report], None] | None = None
    """More the first violation must show (its reproducer's form, what its message names)."""

    def run_key(self) -> str:
        """Mutations with the same key make the same run when no fault is armed."""
        return f"{self.phase} {sorted(self.options.items())}"


def _forced(method: str, path: str, status: int, body: object = None) -> dict[str, Any]:
    return {"forced": [{"method": method, "path": path, "status": status, "body": body, "times": 0}]}


def _a_curl_command(first: Finding, report: Report) -> None:
    assert first.reproducer.startswith("curl"), first.reproducer


def _python_without_the_key(first: Finding, report: Report) -> None:
    assert "connect(" in first.reproducer, first.reproducer
    assert KEY not in junit_xml(report)  # reproducers read the key from $OH_SESSION_API_KEY


def _names(text: str) -> Callable[[Finding, Report], None]:
    def shows(first: Finding, report: Report) -> None:
        assert text in first.message, first.message

    return shows


ONE_SEARCH = {"include_operations": [SEARCH]}
MUTATIONS = {
    # A forced answer comes before validation and authentication: negative data and calls
    # without a key get the 418 as well.
    "wrong status": Mutation(
        _forced("GET", "^/api/conversations/search$", 418),
        ("rest.status_code_conformance", "rest.negative_data_rejection", "rest.auth_required"),
        "rest",
        6,
        ONE_SEARCH,
        _a_curl_command,
    ),
    "auth not enforced": Mutation(
        {"skip_auth": True},
        ("rest.auth_required",),
        "rest",
        6,
        {"include_operations": ["GET /api/conversations/count", "GET /api/conversations/{conversation_id}"]},
        _names("expected 401"),
    ),
    "null accepted": Mutation({"accept_null": True}, ("rest.null_rejection",), "rest", 6, ONE_SEARCH, _names("null")),
    "slow route": Mutation(
        {"latency_ms": {"^/api/conversations/search$": 3000}},
        ("rest.responsive",),
        "rest",
        6,
        {**ONE_SEARCH, "request_timeout_s": 0.5},  # had it waited 3 s, the answer would conform
    ),
    "missing snapshot after run": Mutation({"omit_snapshot": 100}, ("streams.run_ends_snapshot",), "streams", 6),
    "duplicated event": Mutation({"duplicate_frame": 3}, ("streams.ids_unique",), "streams", 6),
    # The phase judges its own run's stream too: the frame fails the stream schema check as well.
    "dropped required field": Mutation(
        {"drop_field": "llm_message"},
        ("ws.frame_schema", "streams.frame_schema"),
        "websocket",
        6,
        {"ws_auth_timeout": False},
        _names("llm_message"),
    ),
    "4004 not sent": Mutation(
        {"suppress_4004": True},
        ("ws.not_found_4004",),
        "websocket",
        6,
        {"ws_auth_timeout": False},
        _python_without_the_key,
    ),
    "secrets unmasked": Mutation({"leak_secrets": True}, ("behaviour.secrets_masked",), "behaviour", 8),
    # Forced for every id: an unknown conversation's count is 999 too, not a 404.
    "event count stays wrong": Mutation(
        _forced("GET", r"^/api/conversations/[^/]+/events/count$", 200, 999),
        ("behaviour.counts", "behaviour.not_found", "streams.count_equals_search"),
        "behaviour",
        8,
    ),
    "paging cursor off by one": Mutation(
        {"cursor_off_by_one": True}, ("behaviour.paging",), "behaviour", 8, shows=_names("next_page_id")
    ),
    "200 for a second run": Mutation(
        {"run_conflict_ok": True}, ("behaviour.status_codes",), "behaviour", 8, shows=_names("expected 409")
    ),
    "patch not kept": Mutation(
        _forced("PATCH", r"^/api/conversations/[^/]+$", 200, {"success": True}), ("behaviour.patch",), "behaviour", 8
    ),
}


@pytest.fixture(scope="module")
def mutant() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        yield mock


def _check(mock: MockServer, mutation: Mutation, seed: int) -> Report:
    """One fail-fast run of the mutation's phase, with only its fault armed."""
    mock.state.reset()
    with ControlClient.connect(mock.endpoint) as control:
        control.set_faults(**mutation.faults)
    return run_checks(
        mock.url,
        api_key=KEY,
        phases=[mutation.phase],
        budget_s=mutation.budget_s,
        allow_writes=True,
        seed=seed,
        fail_fast=True,
        **mutation.options,
    )


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_every_seed_catches_the_fault(mutant: MockServer, name: str) -> None:
    mutation = MUTATIONS[name]
    missed: dict[int, str] = {}
    for seed in SEEDS:
        report = _check(mutant, mutation, seed)
        failed = {f.check for f in report.violations}
        if not failed or failed - set(mutation.catchers):
            missed[seed] = f"failed {sorted(failed)}, {report.stopped_early or 'ran to its budget'}"
            continue
        assert report.stopped_early, f"seed {seed}: a violation, yet the run went on"
        assert all(f.reproducer for f in report.violations), f"seed {seed}: a violation without a reproducer"
        if mutation.shows is not None:
            mutation.shows(report.violations[0], report)
    assert not missed, f"{name!r} not caught by {mutation.catchers} on seeds {missed}"


@pytest.mark.parametrize("key", sorted({m.run_key() for m in MUTATIONS.values()}))
def test_the_same_run_without_a_fault_finds_nothing(mutant: MockServer, key: str) -> None:
    """The other half of each mutation test: each catching check is made, and passes."""
    mutations = [m for m in MUTATIONS.values() if m.run_key() == key]
    clean = Mutation({}, (), mutations[0].phase, mutations[0].budget_s, mutations[0].options)
    report = _check(mutant, clean, 0)
    assert not report.violations and not report.stopped_early, report.violations
    for check in {c for m in mutations for c in m.catchers}:
        assert report.checks[check].status is Status.PASSED, (
            f"{check} was not made ({report.checks[check].skip_reason})"
        )
