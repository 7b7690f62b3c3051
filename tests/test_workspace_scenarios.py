"""A scenario's ``workspace:`` section: what ``validate-scenario`` refuses, and where the mock
seeds it (the comparison with the real server is ``test_workspace_git_vs_real``)."""

from __future__ import annotations

from pathlib import Path

import httpx
import yaml
from typer.testing import CliRunner

from contract.client.bodies import start_conversation_body
from contract.client.control import ControlClient
from contract.harness.scenario import parse_scenario
from mockserver.cli import app as cli
from mockserver.config import MockConfig
from mockserver.runner import MockServer

HEADERS = {"X-Session-API-Key": "k"}


def test_validate_scenario_reports_every_bad_workspace_entry(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "name": "bad_workspace",
                "turns": [{"reply": "ok"}],
                "workspace": {
                    "root": "relative/dir",
                    "files": {"/etc/passwd": "x", "a/../../up.txt": "y"},
                    "git": {"branch": "-bad", "committed": {".git/config": ""}},
                },
            }
        )
    )
    printed = CliRunner().invoke(cli, ["validate-scenario", str(bad)], terminal_width=400)
    assert printed.exit_code == 1
    for location in ("workspace.root", "workspace.files", "workspace.git.branch", "workspace.git.committed"):
        assert location in printed.output, location


def _seeded(name: str, root: str | None) -> dict[str, object]:
    workspace: dict[str, object] = {"files": {"notes.md": "new\n"}, "git": {"committed": {"notes.md": "old\n"}}}
    if root is not None:
        workspace["root"] = root
    return {"name": name, "turns": [{"reply": "ok"}], "workspace": workspace}


def test_a_rooted_workspace_is_seeded_on_load_and_an_unrooted_one_per_conversation() -> None:
    with MockServer(MockConfig(api_keys=("k",), speed=0)) as mock:
        with ControlClient.connect(mock.endpoint) as control:
            control.load_scenario(parse_scenario(_seeded("rooted", "/srv/rooted")))
            control.load_scenario(parse_scenario(_seeded("per_conversation", None)))
        with httpx.Client(base_url=mock.url, headers=HEADERS) as client:
            rooted = client.get("/api/git/changes", params={"path": "/srv/rooted"}).json()
            before = client.get("/api/file/download", params={"path": "/srv/conv/notes.md"}).status_code
            body = start_conversation_body("http://127.0.0.1:9/v1", "per_conversation", working_dir="/srv/conv")
            client.post(
                "/api/conversations", json={**body, "tags": {"scenario": "per_conversation"}}
            ).raise_for_status()
            seeded = client.get("/api/git/diff", params={"path": "/srv/conv/notes.md"}).json()
            other = start_conversation_body("http://127.0.0.1:9/v1", "plain_reply", working_dir="/srv/plain")
            client.post("/api/conversations", json=other).raise_for_status()
            plain = client.get("/api/git/commits", params={"path": "/srv/plain"}).json()
            created = client.get("/api/file/search_subdirs", params={"path": "/srv", "include_hidden": True}).json()
    assert rooted == [{"status": "UPDATED", "path": "notes.md"}]
    assert before == 404
    assert seeded == {"modified": "new", "original": "old"}
    assert plain == {"commits": [], "has_more": False}  # git init, no commit
    assert [item["name"] for item in created["items"]] == ["conv", "plain", "rooted"]
