"""What the mock answers without state is reported per operation, and the README's list is that report."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from contract.client.control import ControlClient
from contract.spec.documents import effective_spec
from mockserver.cli import app as cli
from mockserver.config import MockConfig
from mockserver.runner import MockServer

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_control_api_reports_exactly_the_generic_operations() -> None:
    with MockServer(MockConfig()) as mock, ControlClient.connect(mock.endpoint, timeout_s=10) as control:
        reported = control.canned()
    listed = {(op.method.lower(), op.path) for op in reported}
    spec_ops = {(m, p) for p, item in effective_spec()["paths"].items() for m in item}
    assert listed < spec_ops
    # Stateful routes are not canned; refused and fixed answers say so.
    assert ("put", "/api/settings/secrets") not in listed and (
        "post",
        "/api/conversations/{conversation_id}/fork",
    ) not in listed
    answers = {(op.method, op.path): op.answer for op in reported}
    assert answers["GET", "/api/vscode/url"] == "503, as a server with VS Code disabled"
    assert ("POST", "/api/init") not in answers  # deferred init is simulated
    assert answers["GET", "/api/git/repositories/search"] == "a body synthesized from the response schema"
    assert ("GET", "/api/git/changes") not in answers  # computed from the workspace


def test_the_readme_lists_the_report() -> None:
    printed = CliRunner().invoke(cli, ["canned"])
    assert printed.exit_code == 0, printed.output
    block = re.search(r"<!-- canned:start -->\n(.*?)\n<!-- canned:end -->", README.read_text(), re.S)
    assert block is not None, "README.md lost its canned list markers"
    assert block.group(1) == printed.output.strip(), "README.md's canned list is stale: paste `ohmock canned`"
