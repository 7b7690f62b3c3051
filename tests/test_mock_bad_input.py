"""Bad input gets the real server's status and body, never a 500 the real server would not give.

Every row of ``CASES`` is an observed answer of the real openhands-agent-server 1.58.0 (see
agent-server-contract.md §7 and real-server-runbook.md §3.5). The mock must give exactly that
answer; ``test_the_real_server_answers_the_same`` replays the table against the real server, so
the expectations cannot drift from it.
"""

from __future__ import annotations

import json
import re
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract.harness.real_server import RealServer
from contract.wire_rules import context_window_message
from mockserver.app import create_app
from mockserver.config import MockConfig
from mockserver.routes.generic import VSCODE_DISABLED

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette asks for httpx2 on import; httpx works
    from fastapi.testclient import TestClient

# FastAPI builds body fields of the generated (defer_build) models with an alias pydantic ignores;
# harmless, and the same for the stateful routes.
pytestmark = pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning")

KEY = "test-key"
AUTH = {"X-Session-API-Key": KEY}
WRONG = {"X-Session-API-Key": "wrong-key"}
JSON = {"Content-Type": "application/json"}
UNKNOWN = "11111111-2222-4333-8444-555555555555"
AGENT = {"kind": "Agent", "llm": {"model": "openai/unused", "base_url": "http://127.0.0.1:9/v1", "num_retries": 0}}
CREATE = {"agent": AGENT, "workspace": {"kind": "LocalWorkspace", "working_dir": "/workspace/project"}}
NOT_FOUND = {"detail": "Not Found"}
UNAUTHORIZED = {"detail": "Unauthorized"}


def _err(kind: str, loc: list[Any], msg: str, value: Any, ctx: dict[str, Any] | None = None) -> dict[str, Any]:
    error = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx is not None:
        error["ctx"] = ctx
    return error


def _server_error(exception: str) -> dict[str, Any]:
    return {"detail": "Internal Server Error", "exception": exception, "error_id": "<32 hex>"}


def _uuid_error(loc: list[Any], value: str) -> dict[str, Any]:
    char = value[0]
    reason = f"invalid character: found `{char}` at 0"
    return _err("uuid_parsing", loc, f"Input should be a valid UUID, {reason}", value, {"error": reason})


@dataclass(frozen=True)
class BadInput:
    """One request and the real server's answer; ``{live}``/``{unknown}`` are filled in per server."""

    name: str
    method: str
    path: str
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=lambda: dict(AUTH))
    content: bytes | None = None


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


