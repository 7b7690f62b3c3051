"""Server-level bash events on the mock: REST and /sockets/bash-events share one log; nothing runs."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import httpx
import pytest
import websockets

from mockserver.config import MockConfig
from mockserver.runner import MockServer

KEY = "bash-key"


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(KEY,))) as server:
        yield server


@pytest.fixture
def http(mock: MockServer) -> Iterator[httpx.Client]:
    mock.state.reset()
    with httpx.Client(base_url=mock.url, headers={"X-Session-API-Key": KEY}, timeout=10) as client:
        yield client


def test_commands_complete_at_once_with_paged_events(http: httpx.Client, tmp_path) -> None:
    marker = tmp_path / "must-not-exist"
    command = http.post("/api/bash/start_bash_command", json={"command": f"touch {marker}"}).json()
    assert command["kind"] == "BashCommand" and command["timestamp"].endswith("Z")
    output = http.post("/api/bash/execute_bash_command", json={"command": "echo hi"}).json()
    assert (output["kind"], output["exit_code"]) == ("BashOutput", 0)
    assert not marker.exists(), "the mock must never execute commands"
    first = http.get("/api/bash/bash_events/search", params={"limit": 3}).json()
    assert [e["kind"] for e in first["items"]] == ["BashCommand", "BashOutput", "BashCommand"]
    rest = http.get("/api/bash/bash_events/search", params={"limit": 3, "page_id": first["next_page_id"]}).json()
    assert [e["id"] for e in rest["items"]] == [first["next_page_id"]] and rest["next_page_id"] is None
    outputs = http.get(
        "/api/bash/bash_events/search", params={"kind__eq": "BashOutput", "command_id__eq": command["id"]}
    ).json()
    assert [e["command_id"] for e in outputs["items"]] == [command["id"]]
    assert http.get(f"/api/bash/bash_events/{command['id']}").json() == command
    assert http.get("/api/bash/bash_events/nope").status_code == 404
    assert http.request("GET", "/api/bash/bash_events/", json=[command["id"], "nope"]).json() == [command, None]
    assert http.delete("/api/bash/bash_events").json() == {"cleared_count": 4}


def test_routes_need_the_key(mock: MockServer) -> None:
    assert httpx.post(f"{mock.url}/api/bash/start_bash_command", json={"command": "ls"}).status_code == 401


def test_socket_resends_and_streams_and_reports_bad_frames(mock: MockServer, http: httpx.Client) -> None:
    http.post("/api/bash/start_bash_command", json={"command": "ls"})

    async def talk() -> list[dict]:
        url = mock.url.replace("http", "ws") + "/sockets/bash-events?resend_mode=all"
        async with websockets.connect(url) as socket:
            await socket.send(json.dumps({"type": "auth", "session_api_key": KEY}))
            frames = [json.loads(await asyncio.wait_for(socket.recv(), 2)) for _ in range(2)]
            await socket.send(json.dumps({"command": "pwd"}))
            frames += [json.loads(await asyncio.wait_for(socket.recv(), 2)) for _ in range(2)]
            await socket.send(json.dumps({"timeout": "soon"}))
            frames.append(json.loads(await asyncio.wait_for(socket.recv(), 2)))
            return frames

    frames = asyncio.run(talk())
    assert [f["kind"] for f in frames] == ["BashCommand", "BashOutput", "BashCommand", "BashOutput", "BashError"]
    assert frames[2]["command"] == "pwd" and "cwd" in frames[2]  # nulls are kept on this socket
    assert frames[4]["code"] == "ValidationError"
