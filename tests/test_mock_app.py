"""The mock's ASGI app: ready before it is built, identical once built, and the serve command's checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from contract.harness.scenario import bundled_scenarios
from contract.harness.scenarios import bundled_names
from mockserver.app import MockApp
from mockserver.cli import app as cli
from mockserver.config import MockConfig
from mockserver.routes.health import HEALTH_PATHS


def _without_uptime(body: bytes) -> Any:
    data = json.loads(body)
    if isinstance(data, dict):
        data.pop("uptime", None)
    return data


@pytest.mark.parametrize("path", sorted(HEALTH_PATHS))
def test_health_answers_before_the_build_equal_the_built_app(path: str) -> None:
    early_app = MockApp(MockConfig())
    client = TestClient(early_app)  # not a context manager: no lifespan, so no background build
    before = client.get(path)
    assert not early_app.built, "a health route must not need the full application"
    after = client.get(path)  # still early: nothing else was asked for
    built = TestClient(early_app.full).get(path)
    for response in (before, after):
        assert response.status_code == built.status_code == 200
        assert response.headers["content-type"] == built.headers["content-type"]
        assert _without_uptime(response.content) == _without_uptime(built.content)


def test_other_requests_wait_for_the_build_and_the_journal_keeps_the_early_ones() -> None:
    app = MockApp(MockConfig(api_keys=("k",)))
    client = TestClient(app)
    assert client.get("/health").status_code == 200
    assert not app.built
    assert client.get("/api/conversations/count").status_code == 401  # built on demand
    assert app.built
    assert client.get("/api/conversations/count", headers={"X-Session-API-Key": "k"}).json() == 0
    journal = [(e["method"], e["path"], e["status"]) for e in app.state.journal.entries("http")]
    assert journal == [
        ("GET", "/health", 200),
        ("GET", "/api/conversations/count", 401),
        ("GET", "/api/conversations/count", 200),
    ]


def test_the_lifespan_starts_the_build_in_the_background() -> None:
    app = MockApp(MockConfig())
    with TestClient(app) as client:
        assert client.get("/alive").json() == {"status": "ok"}
        app.state  # noqa: B018 - waits for the background build
    assert app.built


def test_a_cross_origin_health_check_gets_the_full_apps_cors_answer() -> None:
    app = MockApp(MockConfig())
    response = TestClient(app).get("/health", headers={"Origin": "http://localhost:5173"})
    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert app.built


def test_bundled_scenario_files_are_named_after_their_scenarios() -> None:
    """``bundled_names`` (what ``serve`` checks without parsing) equals the parsed pack."""
    assert bundled_names() == set(bundled_scenarios())


@pytest.mark.timeout(30)
def test_serve_refuses_an_unknown_default_scenario_before_listening() -> None:
    result = CliRunner().invoke(cli, ["serve", "--port", "1", "--scenario", "no_such_scenario"])
    assert result.exit_code == 2
    assert "unknown default scenario 'no_such_scenario'" in result.output
    assert "bash_then_finish" in result.output  # the known ones are listed
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.timeout(30)
def test_serve_refuses_a_broken_scenario_directory(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("name: broken\nturns: []\n")
    result = CliRunner().invoke(cli, ["serve", "--port", "1", "--scenarios-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "broken.yaml" in result.output and "turns" in result.output
