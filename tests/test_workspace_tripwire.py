"""The mock never touches the host: every operation of the spec, with paths that point at host
files, and an agent run whose tools name host files, open no host file and start no process.

A Python audit hook (``sys.addaudithook``) sees every file open, directory listing or change and
process start in this interpreter, the mock's server thread included. Opens of the interpreter's
own files (modules, package data such as the bundled scenarios) are what loading code does and
are allowed; anything else is a violation.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import contract
import mockserver
from contract.client.bodies import message_body, start_conversation_body
from contract.client.control import ControlClient
from contract.client.waiting import wait_until
from contract.harness.scenario import parse_scenario
from contract.spec.documents import effective_spec
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning")
KEY = "k"
HOST_FILE = "/etc/passwd"
WATCHED = (
    "open",
    "os.listdir",
    "os.scandir",
    "os.mkdir",
    "os.remove",
    "os.rename",
    "os.rmdir",
    "os.truncate",
    "os.chmod",
    "os.utime",
    "shutil.copyfile",
    "shutil.rmtree",
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "pty.spawn",
)
OWN_FILES = tuple(
    str(Path(p).resolve())
    for p in {sys.prefix, sys.base_prefix, *contract.__path__, *mockserver.__path__}  # type: ignore[attr-defined]
)


class Tripwire:
    """Records host accesses while armed. The hook stays installed (Python cannot remove one)
    but does nothing once disarmed."""

    def __init__(self) -> None:
        self.armed = False
        self.seen: list[tuple[str, str]] = []

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.armed or event not in WATCHED:
            return
        if event == "open":
            target = args[0]
            if isinstance(target, int):  # an already-open descriptor (a socket, a pipe)
                return
            path = os.fsdecode(target) if isinstance(target, (str, bytes, os.PathLike)) else repr(target)
            if os.path.realpath(path).startswith(OWN_FILES):
                return
            self.seen.append((event, path))
            return
        self.seen.append((event, repr(args)[:200]))


_TRIPWIRE = Tripwire()
sys.addaudithook(_TRIPWIRE)


@pytest.fixture
def tripwire() -> Iterator[Tripwire]:
    _TRIPWIRE.seen.clear()
    try:
        yield _TRIPWIRE
    finally:
        _TRIPWIRE.armed = False


def test_the_tripwire_sees_a_host_file_open(tripwire: Tripwire) -> None:
    """The checker can fail: an open outside the interpreter's files is recorded."""
    tripwire.armed = True
    with open(HOST_FILE, "rb"):
        pass
    tripwire.armed = False
    assert ("open", HOST_FILE) in tripwire.seen


