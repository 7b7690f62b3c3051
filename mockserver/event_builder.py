"""Build events in the exact shapes openhands-agent-server 1.58.0 puts on the wire.

Shapes follow frames recorded from the real server (nulls stripped, SDK defaults present). Ids,
timestamps and ``parent_id`` are filled in by the conversation log when an event is emitted.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from mockserver.task_tracker import task_items

# Observation text the real tools produce for the always-present tools.
THINK_OBSERVATION_TEXT = "Your thought has been logged."
UNKNOWN_CLASSIFICATION = {"kind": "unknown", "retryable": False, "user_action": "none"}
TRANSIENT_CLASSIFICATION = {"kind": "transient", "retryable": True, "user_action": "retry"}
# The SDK's AGENT_OUTCOME (error_classification.py): what an AgentErrorEvent for an orphaned
# action carries. Observed on an interrupt during a running `sleep 3`.
AGENT_OUTCOME_CLASSIFICATION = {"kind": "agent_action", "retryable": True, "user_action": "retry"}


@cache
def _captured() -> dict[str, Any]:
    captured: dict[str, Any] = json.loads(
        resources.files("mockserver.data").joinpath("system_prompt.json").read_text("utf-8")
    )
    return captured


def known_tools() -> dict[str, dict[str, Any]]:
    """Tool definitions captured from the real server, by the tool name the LLM sees."""
    tools: dict[str, dict[str, Any]] = _captured()["tools"]
    return tools


def text_content(text: str) -> dict[str, Any]:
    return {"cache_prompt": False, "type": "text", "text": text}


def system_prompt(tool_names: list[str]) -> dict[str, Any]:
    """The SystemPromptEvent the agent emits lazily at its first message or run."""
    tools = known_tools()
    selected = [tools[name] for name in tool_names if name in tools]
    selected += [tools[name] for name in ("finish", "think") if name not in tool_names]
    return {
        "source": "agent",
        "system_prompt": _captured()["system_prompt"],
        "tools": selected,
        "kind": "SystemPromptEvent",
    }


def message(source: str, content: list[dict[str, Any]], *, llm_response_id: str | None = None) -> dict[str, Any]:
    role = "user" if source == "user" else "assistant"
    event: dict[str, Any] = {
        "source": source,
        "llm_message": {"role": role, "content": content, "thinking_blocks": []},
    }
    if llm_response_id:
        event["llm_response_id"] = llm_response_id
    event.update({"activated_skills": [], "extended_content": [], "kind": "MessageEvent"})
    return event


def normalize_content(content: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Content items as the SDK dumps them (``cache_prompt`` filled in)."""
    return [{"cache_prompt": False, **item} for item in content]


def state_update(key: str, value: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"source": "environment", "key": key}
    if value is not None:  # a null value is dropped by exclude_none on the wire
        event["value"] = value
    event["kind"] = "ConversationStateUpdateEvent"
    return event


CLIENT_TOOL_OBSERVATION_TEXT = "Tool call dispatched to client."
"""What the SDK's ClientToolExecutor answers at once: the client executes the tool itself."""


def _action_payload(tool: str, arguments: dict[str, Any], client_tool: bool) -> dict[str, Any] | None:
    fields = {k: v for k, v in arguments.items() if k not in ("security_risk", "summary")}
    if client_tool:  # the SDK builds a ClientAction_<name> type from the client's JSON schema
        return {**fields, "kind": f"ClientAction_{tool}"}
    definition = known_tools().get(tool)
    if definition is None:
        return None
    action_kind = definition["action_type"]
    defaults: dict[str, dict[str, Any]] = {
        "TerminalAction": {"is_input": False, "reset": False},
        "TaskTrackerAction": {"command": "view", "task_list": []},
    }
    if action_kind == "TaskTrackerAction" and "task_list" in fields:
        fields["task_list"] = task_items(fields["task_list"])
    return {**defaults.get(action_kind, {}), **fields, "kind": action_kind}


def action(
    tool: str,
    arguments: dict[str, Any],
    *,
    thought: str,
    tool_call_id: str,
    llm_response_id: str,
    streamed: bool = False,
    client_tool: bool = False,
) -> dict[str, Any]:
    """An ActionEvent; ``action`` is omitted (null) for tools the mock has no definition of
    (``client_tool``: one the conversation's client defined, a ``ClientAction_<name>``).

    A streamed answer's content is a string even when empty (the stream's first chunk carries
    ``""``), so its thought is one text part; a plain answer without text has none.
    """
    arguments_json = json.dumps(arguments)
    event: dict[str, Any] = {
        "source": "agent",
        "thought": [text_content(thought)] if thought or streamed else [],
        "thinking_blocks": [],
    }
    payload = _action_payload(tool, arguments, client_tool)
    if payload is not None:
        event["action"] = payload
    event.update(
        {
            "tool_name": tool,
            "tool_call_id": tool_call_id,
            "tool_call": {"id": tool_call_id, "name": tool, "arguments": arguments_json, "origin": "completion"},
            "llm_response_id": llm_response_id,
            "security_risk": arguments.get("security_risk", "UNKNOWN"),
            "summary": arguments.get("summary") or f"{tool}: {arguments_json}",
            "kind": "ActionEvent",
        }
    )
    return event


