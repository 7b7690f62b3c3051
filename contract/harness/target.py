"""A running agent server for a test: the mock, the real server, or any URL, behind one handle.

The pytest plugin's ``agent_server`` fixture is an :class:`AgentServer`. Its helpers make one test
run unchanged on every target: on the real server the agent's LLM is the scripted LLM (the model
name picks the scenario), on the mock the scenario tag does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from contract.client.api import SETTLED_STATUSES, AgentServerClient
from contract.client.bodies import SCENARIO_TAG, UNREACHABLE_LLM_URL, scripted_llm_settings
from contract.client.control import ControlClient
from contract.client.http import session_headers
from contract.harness.scenario import DEFAULT_SCENARIO, bundled_scenarios, conversation_body
from contract.spec.control_api import FaultSettings, JournalEntry
from contract.spec.ws_protocol import STATE_UPDATE_KIND

Target = Literal["mock", "real", "url"]


class NotAMock(RuntimeError):
    """A helper that only the mock has (journal, faults) was used against another server."""


@dataclass
class AgentServer:
    """What a test gets from the ``agent_server`` fixture.

    ``mock`` is the in-process mock's state (store, engine, faults, journal) when the target is
    the plugin's own mock, else None.
    """

    url: str
    api_key: str | None
    target: Target
    mock: Any = None
    scripted_llm_url: str | None = None
    _client: httpx.Client | None = field(default=None, repr=False)

    @property
    def headers(self) -> dict[str, str]:
        return session_headers(self.api_key)

    @property
    def http(self) -> httpx.Client:
        """An httpx client bound to the server, with the session key set."""
        if self._client is None:
            self._client = httpx.Client(base_url=self.url, timeout=30)
        self._client.headers = httpx.Headers(self.headers)  # the key may change from test to test
        return self._client

    @property
    def api(self) -> AgentServerClient:
        """The conversation calls (create, send_message, run, events, wait_for_status, ...)."""
        return AgentServerClient(self.http)

    @property
    def control(self) -> ControlClient:
        """The mock's control API (raises :class:`NotAMock` on other servers when used)."""
        return ControlClient(self.http)

    @property
    def ws_url(self) -> str:
        return "ws" + self.url.removeprefix("http")

    def llm_settings(self, scenario: str) -> dict[str, Any]:
        """Keyword arguments for the SDK's ``LLM(...)`` so a conversation runs ``scenario``.

        On the real server the agent's LLM must be the scripted LLM (the model name picks the
        scenario); the mock ignores the LLM and uses :meth:`tags` instead. Passing both makes one
        test work unchanged on every target.
        """
        return scripted_llm_settings(self.scripted_llm_url, scenario)

    def tags(self, scenario: str) -> dict[str, str]:
        """Conversation tags that select ``scenario`` on the mock."""
        return {SCENARIO_TAG: scenario}

    def create_conversation(self, scenario: str | None = None, **body: Any) -> str:
        """Start a conversation running ``scenario`` on any target; returns its id."""
        name = scenario or DEFAULT_SCENARIO
        request = conversation_body(
            self.scripted_llm_url or UNREACHABLE_LLM_URL, bundled_scenarios()[name], tag_scenario=scenario is not None
        )
        if scenario is None:
            request.pop("confirmation_policy", None)  # the mock's default scenario decides
        info = self.api.create({**request, **body})
        return str(info["id"])

    def send_message(self, conversation_id: str, text: str, *, run: bool = True) -> None:
        self.api.send_message(conversation_id, text, run=run)

    def events(self, conversation_id: str) -> list[dict[str, Any]]:
        """The persisted event log, all pages."""
        return self.api.events(conversation_id)

    def wait_for_status(self, conversation_id: str, *statuses: str, timeout: float = 10.0) -> str:
        """Poll until the conversation's execution status is one of ``statuses`` (default: any settled one)."""
        try:
            return self.api.wait_for_status(conversation_id, statuses or SETTLED_STATUSES, timeout_s=timeout)
        except TimeoutError as exc:
            raise AssertionError(str(exc)) from None

    def assert_event_sequence(
        self, conversation_id: str, expected: Iterable[str], *, ignore_stats: bool = True
    ) -> None:
        """The log's kinds (state updates as ``CSUE:<key>``) must contain ``expected`` in order."""
        wanted = list(expected)
        actual = [
            f"CSUE:{e['key']}" if e["kind"] == STATE_UPDATE_KIND else e["kind"]
            for e in self.events(conversation_id)
            if not (ignore_stats and e.get("key") == "stats")
        ]
        position = 0
        for token in actual:
            if position < len(wanted) and token == wanted[position]:
                position += 1
        if position < len(wanted):
            raise AssertionError(
                f"event sequence mismatch: missing {wanted[position]!r} (after {wanted[:position]})\nactual: {actual}"
            )

    def journal(self, channel: str | None = None) -> list[JournalEntry]:
        """Requests answered and frames sent and received (mock only)."""
        self._require_mock("journal")
        return self.control.journal(channel)

    def set_faults(self, **settings: Any) -> None:
        """Arm fault knobs (mock only), e.g. ``set_faults(omit_snapshot=1)``."""
        self._require_mock("faults")
        self.control.set_faults(FaultSettings(**settings))

    def _require_mock(self, what: str) -> None:
        if self.target != "mock" and not self.control.is_mock():
            raise NotAMock(f"{what} is only available on the ohmock mock (this server at {self.url} is not one)")
