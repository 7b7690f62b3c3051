"""Deferred init (``OH_DEFERRED_INIT``): dormant, the 503 gate, ``POST /api/init``, ready — on the
real server and the mock started from the same environment, step by step."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from contract.harness.real_server import RealServer
from mockserver.config import MockConfig
from mockserver.runner import MockServer
from mockserver.server_env import config_from_env

pytestmark = [pytest.mark.real_server, pytest.mark.timeout(120)]
ENV = {"OH_DEFERRED_INIT": "true", "OH_SECRET_KEY": "boot-secret"}
INIT = {"X-Init-API-Key": "boot-secret"}
USER = {"X-Session-API-Key": "user-key"}
STEPS: list[tuple[str, str, Any, dict[str, str]]] = [
    ("GET", "/ready", None, {}),
    ("GET", "/api/init", None, {}),
    ("GET", "/api/conversations/search", None, {}),
    ("GET", "/api/conversations/search", None, USER),
    ("GET", "/api/settings", None, {}),
    ("GET", "/v1/models", None, {}),
    ("POST", "/api/init", {"session_api_keys": ["user-key"]}, {}),
    ("POST", "/api/init", {"session_api_keys": ["user-key"]}, {"X-Init-API-Key": "wrong"}),
    ("POST", "/api/init", {"session_api_keys": [""]}, INIT),
    ("POST", "/api/init", {"session_api_keys": "user-key"}, INIT),
    ("POST", "/api/init", {"unknown_setting": 1}, INIT),
    ("GET", "/api/init", None, {}),
    ("POST", "/api/init", {"session_api_keys": ["user-key"], "allow_cors_origins": ["https://app.example.com"]}, INIT),
    ("POST", "/api/init", {"session_api_keys": ["other"]}, INIT),
    ("GET", "/api/init", None, {}),
    ("GET", "/ready", None, {}),
    ("GET", "/api/conversations/search", None, {}),
    ("GET", "/api/conversations/search", None, USER),
    ("GET", "/v1/models", None, {"Authorization": "Bearer user-key"}),
]


def _answers(base: str) -> list[Any]:
    from openhands.sdk.utils.cipher import Cipher

    answers: list[Any] = []
    with httpx.Client(base_url=base, timeout=30) as http:
        for index, (method, path, body, headers) in enumerate(STEPS):
            if index == 12:  # just before init: a socket is refused while dormant
                answers.append(("socket while dormant", _socket(base)))
            response = http.request(method, path, json=body, headers=headers)
            answers.append((f"{method} {path} {body} {sorted(headers)}", response.status_code, response.json()))
        preflight = http.options(
            "/api/conversations/search",
            headers={"Origin": "https://app.example.com", "Access-Control-Request-Method": "GET"},
        )
        answers.append(("cors after init", preflight.status_code, preflight.headers.get("access-control-allow-origin")))
        http.patch("/api/settings", headers=USER, json={"agent_settings_diff": {"llm": {"model": "m", "api_key": "s"}}})
        encrypted = http.get("/api/settings", headers={**USER, "X-Expose-Secrets": "encrypted"}).json()
        token = encrypted["agent_settings"]["llm"]["api_key"]
        answers.append(("cipher key", [k for k in ("boot-secret", "user-key") if Cipher(k).decrypt(token) is not None]))
        answers.append(("socket after init", _socket(base)))
    return answers


def _socket(base: str) -> Any:
    url = base.replace("http", "ws") + f"/sockets/events/{uuid.uuid4()}?session_api_key=user-key"
    try:
        with connect(url, open_timeout=10, close_timeout=2) as socket:
            socket.close()
            return "open"
    except InvalidStatus as exc:
        return ("refused", exc.response.status_code)


def test_deferred_init_matches_the_real_server() -> None:
    with RealServer(extra_env=ENV) as real:
        real_answers = _answers(real.url)
    with MockServer(MockConfig(**config_from_env(ENV))) as mock:
        mock_answers = _answers(mock.url)
    assert real_answers[2][1] == 503 and real_answers[13][1] == 200  # dormant, then ready
    for real, ours in zip(real_answers, mock_answers, strict=True):
        assert ours == real, real[0]


def test_init_on_a_server_without_deferred_init_matches_the_real_server(real_server: RealServer) -> None:
    """Not deferred: GET 404; POST checks the init key (the session key here) first, then 404."""
    key = real_server.api_key or ""
    steps = [
        ("GET", {}, None),
        ("POST", {}, {"session_api_keys": ["x"]}),
        ("POST", {"X-Init-API-Key": key}, {"session_api_keys": ["x"]}),
        ("POST", {"X-Init-API-Key": key}, {"unknown_setting": 1}),
    ]

    def answers(base: str) -> list[tuple[int, Any]]:
        with httpx.Client(base_url=base, timeout=30) as http:
            return [
                (r.status_code, r.json())
                for r in (http.request(m, "/api/init", headers=h, json=b) for m, h, b in steps)
            ]

    real = answers(real_server.url)
    with MockServer(MockConfig(api_keys=(key,))) as mock:
        ours = answers(mock.url)
    assert [status for status, _ in real] == [404, 401, 404, 404]
    assert ours == real
