"""The conformance checker (``contract.checker``, ``ohmock check``).

(i) Against the mock at speed 0 every phase passes with no violation, at the default budget.
(ii) Against the real server (with the scripted LLM) the run completes; every finding is explained
     (server deviates from the spec / spec defect the overlay corrects / nondeterminism), none is a
     violation. The findings are documented in docs/conformance.md.
(iii) Mutation tests: a deliberately broken mock is caught by the phase meant to catch each fault
      (here the runs that need a whole budget; tests/test_checker_seeds.py has every fault on ten seeds).
(iv) The JUnit XML is well-formed, one testcase per check.
Plus: a hanging or silent server is a reported failure, never a hang; the safety filter.
"""

from __future__ import annotations

import socket
import threading
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pytest

from contract.checker import CHECKS, DEFAULT_BUDGET_S, PHASES, Classification, Report, Status, run_checks
from contract.checker.model import Finding
from contract.checker.report import finding_groups, html_report, json_report, junit_xml
from contract.checker.safety import select
from contract.client.control import ControlClient
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning")

KEY = "checker-test-key"
KNOWN = {Classification.SERVER_DEVIATION, Classification.SPEC_DEFECT, Classification.NONDETERMINISM}


def _summary(report: Report) -> str:
    lines = [
        f"{f.classification.value}: {f.check} {f.operation or ''} {f.message} (×{f.count})" for f in report.findings
    ]
    lines += report.errors
    return "\n".join(lines)


# -- (i) the mock conforms -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def mock_report() -> Iterator[Report]:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        report = run_checks(mock.url, api_key=KEY, allow_writes=True, seed=0)
        # Every conversation the checker created is gone again.
        assert not mock.state.store.search(status=None, sort_order="CREATED_AT")
        yield report


def test_mock_passes_every_phase(mock_report: Report) -> None:
    report = mock_report
    assert report.budget_s == DEFAULT_BUDGET_S
    assert report.ok, _summary(report)
    assert not report.violations and not report.errors
    assert [p.name for p in report.phases] == list(PHASES)
    assert all(p.status is Status.PASSED for p in report.phases), [(p.name, p.status, p.notes) for p in report.phases]
    assert report.target == "mock"
    # Every check ran (none skipped): the run exercised the whole catalogue.
    skipped = [r.spec.id for r in report.checks.values() if r.status is Status.SKIPPED]
    assert not skipped, skipped
    # What is reported as known is explained: the mock reproduces the real server's deviations.
    for finding in report.known:
        assert finding.classification in KNOWN and finding.reason, finding


def test_the_report_shows_what_the_run_covered(mock_report: Report) -> None:
    """Coverage is what the run saw, by construction of the run: the operations it called with
    their statuses against the documented ones, event kinds, state keys, transitions, close codes."""
    coverage = mock_report.to_dict()["coverage"]
    created = coverage["operations"]["POST /api/conversations"]
    assert "201" in created["observed"] and "201" in created["documented"]
    assert {"ActionEvent", "ObservationEvent", "MessageEvent", "ConversationStateUpdateEvent"} <= set(
        coverage["event_kinds"]
    )
    assert {"full_state", "execution_status", "stats"} <= set(coverage["state_keys"])
    assert {"from": "idle", "to": "running"} in [{k: t[k] for k in ("from", "to")} for t in coverage["transitions"]]
    assert {"4001", "4004"} <= set(coverage["close_codes"])
    page = html_report(mock_report)
    assert "<h2>Coverage</h2>" in page and "<svg" in page and "execution-status transitions" in page
    assert "server 1.58.0 (contract 1.58.0)" in page


def test_findings_of_one_cause_are_one_group() -> None:
    findings = [
        Finding("rest.status_code_conformance", f"HTTP 418 for conversation {uuid.uuid4()}", Classification.VIOLATION)
        for _ in range(60)
    ]
    findings.append(Finding("ws.frame_schema", "missing field 'llm_message'", Classification.VIOLATION))
    groups = finding_groups(findings)
    assert [(g["check"], g["count"], len(g["examples"])) for g in groups] == [
        ("rest.status_code_conformance", 60, 3),
        ("ws.frame_schema", 1, 1),
    ]


def test_a_server_of_another_version_is_named_with_a_warning() -> None:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0, server_version="1.57.0")) as mock:
        report = run_checks(
            mock.url, api_key=KEY, phases=["rest"], budget_s=4, include_operations=["GET /api/conversations/count"]
        )
    server = report.to_dict()["server"]
    assert server["version"] == "1.57.0" and server["version_warning"] == (
        "the server is 1.57.0; the contract describes 1.58.0"
    )
    assert "the contract describes 1.58.0" in html_report(report)


# -- (iv) JUnit XML ------------------------------------------------------------------------------


def test_junit_xml_is_well_formed_with_one_testcase_per_check(mock_report: Report, tmp_path) -> None:
    report = mock_report
    path = tmp_path / "check.xml"
    path.write_text(junit_xml(report), encoding="utf-8")
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    names = [case.get("name") for case in cases]
    assert len(names) == len(set(names)) == len(report.checks)
    assert set(names) == set(report.checks) <= set(CHECKS)
    assert int(root.get("tests")) == len(cases)
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert all(case.get("classname") == suite.get("name") for case in suite.findall("testcase"))
    assert not root.findall(".//failure")
    # The other formats render too.
    assert '"ok": true' in json_report(report)
    assert "<html>" in html_report(report) and "conforms" in html_report(report)


# -- (iii) mutation tests: each phase catches the fault it is meant to catch ------------------------


