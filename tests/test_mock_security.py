"""Safe by default: the control API is guarded, and no secret or key leaves the mock.

The secret census plants a marked value in every secret-bearing field a client can send and
then reads everything that can carry it back: REST bodies, socket frames (events and session
sockets), the journal and the log. The masks in their place are compared with what the real
1.58.0 server shows for the same requests.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from websockets.sync.client import connect

from contract.client.bodies import message_body, start_conversation_body
from contract.client.control import ControlClient
from contract.client.http import ws_url
from contract.spec.ws_protocol import events_socket_path, session_socket_path
from mockserver.config import MockConfig
from mockserver.control.inspector import is_page_request
from mockserver.runner import MockServer

KEY = "security-key"
SECRET = re.compile(r"SECRET-[A-Za-z0-9_]+")


# -- the control API is guarded ------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(KEY,), cors_origins=("http://localhost:3000",))) as mock:
        yield mock


def _flat(routes: list[Any]) -> Iterator[Any]:
    for route in routes:
        included = getattr(route, "original_router", None)
        yield from _flat(included.routes) if included is not None else [route]


def _control_routes(mock: MockServer) -> list[tuple[str, str]]:
    prefix = mock.config.control_prefix
    sample = "00000000-0000-4000-8000-000000000000"
    return sorted(
        (method, route.path.replace("{conversation_id}", sample).replace("{name}", "plain_reply"))
        for route in _flat(mock.app.full.routes)
        if getattr(route, "path", "").startswith(prefix)
        for method in getattr(route, "methods", ())
        if method != "HEAD"
    )


def test_every_control_route_needs_the_key(guarded: MockServer) -> None:
    """Every one but the inspector page's static files, which hold no data (a browser cannot
    send a header when it navigates; every call the page makes needs the key)."""
    prefix = guarded.config.control_prefix
    page = [(m, p) for m, p in _control_routes(guarded) if is_page_request(prefix, m, p)]
    assert page == [("GET", f"{prefix}/ui"), ("GET", f"{prefix}/ui/{{asset}}")]
    routes = [route for route in _control_routes(guarded) if route not in page]
    assert len(routes) >= 15
    with httpx.Client(base_url=guarded.url, timeout=10) as client:
        for asset in ("", "/inspector.js", "/inspector.css"):
            answer = client.get(f"{prefix}/ui{asset}")
            assert answer.status_code == 200 and KEY not in answer.text
        for method, path in routes:
            for headers in ({}, {"X-Session-API-Key": "wrong"}):
                response = client.request(method, path, headers=headers, json={} if method != "GET" else None)
                assert response.status_code == 401, (method, path, response.text)
        # With the key the same routes answer (whatever they answer, it is not 401).
        for method, path in routes:
            response = client.request(
                method, path, headers={"X-Session-API-Key": KEY}, json={} if method != "GET" else None
            )
            assert response.status_code != 401, (method, path)


def test_an_unauthenticated_caller_cannot_switch_authentication_off(guarded: MockServer) -> None:
    with httpx.Client(base_url=guarded.url, timeout=10) as client:
        assert client.post("/_mock/faults", json={"skip_auth": True}).status_code == 401
        assert client.get("/api/conversations/count").status_code == 401


def test_a_cross_site_form_post_cannot_reset_the_mock(guarded: MockServer) -> None:
    with ControlClient.connect(guarded.endpoint) as control, httpx.Client(base_url=guarded.url, timeout=10) as client:
        control.reset()
        created = client.post(
            "/api/conversations",
            json=start_conversation_body("http://127.0.0.1:9", "x"),
            headers={"X-Session-API-Key": KEY},
        )
        assert created.status_code == 201
        # What a foreign page can send without a preflight: a simple POST, text/plain, its Origin.
        for headers in (
            {"Origin": "https://evil.example", "Content-Type": "text/plain"},
            {"Origin": "https://evil.example", "Content-Type": "text/plain", "X-Session-API-Key": KEY},
        ):
            response = client.post("/_mock/reset", content=b"{}", headers=headers)
            assert response.status_code == 403, response.text
        # A body that is not JSON is refused even with the key and no Origin (curl, scripts).
        response = client.post(
            "/_mock/faults",
            content=b"skip_auth=1",
            headers={"X-Session-API-Key": KEY, "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 415
        count = client.get("/api/conversations/count", headers={"X-Session-API-Key": KEY})
        assert count.json() == 1, "the conversation must survive"


def test_a_listed_origin_and_the_mock_itself_may_call_it(guarded: MockServer) -> None:
    headers = {"X-Session-API-Key": KEY}
    with httpx.Client(base_url=guarded.url, timeout=10, headers=headers) as client:
        assert client.get("/_mock/scenarios", headers={"Origin": "http://localhost:3000"}).status_code == 200
        assert client.get("/_mock/scenarios", headers={"Origin": guarded.url}).status_code == 200
        assert client.get("/_mock/scenarios", headers={"Origin": "http://localhost:3001"}).status_code == 403


def test_a_foreign_host_is_refused(guarded: MockServer) -> None:
    """DNS rebinding: a page whose name resolves to 127.0.0.1 sends its own name as Host."""
    with httpx.Client(base_url=guarded.url, timeout=10, headers={"X-Session-API-Key": KEY}) as client:
        assert client.get("/_mock/journal", headers={"Host": "rebind.evil.example"}).status_code == 403
        assert client.get("/_mock/journal", headers={"Host": f"localhost:{guarded.port}"}).status_code == 200
    with MockServer(MockConfig(api_keys=(KEY,), allowed_hosts=("mock.dev.internal",))) as mock:
        response = httpx.get(
            f"{mock.url}/_mock/journal", headers={"Host": "mock.dev.internal", "X-Session-API-Key": KEY}
        )
        assert response.status_code == 200


def test_a_separate_control_key_is_the_only_key_of_the_control_api() -> None:
    with MockServer(MockConfig(api_keys=(KEY,), control_keys=("control-only",))) as mock:
        assert httpx.get(f"{mock.url}/_mock/scenarios", headers={"X-Session-API-Key": KEY}).status_code == 401
        with ControlClient.connect(mock.endpoint) as control:
            assert control.scenarios().default == "bash_then_finish"


def test_star_cors_never_reflects_an_origin_with_credentials() -> None:
    with MockServer(MockConfig(api_keys=(KEY,), cors_origins=("*",))) as mock:
        headers = {"Origin": "https://evil.example", "X-Session-API-Key": KEY}
        journal = httpx.get(f"{mock.url}/_mock/journal", headers=headers)
        assert journal.status_code == 403  # '*' does not open the control API
        api = httpx.get(f"{mock.url}/api/conversations/count", headers=headers)
        assert api.headers.get("access-control-allow-origin") == "*"
        assert "access-control-allow-credentials" not in api.headers
        preflight = httpx.options(
            f"{mock.url}/api/conversations/count",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
        assert preflight.headers.get("access-control-allow-origin") == "*"
        assert "access-control-allow-credentials" not in preflight.headers


# -- no secret leaves the mock --------------------------------------------------------------------


def _planted(tag: str) -> dict[str, Any]:
    def mark(field: str) -> str:
        return f"SECRET-{tag}-{field}"

    body = start_conversation_body("http://127.0.0.1:9", "plain_reply", autotitle=False)
    body["agent"]["llm"].update(
        api_key=mark("llm_api_key"),
        aws_access_key_id=mark("aws_id"),
        aws_secret_access_key=mark("aws_secret"),
        aws_session_token=mark("aws_token"),
    )
    body["agent"]["condenser"] = {
        "kind": "LLMSummarizingCondenser",
        "llm": {"model": "openai/x", "api_key": mark("condenser_key"), "usage_id": "condenser"},
    }
    body["agent"]["critic"] = {
        "kind": "APIBasedCritic",
        "server_url": "http://127.0.0.1:9",
        "api_key": mark("critic_key"),
        "model_name": "m",
    }
    body["security_analyzer"] = {"kind": "LLMSecurityAnalyzer"}
    body["secrets"] = {
        "AT_CREATE": {"kind": "StaticSecret", "value": mark("create_secret")},
        "LOOKUP": {
            "kind": "LookupSecret",
            "url": "http://127.0.0.1:9/x",
            "headers": {"Authorization": mark("lookup_header"), "X-Plain": "visible"},
        },
    }
    return body


@dataclass
class Census:
    """Everything one conversation with planted secrets sent back."""

    rest: dict[str, str]
    frames: dict[str, list[str]]

    def json(self, name: str) -> Any:
        return json.loads(self.rest[name])


def _census(url: str, key: str, tag: str) -> Census:
    headers = {"X-Session-API-Key": key}
    rest: dict[str, str] = {}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        created = client.post("/api/conversations", json=_planted(tag))
        assert created.status_code == 201, created.text
        rest["create"] = created.text
        cid = created.json()["id"]
        base = f"/api/conversations/{cid}"
        analyzer = {"kind": "GraySwanAnalyzer", "api_key": f"SECRET-{tag}-grayswan"}
        rest["set_analyzer"] = client.post(f"{base}/security_analyzer", json={"security_analyzer": analyzer}).text
        rest["secrets_plain"] = client.post(
            f"{base}/secrets", json={"secrets": {"LATE": f"SECRET-{tag}-late_plain"}}
        ).text
        rest["secrets_static"] = client.post(
            f"{base}/secrets", json={"secrets": {"LATER": {"value": f"SECRET-{tag}-late_value"}}}
        ).text
        rest["get_before_save"] = client.get(base).text
        client.post(
            f"{base}/events", json=message_body("hi")
        )  # a persisted change: REST shows the late secrets from here
        for name, path, params in (
            ("get", base, None),
            ("search", "/api/conversations/search", None),
            ("batch", "/api/conversations", {"ids": cid}),
            ("events", f"{base}/events/search", None),
        ):
            rest[name] = client.get(path, params=params).text
        frames: dict[str, list[str]] = {}
        for name, path in (
            ("events", events_socket_path(cid) + "?resend_mode=all"),
            ("session", session_socket_path(cid) + "?after_seq=-1"),
        ):
            with connect(ws_url(url, path)) as ws:
                ws.send(json.dumps({"type": "auth", "session_api_key": key}))
                frames[name] = _drain(ws)
        client.delete(base)
    return Census(rest, frames)


def _drain(ws: Any, limit: int = 50) -> list[str]:
    """Every frame until the socket is quiet for 1.5 s (bounded)."""
    got: list[str] = []
    while len(got) < limit:
        try:
            got.append(str(ws.recv(timeout=1.5)))
        except TimeoutError:
            break
    return got


def _masks(census: Census) -> dict[str, Any]:
    """The values shown where the planted secrets were."""
    fields = ("api_key", "aws_access_key_id", "aws_secret_access_key", "aws_session_token")
    info = census.json("get")
    snapshot = json.loads(census.frames["events"][0])["value"]

    def agent_masks(agent: dict[str, Any]) -> dict[str, Any]:
        return {
            "llm": {f: agent["llm"].get(f, "<absent>") for f in fields},
            "condenser": agent["condenser"]["llm"].get("api_key", "<absent>"),
            "critic": agent["critic"].get("api_key", "<absent>"),
        }

    return {
        "rest_agent": agent_masks(info["agent"]),
        "socket_agent": agent_masks(snapshot["agent"]),
        "rest_analyzer": info["security_analyzer"].get("api_key"),
        "socket_analyzer": snapshot["security_analyzer"].get("api_key"),
        "rest_registry_at_create": census.json("create")["secret_registry"],
        "rest_registry_before_save": census.json("get_before_save")["secret_registry"],
        "rest_registry": info["secret_registry"],
        "socket_registry": snapshot["secret_registry"],
        "secrets_answers": (census.rest["secrets_plain"], census.rest["secrets_static"]),
    }


def _leaks(texts: list[str]) -> list[str]:
    return sorted({m for text in texts for m in SECRET.findall(text)})


@pytest.fixture(scope="module")
def real_census(real_server: Any) -> Census:
    assert real_server.api_key is not None
    return _census(real_server.url, real_server.api_key, "real")


@pytest.mark.real_server
def test_the_real_server_echoes_none_of_the_planted_secrets(real_census: Census) -> None:
    assert _leaks(list(real_census.rest.values()) + [f for frames in real_census.frames.values() for f in frames]) == []


@pytest.mark.real_server
def test_the_mock_shows_what_the_real_server_shows_and_leaks_nothing(
    real_census: Census, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        census = _census(mock.url, KEY, "mock")
        with ControlClient.connect(mock.endpoint) as control:
            journal = [entry.model_dump_json() for entry in control.journal()]
    texts = list(census.rest.values()) + [f for frames in census.frames.values() for f in frames] + journal
    texts += [record.getMessage() for record in caplog.records]
    assert _leaks(texts) == []
    assert not [t for t in journal if KEY in t], "the journal must not record the session key (auth frames)"
    assert _masks(census) == _masks(real_census)


def test_settings_and_profile_secrets_are_not_echoed() -> None:
    """Settings, secrets and profiles are canned on the mock: what is sent never comes back."""
    with (
        MockServer(MockConfig(api_keys=(KEY,))) as mock,
        httpx.Client(base_url=mock.url, headers={"X-Session-API-Key": KEY}, timeout=10) as client,
    ):
        sent = [
            client.patch(
                "/api/settings", json={"agent_settings": {"llm": {"model": "m", "api_key": "SECRET-settings-llm"}}}
            ),
            client.put("/api/settings/secrets", json={"name": "TOKEN", "value": "SECRET-settings-secret"}),
            client.post(
                f"/api/profiles/p{uuid.uuid4().hex[:6]}", json={"llm": {"model": "m", "api_key": "SECRET-profile-key"}}
            ),
        ]
        read = [client.get(path) for path in ("/api/settings", "/api/settings/secrets", "/api/profiles")]
    assert _leaks([r.text for r in sent + read]) == []
