"""The stateful resource families, the same REST sequence on the real server and on the mock.

Each family runs a sequence (write, read back, invalid input, delete, read again) on a fresh real
server and a fresh mock; every step's status and body must be equal. The only values that may
differ are clock readings (``current_datetime``, stamped when the settings are first created).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from contract.harness.real_server import RealServer
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [
    pytest.mark.real_server,
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
]
KEY = "k"
CLOCK_FIELDS = {"current_datetime"}
FERNET_TOKEN_PREFIX = "gAAAAA"
# Ids and clock readings of the conversations a family creates (each server makes its own).
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HEX_ID = re.compile(r"workspace/conversations/[0-9a-f]{32}")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
Step = tuple[str, str, Any] | tuple[str, str, Any, dict[str, str]]

LLM = {"model": "gpt-4o", "api_key": "sk-1"}
SETTINGS: list[Step] = [
    ("GET", "/api/settings", None),
    ("PATCH", "/api/settings", {}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": LLM}}),
    ("GET", "/api/settings", None),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "encrypted"}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "yes please"}),
    (
        "PATCH",
        "/api/settings",
        {"conversation_settings_diff": {"max_iterations": 7}, "misc_settings_diff": {"a": {"b": 1}}},
    ),
    ("PATCH", "/api/settings", {"misc_settings_diff": {"a": {"c": [1, 2]}, "z": None}}),
    ("PATCH", "/api/settings", {"misc_settings_diff": {"a": {"b": None}}}),
    ("PATCH", "/api/settings", {"conversation_settings_diff": {"max_iterations": "12"}}),
    ("PATCH", "/api/settings", {"conversation_settings_diff": {"max_iterations": None}}),
    ("PATCH", "/api/settings", {"conversation_settings_diff": {"confirmation_mode": "sometimes"}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"temperature": "hot"}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"model": ""}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"timeout": 30, "base_url": "http://127.0.0.1:9"}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"confirmation_mode": None, "unknown": 1}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"condenser": {"condenser_kind": "noop"}}}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"api_key": "**********"}}}),
    ("PATCH", "/api/settings", {"active_profile": "nope"}),
    ("PATCH", "/api/settings", {"active_profile": None}),
    ("PATCH", "/api/settings", {"active_agent_profile_id": "00000000-0000-4000-8000-000000000000"}),
    ("PATCH", "/api/settings", {"active_meta_profile": "router"}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "acp"}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "openhands", "llm": {"model": "m2"}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "robot"}}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
]
MCP: list[Step] = [
    ("POST", "/api/settings/mcp/svc", {"command": "echo", "args": ["hi"], "env": {"TOKEN": "t"}}),
    ("POST", "/api/settings/mcp/svc", {"command": "echo"}),
    ("POST", "/api/settings/mcp/web", {"url": "http://127.0.0.1:9/mcp", "headers": {"X-Old": "1", "X-Keep": "2"}}),
    ("GET", "/api/settings", None),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("PATCH", "/api/settings/mcp/svc", {"args": ["bye"]}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"mcp_config": {"web": {"headers": {"X-Old": None}}}}}),
    ("PATCH", "/api/settings/mcp/none", {"args": []}),
    ("DELETE", "/api/settings/mcp/svc", None),
    ("DELETE", "/api/settings/mcp/svc", None),
    ("POST", "/api/settings/mcp/bad", {"command": 5}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
]
SECRETS: list[Step] = [
    ("GET", "/api/settings/secrets", None),
    ("PUT", "/api/settings/secrets", {"name": "TOKEN", "value": "abc", "description": "d"}),
    ("PUT", "/api/settings/secrets", {"name": "OTHER", "value": " spaced "}),
    ("PUT", "/api/settings/secrets", {"name": "TOKEN", "value": "abc2"}),
    ("PUT", "/api/settings/secrets", {"name": "123_invalid", "value": "abc"}),
    ("PUT", "/api/settings/secrets", {"name": "invalid-name", "value": "abc"}),
    ("PUT", "/api/settings/secrets", {"name": "A" * 65, "value": "abc"}),
    ("PUT", "/api/settings/secrets", {"name": "EMPTY", "value": "  "}),
    ("PUT", "/api/settings/secrets", {"name": "MASKED", "value": "**********"}),
    ("PUT", "/api/settings/secrets", {"name": "NOVALUE"}),
    ("GET", "/api/settings/secrets", None),
    ("GET", "/api/settings/secrets/TOKEN", None),
    ("GET", "/api/settings/secrets/OTHER", None),
    ("GET", "/api/settings/secrets/1bad", None),
    ("GET", "/api/settings/secrets/MISSING", None),
    ("DELETE", "/api/settings/secrets/TOKEN", None),
    ("GET", "/api/settings/secrets/TOKEN", None),
    ("DELETE", "/api/settings/secrets/TOKEN", None),
    ("DELETE", "/api/settings/secrets/bad-name", None),
    ("GET", "/api/settings/secrets", None),
    ("GET", "/api/settings/secrets", None, {}),
]
FAST = {"model": "openai/gpt-4o-mini", "api_key": "sk-fast", "base_url": "http://127.0.0.1:9/v1"}
PROFILES: list[Step] = [
    ("GET", "/api/profiles", None),
    ("GET", "/v1/models", None),
    ("POST", "/api/profiles/fast", {"llm": FAST, "include_secrets": True}),
    ("POST", "/api/profiles/slow", {"llm": {"model": "gpt-4o", "api_key": "sk-slow"}, "include_secrets": False}),
    ("POST", "/api/profiles/b.json", {"llm": {"model": "claude", "temperature": 0.5}}),
    ("POST", "/api/profiles/bad name!", {"llm": FAST}),
    ("POST", "/api/profiles/.hidden", {"llm": FAST}),
    ("POST", "/api/profiles/nomodel", {"llm": {"api_key": "k"}}),
    ("POST", "/api/profiles/nollm", {}),
    ("GET", "/api/profiles", None),
    ("GET", "/api/profiles/fast", None),
    ("GET", "/api/profiles/fast", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/profiles/fast", None, {"X-Expose-Secrets": "encrypted"}),
    ("GET", "/api/profiles/slow", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/profiles/b", None),
    ("GET", "/api/profiles/missing", None),
    ("POST", "/api/profiles/slow/rename", {"new_name": "slower"}),
    ("POST", "/api/profiles/missing/rename", {"new_name": "other"}),
    ("POST", "/api/profiles/fast/rename", {"new_name": "slower"}),
    ("POST", "/api/profiles/fast/rename", {"new_name": "fast"}),
    ("POST", "/api/profiles/fast/rename", {"new_name": "no way"}),
    ("POST", "/api/profiles/fast/activate", None),
    ("POST", "/api/profiles/missing/activate", None),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/profiles", None),
    ("POST", "/api/profiles/fast/rename", {"new_name": "fastest"}),
    ("GET", "/api/profiles", None),
    ("PATCH", "/api/settings", {"active_profile": "slower"}),
    ("PATCH", "/api/settings", {"active_profile": "fastest", "agent_settings_diff": {"llm": {"model": "explicit"}}}),
    ("GET", "/v1/models", None),
    ("GET", "/v1/models", None, {"X-Session-API-Key": "", "Authorization": f"Bearer {KEY}"}),
    ("GET", "/v1/models", None, {"X-Session-API-Key": "wrong"}),
    ("DELETE", "/api/profiles/fastest", None),
    ("DELETE", "/api/profiles/fastest", None),
    ("GET", "/api/profiles", None),
    ("GET", "/api/settings", None),
]
CONDENSER_LLM = {"model": "openai/base", "api_key": "sk-base", "usage_id": "condenser"}
CONVERSATION = {
    "agent": {
        "kind": "Agent",
        "llm": {"model": "openai/base", "api_key": "sk-base", "usage_id": "agent"},
        "condenser": {"kind": "LLMSummarizingCondenser", "llm": CONDENSER_LLM},
    },
    "workspace": {"working_dir": "workspace/project"},
}
SWITCH: list[Step] = [
    ("POST", "/api/conversations", CONVERSATION),
    ("POST", "/api/conversations/{cid}/switch_llm", {"llm": {"model": "openai/other", "api_key": "sk-2"}}),
    ("POST", "/api/conversations/{cid}/switch_llm", {"llm": {"model": ""}}),
    ("POST", "/api/conversations/{cid}/switch_llm", {}),
    ("POST", "/api/profiles/fast", {"llm": {"model": "openai/fast", "api_key": "sk-f", "temperature": 0.1}}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "fast"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "fast.json"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "missing"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "bad name"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {}),
    ("POST", "/api/conversations/{cid}/switch_acp_model", {"model": "m"}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/switch_llm", {"llm": {"model": "x"}}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/switch_profile", {"profile_name": "fast"}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/switch_acp_model", {"model": "m"}),
    ("GET", "/api/conversations/{cid}", None),
    ("GET", "/api/conversations/{cid}/events/search", None),
]
LOADERS: list[Step] = [
    ("POST", "/api/conversations", CONVERSATION),
    ("POST", "/api/conversations/{cid}/load_plugin", {"plugin_ref": "some-plugin"}),
    ("POST", "/api/conversations/{cid}/load_plugin", {}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/load_plugin", {"plugin_ref": "p"}),
    ("POST", "/api/hooks", {"project_dir": "/nonexistent/project"}),
    ("POST", "/api/hooks", {}),
    ("POST", "/api/skills", {"project_dir": "/nonexistent/project", "load_public": False}),
    ("POST", "/api/skills", {}),
]
FAMILIES = {
    "settings": SETTINGS,
    "mcp": MCP,
    "secrets": SECRETS,
    "profiles": PROFILES,
    "switch": SWITCH,
    "loaders": LOADERS,
}


def _normalized(node: Any) -> Any:
    """Clock readings and cipher tokens (random by design) blanked; tokens are checked apart."""
    if isinstance(node, dict):
        return {k: "<clock>" if k in CLOCK_FIELDS and v is not None else _normalized(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_normalized(item) for item in node]
    if isinstance(node, str) and node.startswith(FERNET_TOKEN_PREFIX):
        return "<token>"
    if isinstance(node, str) and (UUID.fullmatch(node) or HEX_ID.fullmatch(node)):
        return "<id>"
    if isinstance(node, str) and TIMESTAMP.match(node):
        return "<clock>"
    return node


def run_steps(base: str, steps: list[Step]) -> list[tuple[str, int, Any]]:
    """Each step's request line, status and body (JSON or text), normalized.

    ``{cid}`` in a path is the id of the conversation the family's latest create made."""
    answers = []
    ids: dict[str, str] = {}
    with httpx.Client(base_url=base, headers={"X-Session-API-Key": KEY}, timeout=30) as http:
        for method, path, body, *extra in steps:
            headers = extra[0] if extra else {}
            response = http.request(method, path.format(**ids), json=body, headers=headers)
            is_json = response.headers.get("content-type", "").startswith("application/json")
            answer = response.json() if is_json else response.text
            if (method, path) == ("POST", "/api/conversations") and response.status_code == 201:
                ids["cid"] = answer["id"]
            answers.append((f"{method} {path} {body}", response.status_code, answer))
    return [(line, status, _normalized(body)) for line, status, body in answers]


