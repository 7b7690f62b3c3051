"""Request bodies of the agent-server API, built once for every client in this project."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SCRIPTED_LLM_API_KEY = "sk-scripted"
"""Any non-empty key: litellm refuses an empty one, and the scripted LLM ignores it."""
UNREACHABLE_LLM_URL = "http://127.0.0.1:9/v1"
"""An LLM endpoint for conversations whose LLM is never called (the mock plays scenarios itself)."""
SCENARIO_TAG = "scenario"
"""The conversation tag that selects a scenario on the mock."""


def openai_base_url(llm_url: str) -> str:
    """The OpenAI base URL (ending in ``/v1``) of an LLM server's root or base URL."""
    base = llm_url.rstrip("/")
    return base if base.endswith("/v1") else f"{base}/v1"


def scripted_llm_settings(llm_url: str | None, scenario_name: str, *, stream: bool = False) -> dict[str, Any]:
    """The ``llm`` JSON (and the SDK's ``LLM(...)`` keywords) of an agent whose LLM is the
    scripted LLM at ``llm_url`` playing ``scenario_name`` (the model name picks the scenario)."""
    llm: dict[str, Any] = {
        "model": f"openai/{scenario_name}",
        "api_key": SCRIPTED_LLM_API_KEY,
        "usage_id": "agent",
        # The default is 5 retries with waits of 8-64 s: an error turn would take minutes.
        "num_retries": 0,
    }
    if llm_url is not None:
        llm["base_url"] = openai_base_url(llm_url)
    if stream:
        llm["stream"] = True
    return llm


def agent_payload(
    llm_url: str, scenario_name: str, tools: Iterable[str] = ("terminal",), *, stream: bool = False
) -> dict[str, Any]:
    """The ``agent`` JSON of a conversation whose LLM is the scripted LLM playing ``scenario_name``.

    ``llm_url`` is the scripted LLM's root URL or its OpenAI base URL (ending in ``/v1``).
    """
    # Zero costs silence litellm's "model isn't mapped" cost warning on the server.
    llm = {
        **scripted_llm_settings(llm_url, scenario_name, stream=stream),
        "input_cost_per_token": 0,
        "output_cost_per_token": 0,
    }
    return {"kind": "Agent", "llm": llm, "tools": [{"name": name} for name in tools]}


def start_conversation_body(
    llm_url: str,
    scenario_name: str,
    *,
    tools: Iterable[str] = ("terminal",),
    confirmation_policy: str = "NeverConfirm",
    autotitle: bool = True,
    working_dir: str = "workspace/project",
    stream: bool = False,
    tag_scenario: bool = False,
    client_tools: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A minimal ``StartConversationRequest`` body for ``POST /api/conversations``.

    The real server plays ``scenario_name`` through the scripted LLM at ``llm_url``; with
    ``tag_scenario`` the body also carries the tag that makes the mock play it. ``working_dir`` is
    relative, so it lands inside the server's working directory. ``client_tools`` are
    ``ClientToolSpec`` objects: tools the client defines and executes itself.
    """
    body: dict[str, Any] = {
        "agent": agent_payload(llm_url, scenario_name, tools, stream=stream),
        "workspace": {"working_dir": working_dir},
        "confirmation_policy": {"kind": confirmation_policy},
        "autotitle": autotitle,
    }
    if tag_scenario:
        body["tags"] = {SCENARIO_TAG: scenario_name}
    if specs := list(client_tools):
        body["client_tools"] = specs
    return body


def text_message(text: str) -> dict[str, Any]:
    """A user ``Message`` (what a socket client sends; it always starts a run)."""
    return {"role": "user", "content": [{"type": "text", "text": text}]}


def message_body(text: str, *, run: bool = False) -> dict[str, Any]:
    """A ``SendMessageRequest`` for ``POST /api/conversations/{id}/events``."""
    return {**text_message(text), "run": run}
