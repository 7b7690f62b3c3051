"""The workspace through the real SDK's ``RemoteWorkspace``, on the real server and the mock.

The real server runs commands in a shell and writes its disk; the mock runs nothing and keeps
files in memory. What a client gets must be the same, host-level and in a conversation's
runtime scope (``/api/conversations/{id}/...``).

Commands: the mock reads the outcome off the command (``mockserver.shell``) or the scenario's
``commands`` table: output, exit code, a failure's code, a timeout, a started command's output,
a stopped one. Files: uploads, downloads of an uploaded file, of a missing one and of a
directory, and a file an agent's file_editor created. Only harmless commands run on the real
server, and files go under its throwaway directory.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from openhands.sdk.workspace import RemoteWorkspace

from contract.client.bodies import start_conversation_body
from contract.client.control import ControlClient
from contract.client.waiting import wait_until
from contract.harness.real_server import RealServer
from contract.harness.scenario import parse_scenario
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [
    pytest.mark.real_server,
    pytest.mark.timeout(300),
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
]
KEY = "test-key"
COMMANDS = [
    "echo out; exit 3",
    "echo hello world",
    "false",
    "echo to-stderr >&2; echo to-stdout",
    "true; exit 0",
]


def _result(workspace: RemoteWorkspace, command: str, timeout: float = 20) -> tuple[Any, ...]:
    result = workspace.execute_command(command, timeout=timeout)
    return (result.exit_code, result.stdout, result.stderr, result.timeout_occurred)


def _started(workspace: RemoteWorkspace) -> tuple[Any, ...]:
    command_id = workspace.start_command("sleep 1; echo done; exit 5", timeout=20)
    running = workspace.get_command_output(command_id)
    deadline = time.monotonic() + 20
    while (finished := workspace.get_command_output(command_id)) is None or finished.get("exit_code") is None:
        assert time.monotonic() < deadline, "the started command never finished"
        time.sleep(0.1)
    return (running is None or running.get("exit_code") is None, finished["stdout"], finished["exit_code"])


def _stopped(workspace: RemoteWorkspace) -> tuple[Any, ...]:
    command_id = workspace.start_command("echo before; sleep 30; echo after", timeout=60)
    time.sleep(0.5)
    workspace.stop_command(command_id)
    deadline = time.monotonic() + 20
    while (output := workspace.get_command_output(command_id)) is None or output.get("exit_code") is None:
        assert time.monotonic() < deadline, "the stopped command never ended"
        time.sleep(0.1)
    return (output["stdout"], output["exit_code"])


def _command_outcomes(url: str, runtime_id: str | None = None) -> dict[str, Any]:
    workspace = RemoteWorkspace(
        host=url, api_key=KEY, working_dir="workspace/project", runtime_conversation_id=runtime_id
    )
    try:
        out: dict[str, Any] = {command: _result(workspace, command) for command in COMMANDS}
        out["timeout"] = _result(workspace, "echo started; sleep 5", timeout=1)
        out["started"] = _started(workspace)
        out["stopped"] = _stopped(workspace)
        return out
    finally:
        workspace.client.close()


def _conversation(url: str) -> str:
    body = start_conversation_body("http://127.0.0.1:9/v1", "plain_reply", working_dir="workspace/project")
    response = httpx.post(f"{url}/api/conversations", json=body, headers={"X-Session-API-Key": KEY}, timeout=60)
    response.raise_for_status()
    conversation_id: str = response.json()["id"]
    return conversation_id


def test_host_and_runtime_commands_match_the_real_server(real_server: RealServer) -> None:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        real_host, mock_host = _command_outcomes(real_server.url), _command_outcomes(mock.url)
        real_scoped = _command_outcomes(real_server.url, _conversation(real_server.url))
        mock_scoped = _command_outcomes(mock.url, _conversation(mock.url))
    assert real_host["echo out; exit 3"] == (3, "out\n", "", False)
    assert real_host["timeout"][0] == -1 and real_host["timeout"][3] is True
    assert mock_host == real_host
    assert mock_scoped == real_scoped


def test_a_scenario_says_what_a_command_prints(real_server: RealServer) -> None:
    """A command the mock cannot read (here ``git status``) answers from the scenario's table;
    the real server runs it. The same table answers the runtime scope of its conversations."""
    scenario = parse_scenario(
        {
            "name": "git_status_table",
            "turns": [{"reply": "ok"}],
            "commands": [{"pattern": r"printf 'x\\n'", "stdout": "x\n", "exit_code": 0}],
        }
    )
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        with ControlClient.connect(mock.endpoint) as control:
            control.load_scenario(scenario)
            control.select_default(scenario.name)
        on_mock = _result(RemoteWorkspace(host=mock.url, api_key=KEY, working_dir="w"), "printf 'x\\n'")
    on_real = _result(RemoteWorkspace(host=real_server.url, api_key=KEY, working_dir="w"), "printf 'x\\n'")
    assert on_mock == on_real == (0, "x\n", "", False)


# -- files ----------------------------------------------------------------------------------

PAYLOAD = bytes(range(256)) + "naïve text\n".encode()


def _file_outcomes(url: str, base: Path, tmp: Path, runtime_id: str | None = None) -> dict[str, Any]:
    workspace = RemoteWorkspace(host=url, api_key=KEY, working_dir=str(base), runtime_conversation_id=runtime_id)
    source, fetched = tmp / "source.bin", tmp / "fetched.bin"
    source.write_bytes(PAYLOAD)
    target = base / "uploads" / "data.bin"
    try:
        uploaded = workspace.file_upload(source, target)
        downloaded = workspace.file_download(target, fetched)
        missing = workspace.file_download(base / "uploads" / "missing.bin", tmp / "missing.bin")
        directory = workspace.file_download(base / "uploads", tmp / "directory.bin")
        return {
            "upload": (uploaded.success, uploaded.file_size),
            "download": (downloaded.success, downloaded.file_size, fetched.read_bytes()),
            "missing": (missing.success, "404 Not Found" in (missing.error or "")),
            "directory": (directory.success, "400 Bad Request" in (directory.error or "")),
        }
    finally:
        workspace.client.close()


def test_uploads_and_downloads_match_the_real_server(real_server: RealServer, tmp_path: Path) -> None:
    assert real_server.root is not None
    host_base = real_server.root / "run" / "files-test"
    scoped_base = real_server.root / "run" / "workspace" / "project" / "files-test"
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        outcomes = {}
        for name, url in (("real", real_server.url), ("mock", mock.url)):
            (tmp_path / name / "host").mkdir(parents=True)
            (tmp_path / name / "scoped").mkdir(parents=True)
            host = _file_outcomes(url, host_base, tmp_path / name / "host")
            scoped = _file_outcomes(url, scoped_base, tmp_path / name / "scoped", _conversation(url))
            outcomes[name] = (host, scoped)
    real_host = outcomes["real"][0]
    assert real_host["download"] == (True, len(PAYLOAD), PAYLOAD)
    assert real_host["missing"] == (False, True)
    assert outcomes["mock"] == outcomes["real"]


def test_a_file_the_agent_created_can_be_downloaded() -> None:
    """The agents' file_editor and the file routes share the mock's files."""
    scenario = parse_scenario(
        {
            "name": "writes_notes",
            "tools": ["terminal", "file_editor"],
            "turns": [
                {
                    "tool": "file_editor",
                    "arguments": {"command": "create", "path": "/srv/project/notes.txt", "file_text": "hi\n"},
                },
                {"tool": "finish", "arguments": {"message": "Written"}},
            ],
        }
    )
    headers = {"X-Session-API-Key": KEY}
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        with ControlClient.connect(mock.endpoint) as control:
            control.load_scenario(scenario)
        body = start_conversation_body("http://127.0.0.1:9/v1", scenario.name, tools=scenario.tools, tag_scenario=True)
        body["initial_message"] = {"role": "user", "content": [{"type": "text", "text": "write"}], "run": True}
        created = httpx.post(f"{mock.url}/api/conversations", json=body, headers=headers).json()
        wait_until(
            lambda: (
                httpx.get(f"{mock.url}/api/conversations/{created['id']}", headers=headers).json()["execution_status"]
                == "finished"
            ),
            timeout_s=10,
            what="the agent's run to finish",
        )
        response = httpx.get(
            f"{mock.url}/api/file/download", params={"path": "/srv/project/notes.txt"}, headers=headers
        )
    assert (response.status_code, response.content) == (200, b"hi\n")


# -- the bash-events socket -----------------------------------------------------------------

SOCKET_COMMANDS = ["echo out; echo err >&2; exit 3", "echo started; sleep 3"]
FRAME_FIELDS = ("kind", "command", "stdout", "stderr", "exit_code", "order", "timeout")


async def _socket_frames(url: str) -> list[dict[str, Any]]:
    """Frames of commands sent over the socket and over REST, until each has its output."""
    async with websockets.connect(url.replace("http", "ws") + "/sockets/bash-events") as socket:
        await socket.send(json.dumps({"type": "auth", "session_api_key": KEY}))
        await socket.send(json.dumps({"command": SOCKET_COMMANDS[0]}))
        frames = [json.loads(await asyncio.wait_for(socket.recv(), 20)) for _ in range(2)]
        async with httpx.AsyncClient(headers={"X-Session-API-Key": KEY}) as client:
            started = await client.post(
                f"{url}/api/bash/start_bash_command", json={"command": SOCKET_COMMANDS[1], "timeout": 1}
            )
            started.raise_for_status()
        frames += [json.loads(await asyncio.wait_for(socket.recv(), 20)) for _ in range(2)]
    return [{key: frame.get(key) for key in FRAME_FIELDS} for frame in frames]


def test_the_bash_events_socket_streams_what_the_real_server_streams(real_server: RealServer) -> None:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        on_mock = asyncio.run(_socket_frames(mock.url))
    on_real = asyncio.run(_socket_frames(real_server.url))
    assert on_real[1]["stdout"] == "out\n" and on_real[1]["exit_code"] == 3
    assert on_real[3]["exit_code"] == -1  # cut short by its timeout
    assert on_mock == on_real
