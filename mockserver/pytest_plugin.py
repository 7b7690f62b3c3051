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
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contract.harness.scenario import DEFAULT_SCENARIO
from contract.harness.target import AgentServer
from contract.spec.control_api import FaultSettings
from mockserver.config import MockConfig

__all__ = ["AgentServer"]

DEFAULT_API_KEY = "ohmock-test-key"
_MARKER = "agent_server"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ohmock", "OpenHands agent-server mock (ohmock)")
    group.addoption(
        "--agent-server", default="mock", help="mock (default), real, or the base URL of a running agent server"
    )
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
            from contract.harness.real_server import RealServer
            from contract.harness.scripted_llm import ScriptedLLM

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
            default_scenario=options.get("scenario") or DEFAULT_SCENARIO,
        )
        if options.get("faults"):
            state.faults.apply(FaultSettings(**options["faults"]))
        state.strict = options.get("strict", True if strict_option is None else strict_option)
        server = AgentServer(url=mock.url, api_key=api_key, target="mock", mock=state)
    elif target == "real":
        real, llm = _agent_servers.real()
        server = AgentServer(url=real.url, api_key=real.api_key, target="real", scripted_llm_url=llm.url)
    else:
        server = AgentServer(
            url=target.rstrip("/"), api_key=request.config.getoption("--agent-server-api-key"), target="url"
        )
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

    with TestClient(agent_server_app, base_url="http://127.0.0.1", headers=agent_server.headers) as client:
        yield client
