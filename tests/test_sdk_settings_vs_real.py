"""The SDK's workspace helpers for settings, secrets and profiles, the same calls on the real
server and the mock.

``RemoteWorkspace.get_llm()`` (stored settings, a named profile, the active profile),
``get_secrets()`` (handed to a conversation's ``update_secrets``, with a plain string too) and
``get_mcp_config()`` read what a client stored with ``PATCH
/api/settings``, ``PUT /api/settings/secrets`` and ``POST /api/profiles``; the outcomes (the LLM
the SDK builds, the lookup secrets and what they resolve to, the MCP servers) must be equal.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

from typing import Any

import httpx
import pytest
from openhands.sdk.workspace.remote.base import RemoteWorkspace

from contract.harness.real_server import RealServer
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [
    pytest.mark.real_server,
    pytest.mark.timeout(120),
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
]
KEY = "sdk-key"


def _outcomes(base: str) -> dict[str, Any]:
    workspace = RemoteWorkspace(host=base, api_key=KEY, working_dir="/tmp")
    headers = {"X-Session-API-Key": KEY}
    outcomes: dict[str, Any] = {}
    default_llm = workspace.get_llm()
    outcomes["default llm"] = default_llm.model_dump(mode="json", context={"expose_secrets": "plaintext"})
    httpx.patch(
        f"{base}/api/settings",
        headers=headers,
        json={"agent_settings_diff": {"llm": {"model": "openai/gpt-4o", "api_key": "sk-stored", "temperature": 0.2}}},
    ).raise_for_status()
    httpx.post(
        f"{base}/api/settings/mcp/fetch", headers=headers, json={"command": "uvx", "args": ["mcp-server-fetch"]}
    ).raise_for_status()
    for name, value in (("GITHUB_TOKEN", "ghp-1"), ("OTHER", "o")):
        httpx.put(
            f"{base}/api/settings/secrets", headers=headers, json={"name": name, "value": value, "description": name}
        ).raise_for_status()
    llm = workspace.get_llm()
    outcomes["stored llm"] = llm.model_dump(mode="json", context={"expose_secrets": "plaintext"})
    outcomes["llm with overrides"] = workspace.get_llm(temperature=0.9).model_dump(
        mode="json", context={"expose_secrets": "plaintext"}
    )
    secrets = workspace.get_secrets()
    outcomes["secret names"] = sorted(secrets)
    outcomes["secret lookups"] = {
        name: (secret.url.removeprefix(base), secret.description, secret.get_value())
        for name, secret in secrets.items()
    }
    outcomes["subset"] = sorted(workspace.get_secrets(names=["GITHUB_TOKEN"]))
    outcomes["mcp"] = {name: server.model_dump(mode="json") for name, server in workspace.get_mcp_config().items()}
    httpx.post(
        f"{base}/api/profiles/fast",
        headers=headers,
        json={"llm": {"model": "openai/gpt-4o-mini", "api_key": "sk-fast"}, "include_secrets": True},
    ).raise_for_status()
    outcomes["named profile llm"] = workspace.get_llm(profile_name="fast").model_dump(
        mode="json", context={"expose_secrets": "plaintext"}
    )
    httpx.post(f"{base}/api/profiles/fast/activate", headers=headers).raise_for_status()
    outcomes["active profile llm"] = workspace.get_llm().model_dump(
        mode="json", context={"expose_secrets": "plaintext"}
    )
    outcomes.update(_conversation_secrets(base, workspace))
    try:
        workspace.get_llm(profile_name="missing")
    except Exception as exc:  # noqa: BLE001 - the outcome compared is the exception's type
        outcomes["missing profile"] = type(exc).__name__
    return outcomes


def _conversation_secrets(base: str, workspace: RemoteWorkspace) -> dict[str, Any]:
    """``update_secrets`` with a plain string and with the workspace's lookup secrets, as the SDK
    documents it; then what the conversation serves of them (names and kinds, never values)."""
    from openhands.sdk import LLM, Agent, Conversation, Workspace

    llm = LLM(model="openai/unused", api_key="sk-unused", base_url="http://127.0.0.1:9/v1", usage_id="agent")
    conversation = Conversation(agent=Agent(llm=llm, tools=[]), workspace=Workspace(host=base, api_key=KEY))
    conversation.update_secrets({"PLAIN": "plain string"})
    conversation.update_secrets(workspace.get_secrets(names=["GITHUB_TOKEN"]))
    conversation.send_message("a persisted change")  # REST lists the secrets from the next save on
    info = httpx.get(
        f"{base}/api/conversations/{conversation.id}", headers={"X-Session-API-Key": KEY}, timeout=30
    ).json()
    sources = info["secret_registry"]["secret_sources"]
    served = {
        name: {k: (v.removeprefix(base) if isinstance(v, str) else v) for k, v in source.items() if k != "headers"}
        for name, source in sources.items()
    }
    return {"conversation secrets": served}


def test_workspace_settings_helpers_match_the_real_server() -> None:
    with RealServer(api_key=KEY) as real:
        real_outcomes = _outcomes(real.url)
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        mock_outcomes = _outcomes(mock.url)
    assert real_outcomes["stored llm"]["api_key"] == "sk-stored"  # the flow reached the stored values
    assert set(real_outcomes["conversation secrets"]) == {"PLAIN", "GITHUB_TOKEN"}
    for name, real_value in real_outcomes.items():
        assert mock_outcomes[name] == real_value, name
