"""A seeded git workspace through the real SDK's ``RemoteWorkspace`` and raw HTTP, on the real
server (started in a copy of the repository made by ``contract.harness.workspace_seed``) and on
the mock (the same ``workspace:`` section, in memory): changes, diffs, commits and archives in
both formats, host-level and in a conversation's runtime scope, and the changes an agent's
file_editor run leaves behind.

Commit ids differ by construction (git hashes the author's clock); everything else is compared
as it comes, blob ids in patches included.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

import io
import itertools
import json
import re
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openhands.sdk.workspace import RemoteWorkspace

from contract.client.bodies import SCENARIO_TAG, message_body
from contract.client.control import ControlClient
from contract.client.waiting import wait_until
from contract.harness.real_server import RealServer
from contract.harness.scenario import Scenario, conversation_body, parse_scenario
from contract.harness.scripted_llm import ScriptedLLM
from contract.harness.workspace_seed import materialize
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [
    pytest.mark.real_server,
    pytest.mark.timeout(300),
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
]
KEY = "test-key"
SHA = re.compile(r"^[0-9a-f]{40}$")
COMMIT_HEADERS = ("x-archive-head-commit", "x-archive-base-commit")
_fresh = itertools.count()

WORKSPACE: dict[str, Any] = {
    "files": {
        "README.md": "# Demo\nhello\nworld\n",
        "src/app.py": "def main():\n    return 1\n",
        "src/util.py": "VALUE = 2",
        ".gitignore": "*.log\n",
        "debug.log": "ignored\n",
        "node_modules/pkg/index.js": "module.exports = 1;\n",
        "docs/guide.md": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n",
    },
    "git": {
        "committed": {
            "README.md": "# Demo\nhello\n",
            "src/app.py": "def main():\n    return 1\n",
            "old.txt": "gone\n",
            ".gitignore": "*.log\n",
            "docs/guide.md": "one\ntwo\nthree\nfour\n5\nsix\nseven\neight\n",
        },
        "message": "Baseline",
    },
}


def _seeded(root: Path, name: str, workspace: dict[str, Any] | None = None, **extra: Any) -> Scenario:
    return parse_scenario(
        {
            "name": name,
            "turns": [{"reply": "ok"}],
            "workspace": {"root": str(root), **(workspace or WORKSPACE)},
            **extra,
        }
    )


def _root(real_server: RealServer) -> Path:
    assert real_server.root is not None
    return real_server.root / "run" / f"repo{next(_fresh)}"


@pytest.fixture
def seeded(real_server: RealServer) -> Iterator[tuple[Path, str]]:
    """The same repository on both servers, at the same path: (root, mock URL)."""
    root = _root(real_server)
    scenario = _seeded(root, "seeded_repo")
    assert scenario.workspace is not None
    materialize(scenario.workspace, root)
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        with ControlClient.connect(mock.endpoint) as control:
            control.load_scenario(scenario)
        yield root, mock.url


def _without_counts(manifest: bytes) -> bytes:
    fields = json.loads(manifest)
    assert fields["file_count"] > 0 and fields["total_bytes"] > 0
    return json.dumps({k: v for k, v in fields.items() if k not in ("file_count", "total_bytes")}).encode()


def _archive(url: str, prefix: str, **params: Any) -> dict[str, Any]:
    response = httpx.get(f"{url}{prefix}/file/archive", params=params, headers={"X-Session-API-Key": KEY}, timeout=60)
    headers = {k: v for k, v in response.headers.items() if k.startswith("x-archive") or k == "content-type"}
    commits = {k: bool(SHA.match(headers.pop(k))) for k in COMMIT_HEADERS if k in headers}
    if response.status_code != 200:
        return {"status": response.status_code, "body": response.json()}
    if params.get("format") == "tar.gz":
        with tarfile.open(fileobj=io.BytesIO(response.content)) as tar:
            members = {
                (m.name, m.isdir(), tar.extractfile(m).read() if m.isfile() else b"")  # type: ignore[union-attr]
                for m in tar.getmembers()
                if "/.git/" not in m.name + "/"
            }
        if params.get("use_default_excludes") is False:
            # A full capture counts the repository's .git internals, which the mock does not hold.
            members = {
                (name, is_dir, _without_counts(data) if name.endswith("/archive_manifest.json") else data)
                for name, is_dir, data in members
            }
        body: Any = sorted(members)
    else:
        body = response.text
    return {"status": 200, "headers": headers, "commit ids": commits, "body": body}


def _files(workspace: RemoteWorkspace, root: Path, scratch: Path) -> dict[str, Any]:
    """Upload a file into the repository; download it, a tracked file and a missing one."""
    source = scratch / "upload.txt"
    source.write_bytes(b"uploaded\n")
    uploaded = workspace.file_upload(source, root / "src" / "uploaded.txt")
    outcomes: dict[str, Any] = {"upload": (uploaded.success, uploaded.file_size)}
    for name in ("src/uploaded.txt", "README.md", "missing.txt"):
        fetched = workspace.file_download(root / name, scratch / "fetched")
        outcomes[f"download {name}"] = (
            fetched.success,
            fetched.file_size,
            (scratch / "fetched").read_bytes() if fetched.success else None,
        )
        (scratch / "fetched").unlink(missing_ok=True)
    return outcomes


def _started(workspace: RemoteWorkspace, root: Path, command: str, timeout: float = 20) -> tuple[Any, ...]:
    """A started command's output, read until it has an exit code (bounded)."""
    command_id = workspace.start_command(command, cwd=root, timeout=timeout)
    output = wait_until(
        lambda: (found := workspace.get_command_output(command_id)) and found.get("exit_code") is not None and found,
        timeout_s=20,
        what="the started command to end",
    )
    return output["stdout"], output["stderr"], output["exit_code"]