def test_the_tripwire_sees_the_servers_thread(tripwire: Tripwire, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mutant mock whose download looks at the host's file is caught, though it runs in the
    server's thread."""
    from mockserver.workspace import Workspace

    def exists_on_host(self: Workspace, path: str) -> bool:
        with open(path, "rb"):
            return True

    monkeypatch.setattr(Workspace, "exists", exists_on_host)
    with (
        MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock,
        httpx.Client(base_url=mock.url, headers={"X-Session-API-Key": KEY}) as client,
    ):
        client.get("/health")
        tripwire.armed = True
        client.get("/api/file/download", params={"path": HOST_FILE})
        tripwire.armed = False
    assert ("open", HOST_FILE) in tripwire.seen


SAMPLES: dict[str, Any] = {"string": "x", "integer": 1, "number": 1, "boolean": True}


def _value(schema: dict[str, Any]) -> Any:
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _value(option)
    if "enum" in schema:
        return schema["enum"][0]
    return SAMPLES.get(schema.get("type", "string"), "x")


def _requests(spec: dict[str, Any], conversation: str, working_dir: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every operation once per host path (a host file, a traversal to it, one in the
    workspace); deletes last, so the conversation lives through the rest."""
    fill = {"conversation_id": conversation, "runtime_conversation_id": conversation, "sha": "abcd"}
    operations = [(m, p, op) for p, item in spec["paths"].items() for m, op in item.items()]
    operations.sort(key=lambda entry: entry[0] == "delete")
    for method, path, operation in operations:
        url = path
        for name in [seg[1:-1] for seg in path.split("/") if seg.startswith("{")]:
            url = url.replace(f"{{{name}}}", fill.get(name, "x"))
        queries = [p for p in operation.get("parameters", []) if p["in"] == "query"]
        for target in (HOST_FILE, f"{working_dir}/../../../../etc/passwd", f"{working_dir}/a.txt"):
            params = {
                p["name"]: target if p["name"] in ("path", "workspace_dir") else _value(p.get("schema", {}))
                for p in queries
                if p.get("required") or p["name"] in ("path", "workspace_dir")
            }
            yield method, url, params
            if not any(p["name"] in ("path", "workspace_dir") for p in queries):
                break


def _send(client: httpx.Client, method: str, url: str, params: dict[str, Any]) -> httpx.Response:
    if url.endswith("/upload"):
        return client.post(url, params=params, files={"file": b"uploaded"})
    if method in ("post", "put", "patch"):
        return client.request(method, url, params=params, json={})
    return client.request(method, url, params=params)


AGENT = parse_scenario(
    {
        "name": "reads_host_files",
        "tools": ["terminal", "file_editor"],
        "commands": [{"pattern": "ls /", "stdout": "bin\n"}],
        "turns": [
            {"tool": "terminal", "arguments": {"command": f"cat {HOST_FILE}"}},
            {"tool": "terminal", "arguments": {"command": "ls /"}},
            {"tool": "file_editor", "arguments": {"command": "view", "path": HOST_FILE}},
            {
                "tool": "file_editor",
                "arguments": {"command": "str_replace", "path": HOST_FILE, "old_str": "r", "new_str": "x"},
            },
            {
                "tool": "file_editor",
                "arguments": {"command": "create", "path": "/tmp/ohmock-never/x.txt", "file_text": "x"},
            },
            {"tool": "finish", "arguments": {"message": "done"}},
        ],
    }
)


def test_no_route_and_no_agent_run_touches_the_host(tripwire: Tripwire) -> None:
    spec = effective_spec()
    working_dir = "/srv/tripwire"
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock, ControlClient.connect(mock.endpoint) as control:
        control.load_scenario(AGENT)
        with httpx.Client(base_url=mock.url, headers={"X-Session-API-Key": KEY}, timeout=30) as client:
            body = start_conversation_body(
                "http://127.0.0.1:9/v1", AGENT.name, tools=AGENT.tools, working_dir=working_dir
            )
            body["tags"] = {"scenario": AGENT.name}
            conversation = client.post("/api/conversations", json=body).json()["id"]
            client.get("/health").raise_for_status()
            for warm_up in _requests(spec, str(uuid.uuid4()), working_dir):  # load every lazy import first
                _send(client, *warm_up)
            tripwire.armed = True
            answers = [
                (method, url, _send(client, method, url, params))
                for method, url, params in _requests(spec, conversation, working_dir)
            ]
            agent = client.post(
                "/api/conversations", json={**body, "initial_message": message_body("go", run=True)}
            ).json()
            wait_until(
                lambda: client.get(f"/api/conversations/{agent['id']}").json()["execution_status"] == "finished",
                timeout_s=30,
                what="the agent's run to finish",
            )
            events = client.get(f"/api/conversations/{agent['id']}/events/search", params={"limit": 100}).json()
            tripwire.armed = False
    assert len(answers) > 200, "every operation was sent"
    assert tripwire.seen == []
    # 503 is VS Code's route on a server with VS Code disabled, as the real server answers it.
    assert [(m, u, r.status_code) for m, u, r in answers if r.status_code >= 500 and r.status_code != 503] == []
    texts = [str(e.get("observation", {}).get("content")) for e in events["items"] if e["kind"] == "ObservationEvent"]
    assert not any("root:" in text for text in texts), "a host file's content reached an observation"