CASES = [
    # -- malformed bodies ------------------------------------------------------------------
    BadInput(
        "malformed JSON",
        "POST",
        "/api/conversations",
        422,
        {
            "detail": [
                _err(
                    "json_invalid",
                    ["body", 1],
                    "JSON decode error",
                    {},
                    {"error": "Expecting property name enclosed in double quotes"},
                )
            ]
        },
        {**AUTH, **JSON},
        b"{",
    ),
    BadInput(
        "malformed JSON is parsed before the key is checked",
        "POST",
        "/api/conversations",
        422,
        {
            "detail": [
                _err(
                    "json_invalid",
                    ["body", 1],
                    "JSON decode error",
                    {},
                    {"error": "Expecting property name enclosed in double quotes"},
                )
            ]
        },
        {**WRONG, **JSON},
        b"{",
    ),
    BadInput(
        "body that is not UTF-8",
        "POST",
        "/api/conversations/{unknown}/goal",
        400,
        {"detail": "There was an error parsing the body"},
        {**AUTH, **JSON},
        b"\xff\xfe{",
    ),
    BadInput(
        "malformed multipart",
        "POST",
        "/api/conversations/{unknown}/file/upload?path=/x",
        400,
        {"detail": "Invalid multipart data."},
        {**AUTH, "Content-Type": "multipart/form-data; boundary=b"},
        b"--b\r\nFalse--b--\r\n",
    ),
    # -- wrong types -----------------------------------------------------------------------
    BadInput(
        "wrong body type (stateful route)",
        "POST",
        "/api/conversations/{live}/ask_agent",
        422,
        {"detail": [_err("string_type", ["body", "question"], "Input should be a valid string", 5)]},
        {**AUTH, **JSON},
        _json({"question": 5}),
    ),
    BadInput(
        "wrong body type (generic route)",
        "POST",
        "/api/conversations/{live}/goal",
        422,
        {"detail": [_err("string_type", ["body", "objective"], "Input should be a valid string", 5)]},
        {**AUTH, **JSON},
        _json({"objective": 5}),
    ),
    BadInput(
        "missing embedded body field",
        "POST",
        "/api/conversations/{live}/switch_llm",
        422,
        {"detail": [_err("missing", ["body", "llm"], "Field required", None)]},
        {**AUTH, **JSON},
    ),
    BadInput(
        "missing body",
        "POST",
        "/api/conversations/{live}/goal",
        422,
        {"detail": [_err("missing", ["body"], "Field required", None)]},
        {**AUTH, **JSON},
    ),
    BadInput(
        "integer query that is not one",
        "GET",
        "/api/conversations/search?limit=abc",
        422,
        {
            "detail": [
                _err(
                    "int_parsing",
                    ["query", "limit"],
                    "Input should be a valid integer, unable to parse string as an integer",
                    "abc",
                )
            ]
        },
    ),
    BadInput(
        "named enum in the query",
        "GET",
        "/api/bash/bash_events/search?sort_order=bogus",
        422,
        {
            "detail": [
                _err(
                    "enum",
                    ["query", "sort_order"],
                    "Input should be 'TIMESTAMP' or 'TIMESTAMP_DESC'",
                    "bogus",
                    {"expected": "'TIMESTAMP' or 'TIMESTAMP_DESC'"},
                )
            ]
        },
    ),
    BadInput(
        "path name against its pattern",
        "GET",
        "/api/skills/installed/Bad_Name!",
        422,
        {
            "detail": [
                _err(
                    "string_pattern_mismatch",
                    ["path", "skill_name"],
                    "String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'",
                    "Bad_Name!",
                    {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                )
            ]
        },
    ),
    # -- page limits -----------------------------------------------------------------------
    BadInput(
        "oversized page limit",
        "GET",
        "/api/conversations/{live}/events/search?limit=101",
        422,
        {
            "detail": [
                _err(
                    "less_than_equal",
                    ["query", "limit"],
                    "Input should be less than or equal to 100",
                    "101",
                    {"le": 100},
                )
            ]
        },
    ),
    BadInput(
        "zero page limit",
        "GET",
        "/api/conversations/search?limit=0",
        422,
        {"detail": [_err("greater_than", ["query", "limit"], "Input should be greater than 0", "0", {"gt": 0})]},
    ),
    BadInput(
        "oversized page limit (generic route)",
        "GET",
        "/api/bash/bash_events/search?limit=101",
        422,
        {
            "detail": [
                _err(
                    "less_than_equal",
                    ["query", "limit"],
                    "Input should be less than or equal to 100",
                    "101",
                    {"le": 100},
                )
            ]
        },
    ),
    # -- ids that are not UUIDs ------------------------------------------------------------
    BadInput(
        "non-UUID conversation id",
        "GET",
        "/api/conversations/not-a-uuid",
        422,
        {"detail": [_uuid_error(["path", "conversation_id"], "not-a-uuid")]},
    ),
    BadInput(
        "non-UUID conversation id (generic route)",
        "POST",
        "/api/conversations/not-a-uuid/goal/stop",
        422,
        {"detail": [_uuid_error(["path", "conversation_id"], "not-a-uuid")]},
    ),
    BadInput(
        "non-UUID runtime conversation id",
        "GET",
        "/api/conversations/zz/bash/bash_events/search",
        422,
        {"detail": [_uuid_error(["path", "runtime_conversation_id"], "zz")]},
    ),
    # -- unknown ids -----------------------------------------------------------------------
    BadInput("unknown conversation", "GET", "/api/conversations/{unknown}", 404, NOT_FOUND),
    BadInput("unknown conversation, run", "POST", "/api/conversations/{unknown}/run", 404, NOT_FOUND),
    BadInput(
        "unknown conversation, events/search",
        "GET",
        "/api/conversations/{unknown}/events/search",
        404,
        {"detail": "Conversation not found: {unknown}"},
    ),
    BadInput(
        "unknown conversation beats a bad body on the event routes (a dependency answers first)",
        "POST",
        "/api/conversations/{unknown}/events",
        404,
        {"detail": "Conversation not found: {unknown}"},
        {**AUTH, **JSON},
        _json({"role": None, "content": 5}),
    ),
    BadInput(
        "unknown conversation beats a bad query on event search",
        "GET",
        "/api/conversations/{unknown}/events/search?limit=0",
        404,
        {"detail": "Conversation not found: {unknown}"},
    ),
    BadInput(
        "unknown conversation, goal",
        "POST",
        "/api/conversations/{unknown}/goal",
        404,
        NOT_FOUND,
        {**AUTH, **JSON},
        _json({"objective": "x"}),
    ),
    BadInput(
        "unknown conversation, fork",
        "POST",
        "/api/conversations/{unknown}/fork",
        404,
        {"detail": "Source conversation not found"},
        {**AUTH, **JSON},
        b"{}",
    ),
    BadInput(
        "unknown conversation, children",
        "POST",
        "/api/conversations/{unknown}/children",
        404,
        {"detail": "Parent conversation not found"},
        {**AUTH, **JSON},
        _json({"task": "x"}),
    ),
    BadInput(
        "unknown conversation, navigate",
        "POST",
        "/api/conversations/{unknown}/navigate",
        404,
        {"detail": "Conversation not found"},
        {**AUTH, **JSON},
        _json({"event_id": "x"}),
    ),
    BadInput(
        "unknown conversation, reprovision", "POST", "/api/conversations/{unknown}/runtime/reprovision", 404, NOT_FOUND
    ),
    BadInput(
        "unknown conversation, workspace",
        "GET",
        "/api/conversations/{unknown}/workspace/a/b.txt",
        404,
        {"detail": "Conversation not found: {unknown}"},
    ),
    BadInput(
        "unknown conversation, trajectory",
        "GET",
        "/api/file/download-trajectory/{unknown}",
        404,
        {"detail": "Conversation not found"},
    ),
    BadInput(
        "unknown runtime conversation",
        "GET",
        "/api/conversations/{unknown}/bash/bash_events/search",
        404,
        {"detail": "Conversation not found: {unknown}"},
    ),
    BadInput(
        "unknown runtime conversation beats a bad query",
        "GET",
        "/api/conversations/{unknown}/bash/bash_events/search?limit=0",
        404,
        {"detail": "Conversation not found: {unknown}"},
    ),
    BadInput(
        "missing workspace file",
        "GET",
        "/api/conversations/{live}/workspace/a/b.txt",
        404,
        {"detail": "File not found"},
    ),
    # -- runtime guards --------------------------------------------------------------------
    BadInput(
        "runtime path outside the workspace",
        "GET",
        "/api/conversations/{live}/git/changes?path=relative",
        422,
        {"detail": "path must be inside the conversation workspace"},
    ),
    BadInput(
        "trajectory of another conversation",
        "GET",
        "/api/conversations/{live}/file/download-trajectory/{unknown}",
        422,
        {"detail": "Trajectory must belong to the selected conversation"},
    ),
    # -- the session key -------------------------------------------------------------------
    BadInput("missing key", "GET", "/api/conversations/search", 401, UNAUTHORIZED, {}),
    BadInput("wrong key beats 404", "GET", "/api/conversations/{unknown}", 401, UNAUTHORIZED, WRONG),
    BadInput("wrong key beats a bad UUID", "GET", "/api/conversations/not-a-uuid", 401, UNAUTHORIZED, WRONG),
    BadInput(
        "wrong key beats body validation",
        "POST",
        "/api/conversations/{live}/ask_agent",
        401,
        UNAUTHORIZED,
        {**WRONG, **JSON},
        _json({"question": 5}),
    ),
    BadInput(
        "wrong key beats 404 (runtime route)",
        "GET",
        "/api/conversations/{unknown}/bash/bash_events/search",
        401,
        UNAUTHORIZED,
        WRONG,
    ),
    BadInput("wrong key (generic route)", "GET", "/api/settings", 401, UNAUTHORIZED, WRONG),
    BadInput("missing key (OpenAI route)", "GET", "/v1/models", 401, UNAUTHORIZED, {}),
    BadInput(
        "bearer key (OpenAI route)",
        "GET",
        "/v1/models",
        200,
        {"object": "list", "data": []},
        {"Authorization": f"Bearer {KEY}"},
    ),
    BadInput(
        "no /api/init without deferred init",
        "GET",
        "/api/init",
        404,
        {"detail": "server is not running with deferred_init=True; the /api/init endpoint is not available"},
        {},
    ),
    BadInput(
        "POST /api/init needs the init key, not the session key",
        "POST",
        "/api/init",
        401,
        UNAUTHORIZED,
        {**AUTH, **JSON},
        b"{}",
    ),
    # -- the real models' own validators (contract/wire_rules.py) ---------------------------
    BadInput(
        "a tag key that is not lowercase alphanumeric",
        "POST",
        "/api/conversations",
        422,
        {
            "detail": [
                _err(
                    "value_error",
                    ["body", "tags"],
                    "Value error, Tag key 'A' is invalid: keys must be lowercase alphanumeric only",
                    {"A": "b"},
                    {"error": "Tag key 'A' is invalid: keys must be lowercase alphanumeric only"},
                )
            ]
        },
        {**AUTH, **JSON},
        _json({**CREATE, "tags": {"A": "b"}}),
    ),
    BadInput(
        "a tag value longer than 256 characters",
        "PATCH",
        "/api/conversations/{live}",
        422,
        {
            "detail": [
                _err(
                    "value_error",
                    ["body", "tags"],
                    "Value error, Tag value for 'ok' exceeds maximum length of 256 characters",
                    {"ok": "x" * 257},
                    {"error": "Tag value for 'ok' exceeds maximum length of 256 characters"},
                )
            ]
        },
        {**AUTH, **JSON},
        _json({"tags": {"ok": "x" * 257}}),
    ),
    BadInput(
        "null tags leave the tags alone",
        "PATCH",
        "/api/conversations/{live}",
        200,
        {"success": True},
        {**AUTH, **JSON},
        _json({"tags": None}),
    ),
    BadInput(
        "a goal whose objective is blank",
        "POST",
        "/api/conversations/{live}/goal",
        400,
        {"detail": "Goal objective must not be empty."},
        {**AUTH, **JSON},
        _json({"objective": "  "}),
    ),
    BadInput(
        "a body that is not JSON: the validation handler cannot render its bytes",
        "PATCH",
        "/api/conversations/{live}",
        500,
        _server_error("Object of type bytes is not JSON serializable"),
        {**AUTH, "Content-Type": "text/plain"},
        _json({"title": "x"}),
    ),
    BadInput(
        "VS Code URL while VS Code is disabled",
        "GET",
        "/api/vscode/url",
        503,
        {"detail": "Internal Server Error", "exception": "503: " + VSCODE_DISABLED},
    ),
    BadInput(
        "VS Code URL of a conversation while VS Code is disabled",
        "GET",
        "/api/conversations/{live}/vscode/url",
        503,
        {"detail": "Internal Server Error", "exception": "503: " + VSCODE_DISABLED},
    ),
    BadInput(
        "VS Code status while VS Code is disabled",
        "GET",
        "/api/vscode/status",
        200,
        {"running": False, "enabled": False, "message": "VSCode is disabled in configuration"},
    ),
    # -- server errors the real server gives too -------------------------------------------
    BadInput(
        "tags that are a number (the SDK validator calls .items())",
        "PATCH",
        "/api/conversations/{live}",
        500,
        _server_error("'int' object has no attribute 'items'"),
        {**AUTH, **JSON},
        _json({"tags": 5}),
    ),
    BadInput(
        "a tag value that is a number (the SDK validator calls len())",
        "PATCH",
        "/api/conversations/{live}",
        500,
        _server_error("object of type 'int' has no len()"),
        {**AUTH, **JSON},
        _json({"tags": {"ok": 5}}),
    ),
    BadInput(
        "fork with tags that are a number",
        "POST",
        "/api/conversations/{live}/fork",
        500,
        _server_error("'int' object has no attribute 'items'"),
        {**AUTH, **JSON},
        _json({"tags": 5}),
    ),
    BadInput(
        "create with tags that are a list",
        "POST",
        "/api/conversations",
        500,
        _server_error("'list' object has no attribute 'items'"),
        {**AUTH, **JSON},
        _json({**CREATE, "tags": [1]}),
    ),
    BadInput(
        "a security analyzer whose kind is a list",
        "POST",
        "/api/conversations/{live}/security_analyzer",
        500,
        _server_error("unhashable type: 'list'"),
        {**AUTH, **JSON},
        _json({"security_analyzer": {"kind": ["x"]}}),
    ),
    BadInput(
        "a security analyzer whose kind is an object",
        "POST",
        "/api/conversations/{live}/security_analyzer",
        500,
        _server_error("unhashable type: 'dict'"),
        {**AUTH, **JSON},
        _json({"security_analyzer": {"kind": {"a": 1}}}),
    ),
    BadInput(
        "a pattern analyzer whose pattern is not a regular expression",
        "POST",
        "/api/conversations/{live}/security_analyzer",
        500,
        _server_error("missing ), unterminated subpattern at position 0"),
        {**AUTH, **JSON},
        _json({"security_analyzer": {"kind": "PatternSecurityAnalyzer", "high_patterns": [["(", "d", "i"]]}}),
    ),
    BadInput(
        "a confirmation policy whose kind is a list",
        "POST",
        "/api/conversations/{live}/confirmation_policy",
        500,
        _server_error("unhashable type: 'list'"),
        {**AUTH, **JSON},
        _json({"policy": {"kind": ["x"]}}),
    ),
    BadInput(
        "switch to an LLM with a context window below 16,384 tokens",
        "POST",
        "/api/conversations/{live}/switch_llm",
        500,
        _server_error(context_window_message(100)),
        {**AUTH, **JSON},
        _json({"llm": {**AGENT["llm"], "max_input_tokens": 100}}),
    ),
    BadInput(
        "create with an LLM whose context window is below 16,384 tokens",
        "POST",
        "/api/conversations",
        500,
        _server_error(context_window_message(1000)),
        {**AUTH, **JSON},
        _json({**CREATE, "agent": {**AGENT, "llm": {**AGENT["llm"], "max_input_tokens": 1000}}}),
    ),
    BadInput(
        "a message with role assistant",
        "POST",
        "/api/conversations/{live}/events",
        500,
        {
            "detail": "Internal Server Error",
            "exception": "Only user messages are allowed to be sent to the agent.",
            "error_id": "<32 hex>",
        },
        {**AUTH, **JSON},
        _json({"role": "assistant", "content": [{"type": "text", "text": "hi"}], "run": False}),
    ),
]


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        for name, value_id in ids.items():
            value = value.replace(f"{{{name}}}", value_id)
        return value
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def _check(case: BadInput, response: httpx.Response, live: str) -> None:
    ids = {"live": live, "unknown": UNKNOWN}
    assert response.status_code == case.status, response.text
    body = response.json()
    if isinstance(body, dict) and "error_id" in body:
        assert re.fullmatch(r"[0-9a-f]{32}", body["error_id"]), body
        body["error_id"] = "<32 hex>"
    assert body == _fill(case.body, ids)


def _request(case: BadInput, live: str) -> dict[str, Any]:
    path = case.path.replace("{live}", live).replace("{unknown}", UNKNOWN)
    return {"method": case.method, "url": path, "headers": case.headers, "content": case.content}


def _conversation_body(live: str, working_dir: str) -> dict[str, Any]:
    return {
        "conversation_id": live,
        "agent": AGENT,
        "workspace": {"kind": "LocalWorkspace", "working_dir": working_dir},
    }


@pytest.fixture(scope="module")
def mock() -> TestClient:
    return TestClient(create_app(MockConfig(api_keys=(KEY,))), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def mock_live(mock: TestClient) -> str:
    live = str(uuid.uuid4())
    response = mock.post("/api/conversations", json=_conversation_body(live, "/workspace/project"), headers=AUTH)
    assert response.status_code == 201, response.text
    return live


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_mock_answers_like_the_real_server(case: BadInput, mock: TestClient, mock_live: str) -> None:
    _check(case, mock.request(**_request(case, mock_live)), mock_live)


@pytest.mark.real_server
def test_the_real_server_answers_the_same(real_server: RealServer) -> None:
    """Keeps ``CASES`` honest: the same table against the real server (one test, one server)."""
    live = str(uuid.uuid4())
    assert real_server.root is not None
    working_dir = str(real_server.root / "run" / "workspace")
    created = httpx.post(
        f"{real_server.url}/api/conversations", json=_conversation_body(live, working_dir), headers=AUTH, timeout=30
    )
    assert created.status_code == 201, created.text
    mismatches = []
    for case in CASES:
        request = _request(case, live)
        request["url"] = real_server.url + request["url"]
        # A fresh connection each time: the server may reset the connection after an unhandled 500.
        request["headers"] = {**request["headers"], "Connection": "close"}
        response = httpx.request(**request, timeout=30)
        try:
            _check(case, response, live)
        except AssertionError as exc:
            mismatches.append(f"{case.name}: {exc}")
    assert not mismatches, "\n".join(mismatches)


# -- nothing is executed ------------------------------------------------------------------------


def test_bash_file_and_git_routes_never_touch_the_host(mock: TestClient, mock_live: str, tmp_path: Path) -> None:
    marker, upload, directory = tmp_path / "ran", tmp_path / "uploaded.txt", tmp_path / "made"
    command = {"command": f"touch {marker}", "cwd": str(tmp_path)}
    for path in ("/api/bash/execute_bash_command", "/api/bash/start_bash_command"):
        assert mock.post(path, json=command, headers=AUTH).status_code == 200
    scoped = f"/api/conversations/{mock_live}/bash/execute_bash_command"
    assert mock.post(scoped, json={"command": f"touch {marker}"}, headers=AUTH).status_code == 200
    # A cwd outside the conversation's workspace is refused, as on the real server.
    assert mock.post(scoped, json=command, headers=AUTH).status_code == 422
    assert (
        mock.post(
            "/api/file/upload", params={"path": str(upload)}, files={"file": ("x", b"data")}, headers=AUTH
        ).status_code
        == 200
    )
    assert mock.post("/api/file/create_directory", params={"path": str(directory)}, headers=AUTH).status_code == 200
    # The mock's files are its own, in memory: a host file is not there to download.
    download = mock.get("/api/file/download", params={"path": str(Path(__file__))}, headers=AUTH)
    assert (download.status_code, download.json()) == (404, {"detail": "File not found"})
    uploaded = mock.get("/api/file/download", params={"path": str(upload)}, headers=AUTH)
    assert (uploaded.status_code, uploaded.content) == (200, b"data")
    assert mock.get("/api/git/changes", params={"path": str(tmp_path)}, headers=AUTH).json() == []
    assert list(tmp_path.iterdir()) == []


def test_workspace_session_cookie_opens_the_workspace_routes(mock: TestClient, mock_live: str) -> None:
    minted = mock.post("/api/auth/workspace-session", headers=AUTH)
    assert minted.status_code == 204
    assert "oh_workspace_session_key=test-key" in minted.headers["set-cookie"]
    url = f"/api/conversations/{mock_live}/workspace/index.html"
    browser = TestClient(mock.app, raise_server_exceptions=False)
    assert browser.get(url).json() == UNAUTHORIZED
    browser.cookies.set("oh_workspace_session_key", KEY)
    assert browser.get(url).json() == {"detail": "File not found"}


# -- stateful routes and error handlers: the real server's exact answers --------------------------


def test_patch_title(mock: TestClient, mock_live: str) -> None:
    response = mock.patch(f"/api/conversations/{mock_live}", json={"title": "hello"}, headers=AUTH)
    assert (response.status_code, response.json()) == (200, {"success": True})


def test_patch_blank_title(mock: TestClient, mock_live: str) -> None:
    response = mock.patch(f"/api/conversations/{mock_live}", json={"title": "   "}, headers=AUTH)
    error = _err(
        "value_error",
        ["body", "title"],
        "Value error, title must not be blank",
        "   ",
        {"error": "title must not be blank"},
    )
    assert (response.status_code, response.json()) == (422, {"detail": [error]})


def test_event_search_accepts_any_source(mock: TestClient, mock_live: str) -> None:
    response = mock.get(f"/api/conversations/{mock_live}/events/search", params={"source": "bogus"}, headers=AUTH)
    assert (response.status_code, response.json()) == (200, {"items": [], "next_page_id": None})


def test_conversation_search_status_error_type(mock: TestClient) -> None:
    response = mock.get("/api/conversations/search", params={"status": "bogus"}, headers=AUTH)
    assert response.json()["detail"][0]["type"] == "enum"


def test_start_without_agent(mock: TestClient) -> None:
    response = mock.post("/api/conversations", json={"workspace": {"working_dir": ""}}, headers=AUTH)
    message = "One of `agent`, `agent_settings`, or `agent_profile_id` must be provided"
    error = _err(
        "value_error", ["body"], f"Value error, {message}", {"workspace": {"working_dir": ""}}, {"error": message}
    )
    assert (response.status_code, response.json()) == (422, {"detail": [error]})


def test_validation_errors_redact_secrets(mock: TestClient) -> None:
    agent = {**AGENT, "llm": {**AGENT["llm"], "api_key": "sk-must-not-echo"}}
    response = mock.post("/api/conversations", json={"agent": agent, "max_iterations": "many"}, headers=AUTH)
    assert response.status_code == 422
    assert "sk-must-not-echo" not in response.text
