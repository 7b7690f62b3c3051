"""Which operations the checker may send generated requests to.

The agent server runs shell commands, writes files anywhere, installs plugins, stores secrets and
spawns agents (real-server-runbook.md §4.1). Such operations act outside any conversation, so
they are never fuzzed unless named explicitly by their label (``"GET /api/file/home"``); a
pattern never selects them. Read-only runs only send ``GET`` requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# (pattern on the path, why it is dangerous). First match wins.
DANGEROUS: tuple[tuple[str, str], ...] = (
    (r"/bash(/|_|$)|/bash-events", "runs shell commands"),
    (r"^/api/file/|/file/", "reads and writes files at arbitrary paths"),
    (r"/git/", "runs git in arbitrary directories"),
    (r"^/api/settings", "changes server settings, secrets and MCP configuration"),
    (r"^/api/(agent-profiles|meta-profiles|profiles)(/|$)", "changes stored profiles"),
    (
        r"^/api/(plugins|skills|canvas-extensions)(/|$)|/load_plugin$",
        "installs or loads plugins, skills and extensions",
    ),
    (r"^/app-backends/", "starts extension backends"),
    (r"^/api/llm/(subscription|provider-connections)", "changes LLM subscriptions and credentials"),
    (r"^/api/acp/|/switch_acp_model$", "spawns ACP agent processes"),
    (r"^/api/hooks", "runs hooks"),
    (r"vscode", "starts VS Code"),
    (r"^/api/mcp/", "talks to MCP servers"),
    (r"^/api/workspaces", "creates and deletes directories"),
    (r"^/api/init$", "initialises a dormant server"),
    (r"^/api/sub-agents", "registers sub-agents"),
    (r"^/api/auth/", "sets workspace session cookies"),
    (r"^/v1/", "calls the server's configured LLM"),
    (r"/ask_agent$", "calls the conversation's LLM outside a run"),
    (r"/children$", "creates git worktrees under the system temp dir"),
    (r"/fork$", "creates conversations the checker does not own"),
    (r"/switch_(llm|profile)$", "points the agent's LLM at generated endpoints"),
    (r"/runtime/reprovision$", "reprovisions the runtime"),
    (r"/workspace(/|$)", "reads files from the conversation workspace"),
    (r"^/api/conversations$@post", "creates working_dir directories at generated paths"),
)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def danger(method: str, path: str) -> str | None:
    """Why the operation must not be fuzzed unless named, or None."""
    for pattern, why in DANGEROUS:
        if "@" in pattern:
            regex, verb = pattern.split("@")
            if verb.upper() == method.upper() and re.search(regex, path):
                return why
        elif re.search(pattern, path):
            return why
    return None


def select(
    operations: Iterable[tuple[str, str]],
    *,
    allow_writes: bool,
    include: Iterable[str] = (),
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Split ``(method, path)`` operations into the ones to fuzz and the excluded ones (with why).

    ``include`` entries are exact labels (``"POST /api/bash/execute_bash_command"``), exact paths,
    or regular expressions over the label. Only an exact label or path selects a dangerous
    operation; regular expressions only narrow the safe ones. Without ``allow_writes`` only read
    methods are kept, named or not.
    """
    include = list(include)
    exact = {entry.strip() for entry in include}
    patterns = [re.compile(entry) for entry in include]
    chosen: list[tuple[str, str]] = []
    excluded: dict[str, str] = {}
    for method, path in operations:
        label = f"{method.upper()} {path}"
        named = label in exact or path in exact
        why = danger(method, path)
        if not allow_writes and method.upper() not in READ_METHODS:
            excluded[label] = "writes (needs --allow-writes)"
        elif why and not named:
            excluded[label] = f"{why} (name it with --include-operation '{label}' to fuzz it)"
        elif include and not named and not any(p.search(label) for p in patterns):
            excluded[label] = "not selected by --include-operation"
        else:
            chosen.append((method.upper(), path))
    return chosen, excluded