def differences(ours: Any, real: Any, path: str = "") -> list[str]:
    """Where two JSON values differ, as readable paths (for assertion messages)."""
    if isinstance(ours, dict) and isinstance(real, dict):
        found = [f"{path}/{k}: only on the real server" for k in real.keys() - ours.keys()]
        found += [f"{path}/{k}: only on the mock" for k in ours.keys() - real.keys()]
        for key in ours.keys() & real.keys():
            found += differences(ours[key], real[key], f"{path}/{key}")
        return found
    if isinstance(ours, list) and isinstance(real, list) and len(ours) == len(real):
        return [d for i, (a, b) in enumerate(zip(ours, real, strict=True)) for d in differences(a, b, f"{path}/{i}")]
    return [] if ours == real else [f"{path}: mock {ours!r} real {real!r}"]


def run_families(base: str) -> dict[str, list[tuple[str, int, Any]]]:
    """Every family in turn on one server (later families see what earlier ones left)."""
    return {family: run_steps(base, steps) for family, steps in FAMILIES.items()}


@pytest.fixture(scope="module")
def real_answers() -> dict[str, list[tuple[str, int, Any]]]:
    with RealServer(api_key=KEY) as real:
        return run_families(real.url)


@pytest.fixture(scope="module")
def mock_answers() -> dict[str, list[tuple[str, int, Any]]]:
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        return run_families(mock.url)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_sequence_matches_real_server(
    family: str, real_answers: dict[str, list[Any]], mock_answers: dict[str, list[Any]]
) -> None:
    for real, ours in zip(real_answers[family], mock_answers[family], strict=True):
        assert ours[1] == real[1], (real[0], ours[2], real[2])
        assert ours == real, (real[0], differences(ours[2], real[2]))


