"""Scenario files: one script of what the agent's LLM does, shared by the mock and the real server.

A scenario lists the agent's *turns* (one per LLM call). The mock server turns them into wire
events itself; the scripted LLM (``contract.harness.scripted_llm``) answers a real agent server's LLM
calls with the same turns, so the real server produces the same run. ``client`` lists what a
client does (send, run, pause, ...): the transcript recorder and the comparison tests replay it
against both servers.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from contract.client.bodies import start_conversation_body
from contract.harness.scenarios import DEFAULT_SCENARIO as DEFAULT_SCENARIO  # re-exported

BUNDLED_PACKAGE = "contract.harness.scenarios"
"""The package whose ``*.yaml`` files are the bundled scenario pack."""


MAX_DELAY_MS = 600_000
DEFAULT_TOOLS = ("finish", "think")
"""Tools every agent has besides its own (the SDK's default tools)."""
TITLE_REPLY = "Scripted conversation"
"""The title the scripted LLM generates for an auto-titled conversation, unless the scenario names one."""
FALLBACK_REPLY = "done"
FALLBACK_FINISH_MESSAGE = "done"
"""What the agent says past the end of its script (the scripted LLM's answer, so the mock's too):
a reply when it has no finish tool, else a finish with this message; every run terminates."""
"""The longest scripted delay (10 minutes): every run ends."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Observation(_Strict):
    """What the mock reports as the tool's result (a real server runs the tool instead)."""

    text: str = ""
    exit_code: int | None = 0
    is_error: bool = False


class ToolTurn(_Strict):
    """The LLM calls one tool; the agent executes it and records an observation."""

    tool: str = Field(description="Tool name as the LLM sees it: terminal, file_editor, finish, think, ...")
    arguments: dict[str, Any] = Field(default_factory=dict)
    thought: str = ""
    observation: Observation | None = None
    llm_delay_ms: int = Field(0, ge=0, le=MAX_DELAY_MS, description="LLM latency before this turn")
    tool_duration_ms: int = Field(
        0,
        ge=0,
        le=MAX_DELAY_MS,
        description="how long the tool runs on the mock, at any speed (a real server takes as long as the command does)",
    )


class ReplyTurn(_Strict):
    """The LLM answers with plain text: an agent MessageEvent, and the run finishes."""

    reply: str
    llm_delay_ms: int = Field(0, ge=0, le=MAX_DELAY_MS)
    stream: bool = Field(False, description="emit StreamingDeltaEvent chunks before the message")


class ErrorTurn(_Strict):
    """The LLM call fails with an HTTP error: the run ends in ``error``."""

    error: int = Field(description="HTTP status the LLM endpoint answers with", ge=400, le=599)
    message: str = "scripted LLM failure"
    llm_delay_ms: int = Field(0, ge=0, le=MAX_DELAY_MS)


def _turn_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if not isinstance(value, dict):
        return None
    present = [key for key in ("tool", "reply", "error") if key in value]
    return present[0] if len(present) == 1 else None


Turn = Annotated[
    Annotated[ToolTurn, Tag("tool")] | Annotated[ReplyTurn, Tag("reply")] | Annotated[ErrorTurn, Tag("error")],
    Discriminator(
        _turn_kind,
        custom_error_type="turn_kind",
        custom_error_message="a turn needs exactly one of 'tool', 'reply' or 'error'",
    ),
]


class ClientStep(_Strict):
    """One client action in the scenario's driver script (used by recorders and tests)."""

    action: Literal[
        "send",
        "run",
        "wait",
        "settle",
        "pause",
        "interrupt",
        "reject",
        "accept",
        "set_policy",
        "rename",
        "delete",
        "sleep",
    ]
    text: str | None = None
    run: bool = False
    socket: bool = Field(False, description="for send: over the event socket (which always runs) instead of REST")
    status: str | None = Field(None, description="for wait: execution status to wait for")
    # "settle" waits for the next snapshot showing the conversation at rest (any status but
    # running), whatever status that is: generated client scripts cannot know it in advance.
    after_ms: int = Field(0, ge=0, description="delay before this step")
    policy: str | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _check_arguments(self) -> ClientStep:
        if self.action == "send" and not self.text:
            raise ValueError("a 'send' step needs 'text'")
        if self.action == "wait" and not self.status:
            raise ValueError("a 'wait' step needs 'status'")
        if self.action == "rename" and not self.text:
            raise ValueError("a 'rename' step needs 'text' (the new title)")
        if self.action == "set_policy" and not self.policy:
            raise ValueError("a 'set_policy' step needs 'policy'")
        return self


class CommandAnswer(_Strict):
    """What a shell command gives on the mock (the bash routes, the terminal tool): the first
    entry whose ``pattern`` (a regular expression) matches the whole command answers it. The
    mock runs nothing; a real server runs the command."""

    pattern: str
    stdout: str = ""
    stderr: str = ""
    exit_code: int = 0
    duration_ms: int = Field(0, ge=0, le=MAX_DELAY_MS)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        return pattern


def _relative_paths(files: dict[str, str]) -> dict[str, str]:
    for path in files:
        parts = path.split("/")
        if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"{path!r} is not a plain relative path (no leading '/', '.', '..' or empty parts)")
        if parts[0] == ".git":
            raise ValueError(f"{path!r}: the repository's own files come from 'git', not 'files'")
    return files


