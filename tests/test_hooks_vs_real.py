"""Hooks, through the real SDK client: the HookExecutionEvents of a run on the real server and the mock.

A conversation with hooks at every point the server runs them (SessionStart, UserPromptSubmit,
PreToolUse for the terminal only, PostToolUse, Stop) plays ``bash_then_finish``. The hooks are
commands whose outcome the mock reads without running them (``true``, ``echo``, ``exit 1``); the
event sequence, each hook event's fields and inputs, and what the SDK reports must be equal.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

from typing import Any

import httpx
import pytest
from openhands.sdk import LLM, Agent, Conversation, Tool, Workspace
from openhands.sdk.hooks import HookConfig
from openhands.tools.terminal import TerminalTool

from contract.client.bodies import SCENARIO_TAG, scripted_llm_settings
from contract.harness.real_server import RealServer
from contract.harness.scripted_llm import ScriptedLLM
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [pytest.mark.real_server, pytest.mark.timeout(180)]
KEY = "hooks-key"
SCENARIO = "bash_then_finish"
CSU = "ConversationStateUpdateEvent"
HOOKS = {
    "session_start": [{"matcher": "*", "hooks": [{"type": "command", "command": "true"}]}],
    "user_prompt_submit": [{"matcher": "*", "hooks": [{"type": "command", "command": "echo 'prompt seen'"}]}],
    "pre_tool_use": [{"matcher": "terminal", "hooks": [{"type": "command", "command": "exit 1"}]}],
    "post_tool_use": [{"matcher": "/fin.*/", "hooks": [{"type": "command", "command": "echo finished"}]}],
    "stop": [{"matcher": "*", "hooks": [{"type": "command", "command": "true"}, {"command": "echo bye"}]}],
}
# Paths in an observation are the server's own (its working directory): compared by key only.
PATH_FIELDS = {"full_output_save_dir", "metadata"}


def _comparable(event: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """A hook event without its own id, time and parent; the ids it names as the kinds they name."""
    kept = {k: v for k, v in event.items() if k not in ("id", "timestamp", "parent_id")}
    for key in ("message_id", "action_id"):
        if key in kept:
            kept[key] = ids.get(kept[key], "unknown event")
    response = (kept.get("hook_input") or {}).get("tool_response")
    if isinstance(response, dict):
        kept["hook_input"] = {
            **kept["hook_input"],
            "tool_response": {k: ("<path>" if k in PATH_FIELDS else v) for k, v in response.items()},
        }
    return kept


BLOCKING = {
    "message": {
        "user_prompt_submit": [{"matcher": "*", "hooks": [{"type": "command", "command": "echo nope >&2; exit 2"}]}],
        "stop": [{"matcher": "*", "hooks": [{"type": "command", "command": "echo bye"}]}],
    },
    "action": {
        "pre_tool_use": [
            {"matcher": "terminal", "hooks": [{"command": "echo denied >&2; exit 2"}, {"command": "true"}]}
        ],
        "post_tool_use": [{"matcher": "*", "hooks": [{"type": "command", "command": "echo after"}]}],
    },
}
"""Hooks that block: the user message (the run ends without an LLM call) and the terminal action
(rejected by the hook, the agent goes on to finish)."""


def _outcomes(base: str, llm_url: str, hooks: dict[str, Any] = HOOKS) -> dict[str, Any]:
    conversation = Conversation(
        agent=Agent(llm=LLM(**scripted_llm_settings(llm_url, SCENARIO)), tools=[Tool(name=TerminalTool.name)]),
        workspace=Workspace(host=base, api_key=KEY),
        visualizer=None,
        tags={SCENARIO_TAG: SCENARIO},
        hook_config=HookConfig.model_validate(hooks),
    )
    conversation.send_message("run echo")
    conversation.run(timeout=60)
    response = httpx.get(
        f"{base}/api/conversations/{conversation.id}/events/search",
        params={"limit": 100},
        headers={"X-Session-API-Key": KEY},
        timeout=30,
    )
    events = response.json()["items"]
    ids = {e["id"]: e["kind"] for e in events}
    by_id = {e["id"]: e for e in events}

    def parent_kind(event: dict[str, Any]) -> Any:
        parent = by_id.get(event.get("parent_id"))
        return (parent["kind"], parent.get("hook_event_type")) if parent else event.get("parent_id")

    hook_events = [e for e in events if e["kind"] == "HookExecutionEvent"]
    tree = [e for e in events if e["kind"] != CSU]
    blocked = [e for e in events if e["kind"] == CSU and e["key"] in ("blocked_messages", "blocked_actions")]
    return {
        "blocked state": [(e["key"], [(ids.get(k, "unknown"), v) for k, v in e["value"].items()]) for e in blocked],
        "rejections": [
            (e["rejection_source"], e["rejection_reason"]) for e in events if e["kind"] == "UserRejectObservation"
        ],
        "sequence": [(e["kind"], e.get("hook_event_type")) for e in tree],
        "hook events": [_comparable(e, ids) for e in hook_events],
        # A hook that runs on an event (UserPromptSubmit, PreToolUse, PostToolUse) is its sibling.
        "parents": [(e["kind"], e.get("hook_event_type"), parent_kind(e)) for e in tree],
        "served hook config": httpx.get(
            f"{base}/api/conversations/{conversation.id}", headers={"X-Session-API-Key": KEY}, timeout=30
        ).json()["hook_config"],
        "status": conversation.state.execution_status.value,
    }


def test_hook_execution_events_match_the_real_server() -> None:
    with ScriptedLLM() as llm, RealServer(api_key=KEY) as real:
        real_outcomes = _outcomes(real.url, llm.base_url)
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        mock_outcomes = _outcomes(mock.url, "http://127.0.0.1:9/v1")
    kinds = {e["hook_event_type"] for e in real_outcomes["hook events"]}
    assert kinds == {"SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse", "Stop"}  # every point ran
    for name, real_value in real_outcomes.items():
        assert mock_outcomes[name] == real_value, name


@pytest.mark.parametrize("blocked", sorted(BLOCKING))
def test_blocking_hooks_match_the_real_server(blocked: str) -> None:
    with ScriptedLLM() as llm, RealServer(api_key=KEY) as real:
        real_outcomes = _outcomes(real.url, llm.base_url, BLOCKING[blocked])
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        mock_outcomes = _outcomes(mock.url, "http://127.0.0.1:9/v1", BLOCKING[blocked])
    assert any(e["blocked"] for e in real_outcomes["hook events"])  # the hook did block
    for name, real_value in real_outcomes.items():
        assert mock_outcomes[name] == real_value, name
