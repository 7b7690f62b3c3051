"""``ohmock check``'s exit codes: 0 conforms, 1 violations, 2 the check could not be made, each
with its reason on the first line printed. A server that is down, silent, refusing the key or
not an agent server at all is not a contract breach; a faulty mock is."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from contract.checker import run_checks
from contract.client.control import ControlClient
from contract.harness.serving import free_port
from mockserver.cli import app as cli
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
    pytest.mark.timeout(180),
]
KEY = "exit-code-key"
BOUNDS = ["--budget", "5", "--request-timeout", "1", "--include-operation", "GET /api/conversations/count"]
QUICK = ["--phase", "rest", *BOUNDS]


def _check(url: str, *options: str) -> Result:
    return CliRunner().invoke(cli, ["check", url, *QUICK, *options], terminal_width=300)


def _first_line(result: Result) -> str:
    return next(line for line in result.output.splitlines() if line.strip())


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as server:
        yield server


@contextlib.contextmanager
def _silent_listener() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop, accepted = threading.Event(), []

    def accept() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in accepted:
            connection.close()
        listener.close()


class _AlwaysOk(http.server.BaseHTTPRequestHandler):
    """Answers ``200 {"status": "ok"}`` to every request: an HTTP JSON server that keeps no
    contract at all."""

    def _ok(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _ok  # noqa: N815 - http.server's handler names

    def log_message(self, *args: object) -> None:  # quiet
        pass


@contextlib.contextmanager
def _serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_answering_ok_to_everything_exits_1_without_a_traceback(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    with _serving(_AlwaysOk) as port:
        result = CliRunner().invoke(
            cli,
            [
                "check",
                f"http://127.0.0.1:{port}",
                "--api-key",
                KEY,
                "--allow-writes",
                "--budget",
                "12",
                "--json",
                str(report_path),
            ],
            terminal_width=300,
        )
    assert result.exit_code == 1, result.output
    report = json.loads(report_path.read_text())
    assert report["summary"]["errors"] == 0 and "Traceback" not in result.output
    checks = {check["id"]: check for check in report["checks"]}
    assert checks["server.usable_responses"]["status"] == "failed"
    assert all(phase["status"] in ("failed", "skipped") for phase in report["phases"])


class _Slow(_AlwaysOk):
    """Takes 2 s over every answer."""

    def _ok(self) -> None:
        time.sleep(2)
        super()._ok()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _ok  # noqa: N815 - http.server's handler names


def test_a_slow_server_is_checked_within_the_budget_plus_one_request_timeout() -> None:
    budget, request_timeout = 12.0, 3.0
    with _serving(_Slow) as port:
        report = run_checks(
            f"http://127.0.0.1:{port}",
            api_key=KEY,
            allow_writes=True,
            budget_s=budget,
            request_timeout_s=request_timeout,
        )
    # The bound is the server's waiting, not our speed: two seconds over it for our own work.
    assert report.duration_s <= budget + request_timeout + 2.0, report.duration_s
    assert not report.ok and report.errors == []
    assert any(phase.skip_reason == "budget exhausted" for phase in report.phases)


def test_an_unreachable_port_exits_2() -> None:
    result = _check(f"http://127.0.0.1:{free_port()}", "--api-key", KEY)
    assert result.exit_code == 2, result.output
    assert "could not be made" in _first_line(result) and "is unreachable" in _first_line(result)


def test_a_port_that_never_answers_exits_2() -> None:
    with _silent_listener() as port:
        result = _check(f"http://127.0.0.1:{port}", "--api-key", KEY)
    assert result.exit_code == 2, result.output
    assert "did not answer within 1 s" in _first_line(result)


def test_a_wrong_key_exits_2(mock: MockServer) -> None:
    result = _check(mock.url, "--api-key", "not-the-key")
    assert result.exit_code == 2, result.output
    assert "rejects the given key" in _first_line(result)
    missing = _check(mock.url)
    assert missing.exit_code == 2 and "pass --api-key" in _first_line(missing)


def test_a_server_that_is_no_agent_server_exits_2(tmp_path: Path) -> None:
    static_files = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    with _serving(static_files) as port:  # type: ignore[arg-type]
        result = _check(f"http://127.0.0.1:{port}", "--api-key", KEY)
    assert result.exit_code == 2, result.output
    assert "not an agent server" in _first_line(result) and "/health answered 404" in _first_line(result)


def test_a_faulty_mock_exits_1(mock: MockServer, tmp_path: Path) -> None:
    """With --fail-fast the run ends at the violation: the later phase is not started."""
    mock.state.reset()
    with ControlClient.connect(mock.endpoint) as control:
        control.set_faults(forced=[{"method": "GET", "path": "^/api/conversations/count$", "status": 418, "times": 0}])
    try:
        result = _check(
            mock.url, "--api-key", KEY, "--phase", "websocket", "--fail-fast", "--json", str(tmp_path / "r.json")
        )
    finally:
        mock.state.reset()
    assert result.exit_code == 1, result.output
    assert "does not conform" in result.output
    assert "stopped at the first violation" in result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["stopped_early"].startswith("stopped at the first violation (rest.")
    assert {p["name"]: p["skip_reason"] for p in report["phases"]}["websocket"] == report["stopped_early"]


def test_the_mock_exits_0(mock: MockServer, tmp_path: Path) -> None:
    mock.state.reset()
    result = _check(mock.url, "--api-key", KEY, "--json", str(tmp_path / "report.json"))
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_require_coverage_fails_a_run_that_left_checks_out(mock: MockServer, tmp_path: Path) -> None:
    """Read-only, the writing phases cannot run: with --require-coverage that is a failure that
    names each check left out and why; without it, the same run conforms."""
    mock.state.reset()
    options = ["--api-key", KEY, *BOUNDS]
    required = CliRunner().invoke(
        cli, ["check", mock.url, *options, "--require-coverage", "--json", str(tmp_path / "r.json")], terminal_width=300
    )
    assert required.exit_code == 1, required.output
    assert (
        "not covered" in required.output
        and "behaviour.create (creates conversations: needs --allow-writes)" in required.output
    )
    left_out = {entry["id"]: entry["reason"] for entry in json.loads((tmp_path / "r.json").read_text())["not_covered"]}
    assert left_out["behaviour.create"] == "creates conversations: needs --allow-writes"
    assert CliRunner().invoke(cli, ["check", mock.url, *options]).exit_code == 0


def test_several_deployments_are_checked_at_once(
    mock: MockServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conforming server, a faulty one and one that is down, from a targets file whose keys
    come from the environment: a row each, the combined verdict is 'not all checked' (2)."""
    mock.state.reset()
    with MockServer(MockConfig(api_keys=("faulty-key",), speed=0)) as faulty:
        with ControlClient.connect(faulty.endpoint) as control:
            control.set_faults(
                forced=[{"method": "GET", "path": "^/api/conversations/count$", "status": 418, "times": 0}]
            )
        monkeypatch.setenv("GOOD_KEY", KEY)
        monkeypatch.setenv("FAULTY_KEY", "faulty-key")
        targets = tmp_path / "targets.txt"
        targets.write_text(
            f"# deployments\n{mock.url} GOOD_KEY\n{faulty.url}  FAULTY_KEY  # the faulty one\n"
            f"http://127.0.0.1:{free_port()}\n"
        )
        result = CliRunner().invoke(
            cli,
            [
                "check",
                "--targets",
                str(targets),
                *QUICK,
                "--json",
                str(tmp_path / "all.json"),
                "--html",
                str(tmp_path / "all.html"),
            ],
            terminal_width=300,
        )
    assert result.exit_code == 2, result.output
    combined = json.loads((tmp_path / "all.json").read_text())
    assert [(d["url"], d["verdict"]) for d in combined["deployments"]] == [
        (mock.url, "conforms"),
        (faulty.url, "violations"),
        (combined["deployments"][2]["url"], "not checked"),
    ]
    assert "is unreachable" in combined["deployments"][2]["setup_error"]
    assert (tmp_path / "all-2.html").exists() and "all-2.html" in (tmp_path / "all.html").read_text()


def test_a_bad_targets_file_is_refused_with_its_line(tmp_path: Path) -> None:
    targets = tmp_path / "targets.txt"
    targets.write_text("http://127.0.0.1:1 UNSET_OHMOCK_KEY\n")
    result = CliRunner().invoke(cli, ["check", "--targets", str(targets)], terminal_width=300)
    assert result.exit_code == 2 and "line 1: the key variable UNSET_OHMOCK_KEY is not set" in result.output