@pytest.fixture(scope="module")
def mutant() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        yield mock


def _break(mock: MockServer, **faults: object) -> None:
    mock.state.reset()
    with ControlClient.connect(mock.endpoint) as control:
        control.set_faults(**faults)


def _caught(report: Report, check: str) -> None:
    result = report.checks[check]
    assert result.status is Status.FAILED, f"{check} did not catch the fault:\n{_summary(report)}"
    assert all(f.reproducer for f in result.violations)


def test_behaviour_phase_catches_an_event_count_that_stays_wrong(mutant: MockServer) -> None:
    """Not only the 404 check (an unknown conversation's count is 999 too): the count check."""
    _break(
        mutant,
        forced=[
            {
                "method": "GET",
                "path": r"^/api/conversations/[^/]+/events/count$",
                "status": 200,
                "body": 999,
                "times": 0,
            }
        ],
    )
    report = run_checks(mutant.url, api_key=KEY, phases=["behaviour"], budget_s=8, allow_writes=True)
    _caught(report, "behaviour.counts")


# -- bounded: slow, hanging and silent servers are failures, never hangs ------------------------------


@pytest.mark.timeout(120)
def test_a_server_that_never_answers_is_reported() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])  # read nothing, answer nothing
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        report = run_checks(
            f"http://127.0.0.1:{listener.getsockname()[1]}", api_key=KEY, budget_s=5, request_timeout_s=1
        )
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in accepted:
            conn.close()
        listener.close()
    assert report.setup_error is not None and "did not answer within 1 s" in report.setup_error
    assert not report.ok and not report.violations  # not checked, which is no violation either
    assert all(p.status is Status.SKIPPED for p in report.phases)


# -- safety ----------------------------------------------------------------------------------------


def test_dangerous_operations_need_an_exact_name_and_writes_need_permission() -> None:
    operations = [
        ("GET", "/api/file/home"),
        ("POST", "/api/bash/execute_bash_command"),
        ("GET", "/api/conversations/search"),
        ("POST", "/api/conversations/{conversation_id}/run"),
        ("POST", "/api/conversations"),
    ]
    chosen, excluded = select(operations, allow_writes=False)
    assert chosen == [("GET", "/api/conversations/search")]
    chosen, _ = select(operations, allow_writes=True, include=[".*"])
    assert ("POST", "/api/bash/execute_bash_command") not in chosen and ("GET", "/api/file/home") not in chosen
    assert ("POST", "/api/conversations") not in chosen  # creates working_dir directories at generated paths
    chosen, _ = select(
        operations, allow_writes=True, include=["GET /api/file/home", "POST /api/bash/execute_bash_command"]
    )
    assert chosen == [("GET", "/api/file/home"), ("POST", "/api/bash/execute_bash_command")]
    chosen, _ = select(operations, allow_writes=False, include=["POST /api/bash/execute_bash_command"])
    assert chosen == []  # named, but a write without --allow-writes
    assert "needs --allow-writes" in excluded["POST /api/conversations/{conversation_id}/run"]


# -- (ii) the real server ----------------------------------------------------------------------------


@pytest.mark.real_server
def test_real_server_run_completes_and_every_finding_is_explained(real_server, scripted_llm) -> None:
    with httpx.Client(base_url=real_server.url, headers=real_server.headers, timeout=10) as http:
        before = http.get("/api/conversations/count").json()
        report = run_checks(
            real_server.url, api_key=real_server.api_key, allow_writes=True, scripted_llm=scripted_llm.url, seed=0
        )
        after = http.get("/api/conversations/count").json()
    print("\n" + _summary(report))
    assert report.target == "agent-server"
    assert not report.errors, report.errors
    assert all(p.status is not Status.SKIPPED for p in report.phases)
    assert not report.violations, _summary(report)
    for finding in report.known:
        assert finding.classification in KNOWN and finding.reason, finding
    assert after == before  # the writing phases deleted every conversation they created


# -- invariants on synthetic streams, and the documentation ------------------------------------------


def _csue(key: str, value: object, n: int) -> dict:
    return {
        "id": f"e{n}",
        "timestamp": f"2026-01-05T10:00:{n:02d}.000000",
        "source": "environment",
        "key": key,
        "value": value,
        "kind": "ConversationStateUpdateEvent",
    }


def test_a_step_finishing_after_a_pause_needs_its_own_snapshot() -> None:
    from contract.checker.invariants import stream_problems

    snapshot = lambda status, n: _csue("full_state", {"execution_status": status}, n)  # noqa: E731
    action = {
        "id": "a1",
        "timestamp": "2026-01-05T10:00:05.000000",
        "source": "agent",
        "kind": "ActionEvent",
        "thought": [],
        "tool_name": "t",
        "tool_call_id": "c1",
        "tool_call": {},
        "llm_response_id": "r",
        "action": None,
    }
    frames = [
        snapshot("idle", 0),
        _csue("execution_status", "running", 1),
        _csue("execution_status", "paused", 2),
        snapshot("paused", 3),
        action,
    ]
    checks = {p.check for p in stream_problems([*frames, snapshot("paused", 6)], None)}
    assert "streams.run_ends_snapshot" not in checks and "streams.run_starts_running" not in checks
    assert "streams.run_ends_snapshot" in {p.check for p in stream_problems(frames, None)}


def test_every_check_is_documented() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "conformance.md").read_text(encoding="utf-8")
    missing = [cid for cid in CHECKS if f"`{cid}`" not in text]
    assert not missing, missing
