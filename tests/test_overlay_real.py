"""Each corrections-overlay action, shown against the real openhands-agent-server 1.58.0.

contract/spec/overlay.yaml names one of these tests in every action's ``x-test``; test_spec.py fails
when an action names none. Each test asserts what the real server does and that the effective
spec (through the generated models) now describes it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contract.client.bodies import start_conversation_body
from contract.generated import models
from contract.harness.driver import run_client_script
from contract.harness.real_server import RealServer
from contract.harness.scenario import bundled_scenarios
from contract.harness.scripted_llm import ScriptedLLM
from contract.spec.documents import effective_spec
from contract.spec.events import parse_event

pytestmark = pytest.mark.real_server
UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def client(real_server: RealServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=real_server.url, headers=real_server.headers, timeout=30) as http:
        yield http


@pytest.fixture
def conversation(client: httpx.Client, scripted_llm: ScriptedLLM) -> Iterator[str]:
    response = client.post(
        "/api/conversations", json=start_conversation_body(scripted_llm.url, "bash_then_finish", autotitle=False)
    )
    assert response.status_code == 201, response.text
    cid = response.json()["id"]
    yield cid
    client.delete(f"/api/conversations/{cid}")


def _mapping(union: str) -> dict[str, str]:
    return effective_spec()["components"]["schemas"][union]["discriminator"]["mapping"]


def test_added_components_match_real_bodies(client: httpx.Client, conversation: str) -> None:
    not_found = client.get(f"/api/conversations/{UNKNOWN}")
    assert not_found.status_code == 404
    models.ErrorDetail.model_validate(not_found.json())
    client.post(
        f"/api/conversations/{conversation}/events", json={"role": "user", "content": [{"type": "text", "text": "hi"}]}
    )
    page = client.get(f"/api/conversations/{conversation}/events/search").json()
    models.EventPage.model_validate(page)


def test_401_on_secured_operations(real_server: RealServer) -> None:
    with httpx.Client(base_url=real_server.url, timeout=30) as anonymous:
        # 401 wins over 404 (unknown id), 422 (bad UUID, bad body) and routing of any method.
        for method, path, body in [
            ("GET", f"/api/conversations/{UNKNOWN}", None),
            ("GET", "/api/conversations/not-a-uuid", None),
            ("POST", "/api/conversations", {"nonsense": True}),
            ("GET", f"/api/conversations/{UNKNOWN}/events/search", None),
        ]:
            response = anonymous.request(
                method, path, json=body, headers={"X-Session-API-Key": "wrong"} if "events" in path else {}
            )
            assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"}), path
    operation = effective_spec()["paths"]["/api/conversations/{conversation_id}"]["get"]
    assert operation["responses"]["401"] == {"$ref": "#/components/responses/Unauthorized"}


def test_500_body_shape(real_server: RealServer, conversation: str) -> None:
    # A fresh connection: the server resets the connection after an unhandled 500.
    response = httpx.post(
        f"{real_server.url}/api/conversations/{conversation}/events",
        json={"role": "assistant", "content": [{"type": "text", "text": "x"}]},
        headers=real_server.headers,
        timeout=30,
    )
    assert response.status_code == 500
    body = models.InternalServerError.model_validate(response.json())
    assert body.exception == "Only user messages are allowed to be sent to the agent."
    assert body.error_id and len(body.error_id) == 32


def test_error_bodies_are_detail_objects(client: httpx.Client, conversation: str) -> None:
    assert client.post(f"/api/conversations/{UNKNOWN}/run").json() == {"detail": "Not Found"}
    condense = client.post(f"/api/conversations/{conversation}/condense")
    assert condense.status_code == 409
    assert models.ErrorDetail.model_validate(condense.json()).detail.startswith("Cannot condense conversation")
    schema = effective_spec()["paths"]["/api/conversations/{conversation_id}/condense"]["post"]["responses"]["409"]
    assert schema["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorDetail"}


def test_event_search_page_shape(client: httpx.Client, conversation: str) -> None:
    client.post(
        f"/api/conversations/{conversation}/events", json={"role": "user", "content": [{"type": "text", "text": "hi"}]}
    )
    first = client.get(f"/api/conversations/{conversation}/events/search", params={"limit": 1}).json()
    assert set(first) == {"items", "next_page_id"} and len(first["items"]) == 1
    assert first["next_page_id"] is not None  # inclusive cursor: the next page's first id
    second = client.get(
        f"/api/conversations/{conversation}/events/search", params={"limit": 1, "page_id": first["next_page_id"]}
    ).json()
    assert second["items"][0]["id"] == first["next_page_id"]
    for item in first["items"] + second["items"]:
        assert parse_event(item).is_known


def test_start_conversation_201_then_200(client: httpx.Client, scripted_llm: ScriptedLLM) -> None:
    cid = str(uuid.uuid4())
    body = {**start_conversation_body(scripted_llm.url, "bash_then_finish", autotitle=False), "conversation_id": cid}
    created = client.post("/api/conversations", json=body)
    again = client.post("/api/conversations", json={**body, "max_iterations": 7})
    client.delete(f"/api/conversations/{cid}")
    assert (created.status_code, again.status_code) == (201, 200)
    assert again.json()["max_iterations"] == created.json()["max_iterations"]  # the rest of the body is ignored
    for response in (created, again):
        models.ConversationInfo.model_validate(response.json())


def test_events_routes_404_for_unknown_conversation(client: httpx.Client) -> None:
    expected = {"detail": f"Conversation not found: {UNKNOWN}"}
    post = client.post(f"/api/conversations/{UNKNOWN}/events", json={"role": "user", "content": []})
    batch = client.request("GET", f"/api/conversations/{UNKNOWN}/events", json=["x"])
    assert (post.status_code, post.json()) == (404, expected)
    assert (batch.status_code, batch.json()) == (404, expected)


def test_kind_is_required_in_request_unions(client: httpx.Client, conversation: str) -> None:
    response = client.post(f"/api/conversations/{conversation}/confirmation_policy", json={"policy": {}})
    assert response.status_code == 422
    assert "Unknown kind ''" in json.dumps(response.json())
    assert "kind" in effective_spec()["components"]["schemas"]["AlwaysConfirm-Input"]["required"]


def test_wire_kinds_are_mapping_keys(real_server: RealServer, scripted_llm: ScriptedLLM) -> None:
    scenario = bundled_scenarios()["bash_then_finish"]
    transcript = run_client_script(
        real_server.url, real_server.api_key, scenario, start_conversation_body(scripted_llm.url, scenario.name)
    )
    events, actions, observations = _mapping("Event"), _mapping("Action"), _mapping("Observation")
    seen = set()
    for frame in transcript.frames:
        event = frame.event
        seen.add(event["kind"])
        assert event["kind"] in events
        if "action" in event:
            assert event["action"]["kind"] in actions
        if "observation" in event:
            assert event["observation"]["kind"] in observations
        assert parse_event(event).is_known, event["kind"]
    snapshot = transcript.frames[0].event["value"]
    assert snapshot["agent"]["kind"] in _mapping("AgentBase-Output")
    assert snapshot["workspace"]["kind"] in _mapping("BaseWorkspace")
    assert snapshot["confirmation_policy"]["kind"] in _mapping("ConfirmationPolicyBase-Output")
    models.ConversationStateSnapshot.model_validate(snapshot)
    assert {
        "ConversationStateUpdateEvent",
        "SystemPromptEvent",
        "MessageEvent",
        "ActionEvent",
        "ObservationEvent",
    } <= seen


def test_llm_output_nulls_and_free_form_reasoning_effort(
    client: httpx.Client, real_server: RealServer, scripted_llm: ScriptedLLM
) -> None:
    body = start_conversation_body(scripted_llm.url, "plain_reply", autotitle=False)
    body["agent"]["llm"].update({"timeout": None, "reasoning_effort": "minimal"})
    created = client.post("/api/conversations", json=body)
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    try:
        llm = created.json()["agent"]["llm"]
        assert (llm["timeout"], llm["reasoning_effort"]) == (None, "minimal")  # REST keeps nulls
        snapshot = _first_frame(real_server, cid)["value"]
    finally:
        client.delete(f"/api/conversations/{cid}")
    assert "timeout" not in snapshot["agent"]["llm"]  # the snapshot drops them: missing means null
    parsed = models.ConversationStateSnapshot.model_validate(snapshot).agent.root.llm
    assert (parsed.timeout, parsed.reasoning_effort) == (None, "minimal")
    for schema in ("LLM-Output",):
        properties = effective_spec()["components"]["schemas"][schema]["properties"]
        assert "default" not in properties["timeout"] and "enum" not in json.dumps(properties["reasoning_effort"])


def _first_frame(real_server: RealServer, cid: str) -> dict:
    import asyncio

    import websockets

    async def read() -> dict:
        url = real_server.url.replace("http", "ws", 1) + f"/sockets/events/{cid}"
        async with websockets.connect(url) as socket:
            await socket.send(json.dumps({"type": "auth", "session_api_key": real_server.api_key}))
            return json.loads(await asyncio.wait_for(socket.recv(), 10))

    return asyncio.run(read())


def test_secret_values_are_served_masked(client: httpx.Client, scripted_llm: ScriptedLLM) -> None:
    from websockets.sync.client import connect

    body = start_conversation_body(scripted_llm.url, "plain_reply", autotitle=False)
    body["secrets"] = {"TOKEN": {"kind": "StaticSecret", "value": "not-for-your-eyes"}}
    cid = client.post("/api/conversations", json=body).json()["id"]
    try:
        client.patch(f"/api/conversations/{cid}", json={"tags": {"a": "b"}})  # saves the state REST lists
        served = client.get(f"/api/conversations/{cid}").json()["secret_registry"]["secret_sources"]["TOKEN"]
        assert served == {"description": None, "value": None, "kind": "StaticSecret"}
        url = str(client.base_url).replace("http://", "ws://", 1) + f"/sockets/events/{cid}"
        with connect(url) as ws:
            ws.send(json.dumps({"type": "auth", "session_api_key": client.headers["X-Session-API-Key"]}))
            snapshot = json.loads(ws.recv(timeout=10))
        assert snapshot["value"]["secret_registry"]["secret_sources"]["TOKEN"]["value"] == "**********"
    finally:
        client.delete(f"/api/conversations/{cid}")
    static = effective_spec()["components"]["schemas"]["StaticSecret-Output"]
    assert "writeOnly" not in json.dumps(static["properties"]["value"])


def test_analyzer_and_critic_keys_are_served_masked(
    client: httpx.Client, real_server: RealServer, scripted_llm: ScriptedLLM
) -> None:
    body = start_conversation_body(scripted_llm.url, "plain_reply", autotitle=False)
    body["agent"]["critic"] = {"kind": "APIBasedCritic", "api_key": "critic-secret"}
    body["security_analyzer"] = {"kind": "GraySwanAnalyzer", "api_key": "grayswan-secret"}
    created = client.post("/api/conversations", json=body)
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    try:
        info = client.get(f"/api/conversations/{cid}").json()
        snapshot = _first_frame(real_server, cid)["value"]
    finally:
        client.delete(f"/api/conversations/{cid}")
    assert (info["agent"]["critic"]["api_key"], info["security_analyzer"]["api_key"]) == (None, "**********")
    assert (snapshot["agent"]["critic"]["api_key"], snapshot["security_analyzer"]["api_key"]) == ("**********",) * 2
    models.ConversationInfo.model_validate(info)
    schemas = effective_spec()["components"]["schemas"]
    assert "writeOnly" not in json.dumps(schemas["GraySwanAnalyzer-Output"]["properties"]["api_key"])
    assert {"type": "null"} in schemas["APIBasedCritic-Output"]["properties"]["api_key"]["anyOf"]


def test_runtime_routes_422_with_a_string_detail(client: httpx.Client, conversation: str) -> None:
    """A relative path is refused by the runtime binding before any git command runs."""
    response = client.get(f"/api/conversations/{conversation}/git/changes", params={"path": "relative"})
    assert (response.status_code, response.json()) == (
        422,
        {"detail": "path must be inside the conversation workspace"},
    )
    operation = effective_spec()["paths"]["/api/conversations/{runtime_conversation_id}/git/changes"]["get"]
    schema = operation["responses"]["422"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/ErrorDetail"} in schema["anyOf"]


def test_vscode_url_is_503_while_vs_code_is_disabled(client: httpx.Client) -> None:
    response = client.get("/api/vscode/url")
    assert response.status_code == 503
    assert response.json()["exception"].startswith("503: VSCode is disabled")
    models.InternalServerError.model_validate(response.json())
    responses = effective_spec()["paths"]["/api/vscode/url"]["get"]["responses"]
    assert responses["503"] == {"$ref": "#/components/responses/InternalServerError"}


def _refusals(client: httpx.Client, requests: list[tuple[str, str, Any, dict[str, str]]]) -> list[tuple[int, Any]]:
    return [(r.status_code, r.json()) for r in (client.request(m, p, json=b, headers=h) for m, p, b, h in requests)]


def test_settings_routes_refuse_with_a_string_detail(client: httpx.Client) -> None:
    """Only refusals are sent (the shared real server's settings stay as they are)."""
    got = _refusals(
        client,
        [
            ("GET", "/api/settings", None, {"X-Expose-Secrets": "sometimes"}),
            ("PATCH", "/api/settings", {}, {}),
            ("PATCH", "/api/settings", {"active_profile": "no-such-profile"}, {}),
            ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"temperature": "hot"}}}, {}),
            ("PATCH", "/api/settings/mcp/no-such-server", {"args": []}, {}),
            ("DELETE", "/api/settings/mcp/no-such-server", None, {}),
            ("GET", "/api/settings/secrets?agent_profile_id=00000000-0000-4000-8000-000000000000", None, {}),
            ("GET", "/api/settings/secrets/NOPE", None, {}),
            ("DELETE", "/api/settings/secrets/NOPE", None, {}),
            ("PUT", "/api/settings/secrets", {"name": "1bad", "value": "v"}, {}),
        ],
    )
    assert [status for status, _ in got] == [400, 400, 404, 422, 404, 404, 404, 404, 404, 422]
    assert all(isinstance(body["detail"], str) for _, body in got)
    spec = effective_spec()["paths"]
    assert spec["/api/settings"]["patch"]["responses"]["404"] == {"$ref": "#/components/responses/Refused"}
    schema = spec["/api/settings/secrets"]["put"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/ErrorDetail"} in schema["anyOf"]
    for _, body in got:
        models.ErrorDetail.model_validate(body)


def test_profile_routes_refuse_with_a_string_detail(client: httpx.Client) -> None:
    got = _refusals(
        client,
        [
            ("GET", "/api/profiles/no-such-profile", None, {}),
            ("POST", "/api/profiles/no-such-profile/activate", None, {}),
            ("POST", "/api/profiles/no-such-profile/rename", {"new_name": "other"}, {}),
        ],
    )
    assert got == [(404, {"detail": "Profile 'no-such-profile' not found"})] * 3
    responses = effective_spec()["paths"]["/api/profiles/{name}/rename"]["post"]["responses"]
    assert responses["409"] == {"$ref": "#/components/responses/Refused"}


def test_profile_families_refuse_with_a_string_detail(client: httpx.Client) -> None:
    """Refusals only, and each one's status is documented for its operation in the effective spec."""
    requests: list[tuple[str, str, str, Any]] = [
        ("GET", "/api/agent-profiles/none", "/api/agent-profiles/{name}", None),
        ("POST", "/api/agent-profiles/none/rename", "/api/agent-profiles/{name}/rename", {"new_name": "x"}),
        ("POST", "/api/agent-profiles/none/activate", "/api/agent-profiles/{profile_id}/activate", None),
        ("POST", "/api/agent-profiles/none/materialize", "/api/agent-profiles/{name}/materialize", None),
        ("POST", "/api/agent-profiles/x", "/api/agent-profiles/{name}", {"llm_profile_ref": "a", "schema_version": 9}),
        (
            "POST",
            "/api/agent-profiles/x/materialize",
            "/api/agent-profiles/{name}/materialize",
            {"profile": {"llm_profile_ref": "a", "schema_version": 9}},
        ),
        ("GET", "/api/meta-profiles/none", "/api/meta-profiles/{name}", None),
        ("POST", "/api/meta-profiles/none/activate", "/api/meta-profiles/{name}/activate", None),
        ("PATCH", "/api/llm/provider-connections/none", "/api/llm/provider-connections/{connection_id}", {}),
        (
            "PATCH",
            "/api/llm/provider-connections/none",
            "/api/llm/provider-connections/{connection_id}",
            {"provider": "p"},
        ),
        ("DELETE", "/api/llm/provider-connections/none", "/api/llm/provider-connections/{connection_id}", None),
        (
            "POST",
            "/api/mcp/oauth/start",
            "/api/mcp/oauth/start",
            {"server": {"type": "stdio", "command": "x"}, "name": "s"},
        ),
        ("POST", "/api/mcp/oauth/callback/none", "/api/mcp/oauth/callback/{job_id}", {"callback_url": "http://h/cb"}),
        ("GET", "/api/mcp/oauth/status/none", "/api/mcp/oauth/status/{job_id}", None),
        (
            "POST",
            "/api/llm/subscription/openai/device/poll",
            "/api/llm/subscription/openai/device/poll",
            {"device_code": "d"},
        ),
    ]
    got = _refusals(client, [(method, url, body, {}) for method, url, _, body in requests])
    assert [status for status, _ in got] == [404, 404, 404, 404, 422, 422, 404, 404, 422, 404, 404, 400, 404, 404, 404]
    spec = effective_spec()["paths"]
    for (method, _, template, _), (status, body) in zip(requests, got, strict=True):
        assert str(status) in spec[template][method.lower()]["responses"], (method, template, status)
        models.ErrorDetail.model_validate(body)


def test_gateway_refuses_with_a_string_detail(client: httpx.Client) -> None:
    """Refusals only: nothing is started on the shared real server."""
    got = _refusals(
        client,
        [
            ("POST", "/v1/chat/completions", {"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}]}, {}),
            (
                "POST",
                "/v1/chat/completions",
                {"model": "openhands_none", "messages": [{"role": "user", "content": "x"}]},
                {},
            ),
            (
                "POST",
                "/v1/chat/completions",
                {"model": "openhands_none", "messages": [{"role": "system", "content": "x"}]},
                {},
            ),
            ("POST", "/v1/responses", {"model": "openhands_none", "input": "x", "store": True}, {}),
        ],
    )
    assert got == [
        (404, {"detail": "Unknown OpenHands model 'gpt-4o'. Use GET /v1/models."}),
        (404, {"detail": "Profile 'none' not found"}),
        (400, {"detail": "At least one user message is required"}),
        (400, {"detail": "Persistent response storage (store=True) is not supported yet"}),
    ]
    responses = effective_spec()["paths"]["/v1/chat/completions"]["post"]["responses"]
    assert responses["404"] == {"$ref": "#/components/responses/Refused"}


def test_file_routes_refuse_with_a_string_detail(client: httpx.Client, real_server: RealServer) -> None:
    """Refusals of the file routes (never a write outside the server's throwaway directory)."""
    assert real_server.root is not None
    base = real_server.root / "run" / "overlay-files"
    upload = {"file": ("x.txt", b"x")}
    assert client.post("/api/file/upload", params={"path": str(base / "a.txt")}, files=upload).status_code == 200
    requests: list[tuple[str, str, str, dict[str, Any]]] = [
        ("GET", "/api/file/download", "/api/file/download", {"params": {"path": "relative.txt"}}),
        ("GET", "/api/file/download", "/api/file/download", {"params": {"path": str(base)}}),
        ("GET", "/api/file/download", "/api/file/download", {"params": {"path": str(base / "missing.txt")}}),
        ("POST", "/api/file/upload", "/api/file/upload", {"params": {"path": "relative.txt"}, "files": upload}),
        ("POST", "/api/file/upload", "/api/file/upload", {"params": {"path": str(base)}, "files": upload}),
        (
            "POST",
            "/api/file/upload",
            "/api/file/upload",
            {"params": {"path": str(base / "a.txt" / "b")}, "files": upload},
        ),
    ]
    got = [client.request(method, url, **extra) for method, url, _, extra in requests]
    assert [(r.status_code, r.json()["detail"]) for r in got] == [
        (400, "Path must be absolute"),
        (400, "Path is not a file"),
        (404, "File not found"),
        (400, "Path must be absolute"),
        (400, "Path is a directory"),
        (400, "A parent of the path is not a directory"),
    ]
    spec = effective_spec()["paths"]
    for (method, _, template, _), response in zip(requests, got, strict=True):
        assert str(response.status_code) in spec[template][method.lower()]["responses"], (method, template)
        models.ErrorDetail.model_validate(response.json())


def test_workspace_routes_refuse_with_a_string_detail(client: httpx.Client, real_server: RealServer) -> None:
    """Refusals of the workspace routes (directories, archives, git, the static site) and the
    types their successes really have (all under the server's throwaway directory)."""
    assert real_server.root is not None
    base = real_server.root / "run" / "overlay-workspace"
    upload = {"file": ("index.html", b"<p>hi</p>")}
    assert client.post("/api/file/upload", params={"path": str(base / "index.html")}, files=upload).status_code == 200
    body = start_conversation_body("http://127.0.0.1:9/v1", "plain_reply", working_dir=str(base))
    conversation = client.post("/api/conversations", json=body).json()["id"]  # also git-inits the dir
    site = f"/api/conversations/{conversation}/workspace"
    requests: list[tuple[str, str, str, dict[str, Any]]] = [
        ("POST", "/api/file/create_directory", "/api/file/create_directory", {"params": {"path": "relative"}}),
        (
            "POST",
            "/api/file/create_directory",
            "/api/file/create_directory",
            {"params": {"path": str(base / "index.html")}},
        ),
        ("GET", "/api/file/search_subdirs", "/api/file/search_subdirs", {"params": {"path": "relative"}}),
        ("GET", "/api/file/search_subdirs", "/api/file/search_subdirs", {"params": {"path": str(base / "none")}}),
        ("GET", "/api/file/archive", "/api/file/archive", {"params": {"path": "relative"}}),
        ("GET", "/api/file/archive", "/api/file/archive", {"params": {"path": str(base / "none")}}),
        ("GET", "/api/file/archive", "/api/file/archive", {"params": {"path": str(base), "base_ref": "nope"}}),
        ("GET", "/api/git/changes", "/api/git/changes", {"params": {"path": str(base), "ref": "nope"}}),
        ("GET", "/api/git/diff", "/api/git/diff", {"params": {"path": str(base / "none.txt")}}),
        ("GET", f"{site}/%2e%2e/x", "/api/conversations/{conversation_id}/workspace/{file_path}", {}),
    ]
    got = [client.request(method, url, **extra) for method, url, _, extra in requests]
    assert [r.status_code for r in got] == [400, 400, 400, 404, 400, 404, 400, 400, 400, 400]
    spec = effective_spec()["paths"]
    for (method, _, template, _), response in zip(requests, got, strict=True):
        assert str(response.status_code) in spec[template][method.lower()]["responses"], (method, template)
        models.ErrorDetail.model_validate(response.json())
    successes = [
        ("/api/file/archive", client.get("/api/file/archive", params={"path": str(base), "format": "tar.gz"})),
        ("/api/file/archive", client.get("/api/file/archive", params={"path": str(base)})),
        ("/api/conversations/{conversation_id}/workspace", client.get(site)),
    ]
    media = [response.headers["content-type"].split(";")[0] for _, response in successes]
    assert [response.status_code for _, response in successes] == [200, 200, 200]
    assert media == ["application/gzip", "text/x-patch", "text/html"]
    for (template, _), media_type in zip(successes, media, strict=True):
        documented = spec[template]["get"]["responses"]["200"]["content"]
        assert media_type in documented or "*/*" in documented, (template, media_type)
