"""CORS: the mock answers preflights and simple requests as the real server does, with no options.

The real server (middleware.py) allows any localhost / 127.0.0.1 origin with credentials, echoes
any http(s) origin on the workspace-cookie routes, and refuses other origins. The same requests
go to both servers; the CORS headers must be equal.
"""

from __future__ import annotations

import httpx
import pytest

from contract.harness.real_server import RealServer
from mockserver.config import MockConfig
from mockserver.runner import MockServer

CORS_HEADERS = (
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-max-age",
    "vary",
)
ORIGINS = ("http://localhost:5173", "http://127.0.0.1:3000", "https://app.example.com", "null")
PATHS = ("/api/conversations/search", "/health", "/api/auth/workspace-session")


def _answers(base: str, key: str) -> list[tuple[str, str, str, int, dict[str, str | None]]]:
    answers = []
    with httpx.Client(base_url=base, timeout=30) as http:
        for path in PATHS:
            for origin in ORIGINS:
                preflight = http.options(
                    path,
                    headers={
                        "Origin": origin,
                        "Access-Control-Request-Method": "GET",
                        "Access-Control-Request-Headers": "x-session-api-key",
                    },
                )
                simple = http.get(path, headers={"Origin": origin, "X-Session-API-Key": key})
                for kind, response in (("preflight", preflight), ("simple", simple)):
                    headers = {name: response.headers.get(name) for name in CORS_HEADERS}
                    answers.append((path, origin, kind, response.status_code, headers))
    return answers


@pytest.fixture(scope="module")
def mock_answers() -> list[tuple[str, str, str, int, dict[str, str | None]]]:
    with MockServer(MockConfig(api_keys=("k",))) as mock:
        return _answers(mock.url, "k")


def test_local_origins_are_allowed_with_no_options(mock_answers: list) -> None:
    for path, origin, kind, status, headers in mock_answers:
        if kind == "preflight" and origin in ("http://localhost:5173", "http://127.0.0.1:3000"):
            assert status == 200, (path, origin)
            assert headers["access-control-allow-origin"] == origin
            assert headers["access-control-allow-credentials"] == "true"


def test_a_foreign_origin_is_refused_outside_the_workspace_routes(mock_answers: list) -> None:
    refused = [a for a in mock_answers if a[1] == "https://app.example.com" and a[0] != "/api/auth/workspace-session"]
    assert refused and all(headers["access-control-allow-origin"] is None for *_, headers in refused)


@pytest.mark.real_server
def test_the_real_server_answers_the_same(real_server: RealServer, mock_answers: list) -> None:
    assert real_server.api_key is not None
    real = _answers(real_server.url, real_server.api_key)
    differences = [(m[:3], m[3:], r[3:]) for m, r in zip(mock_answers, real, strict=True) if m[3:] != r[3:]]
    assert not differences, "\n".join(f"{where}: mock {mock} real {actual}" for where, mock, actual in differences)
