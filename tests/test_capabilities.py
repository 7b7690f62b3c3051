"""``/server_info`` claims only capabilities whose behaviour the mock has: each claimed one is
exercised here, and all of them are capabilities the real server claims."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest

from contract.client.bodies import UNREACHABLE_LLM_URL, start_conversation_body
from contract.harness.real_server import RealServer
from mockserver.config import MockConfig
from mockserver.routes.health import CAPABILITIES
from mockserver.runner import MockServer


def _idempotent_create(http: httpx.Client) -> None:
    body = {**start_conversation_body(UNREACHABLE_LLM_URL, "plain_reply"), "conversation_id": str(uuid.uuid4())}
    first, second = http.post("/api/conversations", json=body), http.post("/api/conversations", json=body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"] == body["conversation_id"]


def _runtime_routes(http: httpx.Client) -> None:
    body = start_conversation_body(UNREACHABLE_LLM_URL, "plain_reply", working_dir="/srv/project")
    created = http.post("/api/conversations", json=body).json()
    root = created["workspace"]["working_dir"]
    inside = http.get(f"/api/conversations/{created['id']}/git/changes", params={"path": root})
    outside = http.get(f"/api/conversations/{created['id']}/git/changes", params={"path": "/etc"})
    unknown = http.get(f"/api/conversations/{uuid.uuid4()}/git/changes", params={"path": root})
    assert (inside.status_code != 404, outside.status_code, unknown.status_code) == (True, 422, 404)


BEHAVIOUR: dict[str, Callable[[httpx.Client], None]] = {
    "idempotent_conversation_create_v1": _idempotent_create,
    "conversation_runtime_routes_v1": _runtime_routes,
}


def test_every_claimed_capability_is_exercised() -> None:
    assert set(CAPABILITIES) == set(BEHAVIOUR)
    with MockServer(MockConfig()) as mock, httpx.Client(base_url=mock.url, timeout=30) as http:
        assert http.get("/server_info").json()["capabilities"] == list(CAPABILITIES)
        for capability in CAPABILITIES:
            BEHAVIOUR[capability](http)


@pytest.mark.real_server
def test_claimed_capabilities_are_the_real_servers(real_server: RealServer) -> None:
    real = httpx.get(f"{real_server.url}/server_info", timeout=30).json()["capabilities"]
    assert set(CAPABILITIES) <= set(real)
