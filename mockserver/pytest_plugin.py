"""pytest plugin: a real, contract-checked agent server for every test.

Installed through the ``pytest11`` entry point, so ``pip install ohmock`` is all a downstream
repo needs. The server starts once per worker (pytest-xdist safe: each worker has its own port)
and is reset before every test, so tests are isolated.

    def test_agent_finishes(agent_server):
        conversation = Conversation(agent=agent, workspace=Workspace(host=agent_server.url,
                                    api_key=agent_server.api_key), tags={"scenario": "plain_reply"})
        ...

Options: ``--agent-server=mock`` (default), ``real`` (the real openhands-agent-server started
locally with the scripted LLM; needs the package installed) or a base URL; ``--agent-server-api-key``
for a URL; ``--agent-server-strict/--no-agent-server-strict`` (strict checking of every response
and frame, on by default against the mock). Marker:
``@pytest.mark.agent_server(scenario="plain_reply", speed=0, api_key="k", faults={...}, strict=True)``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from contract.scenario import load_directory
from mockserver.config import MockConfig
from mockserver.faults import FaultSettings

DEFAULT_API_KEY = "ohmock-test-key"
# Statuses in which no run is in progress.
SETTLED_STATUSES = frozenset({"finished", "error", "stuck", "paused", "waiting_for_confirmation", "idle"})
_MARKER = "agent_server"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ohmock", "OpenHands agent-server mock (ohmock)")
    group.addoption("--agent-server", default="mock", help="mock (default), real, or the base URL of a running agent server")
    group.addoption("--agent-server-api-key", default=None, help="session API key of the server given by URL")
    group.addoption(
        "--agent-server-strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="check every response and frame against the contract (default: on for the mock)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "agent_server(scenario=None, speed=0, api_key=..., faults=None, strict=None): configure the ohmock agent server for this test",
    )


@dataclass
class AgentServer:
    """What a test gets from the ``agent_server`` fixture."""

    url: str
    api_key: str | None
    target: str  # "mock", "real" or "url"
    mock: Any = None  # mockserver.state.MockState for the mock target
    scripted_llm_url: str | None = None
    _client: httpx.Client | None = field(default=None, repr=False)

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Session-API-Key": self.api_key} if self.api_key else {}

    @property
    def http(self) -> httpx.Client:
        """An httpx client bound to the server, with the session key set."""
        if self._client is None:
            self._client = httpx.Client(base_url=self.url, timeout=30)
        self._client.headers = httpx.Headers(self.headers)  # the key may change from test to test
        return self._client

    @property
    def ws_url(self) -> str:
        return "ws" + self.url.removeprefix("http")

    def llm_settings(self, scenario: str) -> dict[str, Any]:
        """Keyword arguments for the SDK's ``LLM(...)`` so a conversation runs ``scenario``.

        On the real server the agent's LLM must be the scripted LLM (the model name picks the
        scenario); the mock ignores the LLM and uses :meth:`tags` instead. Passing both makes one
        test work unchanged on every target.
        """
        settings: dict[str, Any] = {"model": f"openai/{scenario}", "api_key": "sk-scripted", "usage_id": "agent", "num_retries": 0}
        if self.scripted_llm_url:
            settings["base_url"] = self.scripted_llm_url.rstrip("/") + "/v1"
        return settings

    def tags(self, scenario: str) -> dict[str, str]:
        """Conversation tags that select ``scenario`` on the mock."""
        return {"scenario": scenario}

    def create_conversation(self, scenario: str | None = None, **body: Any) -> str:
        """Start a conversation running ``scenario`` on any target; returns its id."""
        if self.target == "real" or (self.target == "url" and self.scripted_llm_url):
            from contract.real_server import start_conversation_body

            name = scenario or "bash_then_finish"
            policy = load_directory()[name].confirmation_policy
            request = {**start_conversation_body(self.scripted_llm_url, name, confirmation_policy=policy), **body}
        else:
            request = {
                "agent": {"kind": "Agent", "llm": {"model": "ohmock", "api_key": "unused", "usage_id": "agent"}, "tools": [{"name": "terminal"}]},
                "workspace": {"working_dir": "workspace/project"},
                **body,
            }
            if scenario:
                request["tags"] = {**request.get("tags", {}), "scenario": scenario}
        response = self.http.post("/api/conversations", json=request)
        response.raise_for_status()
        return response.json()["id"]

    def send_message(self, conversation_id: str, text: str, *, run: bool = True) -> None:
        response = self.http.post(f"/api/conversations/{conversation_id}/events", json={"role": "user", "content": [{"type": "text", "text": text}], "run": run})
        response.raise_for_status()

    def events(self, conversation_id: str) -> list[dict[str, Any]]:
        """The persisted event log, all pages."""
        items: list[dict[str, Any]] = []
        page_id = None
        for _ in range(10_000):  # bounded: 100 per page
            params = {"limit": 100, **({"page_id": page_id} if page_id else {})}
            page = self.http.get(f"/api/conversations/{conversation_id}/events/search", params=params).raise_for_status().json()
            items += page["items"]
            page_id = page.get("next_page_id")
            if not page_id:
                break
        return items

    def wait_for_status(self, conversation_id: str, *statuses: str, timeout: float = 10.0) -> str:
        """Poll until the conversation's execution status is one of ``statuses`` (default: any settled one)."""
        wanted = set(statuses) or SETTLED_STATUSES
        deadline = time.monotonic() + timeout
        status = None
        while time.monotonic() < deadline:
            status = self.http.get(f"/api/conversations/{conversation_id}").raise_for_status().json()["execution_status"]
            if status in wanted:
                return status
            time.sleep(0.02)
        raise AssertionError(f"conversation {conversation_id} is {status!r}, not {sorted(wanted)} after {timeout} s")

    def assert_event_sequence(self, conversation_id: str, expected: list[str], *, ignore_stats: bool = True) -> None:
        """The log's kinds (state updates as ``CSUE:<key>``) must contain ``expected`` in order."""
        actual = [
            f"CSUE:{e['key']}" if e["kind"] == "ConversationStateUpdateEvent" else e["kind"]
            for e in self.events(conversation_id)
            if not (ignore_stats and e.get("key") == "stats")
        ]
        position = 0
        for token in actual:
            if position < len(expected) and token == expected[position]:
                position += 1
        if position < len(expected):
            raise AssertionError(f"event sequence mismatch: missing {expected[position]!r} (after {expected[:position]})\nactual: {actual}")

    def journal(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Requests answered and frames sent (mock only)."""
        self._require_mock("journal")
        return self.mock.journal.entries(channel)

    def set_faults(self, **settings: Any) -> None:
        """Arm fault knobs (mock only), e.g. ``set_faults(omit_snapshot=1)``."""
        self._require_mock("faults")
        self.mock.faults.apply(FaultSettings(**settings))

    def _require_mock(self, what: str) -> None:
        if self.mock is None:
            pytest.skip(f"{what} is only available with --agent-server=mock")


class _Servers:
    """Per-worker servers, started on first use."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.mock_server: Any = None
        self.real_server: Any = None
        self.scripted_llm: Any = None
        self._clients: dict[str, httpx.Client] = {}

    def client(self, url: str) -> httpx.Client:
        """One HTTP client per server for the whole session: creating one costs ~20 ms (TLS setup)."""
        if url not in self._clients:
            self._clients[url] = httpx.Client(base_url=url, timeout=30)
        return self._clients[url]

    def mock(self) -> Any:
        if self.mock_server is None:
            from mockserver.runner import MockServer

            self.mock_server = MockServer(MockConfig(api_keys=(DEFAULT_API_KEY,))).start()
        return self.mock_server

    def real(self) -> tuple[Any, Any]:
        if self.real_server is None:
            from contract.real_server import RealServer
            from contract.scripted_llm import ScriptedLLM

            self.scripted_llm = ScriptedLLM().start()
            self.real_server = RealServer(api_key=DEFAULT_API_KEY).start()
        return self.real_server, self.scripted_llm

    def stop(self) -> None:
        for client in self._clients.values():
            client.close()
        for server in (self.mock_server, self.real_server, self.scripted_llm):
            if server is not None:
                server.stop()


@pytest.fixture(scope="session")
def _agent_servers(pytestconfig: pytest.Config) -> Iterator[_Servers]:
    servers = _Servers(pytestconfig)
    yield servers
    servers.stop()


@pytest.fixture
def agent_server(request: pytest.FixtureRequest, _agent_servers: _Servers) -> Iterator[AgentServer]:
    """A running agent server for this test: the mock (reset, configured by the marker), the
    real server, or the URL given with ``--agent-server``."""
    target = request.config.getoption("--agent-server")
    marker = request.node.get_closest_marker(_MARKER)
    options = dict(marker.kwargs) if marker else {}
    strict_option = request.config.getoption("--agent-server-strict")
    if target == "mock":
        mock = _agent_servers.mock()
        state = mock.state
        api_key = options.get("api_key", DEFAULT_API_KEY)
        state.reconfigure(
            api_keys=(api_key,) if api_key else (),
            speed=float(options.get("speed", 0.0)),
            default_scenario=options.get("scenario") or "bash_then_finish",
        )
        if options.get("faults"):
            state.faults.apply(FaultSettings(**options["faults"]))
        state.strict = options.get("strict", True if strict_option is None else strict_option)
        server = AgentServer(url=mock.url, api_key=api_key, target="mock", mock=state)
    elif target == "real":
        real, llm = _agent_servers.real()
        server = AgentServer(url=real.url, api_key=real.api_key, target="real", scripted_llm_url=llm.url)
    else:
        server = AgentServer(url=target.rstrip("/"), api_key=request.config.getoption("--agent-server-api-key"), target="url")
    server._client = _agent_servers.client(server.url)
    yield server
    if server.mock is not None and server.mock.strict and server.mock.violations:
        problems = "\n  ".join(dict.fromkeys(server.mock.violations))
        server.mock.strict = False
        pytest.fail(f"the agent server sent responses or frames that break the contract:\n  {problems}", pytrace=False)


@pytest.fixture
def agent_server_url(agent_server: AgentServer) -> str:
    """Base URL of the test's agent server."""
    return agent_server.url


@pytest.fixture
def agent_server_app(request: pytest.FixtureRequest, agent_server: AgentServer) -> Any:
    """The mock's ASGI app, for in-process clients (``httpx.ASGITransport(app=...)``) without sockets."""
    if agent_server.mock is None:
        pytest.skip("the in-process app exists only with --agent-server=mock")
    return request.getfixturevalue("_agent_servers").mock().app


@pytest.fixture
def agent_server_client(agent_server_app: Any, agent_server: AgentServer) -> Iterator[Any]:
    """A synchronous in-process client of the mock (Starlette TestClient, an httpx.Client)."""
    from starlette.testclient import TestClient

    with TestClient(agent_server_app, base_url="http://ohmock", headers=agent_server.headers) as client:
        yield client
