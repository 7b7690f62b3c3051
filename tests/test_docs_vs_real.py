"""The documents a server publishes about itself: the mock serves the real server's.

``GET /openapi.json`` is the agent-server spec of the version the mock mimics (what client
generators and ``st run <server>/openapi.json`` read), and the Swagger UI and ReDoc pages are the
real server's; the control API documents itself under its own prefix.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import httpx
import pytest

from contract.harness.real_server import RealServer
from contract.spec.documents import pinned_spec
from mockserver.config import MockConfig
from mockserver.runner import MockServer

KEY = "docs-key"
PAGES = ("/docs", "/redoc", "/docs/oauth2-redirect")


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(KEY,))) as server:
        yield server


def test_the_mock_serves_the_pinned_agent_server_spec_without_a_key(mock: MockServer) -> None:
    response = httpx.get(f"{mock.url}/openapi.json", timeout=30)
    assert response.status_code == 200
    assert response.json() == pinned_spec()
    assert "/_mock/reset" not in response.json()["paths"]  # the control API is not the agent server's


def test_the_control_api_documents_itself_behind_its_key(mock: MockServer) -> None:
    url = f"{mock.url}{mock.config.control_prefix}/openapi.json"
    assert httpx.get(url, timeout=30).status_code == 401
    document = httpx.get(url, headers={"X-Session-API-Key": KEY}, timeout=30).json()
    assert {"/_mock/reset", "/_mock/faults", "/_mock/journal", "/_mock/scenarios"} <= set(document["paths"])
    assert all(path.startswith("/_mock/") for path in document["paths"])


@pytest.fixture(scope="module")
def fresh_real_server() -> Iterator[RealServer]:
    """A real server of its own: the session's, after other tests used it, served a different
    document (its spec is what a client reads from a server as started)."""
    if importlib.util.find_spec("openhands.agent_server") is None:
        pytest.skip("openhands-agent-server is not installed (install the 'test' extra)")
    with RealServer(api_key=KEY) as server:
        yield server


@pytest.mark.real_server
def test_the_real_server_publishes_the_same_documents(fresh_real_server: RealServer, mock: MockServer) -> None:
    real_server = fresh_real_server
    real_spec = httpx.get(f"{real_server.url}/openapi.json", timeout=60)
    mock_spec = httpx.get(f"{mock.url}/openapi.json", timeout=60)
    assert (mock_spec.status_code, mock_spec.json()) == (real_spec.status_code, real_spec.json())
    for page in PAGES:
        real, served = httpx.get(real_server.url + page, timeout=30), httpx.get(mock.url + page, timeout=30)
        assert (served.status_code, served.headers["content-type"]) == (real.status_code, real.headers["content-type"])
        assert served.text == real.text, page