def test_sequences_exercise_success_and_refusal(real_answers: dict[str, list[Any]]) -> None:
    """Each family's sequence reaches 2xx and 4xx answers on the real server (the steps are not all alike)."""
    for family, answers in real_answers.items():
        statuses = {status // 100 for _, status, _ in answers}
        assert {2, 4} <= statuses, family


def _encrypted_round_trip(base: str) -> tuple[str, str, str]:
    """GET the key encrypted, PATCH the token back, read it in plaintext."""
    with httpx.Client(base_url=base, headers={"X-Session-API-Key": KEY}, timeout=30) as http:
        http.patch("/api/settings", json={"agent_settings_diff": {"llm": {"model": "m", "api_key": "sk-round"}}})
        encrypted = http.get("/api/settings", headers={"X-Expose-Secrets": "encrypted"}).json()
        token = encrypted["agent_settings"]["llm"]["api_key"]
        http.patch("/api/settings", json={"agent_settings_diff": {"llm": {"api_key": token, "model": "m2"}}})
        plain = http.get("/api/settings", headers={"X-Expose-Secrets": "plaintext"}).json()
        legacy = http.get("/api/settings", headers={"X-Expose-Secrets": "true"}).json()
    return token, plain["agent_settings"]["llm"]["api_key"], legacy["agent_settings"]["llm"]["api_key"]


def test_encrypted_secrets_round_trip_as_on_the_real_server() -> None:
    """Tokens are the server's cipher (keyed by the session key): the real SDK's Cipher decrypts
    the mock's, and a token sent back is stored decrypted, on both servers."""
    from openhands.sdk.utils.cipher import Cipher

    with RealServer(api_key=KEY) as real:
        real_token, real_plain, real_legacy = _encrypted_round_trip(real.url)
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        token, plain, legacy = _encrypted_round_trip(mock.url)
    assert (plain, legacy[:6]) == (real_plain, real_legacy[:6]) == ("sk-round", FERNET_TOKEN_PREFIX)
    assert Cipher(KEY).decrypt(token).get_secret_value() == "sk-round"
    assert Cipher(KEY).decrypt(real_token).get_secret_value() == "sk-round"
