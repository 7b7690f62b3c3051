"""State shared by the phases of one conformance run: options, budget, findings, conversations."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from contract.checker.catalogue import CHECKS
from contract.checker.invariants import Problem
from contract.checker.model import Classification, Finding, Report
from contract.checker.repro import KEY_HEADER, curl, mask
from contract.client.waiting import Deadline
from contract.harness.scenario import Scenario, bundled_scenarios

UNREACHABLE_LLM_URL = "http://127.0.0.1:9/v1"
"""LLM base URL for conversations whose runs should fail fast (nothing listens on port 9)."""
SCENARIO_TAG = "scenario"
"""The mock picks a conversation's scenario from this tag; other servers just store it."""

Progress = Callable[[str, dict[str, Any]], None]


class UnusableResponse(Exception):
    """A response the checker builds on lacks the documented shape (a created conversation
    without an id, a search that is no page): a violation of ``server.usable_responses``, which
    ends the step that needed it, never a checker crash."""

    def __init__(self, operation: str, message: str, reproducer: str = "") -> None:
        super().__init__(message)
        self.operation, self.message, self.reproducer = operation, message, reproducer


@dataclass
class Options:
    base_url: str
    api_key: str | None = None
    seed: int = 0
    allow_writes: bool = False
    llm_url: str | None = None
    """OpenAI base URL of a scripted LLM the server can reach (ends in /v1), or None."""
    include_operations: tuple[str, ...] = ()
    request_timeout_s: float = 10.0
    run_timeout_s: float = 30.0
    """Bound on one run (from the request that starts it to its end-of-run snapshot)."""
    max_frames: int = 5000
    """Event budget per socket: reading stops (and is reported) after this many frames."""
    ws_auth_timeout: bool | None = None
    """Run the 10 s silent-auth check: True, False, or None = when the phase budget allows it."""
    fail_fast: bool = False
    """End the run at the first violation (what is in flight finishes; nothing new starts)."""


