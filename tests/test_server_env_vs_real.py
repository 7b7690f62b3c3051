"""``ohmock serve`` honours the real server's configuration variables, with the same outcome.

The same environment (session keys, CORS origins, the secret key) is given to the real server
and to ``ohmock serve``; the answers that depend on it (auth, CORS, encrypted secrets) must agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract.client.api import wait_healthy
from contract.harness.real_server import RealServer
from contract.harness.serving import free_port
from mockserver.server_env import ServerEnvError, config_from_env

pytestmark = [pytest.mark.real_server, pytest.mark.timeout(180)]
ENVIRONMENTS = {
    "numbered keys and origins": {
        "OH_SESSION_API_KEYS_0": "env-key",
        "OH_SESSION_API_KEYS_1": "rotated-key",
        "OH_ALLOW_CORS_ORIGINS_0": "https://app.example.com",
    },
    "legacy key and a secret key": {"SESSION_API_KEY": "legacy-key", "OH_SECRET_KEY": "at-rest-key"},
}
KEYS = ("env-key", "rotated-key", "legacy-key", "wrong")
ORIGINS = ("https://app.example.com", "https://other.example.com")


@contextmanager
def served_mock(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    ohmock = Path(sys.executable).with_name("ohmock")
    process = subprocess.Popen(
        [str(ohmock), "serve", "--port", str(port), "--speed", "0"],
        env={"PATH": os.environ.get("PATH", ""), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, timeout_s=60, exit_code=process.poll)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers(base: str) -> dict[str, Any]:
    from openhands.sdk.utils.cipher import Cipher

    answers: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=30) as http:
        for key in KEYS:
            answers[f"auth {key}"] = http.get(
                "/api/conversations/count", headers={"X-Session-API-Key": key}
            ).status_code
        answers["auth none"] = http.get("/api/conversations/count").status_code
        for origin in ORIGINS:
            preflight = http.options(
                "/api/conversations/count", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
            )
            answers[f"cors {origin}"] = (preflight.status_code, preflight.headers.get("access-control-allow-origin"))
        key = next(k for k in KEYS if answers[f"auth {k}"] == 200)
        headers = {"X-Session-API-Key": key}
        http.patch(
            "/api/settings", headers=headers, json={"agent_settings_diff": {"llm": {"model": "m", "api_key": "s"}}}
        )
        token = http.get("/api/settings", headers={**headers, "X-Expose-Secrets": "encrypted"}).json()
        token = token["agent_settings"]["llm"]["api_key"]
        answers["cipher keys that decrypt"] = [
            k for k in (*KEYS, "at-rest-key") if Cipher(k).decrypt(token) is not None
        ]
    return answers


@pytest.mark.parametrize("name", sorted(ENVIRONMENTS))
def test_serve_reads_the_real_servers_variables(name: str) -> None:
    env = ENVIRONMENTS[name]
    with RealServer(extra_env=env) as real:
        real_answers = _answers(real.url)
    with served_mock(env) as mock:
        mock_answers = _answers(mock)
    assert 401 in real_answers.values() and 200 in real_answers.values()
    assert mock_answers == real_answers


def test_list_variables_parse_as_the_server_parses_them() -> None:
    assert config_from_env({"OH_SESSION_API_KEYS": '["a", "b"]', "OH_SESSION_API_KEYS_0": "ignored"}) == {
        "api_keys": ("a", "b")
    }
    assert config_from_env({"OH_SESSION_API_KEYS_0": "a", "OH_SESSION_API_KEYS_2": "gap"}) == {"api_keys": ("a",)}
    assert config_from_env({"OH_SESSION_API_KEYS_0": "", "SESSION_API_KEY": "legacy"}) == {"api_keys": ()}
    assert config_from_env({"OH_SECRET_KEY": "  "}) == {}
    with pytest.raises(ServerEnvError, match="not JSON"):
        config_from_env({"OH_ALLOW_CORS_ORIGINS": "https://x"})


def test_webhook_variables_parse_as_the_server_parses_them() -> None:
    (first, second) = config_from_env(
        {
            "OH_WEBHOOKS_0": '{"base_url": "http://a", "event_buffer_size": 2}',
            "OH_WEBHOOKS_0_FLUSH_DELAY": "1.5",
            "OH_WEBHOOKS_1_BASE_URL": "http://b",
            "OH_WEBHOOKS_1_HEADERS": '{"X-A": "1"}',
            "OH_WEBHOOKS_3_BASE_URL": "http://after-a-gap",
        }
    )["webhooks"]
    assert (first.base_url, first.event_buffer_size, first.flush_delay) == ("http://a", 2, 1.5)
    assert (second.base_url, dict(second.headers), second.num_retries) == ("http://b", {"X-A": "1"}, 3)
    listed = config_from_env({"OH_WEBHOOKS": '[{"base_url": "http://c"}]', "OH_WEBHOOKS_0_BASE_URL": "ignored"})
    assert [spec.base_url for spec in listed["webhooks"]] == ["http://c"]
    for env, message in (
        ({"OH_WEBHOOKS_0_FLUSH_DELAY": "soon", "OH_WEBHOOKS_0_BASE_URL": "http://a"}, "must be a float"),
        ({"OH_WEBHOOKS_0_EVENT_BUFFER_SIZE": "2"}, "needs a base_url"),
        ({"OH_WEBHOOKS_0_BASE_URL": "http://a", "OH_WEBHOOKS_0_FLUSH_DELAY": "0"}, "greater than 0"),
        ({"OH_WEBHOOKS": '{"base_url": "http://a"}'}, "JSON list"),
    ):
        with pytest.raises(ServerEnvError, match=message):
            config_from_env(env)