class GitSeed(_Strict):
    """The seeded workspace is a git repository on ``branch`` with one commit of ``committed``
    (default: the workspace's ``files``, so the working tree starts clean); no remote."""

    branch: str = Field("main", pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
    message: str = Field("Initial commit", min_length=1, pattern=r"^[^\n]+$")
    committed: dict[str, str] | None = None

    @field_validator("committed")
    @classmethod
    def _plain_paths(cls, files: dict[str, str] | None) -> dict[str, str] | None:
        return None if files is None else _relative_paths(files)


class WorkspaceSeed(_Strict):
    """What the workspace holds before the run: ``files`` (path relative to the root → text)
    and, with ``git``, a repository whose last commit is the baseline the git routes compare
    with. ``root`` is an absolute directory, seeded when the scenario is loaded; without it the
    working dir of each conversation that plays the scenario is seeded when it starts (unless
    it already exists)."""

    root: str | None = Field(None, pattern=r"^/")
    files: dict[str, str] = Field(default_factory=dict)
    git: GitSeed | None = None

    @field_validator("files")
    @classmethod
    def _plain_paths(cls, files: dict[str, str]) -> dict[str, str]:
        return _relative_paths(files)

    @field_validator("root")
    @classmethod
    def _normal_root(cls, root: str | None) -> str | None:
        if root is not None and posixpath.normpath(root) != root:
            raise ValueError(f"{root!r} is not a normalized absolute path")
        return root


class ClientTool(_Strict):
    """A tool the client defines in its start request (``client_tools``) and executes itself:
    the agent's call reaches the client as a ``ClientAction_<name>`` action."""

    name: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    description: str = "A tool the client runs."
    parameters: dict[str, Any] = Field(default_factory=lambda: {"type": "object", "properties": {}})


class Scenario(_Strict):
    """A named, scripted agent behaviour."""

    name: str = Field(pattern=r"^[a-z0-9_]+$")
    description: str = ""
    confirmation_policy: Literal["NeverConfirm", "AlwaysConfirm"] = "NeverConfirm"
    tools: list[str] = Field(default_factory=lambda: ["terminal"])
    client_tools: list[ClientTool] = Field(default_factory=list)
    commands: list[CommandAnswer] = Field(default_factory=list)
    workspace: WorkspaceSeed | None = None
    title: str = Field(
        TITLE_REPLY, min_length=1, max_length=50, description="what the LLM answers the server's auto-title call with"
    )
    llm_stream: bool = Field(
        False, description="the agent's LLM streams (llm.stream) even when no reply turn asks for streaming"
    )
    turns: list[Turn] = Field(min_length=1)
    client: list[ClientStep] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_tools(self) -> Scenario:
        """Every tool turn names a tool the agent has: a typo would otherwise only show up as
        the real server's "Tool 'x' not found" error in the middle of a run."""
        available = [*self.tools, *(t.name for t in self.client_tools)]
        available += [name for name in DEFAULT_TOOLS if name not in available]
        for index, turn in enumerate(self.turns):
            if isinstance(turn, ToolTurn) and turn.tool not in available:
                raise ValueError(
                    f"turns.{index}.tool: {turn.tool!r} is not a tool of this scenario's agent "
                    f"(available: {', '.join(available)}; add it to 'tools' or 'client_tools')"
                )
        return self

    @property
    def streams(self) -> bool:
        """Whether the agent's LLM streams: asked for by the scenario or by one of its replies."""
        return self.llm_stream or any(isinstance(turn, ReplyTurn) and turn.stream for turn in self.turns)


def conversation_body(llm_url: str, scenario: Scenario, *, tag_scenario: bool = False) -> dict[str, Any]:
    """The ``POST /api/conversations`` body that makes a real server play ``scenario`` through
    the scripted LLM at ``llm_url`` (with ``tag_scenario``, the mock plays it too)."""
    return start_conversation_body(
        llm_url,
        scenario.name,
        tools=scenario.tools,
        confirmation_policy=scenario.confirmation_policy,
        stream=scenario.streams,
        tag_scenario=tag_scenario,
        client_tools=[tool.model_dump() for tool in scenario.client_tools],
    )


class ScenarioError(ValueError):
    """A scenario file is invalid; the message names the file and the offending entry."""


def _describe(error: ErrorDetails) -> str:
    loc = list(error["loc"])
    if len(loc) > 3 and loc[0] == "turns":
        del loc[2]  # the union tag pydantic inserts ("tool", "reply" or "error")
    where = ".".join(str(p) for p in loc)
    return f"{where or '<root>'}: {error['msg']}"


def parse_scenario(data: Any, source: str = "<scenario>") -> Scenario:
    """Validate raw scenario data, raising ScenarioError with every problem located."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        lines = sorted({_describe(e) for e in exc.errors()})
        raise ScenarioError(f"{source}: invalid scenario\n  " + "\n  ".join(lines)) from None


def load_scenario(path: str | Path | Traversable) -> Scenario:
    """Load one YAML (or JSON) scenario file."""
    source = path if isinstance(path, Traversable) else Path(path)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScenarioError(f"{path}: cannot read scenario: {exc}") from None
    return parse_scenario(data, str(path))


def load_directory(directory: str | Path | Traversable) -> dict[str, Scenario]:
    """Load every ``*.yaml`` scenario in a directory, keyed by name."""
    folder = directory if isinstance(directory, Traversable) else Path(directory)
    if not folder.is_dir():
        raise ScenarioError(f"{directory}: not a directory of scenarios")
    scenarios: dict[str, Scenario] = {}
    for path in sorted((p for p in folder.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name):
        scenario = load_scenario(path)
        if scenario.name in scenarios:
            raise ScenarioError(f"{path}: duplicate scenario name {scenario.name!r}")
        scenarios[scenario.name] = scenario
    return scenarios


@cache
def _bundled() -> dict[str, Scenario]:
    return load_directory(resources.files(BUNDLED_PACKAGE))


def bundled_scenarios() -> dict[str, Scenario]:
    """The bundled scenario pack, keyed by name (package data; read once per process)."""
    return dict(_bundled())


def load_scenarios(*directories: str | Path, bundled: bool = True) -> dict[str, Scenario]:
    """The bundled pack (unless ``bundled`` is False) plus every scenario in ``directories``.

    Later directories win over earlier ones and over the pack, so a project can override a
    bundled scenario by name.
    """
    scenarios = bundled_scenarios() if bundled else {}
    for directory in directories:
        scenarios.update(load_directory(directory))
    return scenarios