@dataclass
class Context:
    options: Options
    report: Report
    progress: Progress = lambda kind, data: None
    scenarios: dict[str, Scenario] = field(default_factory=bundled_scenarios)
    is_mock: bool = False
    created: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    phase_deadline: float = float("inf")
    responsive_check: str = "server.reachable"
    """The ``<phase>.responsive`` check of the running phase (counts sockets opened and runs driven)."""
    begun: dict[str, Any] = field(default_factory=dict)
    """What a phase's ``begin`` started when the run started, by phase name (see the runner)."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- budget ----------------------------------------------------------------------------------

    def remaining(self) -> float:
        """Seconds left in the running phase (none once a fail-fast run has its violation)."""
        return 0.0 if self.halted else self.phase_deadline - time.monotonic()

    @property
    def halted(self) -> bool:
        return self.report.stopped_early is not None

    def out_of_time(self, reserve_s: float = 0.0) -> bool:
        return self.remaining() <= reserve_s

    # -- findings ---------------------------------------------------------------------------------

    def executed(self, check: str, n: int = 1) -> None:
        with self._lock:
            if check in self.report.checks:
                self.report.checks[check].executions += n

    def record(
        self,
        check: str,
        message: str,
        *,
        classification: Classification = Classification.VIOLATION,
        reproducer: str = "",
        operation: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Add a finding (the same check + operation + message only counts up)."""
        if check not in CHECKS:
            raise KeyError(f"unknown check {check!r}")
        with self._lock:
            result = self.report.checks.get(check)
            if result is None:
                return  # the check's phase is not selected
            result.executions = max(result.executions, 1)
            finding = Finding(check, message, classification, mask(reproducer, self.options.api_key), operation, reason)
            for existing in result.findings:
                if existing.key() == finding.key():
                    existing.count += 1
                    return
            result.findings.append(finding)
            if self.options.fail_fast and classification is Classification.VIOLATION and not self.halted:
                self.report.stopped_early = f"stopped at the first violation ({check}; --fail-fast)"
        self.progress("finding", {"check": check, "message": message, "classification": classification.value})

    def record_problems(self, problems: list[Problem], *, reproducer: str = "", operation: str | None = None) -> None:
        for problem in problems:
            self.record(
                problem.check,
                problem.message,
                classification=problem.classification,
                reproducer=reproducer,
                operation=operation,
                reason=problem.reason,
            )

    # -- HTTP ------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self.options.base_url.rstrip("/")

    @property
    def headers(self) -> dict[str, str]:
        return {KEY_HEADER: self.options.api_key} if self.options.api_key else {}

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers=self.headers,
            timeout=self.options.request_timeout_s,
            event_hooks={"response": [self.observe_response]},
        )

    def async_client(self) -> httpx.AsyncClient:
        async def observe(response: httpx.Response) -> None:
            self.observe_response(response)

        return httpx.AsyncClient(
            base_url=self.base_url,
            headers=self.headers,
            timeout=self.options.request_timeout_s,
            event_hooks={"response": [observe]},
        )

    def observe_response(self, response: httpx.Response) -> None:
        """Coverage: the operation and status of every answer the checker gets."""
        self.report.coverage.http(response.request.method, response.request.url.path, response.status_code)

    def created_id(self, response: httpx.Response, body: dict[str, Any]) -> str:
        """The id of the conversation ``POST /api/conversations`` created (UnusableResponse when
        the answer has none)."""
        try:
            data = response.json()
        except ValueError:
            data = None
        created = data.get("id") if isinstance(data, dict) else None
        self.executed("server.usable_responses")
        try:
            return str(uuid.UUID(str(created)))
        except ValueError:
            raise UnusableResponse(
                "POST /api/conversations",
                f"the created conversation has no id: {str(data)[:200]}",
                self.curl("POST", "/api/conversations", json_body=body),
            ) from None

    def record_unusable(self, error: UnusableResponse) -> None:
        self.record("server.usable_responses", error.message, reproducer=error.reproducer, operation=error.operation)

    def curl(self, method: str, path: str, **kwargs: Any) -> str:
        return curl(method, self.base_url + path, api_key=self.options.api_key, **kwargs)

    # -- conversations ---------------------------------------------------------------------------

    @property
    def can_play_scenarios(self) -> bool:
        """Runs follow the scenario turns: on the mock (tag) or with a scripted LLM."""
        return self.is_mock or self.options.llm_url is not None

    def conversation_body(self, scenario: str) -> dict[str, Any]:
        """A StartConversationRequest that plays ``scenario`` on the mock and with the scripted LLM.

        Without a scripted LLM on a real server the agent's LLM is unreachable, so every run ends
        quickly in ``error`` (still a complete run for the stream invariants).
        """
        from contract.harness.scenario import conversation_body

        body = conversation_body(self.options.llm_url or UNREACHABLE_LLM_URL, self.scenarios[scenario])
        body["tags"] = {SCENARIO_TAG: scenario}
        return body

    def note_created(self, conversation_id: str) -> None:
        with self._lock:
            self.created.add(conversation_id)

    def note_deleted(self, conversation_id: str) -> None:
        with self._lock:
            self.deleted.add(conversation_id)

    def cleanup(self) -> None:
        """Delete every conversation the checker created and did not delete (bounded)."""
        leftover = sorted(self.created - self.deleted)
        if self.created:
            self.executed("server.cleanup")
        if not leftover:
            return
        deadline = Deadline(max(5.0, 2 * self.options.request_timeout_s))
        with self.client() as http:
            for conversation_id in leftover:
                if deadline.expired:
                    break
                try:
                    response = http.delete(f"/api/conversations/{conversation_id}")
                except httpx.HTTPError:
                    continue
                if response.status_code in (200, 404):
                    self.deleted.add(conversation_id)
        still = sorted(self.created - self.deleted)
        if still:
            self.record(
                "server.cleanup",
                f"{len(still)} conversation(s) created by the checker could not be deleted: {', '.join(still[:5])}",
                reproducer=self.curl("DELETE", f"/api/conversations/{still[0]}"),
            )
