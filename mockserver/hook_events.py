"""Hooks of a conversation's ``hook_config``: which run at each point, and the events they leave.

Mirrors ``openhands/sdk/hooks`` (``HookMatcher.matches``, ``HookDefinition.display_command``,
``ConversationHooks._emit_hook_execution_event``): every matching hook leaves one
``HookExecutionEvent`` (source ``hook``) in the log, in the order of the configuration.

The mock runs no command: a hook's outcome is what :mod:`mockserver.shell` reads off it. An outcome that blocks (exit
code 2) is reported as ``blocked``, and the engine applies it as the real server does: a blocked
user message ends the run without an LLM call, a blocked action is rejected (``rejection_source``
``hook``). A blocking Stop hook is reported but does not keep the agent running.
"""

from __future__ import annotations

import re
from typing import Any

from contract.spec.events import EventValidationError, build_event
from mockserver.shell import Outcome, outcome

# hook_config's keys (snake case) per hook event type.
CONFIG_KEYS = {
    "PreToolUse": "pre_tool_use",
    "PostToolUse": "post_tool_use",
    "UserPromptSubmit": "user_prompt_submit",
    "SessionStart": "session_start",
    "SessionEnd": "session_end",
    "Stop": "stop",
}
_REGEX_METACHARACTERS = set("|.*+?[]()^$\\")
BLOCKING_EXIT_CODE = 2
STOP_ON_BLOCK = frozenset({"PreToolUse", "UserPromptSubmit", "Stop"})
"""The points where a blocking hook keeps the later hooks from running (``execute_all``)."""


def matcher_matches(matcher: str, tool_name: str | None) -> bool:
    """``HookMatcher.matches``: ``*``/empty match all; ``/re/`` or a pattern with regex
    metacharacters is a full-match regex; anything else an exact tool name."""
    if matcher in ("*", ""):
        return True
    if tool_name is None:
        return False
    pattern = matcher[1:-1] if matcher.startswith("/") and matcher.endswith("/") and len(matcher) > 2 else None
    if pattern is None and any(c in matcher for c in _REGEX_METACHARACTERS):
        pattern = matcher
    if pattern is not None:
        try:
            return re.fullmatch(pattern, tool_name) is not None
        except re.error:
            if matcher.startswith("/"):
                return False
    return matcher == tool_name


def hooks_for(config: dict[str, Any] | None, event_type: str, tool_name: str | None = None) -> list[dict[str, Any]]:
    """The hook definitions that run for ``event_type`` (and ``tool_name``), in configuration order."""
    matchers = (config or {}).get(CONFIG_KEYS[event_type]) or []
    return [
        hook
        for matcher in matchers
        if isinstance(matcher, dict) and matcher_matches(str(matcher.get("matcher", "*")), tool_name)
        for hook in matcher.get("hooks") or []
        if isinstance(hook, dict)
    ]


def display_command(hook: dict[str, Any]) -> str:
    """``HookDefinition.display_command``."""
    if hook.get("command"):
        return str(hook["command"])
    kind = str(hook.get("type") or "command")
    prefix = f"{kind}-hook"
    if hook.get("name") is not None:
        return f"{prefix}:{hook['name']}"
    if kind == "prompt" and hook.get("prompt"):
        return f"{prefix}:{str(hook['prompt'])[:20]}"
    if kind == "agent" and hook.get("system_prompt"):
        return f"{prefix}:{str(hook['system_prompt'])[:20]}"
    return f"{prefix}:{kind}"


def blocking_reason(events: list[dict[str, Any]]) -> str | None:
    """``HookManager.get_blocking_reason``: the first blocking hook's stderr, else a default."""
    for event in events:
        if event.get("blocked"):
            return str(event.get("stderr") or "").strip() or "Blocked by hook"
    return None


def hook_execution(
    event_type: str,
    hook: dict[str, Any],
    *,
    tool_name: str | None = None,
    action_id: str | None = None,
    message_id: str | None = None,
    hook_input: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``HookExecutionEvent`` one hook leaves (before the log stamps it)."""
    command = display_command(hook)
    result = outcome(command) if (hook.get("type") or "command") == "command" else Outcome()
    event: dict[str, Any] = {
        "kind": "HookExecutionEvent",
        "source": "hook",
        "hook_event_type": event_type,
        "hook_command": command,
        "tool_name": tool_name,
        "success": result.exit_code == 0,
        "blocked": result.exit_code == BLOCKING_EXIT_CODE,
        "exit_code": result.exit_code,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "action_id": action_id,
        "message_id": message_id,
        "hook_input": hook_input,
    }
    return {k: v for k, v in event.items() if v is not None}


def model_dump_of(event: dict[str, Any], field_name: str) -> dict[str, Any]:
    """``event.<field>.model_dump()`` as the hook input carries it: the action or observation
    with every field (nulls and defaults), through the generated models."""
    try:
        model = getattr(build_event(event), field_name, None)
    except (EventValidationError, ValueError):
        model = None
    if model is None:
        value = event.get(field_name)
        return dict(value) if isinstance(value, dict) else {}
    dumped: dict[str, Any] = model.model_dump(mode="json", by_alias=True)
    return dumped