def _workspace_outcomes(url: str, root: Path, scratch: Path, runtime_id: str | None = None) -> dict[str, Any]:
    workspace = RemoteWorkspace(host=url, api_key=KEY, working_dir=str(root), runtime_conversation_id=runtime_id)
    prefix = f"/api/conversations/{runtime_id}" if runtime_id else "/api"

    def attempt(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except httpx.HTTPStatusError as error:  # the SDK raises on a 4xx: compare what it says
            return type(error).__name__, re.sub(r"for url '[^']*'", "", str(error)).split("\n")[0]

    try:
        out: dict[str, Any] = {
            "changes": [(c.status.value, str(c.path)) for c in workspace.git_changes(root)],
            "changes of src": [(c.status.value, str(c.path)) for c in workspace.git_changes(root / "src")],
        }
        for name in ("README.md", "src/util.py", "old.txt", "docs/guide.md", "src/app.py", "missing.txt"):
            out[f"diff {name}"] = attempt(lambda name=name: workspace.git_diff(root / name).model_dump())
        out["commits"] = [
            (c["short_sha"] == c["sha"][:7], c["subject"])
            for c in httpx.get(
                f"{url}{prefix}/git/commits", params={"path": str(root)}, headers={"X-Session-API-Key": KEY}
            ).json()["commits"]
        ]
        out["unknown ref"] = httpx.get(
            f"{url}{prefix}/git/changes",
            params={"path": str(root), "ref": "no-such-branch"},
            headers={"X-Session-API-Key": KEY},
        ).json()
        for command in ("cat README.md src/util.py", "cat missing.txt", "cat src", "cat docs/guide.md; exit 4"):
            result = workspace.execute_command(command, cwd=root, timeout=20)
            out[command] = (result.exit_code, result.stdout, result.stderr, result.timeout_occurred)
        # The server's own timeout, read until it reports it: execute_command's client-side poll
        # races the server's 1 s timeout and loses it on a loaded machine.
        out["timeout"] = _started(workspace, root, "echo started; sleep 5", timeout=1)
        out["started"] = _started(workspace, root, "cat src/app.py; sleep 1; exit 5")
        out.update(_files(workspace, root, scratch))
        out["changes after upload"] = [(c.status.value, str(c.path)) for c in workspace.git_changes(root)]
        out["git-delta"] = _archive(url, prefix, path=str(root))
        out["git-delta vs HEAD"] = _archive(url, prefix, path=str(root), base_ref="HEAD")
        out["git-delta of src"] = _archive(url, prefix, path=str(root / "src"), base_ref="HEAD")
        out["tar.gz"] = _archive(url, prefix, path=str(root), format="tar.gz")
        out["tar.gz excluding"] = _archive(url, prefix, path=str(root), format="tar.gz", exclude=["*.md", "src/"])
        out["tar.gz full"] = _archive(url, prefix, path=str(root), format="tar.gz", use_default_excludes=False)
        out["bad base"] = _archive(url, prefix, path=str(root), base_ref="nope")
        out["dash base"] = _archive(url, prefix, path=str(root), base_ref="-x")
        out["file"] = _archive(url, prefix, path=str(root / "README.md"))
        out["missing dir"] = _archive(url, prefix, path=str(root / "nowhere"))
        return out
    finally:
        workspace.client.close()


def _conversation(url: str, working_dir: Path) -> str:
    body = conversation_body("http://127.0.0.1:9/v1", parse_scenario({"name": "idle", "turns": [{"reply": "ok"}]}))
    body["workspace"] = {"working_dir": str(working_dir)}
    response = httpx.post(f"{url}/api/conversations", json=body, headers={"X-Session-API-Key": KEY}, timeout=60)
    response.raise_for_status()
    conversation_id: str = response.json()["id"]
    return conversation_id


def _differences(on_mock: dict[str, Any], on_real: dict[str, Any]) -> dict[str, Any]:
    """What differs, by key: (mock, real)."""
    return {key: (on_mock.get(key), on_real[key]) for key in on_real if on_mock.get(key) != on_real[key]}


def _scratch(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def test_a_seeded_repository_reads_alike_host_level(
    real_server: RealServer, seeded: tuple[Path, str], tmp_path: Path
) -> None:
    root, mock_url = seeded
    on_real = _workspace_outcomes(real_server.url, root, _scratch(tmp_path, "real"))
    on_mock = _workspace_outcomes(mock_url, root, _scratch(tmp_path, "mock"))
    assert ("UPDATED", "README.md") in on_real["changes"] and ("DELETED", "old.txt") in on_real["changes"]
    assert on_real["tar.gz"]["body"], "the real archive is empty: the comparison would prove nothing"
    assert _differences(on_mock, on_real) == {}


def test_a_seeded_repository_reads_alike_in_the_runtime_scope(
    real_server: RealServer, seeded: tuple[Path, str], tmp_path: Path
) -> None:
    root, mock_url = seeded
    on_real = _workspace_outcomes(
        real_server.url, root, _scratch(tmp_path, "real"), _conversation(real_server.url, root)
    )
    on_mock = _workspace_outcomes(mock_url, root, _scratch(tmp_path, "mock"), _conversation(mock_url, root))
    assert _differences(on_mock, on_real) == {}


def test_paths_outside_any_repository(real_server: RealServer, seeded: tuple[Path, str]) -> None:
    """A directory that is no repository has no changes and a file in it no diff; a missing
    file there is an error; ``ref`` and ``commit`` together are refused."""
    root, mock_url = seeded
    plain = root.parent / f"plain{next(_fresh)}"
    outcomes = {}
    for url in (real_server.url, mock_url):
        headers = {"X-Session-API-Key": KEY}
        httpx.post(f"{url}/api/file/create_directory", params={"path": str(plain)}, headers=headers).raise_for_status()
        httpx.post(
            f"{url}/api/file/upload", params={"path": str(plain / "a.txt")}, files={"file": b"a\n"}, headers=headers
        ).raise_for_status()
        outcomes[url] = [
            (r.status_code, r.json())
            for r in (
                httpx.get(f"{url}/api/git/changes", params={"path": str(plain)}, headers=headers),
                httpx.get(f"{url}/api/git/diff", params={"path": str(plain / "a.txt")}, headers=headers),
                httpx.get(f"{url}/api/git/diff", params={"path": str(plain / "none.txt")}, headers=headers),
                httpx.get(f"{url}/api/git/commits", params={"path": str(plain)}, headers=headers),
                httpx.get(
                    f"{url}/api/git/diff", params={"path": str(plain), "ref": "HEAD", "commit": "abcd"}, headers=headers
                ),
                httpx.get(f"{url}/api/file/archive", params={"path": str(plain)}, headers=headers),
                httpx.post(f"{url}/api/file/create_directory", params={"path": str(plain / "a.txt")}, headers=headers),
                httpx.post(f"{url}/api/file/create_directory", params={"path": "relative/dir"}, headers=headers),
            )
        ]
        outcomes[url].append(_archive(url, "/api", path=str(plain), format="tar.gz"))
    assert outcomes[mock_url] == outcomes[real_server.url]


EDITS = [
    {
        "tool": "file_editor",
        "arguments": {
            "command": "str_replace",
            "path": "{root}/README.md",
            "old_str": "hello",
            "new_str": "hello there",
        },
    },
    {
        "tool": "file_editor",
        "arguments": {"command": "create", "path": "{root}/src/feature.py", "file_text": "def feature():\n    pass\n"},
    },
    {"tool": "finish", "arguments": {"message": "Edited two files"}},
]


def _edit_scenario(root: Path) -> Scenario:
    turns = [
        {**turn, "arguments": {k: v.replace("{root}", str(root)) for k, v in turn["arguments"].items()}}
        for turn in EDITS
    ]
    seed = {"files": {"README.md": "# Demo\nhello\n", "src/app.py": "x = 1\n"}, "git": {}}
    return _seeded(root, "edits_two_files", seed, tools=["terminal", "file_editor"], turns=turns)


def _play(url: str, body: dict[str, Any]) -> None:
    headers = {"X-Session-API-Key": KEY}
    body = {**body, "initial_message": message_body("edit", run=True)}
    created = httpx.post(f"{url}/api/conversations", json=body, headers=headers, timeout=60).json()
    wait_until(
        lambda: (
            httpx.get(f"{url}/api/conversations/{created['id']}", headers=headers).json()["execution_status"]
            == "finished"
        ),
        timeout_s=60,
        what="the editing run to finish",
    )


def test_an_agents_edits_show_in_changes_and_diffs(real_server: RealServer) -> None:
    root = _root(real_server)
    scenario = _edit_scenario(root)
    assert scenario.workspace is not None
    materialize(scenario.workspace, root)
    outcomes = {}
    with ScriptedLLM({scenario.name: scenario}) as llm, MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        with ControlClient.connect(mock.endpoint) as control:
            control.load_scenario(scenario)
        body = conversation_body(llm.base_url, scenario)
        body["workspace"] = {"working_dir": str(root)}
        _play(real_server.url, body)
        _play(mock.url, {**body, "tags": {SCENARIO_TAG: scenario.name}})
        for url in (real_server.url, mock.url):
            workspace = RemoteWorkspace(host=url, api_key=KEY, working_dir=str(root))
            outcomes[url] = (
                [(c.status.value, str(c.path)) for c in workspace.git_changes(root)],
                workspace.git_diff(root / "README.md").model_dump(),
                workspace.git_diff(root / "src" / "feature.py").model_dump(),
            )
            workspace.client.close()
    assert outcomes[real_server.url][0] == [("UPDATED", "README.md"), ("ADDED", "src/feature.py")]
    assert outcomes[mock.url] == outcomes[real_server.url]