def _observation_payload(
    tool: str,
    arguments: dict[str, Any],
    text: str,
    exit_code: int | None,
    is_error: bool,
    working_dir: str,
    save_dir: str | None,
    client_tool: bool,
    fields: dict[str, Any] | None,
) -> dict[str, Any]:
    kind = "ClientToolObservation" if client_tool else known_tools()[tool]["observation_type"]
    payload: dict[str, Any] = {"content": [text_content(text)], "is_error": is_error}
    if kind == "TerminalObservation":
        code = -1 if exit_code is None else exit_code
        payload.update(
            {
                "command": arguments.get("command", ""),
                "exit_code": code,
                "timeout": False,
                "metadata": {
                    "exit_code": code,
                    "pid": -1,
                    "username": "openhands",
                    "hostname": "mock",
                    "working_dir": working_dir,
                    "py_interpreter_path": "/usr/bin/python",
                    "prefix": "",
                    "suffix": f"\n[The command completed with exit code {code}.]",
                },
            }
        )
        if save_dir and text:
            # The terminal's spill directory (<persistence_dir>/observations). The real tool
            # sets it only when it re-wraps non-empty output (TerminalExecutor._mask_observation).
            payload["full_output_save_dir"] = save_dir
    elif fields is not None:  # computed on the conversation's files or task list
        payload.update(fields)
    elif kind == "FileEditorObservation":
        command = arguments.get("command", "view")
        payload.update({"command": command, "path": arguments.get("path"), "prev_exist": command != "create"})
        if command == "create":
            # Observed: create reports the file as new and echoes its content.
            payload["new_content"] = arguments.get("file_text")
        payload = {k: v for k, v in payload.items() if v is not None}
    elif kind == "TaskTrackerObservation":
        payload.update({"command": arguments.get("command", "view"), "task_list": arguments.get("task_list", [])})
    payload["kind"] = kind
    return payload


def observation(
    tool: str,
    arguments: dict[str, Any],
    *,
    text: str,
    exit_code: int | None,
    is_error: bool,
    tool_call_id: str,
    action_id: str,
    working_dir: str,
    save_dir: str | None = None,
    client_tool: bool = False,
    fields: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The ObservationEvent answering an ActionEvent (``save_dir``: the terminal's
    full_output_save_dir; ``client_tool``: the acknowledgment of a client-defined tool;
    ``fields``: a file edit's observation fields, when the mock computed them)."""
    return {
        "source": "environment",
        "tool_name": tool,
        "tool_call_id": tool_call_id,
        "observation": _observation_payload(
            tool, arguments, text, exit_code, is_error, working_dir, save_dir, client_tool, fields
        ),
        "action_id": action_id,
        "extended_content": [],
        "kind": "ObservationEvent",
    }


def default_observation_text(tool: str, arguments: dict[str, Any]) -> str:
    """What a tool reports when the scenario does not say."""
    if tool == "finish":
        return str(arguments.get("message", ""))
    if tool == "think":
        return THINK_OBSERVATION_TEXT
    return ""


def user_reject(tool: str, tool_call_id: str, action_id: str, reason: str, source: str = "user") -> dict[str, Any]:
    return {
        "source": "environment",
        "tool_name": tool,
        "tool_call_id": tool_call_id,
        "rejection_reason": reason,
        "rejection_source": source,
        "action_id": action_id,
        "kind": "UserRejectObservation",
    }


def agent_error(tool: str, tool_call_id: str, error: str) -> dict[str, Any]:
    return {
        "source": "agent",
        "tool_name": tool,
        "tool_call_id": tool_call_id,
        "error": error,
        "classification": dict(AGENT_OUTCOME_CLASSIFICATION),
        "kind": "AgentErrorEvent",
    }


def conversation_error(code: str, detail: str, *, classification: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "source": "environment",
        "code": code,
        "detail": detail,
        "classification": dict(classification or UNKNOWN_CLASSIFICATION),
        "kind": "ConversationErrorEvent",
    }


def user_control(kind: str) -> dict[str, Any]:
    """PauseEvent or InterruptEvent."""
    return {"source": "user", "kind": kind}


def streaming_delta(content: str) -> dict[str, Any]:
    return {"source": "agent", "content": content, "kind": "StreamingDeltaEvent"}


def condensation(forgotten: list[str], summary: str, llm_response_id: str) -> dict[str, Any]:
    return {
        "source": "environment",
        "forgotten_event_ids": forgotten,
        "summary": summary,
        "summary_offset": 1,
        "llm_response_id": llm_response_id,
        "kind": "Condensation",
    }


def server_error(code: str, detail: str) -> dict[str, Any]:
    return {"source": "environment", "code": code, "detail": detail, "kind": "ServerErrorEvent"}
