"""The generated settings models (contract/generated/settings_models.py) against the SDK's own.

For each payload the real ``validate_agent_settings`` / ``ConversationSettings`` and the mock's
store (:mod:`mockserver.settings_store`, which validates with the generated models) must agree:
both accept with the same dump (secrets in plaintext), or both refuse.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

from typing import Any

import pytest
from openhands.sdk.settings import ConversationSettings
from openhands.sdk.settings.model import validate_agent_settings

from contract.generated import settings_models as sm
from mockserver.settings_store import dump, validate_agent

CLOCK = "2026-01-01T00:00:00Z"
AGENT_PAYLOADS: list[dict[str, Any]] = [
    {},
    {"agent_kind": "openhands"},
    {"llm": {"model": "gpt-4o", "api_key": "sk", "timeout": 30}},
    {"llm": {"model": "gpt-4o", "api_key": "   "}},
    {"llm": {"model": "gpt-4o", "api_key": "**********"}},
    {"llm": {"model": "openai/gpt-4o", "base_url": "https://api.openai.com"}},
    {"llm": {"model": "azure/gpt-4o"}},
    {"llm": {"model": ""}},
    {"llm": {"model": "m", "temperature": "0.5"}},
    {"llm": {"model": "m", "temperature": "hot"}},
    {"llm": {"model": "m", "max_input_tokens": 1000}},
    {"llm": {"model": "m", "unknown": True}},
    {"mcp_config": {"svc": {"command": "echo", "env": {"A": "b"}}}},
    {"mcp_config": {"svc": {"command": "echo", "bogus": 1}}},
    {"mcp_config": {"svc": {"url": "http://127.0.0.1:1/mcp", "headers": {"X": "y"}, "auth": {"strategy": "none"}}}},
    {"condenser": {"condenser_kind": "noop"}},
    {"condenser": {"condenser_kind": "noop", "enabled": False}},
    {"condenser": {"condenser_kind": "llm_summarizing", "max_size": 10}},
    {"agent_kind": "acp"},
    {"agent_kind": "acp", "acp_server": "codex", "acp_command": ["codex"]},
    {"agent_kind": "acp", "acp_prompt_timeout": "soon"},
    {"agent_kind": "robot"},
    {"tool_concurrency_limit": 0},
    {"tool_concurrency_limit": 4},
    {"verification": {"critic_enabled": True, "critic_api_key": "ck"}},
]
CONVERSATION_PAYLOADS: list[dict[str, Any]] = [
    {},
    {"max_iterations": 3},
    {"max_iterations": "12"},
    {"max_iterations": None},
    {"max_iterations": 0},
    {"confirmation_mode": True, "security_analyzer": "none"},
    {"security_analyzer": "bogus"},
    {"container_memory": "2g", "container_cpus": 1.5},
]


def _with_clock(payload: dict[str, Any]) -> dict[str, Any]:
    """A fixed ``current_datetime`` (the real factory reads the clock)."""
    if payload.get("agent_kind", "openhands") == "openhands":
        return {**payload, "agent_context": {"current_datetime": CLOCK, **payload.get("agent_context", {})}}
    return payload


def _real_agent(payload: dict[str, Any]) -> Any:
    try:
        return validate_agent_settings(payload).model_dump(mode="json", context={"expose_secrets": "plaintext"})
    except Exception:  # noqa: BLE001 - the real server turns any failure into its 422
        return "refused"


def _mock_agent(payload: dict[str, Any]) -> Any:
    try:
        return dump(validate_agent(payload))
    except Exception:  # noqa: BLE001 - the store turns any failure into the 422
        return "refused"


@pytest.mark.parametrize("payload", AGENT_PAYLOADS, ids=[str(p)[:60] for p in AGENT_PAYLOADS])
def test_agent_settings_validate_and_dump_as_the_real_models(payload: dict[str, Any]) -> None:
    assert _mock_agent(_with_clock(payload)) == _real_agent(_with_clock(payload))


@pytest.mark.parametrize("payload", CONVERSATION_PAYLOADS, ids=[str(p)[:60] for p in CONVERSATION_PAYLOADS])
def test_conversation_settings_validate_and_dump_as_the_real_models(payload: dict[str, Any]) -> None:
    try:
        real: Any = ConversationSettings.model_validate(payload).model_dump(mode="json")
    except Exception:  # noqa: BLE001
        real = "refused"
    try:
        ours: Any = dump(sm.ConversationSettings.model_validate(payload))
    except Exception:  # noqa: BLE001
        ours = "refused"
    assert ours == real


def test_the_table_has_both_outcomes() -> None:
    outcomes = {_real_agent(_with_clock(p)) == "refused" for p in AGENT_PAYLOADS}
    assert outcomes == {True, False}
