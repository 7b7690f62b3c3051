"""Workspace files through the real SDK's ``RemoteWorkspace``, on the real server and the mock.

The real server writes and reads its disk; the mock keeps the files in memory (the same map
its agents' file_editor works on). Uploads, downloads of an uploaded file, of a missing one and
of a path that is a directory must give a client the same results, host-level and in a
conversation's runtime scope. The files go under the real server's throwaway directory.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

from pathlib import Path
from typing import Any

import httpx
import pytest
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
PAYLOAD = bytes(range(256)) + "naïve text\n".encode()


def _outcomes(url: str, base: Path, tmp: Path, runtime_id: str | None = None) -> dict[str, Any]:
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


def _conversation(url: str) -> str:
    body = start_conversation_body("http://127.0.0.1:9/v1", "plain_reply", working_dir="workspace/project")
    response = httpx.post(f"{url}/api/conversations", json=body, headers={"X-Session-API-Key": KEY}, timeout=60)
    response.raise_for_status()
    conversation_id: str = response.json()["id"]
    return conversation_id


def test_uploads_and_downloads_match_the_real_server(real_server: RealServer, tmp_path: Path) -> None:
    assert real_server.root is not None
    host_base = real_server.root / "run" / "files-test"
    scoped_base = real_server.root / "run" / "workspace" / "project" / "files-test"
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        outcomes = {}
        for name, url in (("real", real_server.url), ("mock", mock.url)):
            (tmp_path / name / "host").mkdir(parents=True)
            (tmp_path / name / "scoped").mkdir(parents=True)
            host = _outcomes(url, host_base, tmp_path / name / "host")
            scoped = _outcomes(url, scoped_base, tmp_path / name / "scoped", _conversation(url))
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
                    "arguments": {"command": "create", "path": "/work/notes.txt", "file_text": "hi\n"},
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
        response = httpx.get(f"{mock.url}/api/file/download", params={"path": "/work/notes.txt"}, headers=headers)
    assert (response.status_code, response.content) == (200, b"hi\n")
