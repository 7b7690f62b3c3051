# GENERATED FILE, DO NOT EDIT. Pydantic v2 models of the OpenHands agent-server API
# (openhands-agent-server 1.58.0 + contract/spec/overlay.yaml + factory_defaults.json), made by datamodel-code-generator.
# Regenerate with: ohmock spec build

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union
from uuid import UUID

from contract.wire_base import WireModel
from contract.wire_rules import (
    AgentContextModel,
    AgentModel,
    ConversationTagsModel,
    GraySwanAnalyzerModel,
    LLMModel,
    MetaProfileModel,
    OpenHandsAgentProfileModel,
    OptionalConversationTagsModel,
    PatternSecurityAnalyzerModel,
    ProviderConnectionCreateModel,
    ProviderConnectionUpdateModel,
    UpdateSecretsModel,
)
from pydantic import AwareDatetime, ConfigDict, Field, RootModel, SecretStr


class ACPAgentProfile(WireModel):
    """
    ``agent_kind="acp"`` profile — names an ACP backend, stores no credential.

    There is no ``llm_profile_ref`` and no embedded credential: the ACP
    subprocess makes its own model calls, and the provider's credential
    (env-var name) is derived from :attr:`acp_server` via the
    :data:`~openhands.sdk.settings.acp_providers.ACP_PROVIDERS` registry. The
    value rides the conversation secrets channel, never the profile.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    acp_args: Annotated[
        list[str] | None,
        Field(
            description="Additional arguments appended to the ACP server command.",
            title="Acp Args",
        ),
    ] = None
    acp_command: Annotated[
        str | None,
        Field(
            description="Optional explicit command to launch the ACP subprocess. Leave blank to use the default for ``acp_server``.",
            title="Acp Command",
        ),
    ] = None
    acp_model: Annotated[
        str | None,
        Field(
            description="Model identifier for the ACP server (e.g. 'claude-opus-4-8'). Leave blank to let the server pick its default.",
            title="Acp Model",
        ),
    ] = None
    acp_prompt_timeout: Annotated[
        float,
        Field(
            description="Inactivity timeout (seconds) for a single ACP prompt() round-trip; resets on every update from the server.",
            gt=0.0,
            title="Acp Prompt Timeout",
        ),
    ] = 1800.0
    acp_server: Annotated[
        Literal["claude-code", "codex", "gemini-cli", "kimi-code", "pi", "opencode", "custom"],
        Field(
            description="Which ACP-compatible backend to launch. The provider's credential env-var name is derived from this via the ACP_PROVIDERS registry.",
            title="Acp Server",
        ),
    ] = "claude-code"
    acp_session_mode: Annotated[
        str | None,
        Field(
            description="Session mode ID (e.g. 'bypassPermissions'). Leave blank to auto-detect from the ACP server type.",
            title="Acp Session Mode",
        ),
    ] = None
    acp_startup_timeout: Annotated[
        float,
        Field(
            description="Timeout (seconds) for ACP server startup: spawn, initialize/authenticate, and new_session()/load_session().",
            gt=0.0,
            title="Acp Startup Timeout",
        ),
    ] = 90.0
    agent_kind: Annotated[
        Literal["acp"],
        Field(
            description="Discriminator for the ``AgentProfile`` union. ``'acp'`` selects an ACP-delegating agent.",
            title="Agent Kind",
        ),
    ] = "acp"
    id: Annotated[
        UUID | None,
        Field(
            description="Stable provenance handle for this profile. Conversations record this UUID; it never changes, even when the profile is renamed.",
            title="Id",
        ),
    ] = None
    mcp_server_refs: Annotated[
        list[str] | None,
        Field(
            description="Which of the user's globally configured MCP servers to expose. null = all; [] = none; a non-null list = filter to the named keys.",
            title="Mcp Server Refs",
        ),
    ] = None
    name: Annotated[
        str,
        Field(
            description="Human-facing, renameable key shown in the profile picker.",
            min_length=1,
            title="Name",
        ),
    ]
    revision: Annotated[
        int,
        Field(
            description="Monotonic revision counter, bumped on each saved edit.",
            ge=0,
            title="Revision",
        ),
    ] = 0
    schema_version: Annotated[int, Field(ge=1, title="Schema Version")] = 4
    secret_refs: Annotated[
        list[str] | None,
        Field(
            description="Which of the user's saved secrets to expose to this agent. null = all; [] = none; a non-null list = filter to the named keys. Strict: nothing is added back. An ACP profile must list its own provider credential to receive it.",
            title="Secret Refs",
        ),
    ] = None


class ACPFileSecretSpec(WireModel):
    """
    Declarative mapping from a reserved "file-content" secret to a credential
    file the ACP subprocess authenticates from.

    Some providers read their credential from a *file on disk* rather than an
    env var: Codex reads ``$CODEX_HOME/auth.json``; Gemini (Vertex AI) reads a
    service-account JSON pointed at by ``GOOGLE_APPLICATION_CREDENTIALS``. The
    user supplies that credential as a pasted blob — a reserved secret named
    :attr:`secret_name` — and :class:`~openhands.sdk.agent.ACPAgent` materialises
    it to :attr:`filename` under the conversation's durable per-conversation root
    (seed-if-absent), then sets :attr:`env_var` so the CLI can find it.

    Materialisation is keyed off :attr:`secret_name` (not the launch command),
    so a custom or aliased ``acp_command`` still works as long as the reserved
    secret is supplied.

    The SDK owns the *mechanism* (writing the file in the runtime pod, setting
    the env var, seed-if-absent, permissions); the *policy* — which secrets map
    to which files for which CLIs — lives in these specs. Built-in defaults
    cover the supported providers, but downstream applications can override
    :attr:`~openhands.sdk.agent.ACPAgent.acp_file_secrets` to support other ACP
    servers with different file-auth schemes without an SDK change.
    """

    env_points_to: Annotated[Literal["dir", "file"], Field(title="Env Points To")] = (
        "file"
    )
    env_var: Annotated[str, Field(min_length=1, title="Env Var")]
    filename: Annotated[str, Field(min_length=1, title="Filename")]
    secret_name: Annotated[str, Field(min_length=1, title="Secret Name")]
    subdir: Annotated[str, Field(min_length=1, title="Subdir")]
    warn_if_unset: Annotated[list[str], Field(title="Warn If Unset")] = []


class ACPModelDiscoveryError(WireModel):
    """
    Why an ACP server could not report its models.
    """

    code: Annotated[
        str,
        Field(
            description="Same codes as a conversation's cold-start ``ConversationErrorEvent``: ``ACPAuthRequired``, ``ACPStartupTimeout``, ``ACPSpawnError`` or ``ACPInitError``.",
            title="Code",
        ),
    ]
    detail: Annotated[
        str, Field(description="Human-readable, secret-free cause.", title="Detail")
    ]


class ACPModelInfo(WireModel):
    """
    One model an ACP server offers for a session.

    A normalized, stable mirror of the ACP protocol's ``ModelInfo``. The
    protocol ``models`` capability is flagged **UNSTABLE**, so we re-map it
    into our own type at the SDK boundary rather than re-serializing the
    vendored ``acp.schema`` type onto the agent-server's public API — clients
    get a stable shape regardless of upstream protocol churn.

    Carries everything a client needs to render a picker and resolve a
    ``current_model_id`` to a display label *itself*; the SDK deliberately
    does no name curation.
    """

    description: Annotated[
        str | None,
        Field(
            description="Optional longer description supplied by the server.",
            title="Description",
        ),
    ] = None
    model_id: Annotated[
        str,
        Field(
            description='Server-assigned model identifier. May be concrete (e.g. ``"gpt-5.6"``) or an opaque alias (e.g. ``"default"``, ``"auto"``). This is the value to pass back to the server to switch to this model.',
            title="Model Id",
        ),
    ]
    name: Annotated[
        str | None,
        Field(description='Human-readable label, e.g. ``"GPT-5.5"``.', title="Name"),
    ] = None


class ACPToolCallEvent(WireModel):
    """
    Event representing a tool call executed by an ACP server.

    Captures the tool name, inputs, outputs, and status from ACP
    ``ToolCallStart`` / ``ToolCallProgress`` notifications so they can
    be surfaced in the OpenHands event stream and visualizer.

    This is *not* an ``LLMConvertibleEvent`` — ACP tool calls do not
    participate in LLM message conversion.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[list[Any] | None, Field(title="Content")] = None
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    is_error: Annotated[bool, Field(title="Is Error")] = False
    kind: Annotated[Literal["ACPToolCallEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    raw_input: Annotated[Any, Field(title="Raw Input")] = None
    raw_output: Annotated[Any, Field(title="Raw Output")] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "agent"
    status: Annotated[str | None, Field(title="Status")] = None
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    title: Annotated[str, Field(title="Title")]
    tool_call_id: Annotated[str, Field(title="Tool Call Id")]
    tool_kind: Annotated[str | None, Field(title="Tool Kind")] = None


class ActivateAgentProfileResponse(WireModel):
    agent_settings_applied: Annotated[bool, Field(title="Agent Settings Applied")] = (
        False
    )
    id: Annotated[str, Field(title="Id")]
    message: Annotated[str, Field(title="Message")]


class ActivateMetaProfileResponse(WireModel):
    applied: Annotated[bool, Field(title="Applied")] = True
    message: Annotated[str, Field(title="Message")]
    name: Annotated[str, Field(title="Name")]


class ActivateProfileResponse(WireModel):
    """
    Response model for profile activation.
    """

    llm_applied: Annotated[bool, Field(title="Llm Applied")] = True
    message: Annotated[str, Field(title="Message")]
    name: Annotated[str, Field(title="Name")]


class MaxBudgetPerRun(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Maximum accumulated cost (USD) per run for this sub-agent. Must be strictly positive, or None for no budget.",
            gt=0.0,
            title="Max Budget Per Run",
        ),
    ]


class MaxIterationPerRun(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="Maximum iterations per run. It must be strictly positive, or None for default.",
            gt=0,
            title="Max Iteration Per Run",
        ),
    ]


class LlmProfileRef(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="LLM profile to launch an OpenHands Agent Profile with instead of its own `llm_profile_ref`. Recorded in `launched_agent_profile`; the stored profile is not modified. Only valid with `agent_profile_id`.",
            min_length=1,
            title="Llm Profile Ref",
        ),
    ]


class SystemMessageSuffixAppend(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Deployment-controlled text appended to the resolved agent's system-message suffix.",
            max_length=32768,
            title="System Message Suffix Append",
        ),
    ]


class AgentProfileDetailResponse(WireModel):
    name: Annotated[str, Field(title="Name")]
    profile: Annotated[dict[str, Any], Field(title="Profile")]


class AgentProfileDiagnostics(WireModel):
    """
    Side-effect-free report of what :func:`resolve_agent_profile` would do.

    Consumed by ``POST /{id}/materialize`` (#3719) and the canvas editor. The
    verdict (:attr:`valid`) and the dangling-ref lists match exactly what a real
    resolve produces; :attr:`resolved_settings` is the redacted settings dump
    (present only when :attr:`valid`).
    """

    acp_api_key_secret_name: Annotated[
        str | None, Field(title="Acp Api Key Secret Name")
    ] = None
    acp_base_url_secret_name: Annotated[
        str | None, Field(title="Acp Base Url Secret Name")
    ] = None
    acp_file_secret_names: Annotated[
        list[str], Field(title="Acp File Secret Names")
    ] = []
    agent_kind: Annotated[str, Field(title="Agent Kind")]
    dangling_mcp_server_refs: Annotated[
        list[str], Field(title="Dangling Mcp Server Refs")
    ] = []
    dangling_meta_profile_llm_refs: Annotated[
        list[str], Field(title="Dangling Meta Profile Llm Refs")
    ] = []
    dangling_meta_profile_ref: Annotated[
        str | None, Field(title="Dangling Meta Profile Ref")
    ] = None
    disabled_skills: Annotated[list[str], Field(title="Disabled Skills")] = []
    errors: Annotated[list[str], Field(title="Errors")] = []
    llm_api_key_set: Annotated[bool, Field(title="Llm Api Key Set")] = False
    llm_profile_ref: Annotated[str | None, Field(title="Llm Profile Ref")] = None
    llm_profile_resolved: Annotated[bool, Field(title="Llm Profile Resolved")] = False
    mcp_server_refs: Annotated[list[str] | None, Field(title="Mcp Server Refs")] = None
    meta_profile_ref: Annotated[str | None, Field(title="Meta Profile Ref")] = None
    public_skills: Annotated[list[str] | None, Field(title="Public Skills")] = None
    resolved_mcp_config_keys: Annotated[
        list[str], Field(title="Resolved Mcp Config Keys")
    ] = []
    resolved_settings: Annotated[
        dict[str, Any] | None, Field(title="Resolved Settings")
    ] = None
    resolved_skills: Annotated[list[str], Field(title="Resolved Skills")] = []
    secret_refs: Annotated[list[str] | None, Field(title="Secret Refs")] = None
    unusable_tools: Annotated[
        list[str],
        Field(
            description="Selected tools the runtime cannot run. An unavailable browser is left out of the launch; any other such tool fails the launch or fails when the agent uses it.",
            title="Unusable Tools",
        ),
    ] = []
    valid: Annotated[bool, Field(title="Valid")] = False


class AgentProfileInfo(WireModel):
    """
    Summary projection of a stored profile (no secret instantiation).
    """

    agent_kind: Annotated[str, Field(title="Agent Kind")] = "openhands"
    id: Annotated[str | None, Field(title="Id")] = None
    llm_profile_ref: Annotated[str | None, Field(title="Llm Profile Ref")] = None
    mcp_server_refs: Annotated[list[str] | None, Field(title="Mcp Server Refs")] = None
    name: Annotated[str, Field(title="Name")]
    revision: Annotated[int | None, Field(title="Revision")] = None


class AgentProfileListResponse(WireModel):
    """
    Response body returned by ``GET /api/agent-profiles``.
    """

    active_agent_profile_id: Annotated[
        str | None, Field(title="Active Agent Profile Id")
    ] = None
    profiles: Annotated[list[AgentProfileInfo], Field(title="Profiles")]


class AgentProfileMutationResponse(WireModel):
    message: Annotated[str, Field(title="Message")]
    name: Annotated[str, Field(title="Name")]


class AgentResponseResult(WireModel):
    """
    The agent's final response for a conversation.

    Contains the text of the last agent finish message or text response.
    Empty string if the agent has not produced a final response yet.
    """

    response: Annotated[
        str,
        Field(
            description="The agent's final response text. Extracted from either a FinishAction message or the last agent MessageEvent. Empty string if no final response is available.",
            title="Response",
        ),
    ]


class AlwaysConfirmInput(WireModel):
    kind: Annotated[Literal["AlwaysConfirm"], Field(title="Kind")]


class AlwaysConfirmOutput(WireModel):
    kind: Annotated[Literal["AlwaysConfirm"], Field(title="Kind")]


class AnnotationURLCitation(WireModel):
    """
    A URL citation when using web search.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    end_index: Annotated[int, Field(title="End Index")]
    start_index: Annotated[int, Field(title="Start Index")]
    title: Annotated[str, Field(title="Title")]
    url: Annotated[str, Field(title="Url")]


class AppBackendSessionResponse(WireModel):
    """
    Browser bootstrap result for one running Canvas App backend.

    The session credential is delivered only as an HttpOnly cookie. ``ingress_url``
    contains no credential and must be loaded from a separate browser origin. That
    origin is the isolation boundary, so frames retain their origin for cookies,
    workers, WebSockets, and Origin-based request validation.
    """

    expires_at: Annotated[AwareDatetime, Field(title="Expires At")]
    iframe_sandbox: Annotated[
        str, Field(title="Iframe Sandbox")
    ] = "allow-forms allow-modals allow-popups allow-same-origin allow-scripts"
    ingress_url: Annotated[str, Field(title="Ingress Url")]


class AskAgentRequest(WireModel):
    """
    Payload to ask the agent a simple question.
    """

    question: Annotated[
        str, Field(description="The question to ask the agent", title="Question")
    ]


class AskAgentResponse(WireModel):
    """
    Response containing the agent's answer.
    """

    response: Annotated[
        str, Field(description="The agent's response to the question", title="Response")
    ]


class AskOracleAction(WireModel):
    """
    Action for asking the Oracle for advice.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    context: Annotated[
        str | None,
        Field(
            description="Optional extra context, such as approaches already tried, constraints, or the recommendation you are considering.",
            title="Context",
        ),
    ] = None
    kind: Annotated[Literal["AskOracleAction"], Field(title="Kind")]
    question: Annotated[
        str,
        Field(
            description="The specific question or dilemma to ask the Oracle about. Use this when you are stuck, uncertain, or need a second opinion.",
            title="Question",
        ),
    ]


class BackendLogs(WireModel):
    """
    Bounded combined stdout and stderr output.
    """

    logs: Annotated[str, Field(title="Logs")]
    name: Annotated[str, Field(title="Name")]
    truncated: Annotated[bool, Field(title="Truncated")]


class BackendRevisionRequest(WireModel):
    """
    Explicit approval for one exact installed revision.
    """

    revision: Annotated[str, Field(min_length=1, title="Revision")]


class BackendStatus(WireModel):
    """
    Current state of an installed Canvas App backend.
    """

    detail: Annotated[str | None, Field(title="Detail")] = None
    name: Annotated[str, Field(title="Name")]
    pid: Annotated[int | None, Field(title="Pid")] = None
    port: Annotated[int | None, Field(title="Port")] = None
    prepared_revision: Annotated[str | None, Field(title="Prepared Revision")] = None
    revision: Annotated[str | None, Field(title="Revision")] = None
    state: Annotated[
        Literal["missing", "stopped", "starting", "ready", "unhealthy", "unsupported"],
        Field(title="State"),
    ]


class BashCommand(WireModel):
    command: Annotated[
        str, Field(description="The bash command to execute", title="Command")
    ]
    cwd: Annotated[
        str | None, Field(description="The current working directory", title="Cwd")
    ] = None
    id: Annotated[str | None, Field(title="Id")] = None
    kind: Annotated[Literal["BashCommand"], Field(title="Kind")]
    timeout: Annotated[
        int,
        Field(
            description="The max number of seconds a command may be permitted to run.",
            title="Timeout",
        ),
    ] = 300
    timestamp: Annotated[AwareDatetime | None, Field(title="Timestamp")] = None


class BashError(WireModel):
    code: Annotated[
        str,
        Field(description="Code for the error - typically an error type", title="Code"),
    ]
    detail: Annotated[str, Field(description="Details about the error", title="Detail")]
    id: Annotated[str | None, Field(title="Id")] = None
    kind: Annotated[Literal["BashError"], Field(title="Kind")]
    timestamp: Annotated[AwareDatetime | None, Field(title="Timestamp")] = None


class BashEventSortOrder(RootModel[Literal["TIMESTAMP", "TIMESTAMP_DESC"]]):
    root: Annotated[
        Literal["TIMESTAMP", "TIMESTAMP_DESC"], Field(title="BashEventSortOrder")
    ]


class BashOutput(WireModel):
    """
    Output of a bash command. A single command may have multiple pieces of output
    depending on how large the output is.
    """

    command_id: Annotated[str, Field(title="Command Id")]
    exit_code: Annotated[
        int | None,
        Field(
            description="Exit code None implies the command is still running.",
            title="Exit Code",
        ),
    ] = None
    id: Annotated[str | None, Field(title="Id")] = None
    kind: Annotated[Literal["BashOutput"], Field(title="Kind")]
    order: Annotated[
        int,
        Field(
            description="The order for this output, sequentially starting with 0",
            title="Order",
        ),
    ] = 0
    stderr: Annotated[
        str | None,
        Field(description="The error output from the command", title="Stderr"),
    ] = None
    stdout: Annotated[
        str | None,
        Field(description="The standard output from the command", title="Stdout"),
    ] = None
    timestamp: Annotated[AwareDatetime | None, Field(title="Timestamp")] = None


class BodyLoadConversationPluginApiConversationsConversationIdLoadPluginPost(WireModel):
    plugin_ref: Annotated[str, Field(title="Plugin Ref")]


class BodySwitchConversationAcpModelApiConversationsConversationIdSwitchAcpModelPost(WireModel):
    model: Annotated[str, Field(title="Model")]


class BodySwitchConversationProfileApiConversationsConversationIdSwitchProfilePost(WireModel):
    profile_name: Annotated[str, Field(title="Profile Name")]


class BodyUploadFileQueryApiConversationsRuntimeConversationIdFileUploadPost(WireModel):
    file: Annotated[
        str,
        Field(
            json_schema_extra={"contentMediaType": "application/octet-stream"},
            title="File",
        ),
    ]


class BodyUploadFileQueryApiFileUploadPost(WireModel):
    file: Annotated[
        str,
        Field(
            json_schema_extra={"contentMediaType": "application/octet-stream"},
            title="File",
        ),
    ]


class BrowserAction(WireModel):
    """
    Base class for all browser actions.

    This base class serves as the parent for all browser-related actions,
    enabling proper type hierarchy and eliminating the need for union types.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserAction"], Field(title="Kind")]


class BrowserClickAction(WireModel):
    """
    Schema for clicking elements.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    index: Annotated[
        int,
        Field(
            description="The index of the element to click (from browser_get_state)",
            ge=0,
            title="Index",
        ),
    ]
    kind: Annotated[Literal["BrowserClickAction"], Field(title="Kind")]
    new_tab: Annotated[
        bool,
        Field(
            description="Whether to open any resulting navigation in a new tab. Default: False",
            title="New Tab",
        ),
    ] = False


class BrowserCloseTabAction(WireModel):
    """
    Schema for closing browser tabs.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserCloseTabAction"], Field(title="Kind")]
    tab_id: Annotated[
        str,
        Field(
            description="4 Character Tab ID of the tab to close (from browser_list_tabs)",
            title="Tab Id",
        ),
    ]


class BrowserGetContentAction(WireModel):
    """
    Schema for getting page content in markdown.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    extract_links: Annotated[
        bool,
        Field(
            description="Whether to include links in the content (default: False)",
            title="Extract Links",
        ),
    ] = False
    kind: Annotated[Literal["BrowserGetContentAction"], Field(title="Kind")]
    start_from_char: Annotated[
        int,
        Field(
            description="Character index to start from in the page content (default: 0)",
            ge=0,
            title="Start From Char",
        ),
    ] = 0


class BrowserGetStateAction(WireModel):
    """
    Schema for getting browser state.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    include_screenshot: Annotated[
        bool,
        Field(
            description="Whether to include a screenshot of the current page. Default: False",
            title="Include Screenshot",
        ),
    ] = False
    kind: Annotated[Literal["BrowserGetStateAction"], Field(title="Kind")]


class BrowserGetStorageAction(WireModel):
    """
    Schema for getting browser storage (cookies, local storage, session storage).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserGetStorageAction"], Field(title="Kind")]


class BrowserGoBackAction(WireModel):
    """
    Schema for going back in browser history.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserGoBackAction"], Field(title="Kind")]


class BrowserListTabsAction(WireModel):
    """
    Schema for listing browser tabs.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserListTabsAction"], Field(title="Kind")]


class BrowserNavigateAction(WireModel):
    """
    Schema for browser navigation.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserNavigateAction"], Field(title="Kind")]
    new_tab: Annotated[
        bool,
        Field(
            description="Whether to open in a new tab. Default: False", title="New Tab"
        ),
    ] = False
    url: Annotated[str, Field(description="The URL to navigate to", title="Url")]


class BrowserScrollAction(WireModel):
    """
    Schema for scrolling the page.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    direction: Annotated[
        Literal["up", "down"],
        Field(
            description="Direction to scroll. Options: 'up', 'down'. Default: 'down'",
            title="Direction",
        ),
    ] = "down"
    kind: Annotated[Literal["BrowserScrollAction"], Field(title="Kind")]


class BrowserSetStorageAction(WireModel):
    """
    Schema for setting browser storage (cookies, local storage, session storage).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserSetStorageAction"], Field(title="Kind")]
    storage_state: Annotated[
        dict[str, Any],
        Field(
            description="Storage state dictionary containing 'cookies' and 'origins' (from browser_get_storage)",
            title="Storage State",
        ),
    ]


class BrowserStartRecordingAction(WireModel):
    """
    Schema for starting browser session recording.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserStartRecordingAction"], Field(title="Kind")]


class BrowserStopRecordingAction(WireModel):
    """
    Schema for stopping browser session recording.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserStopRecordingAction"], Field(title="Kind")]


class BrowserSwitchTabAction(WireModel):
    """
    Schema for switching browser tabs.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["BrowserSwitchTabAction"], Field(title="Kind")]
    tab_id: Annotated[
        str,
        Field(
            description="4 Character Tab ID of the tab to switch to (from browser_list_tabs)",
            title="Tab Id",
        ),
    ]


class BrowserTypeAction(WireModel):
    """
    Schema for typing text into elements.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    index: Annotated[
        int,
        Field(
            description="The index of the input element (from browser_get_state)",
            ge=0,
            title="Index",
        ),
    ]
    kind: Annotated[Literal["BrowserTypeAction"], Field(title="Kind")]
    text: Annotated[str, Field(description="The text to type", title="Text")]


class CanvasExtensionBackendArtifact(WireModel):
    """
    Immutable local or HTTPS backend artifact for one platform.
    """

    path: Annotated[
        str, Field(description="Package-relative .tar.gz artifact path", title="Path")
    ]
    sha256: Annotated[
        str,
        Field(
            description="Lowercase SHA-256 checksum",
            pattern="^[0-9a-f]{64}$",
            title="Sha256",
        ),
    ]
    strip_components: Annotated[
        int,
        Field(
            description="Leading archive path components to remove",
            ge=0,
            le=16,
            title="Strip Components",
        ),
    ] = 0
    url: Annotated[
        str | None, Field(description="Public HTTPS .tar.gz artifact URL", title="Url")
    ] = None


class CanvasExtensionBackendHealth(WireModel):
    """
    Loopback HTTP readiness probe for a backend process.
    """

    interval_seconds: Annotated[
        float, Field(gt=0.0, le=10.0, title="Interval Seconds")
    ] = 0.1
    path: Annotated[
        str, Field(pattern="^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$", title="Path")
    ] = "/health"
    timeout_seconds: Annotated[
        float, Field(gt=0.0, le=300.0, title="Timeout Seconds")
    ] = 30


class CanvasExtensionPage(WireModel):
    """
    A single page contributed to the Canvas UI by an extension.
    """

    id: Annotated[
        str,
        Field(description="Unique contribution id within the extension", title="Id"),
    ]
    path: Annotated[
        str,
        Field(
            description="Route the page is mounted at, e.g. '/dashboard'", title="Path"
        ),
    ]
    title: Annotated[
        str, Field(description="Page title shown in Canvas navigation", title="Title")
    ]


class ChatCompletionAudio(WireModel):
    """
    If the audio output modality is requested, this object contains data
    about the audio response from the model. [Learn more](https://platform.openai.com/docs/guides/audio).
    """

    model_config = ConfigDict(
        extra="allow",
    )
    data: Annotated[str, Field(title="Data")]
    expires_at: Annotated[int, Field(title="Expires At")]
    id: Annotated[str, Field(title="Id")]
    transcript: Annotated[str, Field(title="Transcript")]


class ClassifyAndSwitchLLMAction(WireModel):
    """
    Trigger classification of the current task and switch the LLM profile.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["ClassifyAndSwitchLLMAction"], Field(title="Kind")]


class CmdOutputMetadata(WireModel):
    """
    Additional metadata captured from PS1
    """

    exit_code: Annotated[
        int,
        Field(
            description="The exit code of the last executed command.", title="Exit Code"
        ),
    ] = -1
    hostname: Annotated[
        str | None, Field(description="The hostname of the machine.", title="Hostname")
    ] = None
    pid: Annotated[
        int,
        Field(description="The process ID of the last executed command.", title="Pid"),
    ] = -1
    prefix: Annotated[
        str, Field(description="Prefix to add to command output", title="Prefix")
    ] = ""
    py_interpreter_path: Annotated[
        str | None,
        Field(
            description="The path to the current Python interpreter, if any.",
            title="Py Interpreter Path",
        ),
    ] = None
    suffix: Annotated[
        str, Field(description="Suffix to add to command output", title="Suffix")
    ] = ""
    username: Annotated[
        str | None,
        Field(description="The username of the current user.", title="Username"),
    ] = None
    working_dir: Annotated[
        str | None,
        Field(description="The current working directory.", title="Working Dir"),
    ] = None


class CompletionTokensDetails(WireModel):
    """
    Breakdown of tokens used in a completion.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    accepted_prediction_tokens: Annotated[
        int | None, Field(title="Accepted Prediction Tokens")
    ] = None
    audio_tokens: Annotated[int | None, Field(title="Audio Tokens")] = None
    reasoning_tokens: Annotated[int | None, Field(title="Reasoning Tokens")] = None
    rejected_prediction_tokens: Annotated[
        int | None, Field(title="Rejected Prediction Tokens")
    ] = None


class SummaryOffset(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="An optional offset to the start of the resulting view (after forgotten events have been removed) indicating where the summary should be inserted. If not provided, the summary will not be inserted into the view.",
            ge=0,
            title="Summary Offset",
        ),
    ]


class Condensation(WireModel):
    """
    This action indicates a condensation of the conversation history is happening.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    forgotten_event_ids: Annotated[
        list[str],
        Field(
            description="The IDs of the events that are being forgotten (removed from the `View` given to the LLM).",
            title="Forgotten Event Ids",
        ),
    ] = []
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["Condensation"], Field(title="Kind")]
    llm_response_id: Annotated[
        str,
        Field(
            description="Completion or Response ID of the LLM response that generated this event",
            title="Llm Response Id",
        ),
    ]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    summary: Annotated[
        str | None,
        Field(
            description="An optional summary of the events being forgotten.",
            title="Summary",
        ),
    ] = None
    summary_offset: Annotated[
        SummaryOffset | None,
        Field(
            description="An optional offset to the start of the resulting view (after forgotten events have been removed) indicating where the summary should be inserted. If not provided, the summary will not be inserted into the view.",
            title="Summary Offset",
        ),
    ] = None
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class CondensationRequest(WireModel):
    """
    This action is used to request a condensation of the conversation history.

    Attributes:
        action (str): The action type, namely ActionType.CONDENSATION_REQUEST.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["CondensationRequest"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class CondensationSummaryEvent(WireModel):
    """
    This event represents a summary generated by a condenser.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["CondensationSummaryEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    summary: Annotated[str, Field(title="Summary")]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class ConfirmationResponseRequest(WireModel):
    """
    Payload to accept or reject a pending action.
    """

    accept: Annotated[bool, Field(title="Accept")]
    reason: Annotated[str, Field(title="Reason")] = "User rejected the action."


class Cpus(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Number of CPUs the container may use (`docker run --cpus`); replaces the server's limit and is not capped by it.",
            ge=0.01,
            title="Cpus",
        ),
    ]


class Memory(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Container memory limit in `docker run --memory` syntax; replaces the server's limit and is not capped by it.",
            pattern="^\\d+(\\.\\d+)? ?[kKmMgGtTpP]?[iI]?[bB]?$",
            title="Memory",
        ),
    ]


class ConversationContainerOptions(WireModel):
    """
    Resources for a conversation's container.

    Only the Docker runtime applies them, when it creates the conversation's
    container; a local conversation ignores them. An unset field keeps the
    server's configured limit; a set one replaces it and is not capped by it.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    browser: Annotated[
        bool,
        Field(
            description="False turns the browser off. True cannot turn it on for an image without one.",
            title="Browser",
        ),
    ] = True
    cpus: Annotated[
        Cpus | None,
        Field(
            description="Number of CPUs the container may use (`docker run --cpus`); replaces the server's limit and is not capped by it.",
            title="Cpus",
        ),
    ] = None
    memory: Annotated[
        Memory | None,
        Field(
            description="Container memory limit in `docker run --memory` syntax; replaces the server's limit and is not capped by it.",
            title="Memory",
        ),
    ] = None


class ConversationExecutionStatus(
    RootModel[Literal["idle", "running", "paused", "waiting_for_confirmation", "finished", "error", "stuck", "deleting"]]
):
    root: Annotated[
        Literal["idle", "running", "paused", "waiting_for_confirmation", "finished", "error", "stuck", "deleting"],
        Field(
            description="Enum representing the current execution state of the conversation.",
            title="ConversationExecutionStatus",
        ),
    ]


class ConversationRuntimeError(WireModel):
    """
    Structured details for the latest runtime lifecycle failure.
    """

    code: Annotated[str, Field(title="Code")]
    message: Annotated[str, Field(title="Message")]


class ConversationRuntimeStatus(
    RootModel[Literal["available", "starting", "missing", "ownership_lost", "error"]]
):
    root: Annotated[
        Literal["available", "starting", "missing", "ownership_lost", "error"],
        Field(
            description="Availability of the runtime that executes a conversation.",
            title="ConversationRuntimeStatus",
        ),
    ]


class ConversationSortOrder(
    RootModel[Literal["CREATED_AT", "UPDATED_AT", "CREATED_AT_DESC", "UPDATED_AT_DESC"]]
):
    root: Annotated[
        Literal["CREATED_AT", "UPDATED_AT", "CREATED_AT_DESC", "UPDATED_AT_DESC"],
        Field(
            description="Enum for conversation sorting options.",
            title="ConversationSortOrder",
        ),
    ]


class ConversationStateUpdateEvent(WireModel):
    """
    Event that contains conversation state updates.

    This event is sent via websocket whenever the conversation state changes,
    allowing remote clients to stay in sync without making REST API calls.

    All fields are serialized versions of the corresponding ConversationState fields
    to ensure compatibility with websocket transmission.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    key: Annotated[
        str | None,
        Field(description="Unique key for this state update event", title="Key"),
    ] = None
    kind: Annotated[Literal["ConversationStateUpdateEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    value: Annotated[
        Any | None,
        Field(description="Serialized conversation state updates", title="Value"),
    ] = None


class ConversationStats(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )


class Ref(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Branch, tag or commit to branch from when `base` is `ref`.",
            pattern="^[A-Za-z0-9][A-Za-z0-9._/-]*$",
            title="Ref",
        ),
    ]


class ConversationWorktreeOptions(WireModel):
    """
    How the server creates a conversation's worktree (``worktree=True``).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    base: Annotated[
        Literal["default_branch", "head", "ref"],
        Field(
            description="What the worktree branches from; `ref` uses `ref`.",
            title="Base",
        ),
    ] = "default_branch"
    branch_prefix: Annotated[
        str,
        Field(
            description="Start of the worktree's branch name; the conversation id ends it.",
            pattern="^([A-Za-z0-9][A-Za-z0-9._/-]*)?$",
            title="Branch Prefix",
        ),
    ] = "openhands/"
    ref: Annotated[
        Ref | None,
        Field(
            description="Branch, tag or commit to branch from when `base` is `ref`.",
            title="Ref",
        ),
    ] = None


class Cost(WireModel):
    cost: Annotated[
        float, Field(description="Cost must be non-negative", ge=0.0, title="Cost")
    ]
    model: Annotated[str, Field(title="Model")]
    timestamp: Annotated[float | None, Field(title="Timestamp")] = None


class CriticResult(WireModel):
    """
    A critic result is a score and a message.
    """

    message: Annotated[
        str | None,
        Field(description="An optional message explaining the score.", title="Message"),
    ]
    metadata: Annotated[
        dict[str, Any] | None,
        Field(
            description="Optional metadata about the critic evaluation. Can include event_ids and categorized_features for visualization.",
            title="Metadata",
        ),
    ] = None
    score: Annotated[
        float,
        Field(
            description="A predicted probability of success between 0 and 1.",
            ge=0.0,
            le=1.0,
            title="Score",
        ),
    ]


class Custom(WireModel):
    """
    The custom tool that the model called.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    input: Annotated[str, Field(title="Input")]
    name: Annotated[str, Field(title="Name")]


class DelegateAction(WireModel):
    """
    Schema for delegation operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    agent_types: Annotated[
        list[str] | None,
        Field(
            description="Optional parameter of `spawn` command. List of agent types for each ID (e.g., ['researcher', 'programmer']). If omitted or blank for an ID, the default general-purpose agent is used.",
            title="Agent Types",
        ),
    ] = None
    command: Annotated[
        Literal["spawn", "delegate"],
        Field(
            description="The commands to run. Allowed options are: `spawn`, `delegate`.",
            title="Command",
        ),
    ]
    ids: Annotated[
        list[str] | None,
        Field(
            description="Required parameter of `spawn` command. List of identifiers to initialize sub-agents with.",
            title="Ids",
        ),
    ] = None
    kind: Annotated[Literal["DelegateAction"], Field(title="Kind")]
    tasks: Annotated[
        dict[str, str] | None,
        Field(
            description="Required parameter of `delegate` command. Dictionary mapping sub-agent identifiers to task descriptions.",
            title="Tasks",
        ),
    ] = None


class DeleteResponse(WireModel):
    deleted: Annotated[bool, Field(title="Deleted")] = True


class EditAction(WireModel):
    """
    Schema for edit operation.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    expected_replacements: Annotated[
        int,
        Field(
            description="Number of replacements expected. Defaults to 1. Use when you want to replace multiple occurrences. The edit will fail if the actual count doesn't match.",
            ge=0,
            title="Expected Replacements",
        ),
    ] = 1
    file_path: Annotated[
        str, Field(description="The path to the file to modify.", title="File Path")
    ]
    kind: Annotated[Literal["EditAction"], Field(title="Kind")]
    new_string: Annotated[
        str, Field(description="The text to replace it with.", title="New String")
    ]
    old_string: Annotated[
        str,
        Field(
            description="The text to replace. To create a new file, use an empty string. Must match the exact text in the file including whitespace.",
            title="Old String",
        ),
    ]


class ErrorDetail(WireModel):
    """
    Body of every 4xx the server raises itself: {"detail": ...}. detail is a string, or an object for structured errors.
    """

    detail: str | dict[str, Any] | list[Any]


class EventSortOrder(RootModel[Literal["TIMESTAMP", "TIMESTAMP_DESC"]]):
    root: Annotated[
        Literal["TIMESTAMP", "TIMESTAMP_DESC"],
        Field(description="Enum for event sorting options.", title="EventSortOrder"),
    ]


class ExecuteBashRequest(WireModel):
    command: Annotated[
        str, Field(description="The bash command to execute", title="Command")
    ]
    cwd: Annotated[
        str | None, Field(description="The current working directory", title="Cwd")
    ] = None
    timeout: Annotated[
        int,
        Field(
            description="The max number of seconds a command may be permitted to run.",
            title="Timeout",
        ),
    ] = 300


class ExposedUrl(WireModel):
    """
    Represents an exposed URL from the sandbox.
    """

    name: Annotated[str, Field(title="Name")]
    port: Annotated[int, Field(title="Port")]
    url: Annotated[str, Field(title="Url")]


class FailureKind(
    RootModel[Literal["auth", "quota", "rate_limit", "config", "transient", "agent_action", "internal", "unknown"]]
):
    root: Annotated[
        Literal["auth", "quota", "rate_limit", "config", "transient", "agent_action", "internal", "unknown"],
        Field(title="FailureKind"),
    ]


class FallbackStrategy(WireModel):
    """
    Encapsulates fallback behavior for LLM calls.

    When the primary LLM fails with a transient error (after retries),
    this strategy tries alternate LLMs loaded from LLMProfileStore profiles.
    Fallback is per-call: each new request starts with the primary model.
    """

    fallback_llms: Annotated[
        list[str],
        Field(
            description="Ordered list of LLM profile names to try on transient failure.",
            title="Fallback Llms",
        ),
    ]
    profile_store_dir: Annotated[
        str | Path | None,
        Field(
            description="Path to directory containing profiles. If not specified, defaults to `.openhands/profiles`.",
            title="Profile Store Dir",
        ),
    ] = None


class FileBrowserEntry(WireModel):
    label: Annotated[str, Field(title="Label")]
    path: Annotated[str, Field(title="Path")]


class InsertLine(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="Required parameter of `insert` command. The `new_str` will be inserted AFTER the line `insert_line` of `path`.",
            ge=0,
            title="Insert Line",
        ),
    ]


class FileEditorAction(WireModel):
    """
    Schema for file editor operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["view", "create", "str_replace", "insert", "undo_edit"],
        Field(
            description="The commands to run. Allowed options are: `view`, `create`, `str_replace`, `insert`, `undo_edit`.",
            title="Command",
        ),
    ]
    file_text: Annotated[
        str | None,
        Field(
            description="Required parameter of `create` command, with the content of the file to be created.",
            title="File Text",
        ),
    ] = None
    insert_line: Annotated[
        InsertLine | None,
        Field(
            description="Required parameter of `insert` command. The `new_str` will be inserted AFTER the line `insert_line` of `path`.",
            title="Insert Line",
        ),
    ] = None
    kind: Annotated[Literal["FileEditorAction"], Field(title="Kind")]
    new_str: Annotated[
        str | None,
        Field(
            description="Optional parameter of `str_replace` command containing the new string (if not given, no string will be added). Required parameter of `insert` command containing the string to insert.",
            title="New Str",
        ),
    ] = None
    old_str: Annotated[
        str | None,
        Field(
            description="Required parameter of `str_replace` command containing the string in `path` to replace.",
            title="Old Str",
        ),
    ] = None
    path: Annotated[
        str, Field(description="Absolute path to file or directory.", title="Path")
    ]
    view_range: Annotated[
        list[int] | None,
        Field(
            description="Optional parameter of `view` command when `path` points to a file. If none is given, the full file is shown. If provided, the file will be shown in the indicated line number range, e.g. [11, 12] will show lines 11 and 12. Indexing at 1 to start. Setting `[start_line, -1]` shows all lines from `start_line` to the end of the file.",
            title="View Range",
        ),
    ] = None


class FileEntry(WireModel):
    """
    Information about a file or directory.
    """

    is_directory: Annotated[
        bool,
        Field(description="Whether this entry is a directory", title="Is Directory"),
    ]
    modified_time: Annotated[
        AwareDatetime,
        Field(description="Last modified timestamp", title="Modified Time"),
    ]
    name: Annotated[
        str, Field(description="Name of the file or directory", title="Name")
    ]
    path: Annotated[
        str, Field(description="Absolute path to the file or directory", title="Path")
    ]
    size: Annotated[
        int,
        Field(
            description="Size of the file in bytes (0 for directories)", title="Size"
        ),
    ]


class FileUploadResult(WireModel):
    file_size: Annotated[
        int,
        Field(
            description="Number of bytes written to the destination", title="File Size"
        ),
    ]
    success: Annotated[bool, Field(title="Success")] = True


class FinishAction(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["FinishAction"], Field(title="Kind")]
    message: Annotated[
        str, Field(description="Final message to send to the user.", title="Message")
    ]


class Title(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Optional title for the forked conversation",
            max_length=200,
            title="Title",
        ),
    ]


class ForkConversationRequest(OptionalConversationTagsModel):
    """
    Payload to fork a conversation.
    """

    from_event_id: Annotated[
        str | None,
        Field(
            description="If set, fork only the branch up to and including this event and set the fork's HEAD there. If null (default), copy the whole conversation.",
            title="From Event Id",
        ),
    ] = None
    id: Annotated[
        UUID | None,
        Field(
            description="ID for the forked conversation (auto-generated if null)",
            title="Id",
        ),
    ] = None
    reset_metrics: Annotated[
        bool,
        Field(
            description="If true, cost/token stats start fresh on the fork. If false, metrics are copied from the source.",
            title="Reset Metrics",
        ),
    ] = True
    tags: Annotated[
        dict[str, str] | None,
        Field(
            description="Optional tags for the forked conversation. Keys must be lowercase alphanumeric.",
            title="Tags",
        ),
    ] = None
    title: Annotated[
        Title | None,
        Field(description="Optional title for the forked conversation", title="Title"),
    ] = None


class Function(WireModel):
    """
    The function that the model called.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    arguments: Annotated[str, Field(title="Arguments")]
    name: Annotated[str, Field(title="Name")]


class FunctionCall(WireModel):
    """
    Deprecated and replaced by `tool_calls`.

    The name and arguments of a function that should be called, as generated by the model.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    arguments: Annotated[str, Field(title="Arguments")]
    name: Annotated[str, Field(title="Name")]


class GitChangeStatus(RootModel[Literal["MOVED", "ADDED", "DELETED", "UPDATED"]]):
    root: Annotated[
        Literal["MOVED", "ADDED", "DELETED", "UPDATED"], Field(title="GitChangeStatus")
    ]


class GitCommit(WireModel):
    author: Annotated[str, Field(title="Author")]
    sha: Annotated[str, Field(title="Sha")]
    short_sha: Annotated[str, Field(title="Short Sha")]
    subject: Annotated[str, Field(title="Subject")]
    timestamp: Annotated[str, Field(title="Timestamp")]


class GitCommitsPage(WireModel):
    commits: Annotated[list[GitCommit], Field(title="Commits")]
    has_more: Annotated[bool, Field(title="Has More")]


class GitDiff(WireModel):
    modified: Annotated[str | None, Field(title="Modified")]
    original: Annotated[str | None, Field(title="Original")]


class GitProvider(RootModel[Literal["github", "gitlab", "bitbucket", "azure_devops"]]):
    root: Annotated[
        Literal["github", "gitlab", "bitbucket", "azure_devops"],
        Field(description="Supported git hosting providers.", title="GitProvider"),
    ]


class GitProviderRepository(WireModel):
    full_name: Annotated[str, Field(title="Full Name")]
    git_provider: Annotated[str, Field(title="Git Provider")]
    id: Annotated[str, Field(title="Id")]
    is_public: Annotated[bool, Field(title="Is Public")]
    main_branch: Annotated[str | None, Field(title="Main Branch")] = None
    pushed_at: Annotated[str | None, Field(title="Pushed At")] = None
    stargazers_count: Annotated[int | None, Field(title="Stargazers Count")] = None


class GitProviderRepositoryPage(WireModel):
    items: Annotated[list[GitProviderRepository], Field(title="Items")]
    missing_token: Annotated[bool, Field(title="Missing Token")] = False
    next_page_id: Annotated[str | None, Field(title="Next Page Id")] = None


class GlobAction(WireModel):
    """
    Schema for glob pattern matching operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["GlobAction"], Field(title="Kind")]
    path: Annotated[
        str | None,
        Field(
            description="The directory (absolute path) to search in. Defaults to the current working directory.",
            title="Path",
        ),
    ] = None
    pattern: Annotated[
        str,
        Field(
            description='The glob pattern to match files (e.g., "**/*.js", "src/**/*.ts")',
            title="Pattern",
        ),
    ]


class GraySwanAnalyzerInput(GraySwanAnalyzerModel):
    """
    Security analyzer using GraySwan's Cygnal API for AI safety monitoring.

    This analyzer sends conversation history and pending actions to the GraySwan
    Cygnal API for security analysis. The API returns a violation score which is
    mapped to SecurityRisk levels.

    Environment Variables:
        GRAYSWAN_API_KEY: Required API key for GraySwan authentication
        GRAYSWAN_POLICY_ID: Optional policy ID for custom GraySwan policy

    Example:
        >>> from openhands.sdk.security.grayswan import GraySwanAnalyzer
        >>> analyzer = GraySwanAnalyzer()
        >>> risk = analyzer.security_risk(action_event)
    """

    api_key: Annotated[
        SecretStr | None,
        Field(
            description="GraySwan API key (via GRAYSWAN_API_KEY env var)",
            title="Api Key",
        ),
    ] = None
    api_url: Annotated[
        str, Field(description="GraySwan Cygnal API endpoint", title="Api Url")
    ] = "https://api.grayswan.ai/cygnal/monitor"
    history_limit: Annotated[
        int,
        Field(
            description="Number of recent events to include as context",
            title="History Limit",
        ),
    ] = 20
    kind: Annotated[Literal["GraySwanAnalyzer"], Field(title="Kind")]
    low_threshold: Annotated[
        float,
        Field(
            description="Risk threshold for LOW classification (score <= threshold)",
            title="Low Threshold",
        ),
    ] = 0.3
    max_message_chars: Annotated[
        int,
        Field(
            description="Max characters for conversation processing",
            title="Max Message Chars",
        ),
    ] = 30000
    medium_threshold: Annotated[
        float,
        Field(
            description="Risk threshold for MEDIUM classification (score <= threshold)",
            title="Medium Threshold",
        ),
    ] = 0.7
    policy_id: Annotated[
        str | None,
        Field(
            description="GraySwan policy ID (via GRAYSWAN_POLICY_ID env var)",
            title="Policy Id",
        ),
    ] = None
    timeout: Annotated[
        float, Field(description="Request timeout in seconds", title="Timeout")
    ] = 30.0


class GraySwanAnalyzerOutput(WireModel):
    """
    Security analyzer using GraySwan's Cygnal API for AI safety monitoring.

    This analyzer sends conversation history and pending actions to the GraySwan
    Cygnal API for security analysis. The API returns a violation score which is
    mapped to SecurityRisk levels.

    Environment Variables:
        GRAYSWAN_API_KEY: Required API key for GraySwan authentication
        GRAYSWAN_POLICY_ID: Optional policy ID for custom GraySwan policy

    Example:
        >>> from openhands.sdk.security.grayswan import GraySwanAnalyzer
        >>> analyzer = GraySwanAnalyzer()
        >>> risk = analyzer.security_risk(action_event)
    """

    api_key: Annotated[
        SecretStr | None,
        Field(
            description="GraySwan API key (via GRAYSWAN_API_KEY env var)",
            title="Api Key",
        ),
    ] = None
    api_url: Annotated[
        str, Field(description="GraySwan Cygnal API endpoint", title="Api Url")
    ] = "https://api.grayswan.ai/cygnal/monitor"
    history_limit: Annotated[
        int,
        Field(
            description="Number of recent events to include as context",
            title="History Limit",
        ),
    ] = 20
    kind: Annotated[Literal["GraySwanAnalyzer"], Field(title="Kind")]
    low_threshold: Annotated[
        float,
        Field(
            description="Risk threshold for LOW classification (score <= threshold)",
            title="Low Threshold",
        ),
    ] = 0.3
    max_message_chars: Annotated[
        int,
        Field(
            description="Max characters for conversation processing",
            title="Max Message Chars",
        ),
    ] = 30000
    medium_threshold: Annotated[
        float,
        Field(
            description="Risk threshold for MEDIUM classification (score <= threshold)",
            title="Medium Threshold",
        ),
    ] = 0.7
    policy_id: Annotated[
        str | None,
        Field(
            description="GraySwan policy ID (via GRAYSWAN_POLICY_ID env var)",
            title="Policy Id",
        ),
    ] = None
    timeout: Annotated[
        float, Field(description="Request timeout in seconds", title="Timeout")
    ] = 30.0


class GrepAction(WireModel):
    """
    Schema for grep content search operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    include: Annotated[
        str | None,
        Field(
            description='Optional file pattern to filter which files to search (e.g., "*.js", "*.{ts,tsx}")',
            title="Include",
        ),
    ] = None
    kind: Annotated[Literal["GrepAction"], Field(title="Kind")]
    path: Annotated[
        str | None,
        Field(
            description="The directory (absolute path) to search in. Defaults to the current working directory.",
            title="Path",
        ),
    ] = None
    pattern: Annotated[
        str,
        Field(
            description="The regex pattern to search for in file contents",
            title="Pattern",
        ),
    ]


class HealthStatus(WireModel):
    status: Annotated[str, Field(title="Status")]


class HomeResponse(WireModel):
    favorites: Annotated[
        list[FileBrowserEntry], Field(title="Favorites", validate_default=True)
    ] = []
    home: Annotated[str, Field(title="Home")]
    locations: Annotated[
        list[FileBrowserEntry], Field(title="Locations", validate_default=True)
    ] = []


class HookExecutionEvent(WireModel):
    """
    Event emitted when a hook is executed.

    This event provides observability into hook execution, including:
    - Which hook type was triggered
    - The command that was run
    - The result (success/blocked/error)
    - Any output from the hook

    This allows clients to track hook execution via the event stream.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    action_id: Annotated[
        str | None,
        Field(
            description="ID of the action this hook is associated with (PreToolUse/PostToolUse)",
            title="Action Id",
        ),
    ] = None
    additional_context: Annotated[
        str | None,
        Field(
            description="Additional context injected by hook (e.g., for UserPromptSubmit)",
            title="Additional Context",
        ),
    ] = None
    blocked: Annotated[
        bool,
        Field(
            description="Whether the hook blocked the operation (exit code 2 or deny)",
            title="Blocked",
        ),
    ] = False
    error: Annotated[
        str | None,
        Field(description="Error message if hook execution failed", title="Error"),
    ] = None
    exit_code: Annotated[
        int, Field(description="Exit code from the hook command", title="Exit Code")
    ]
    hook_command: Annotated[
        str,
        Field(description="The hook command that was executed", title="Hook Command"),
    ]
    hook_event_type: Annotated[
        Literal["PreToolUse", "PostToolUse", "UserPromptSubmit", "SessionStart", "SessionEnd", "Stop"],
        Field(
            description="The type of hook event that triggered this execution",
            title="Hook Event Type",
        ),
    ]
    hook_input: Annotated[
        dict[str, Any] | None,
        Field(
            description="The input data that was passed to the hook", title="Hook Input"
        ),
    ] = None
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["HookExecutionEvent"], Field(title="Kind")]
    message_id: Annotated[
        str | None,
        Field(
            description="ID of the message this hook is associated with (UserPromptSubmit)",
            title="Message Id",
        ),
    ] = None
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    reason: Annotated[
        str | None,
        Field(description="Reason provided by hook (for blocking)", title="Reason"),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"],
        Field(
            description="Source is always 'hook' for hook execution events",
            title="Source",
        ),
    ] = "hook"
    stderr: Annotated[
        str, Field(description="Standard error from the hook", title="Stderr")
    ] = ""
    stdout: Annotated[
        str, Field(description="Standard output from the hook", title="Stdout")
    ] = ""
    success: Annotated[
        bool,
        Field(description="Whether the hook executed successfully", title="Success"),
    ]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    tool_name: Annotated[
        str | None,
        Field(
            description="Tool name for PreToolUse/PostToolUse hooks", title="Tool Name"
        ),
    ] = None


class HookType(RootModel[Literal["command", "prompt", "agent"]]):
    root: Annotated[
        Literal["command", "prompt", "agent"],
        Field(description="Types of hooks that can be executed.", title="HookType"),
    ]


class HooksRequest(WireModel):
    """
    Request body for loading hooks.
    """

    project_dir: Annotated[
        str | None,
        Field(
            description="Workspace directory path for project hooks",
            title="Project Dir",
        ),
    ] = None


class Icon(WireModel):
    """
    An icon for display in user interfaces.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    mimeType: Annotated[str | None, Field(title="Mimetype")] = None
    sizes: Annotated[list[str] | None, Field(title="Sizes")] = None
    src: Annotated[str, Field(title="Src")]


class ImageContent(WireModel):
    cache_prompt: Annotated[bool, Field(title="Cache Prompt")] = False
    image_urls: Annotated[list[str], Field(title="Image Urls")]
    type: Annotated[Literal["image"], Field(title="Type")] = "image"


class MaxConcurrentRuns(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="Override the conversation-step concurrency limit.",
            ge=1,
            title="Max Concurrent Runs",
        ),
    ]


class InitStatus(WireModel):
    error: Annotated[
        str | None,
        Field(
            description="If a previous /api/init attempt failed, the error message. The state rolls back to ``dormant`` so /api/init can be retried.",
            title="Error",
        ),
    ] = None
    state: Annotated[
        Literal["dormant", "initializing", "ready"],
        Field(
            description="``dormant`` — server is up but waiting for /api/init. ``initializing`` — /api/init has been received and services are starting. ``ready`` — initialization complete; all /api/* routes are live.",
            title="State",
        ),
    ]


class InputMetadata(WireModel):
    """
    Metadata for task skill inputs.
    """

    description: Annotated[
        str,
        Field(description="Description of the input parameter", title="Description"),
    ]
    name: Annotated[str, Field(description="Name of the input parameter", title="Name")]


class InstallCanvasExtensionRequest(WireModel):
    """
    Request body for installing a canvas extension.
    """

    force: Annotated[
        bool,
        Field(description="If true, overwrite existing installation", title="Force"),
    ] = False
    ref: Annotated[
        str | None,
        Field(description="Optional branch, tag, or commit to install", title="Ref"),
    ] = None
    repo_path: Annotated[
        str | None,
        Field(
            description="Subdirectory path within the repository (for monorepos)",
            title="Repo Path",
        ),
    ] = None
    source: Annotated[
        str,
        Field(
            description="Canvas extension source - git URL, GitHub shorthand, or local path. Examples: 'github:owner/repo', '/path/to/extension'",
            min_length=1,
            title="Source",
        ),
    ]


class InstallPluginRequest(WireModel):
    """
    Request body for installing a plugin.
    """

    force: Annotated[
        bool,
        Field(description="If true, overwrite existing installation", title="Force"),
    ] = False
    ref: Annotated[
        str | None,
        Field(description="Optional branch, tag, or commit to install", title="Ref"),
    ] = None
    repo_path: Annotated[
        str | None,
        Field(
            description="Subdirectory path within the repository (for monorepos)",
            title="Repo Path",
        ),
    ] = None
    source: Annotated[
        str,
        Field(
            description="Plugin source - git URL, GitHub shorthand (github:owner/repo, optionally followed by the plugin's path in the repository), or local path. Examples: 'github:OpenHands/extensions/plugins/city-weather', '/path/to/plugin'",
            min_length=1,
            title="Source",
        ),
    ]


class InstallSkillRequest(WireModel):
    """
    Request body for installing a skill.
    """

    force: Annotated[
        bool,
        Field(description="If true, overwrite existing installation", title="Force"),
    ] = False
    ref: Annotated[
        str | None,
        Field(description="Optional branch, tag, or commit to install", title="Ref"),
    ] = None
    repo_path: Annotated[
        str | None,
        Field(
            description="Subdirectory path within the repository (for monorepos)",
            title="Repo Path",
        ),
    ] = None
    source: Annotated[
        str,
        Field(
            description="Skill source - git URL, GitHub shorthand (github:owner/repo, optionally followed by the skill's path in the repository), or local path. Examples: 'github:OpenHands/extensions/skills/github', 'https://github.com/OpenHands/extensions.git' with repo_path 'skills/github', '/path/to/skill'",
            min_length=1,
            title="Source",
        ),
    ]


class InstalledSkillResponse(WireModel):
    """
    Response containing installed skill information.
    """

    description: Annotated[
        str, Field(description="Skill description", title="Description")
    ] = ""
    enabled: Annotated[
        bool, Field(description="Whether the skill is enabled", title="Enabled")
    ] = True
    install_path: Annotated[
        str,
        Field(description="Path where the skill is installed", title="Install Path"),
    ]
    installed_at: Annotated[
        str,
        Field(description="ISO 8601 timestamp of installation", title="Installed At"),
    ]
    name: Annotated[str, Field(description="Skill name", title="Name")]
    repo_path: Annotated[
        str | None,
        Field(description="Subdirectory path within the repository", title="Repo Path"),
    ] = None
    resolved_ref: Annotated[
        str | None, Field(description="Resolved git commit SHA", title="Resolved Ref")
    ] = None
    source: Annotated[
        str,
        Field(
            description="Original source (e.g., 'github:owner/repo')", title="Source"
        ),
    ]
    version: Annotated[str, Field(description="Skill version", title="Version")] = ""


class InstalledSkillsListResponse(WireModel):
    """
    Response containing list of installed skills.
    """

    skills: Annotated[list[InstalledSkillResponse], Field(title="Skills")]


class InternalServerError(WireModel):
    """
    Body of a 5xx. Unhandled exceptions carry error_id (32 hex); a raised 5xx HTTPException carries the original status and detail in exception, and no error_id.
    """

    detail: Literal["Internal Server Error"]
    error_id: Annotated[str | None, Field(pattern="^[0-9a-f]{32}$")] = None
    exception: str
    traceback: str | None = None


class InterruptEvent(WireModel):
    """
    Event indicating the agent was interrupted mid-operation.

    Unlike :class:`PauseEvent` which takes effect between agent steps,
    an interrupt cancels the in-flight LLM call immediately.  The
    conversation state is set to PAUSED so it can be resumed later.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["InterruptEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "user"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class InvokeSkillAction(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["InvokeSkillAction"], Field(title="Kind")]
    name: Annotated[
        str, Field(description="Name of the loaded skill to invoke.", title="Name")
    ]


class IterativeRefinementConfig(WireModel):
    """
    Configuration for iterative refinement based on critic feedback.

    When attached to a CriticBase, the Conversation.run() method will
    automatically retry the task if the critic score is below the threshold.

    Example:
        critic = APIBasedCritic(
            server_url="...",
            api_key="...",
            model_name="critic",
            iterative_refinement=IterativeRefinementConfig(
                success_threshold=0.7,
                max_iterations=3,
            ),
        )
        agent = Agent(llm=llm, tools=tools, critic=critic)
        conversation = Conversation(agent=agent, workspace=workspace)
        conversation.send_message("Create a calculator module...")
        conversation.run()  # Will automatically retry if critic score < 0.7
    """

    max_iterations: Annotated[
        int,
        Field(
            description="Maximum number of iterations before giving up.",
            ge=1,
            title="Max Iterations",
        ),
    ] = 3
    success_threshold: Annotated[
        float,
        Field(
            description="Score threshold (0-1) to consider task successful.",
            ge=0.0,
            le=1.0,
            title="Success Threshold",
        ),
    ] = 0.6


class JSONValue(
    RootModel[Optional[Union[str, int, float, bool, list[Optional["JSONValue"]], dict[str, Optional["JSONValue"]]]]]
):
    root: Optional[Union[str, int, float, bool, list[Optional["JSONValue"]], dict[str, Optional["JSONValue"]]]]


class KeywordTrigger(WireModel):
    """
    Trigger for keyword-based skills.

    These skills are activated when specific keywords appear in the user's query.
    """

    keywords: Annotated[list[str], Field(title="Keywords")]
    type: Annotated[Literal["keyword"], Field(title="Type")] = "keyword"


class InputCostPerToken(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="The cost per input token. This will available in logs for user.",
            ge=0.0,
            title="Input Cost Per Token",
        ),
    ]


class MaxInputTokens(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="The maximum number of input tokens. Note that this is currently unused, and the value at runtime is actually the total tokens in OpenAI (e.g. 128,000 tokens for GPT-4).",
            ge=1,
            title="Max Input Tokens",
        ),
    ]


class MaxOutputTokens(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="The maximum number of output tokens. This is sent to the LLM.",
            ge=1,
            title="Max Output Tokens",
        ),
    ]


class OutputCostPerToken(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="The cost per output token. This will available in logs for user.",
            ge=0.0,
            title="Output Cost Per Token",
        ),
    ]


class StreamIdleTimeout(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Maximum seconds between chunks in an asynchronous streaming response. Default is 300s (5 minutes); set to None to disable.",
            ge=0.0,
            title="Stream Idle Timeout",
        ),
    ] = 300


class Temperature(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Sampling temperature for response generation. Defaults to None (uses provider default temperature). Set to 0.0 for deterministic outputs, or higher values (0.7-1.0) for more creative responses.",
            ge=0.0,
            title="Temperature",
        ),
    ]


class Timeout(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="HTTP and hard per-attempt timeout in seconds. Default is 300s (5 minutes). Set to None to disable the hard timeout.",
            ge=0,
            title="Timeout",
        ),
    ] = 300


class TopK(RootModel[float]):
    root: Annotated[float, Field(ge=0.0, title="Top K")]


class TopP(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Nucleus sampling parameter. Defaults to None (uses provider default). Set to a value between 0 and 1 to control diversity of outputs.",
            ge=0.0,
            le=1.0,
            title="Top P",
        ),
    ]


class LLMInput(LLMModel):
    """
    Language model interface for OpenHands agents.

    The LLM class provides a unified interface for interacting with various
    language models through the litellm library. It handles model configuration,
    API authentication, retry logic, and tool calling capabilities.

    Attributes:
        model: Model name (e.g., "gpt-5.6").
        api_key: API key for authentication.
        base_url: Custom API base URL.
        num_retries: Number of retry attempts for failed requests.
        timeout: Request timeout in seconds.

    Example:
        ```python
        from openhands.sdk import LLM
        from pydantic import SecretStr

        llm = LLM(
            model="gpt-5.6",
            api_key=SecretStr("your-api-key"),
            usage_id="my-agent"
        )
        # Use with agent or conversation
        ```
    """

    api_key: Annotated[
        str | SecretStr | None, Field(description="API key.", title="Api Key")
    ] = None
    api_mode: Annotated[
        Literal["auto", "chat", "responses"],
        Field(
            description="LLM API endpoint mode. 'auto' resolves from model metadata and SDK fallbacks; use 'chat' or 'responses' to override endpoint selection for proxy aliases and newly released models.",
            title="Api Mode",
        ),
    ] = "auto"
    api_version: Annotated[
        str | None, Field(description="API version (e.g., Azure).", title="Api Version")
    ] = None
    auth_type: Annotated[
        Literal["api_key", "subscription"],
        Field(description="Authentication mode for the LLM.", title="Auth Type"),
    ] = "api_key"
    aws_access_key_id: Annotated[
        str | SecretStr | None, Field(title="Aws Access Key Id")
    ] = None
    aws_bedrock_runtime_endpoint: Annotated[
        str | None, Field(title="Aws Bedrock Runtime Endpoint")
    ] = None
    aws_profile_name: Annotated[str | None, Field(title="Aws Profile Name")] = None
    aws_region_name: Annotated[str | None, Field(title="Aws Region Name")] = None
    aws_role_name: Annotated[str | None, Field(title="Aws Role Name")] = None
    aws_secret_access_key: Annotated[
        str | SecretStr | None, Field(title="Aws Secret Access Key")
    ] = None
    aws_session_name: Annotated[str | None, Field(title="Aws Session Name")] = None
    aws_session_token: Annotated[
        str | SecretStr | None, Field(title="Aws Session Token")
    ] = None
    base_url: Annotated[
        str | None, Field(description="Custom base URL.", title="Base Url")
    ] = None
    caching_prompt: Annotated[
        bool, Field(description="Enable caching of prompts.", title="Caching Prompt")
    ] = True
    capability_overrides: Annotated[
        dict[str, bool | str],
        Field(
            description="Explicit model capability overrides. Supported keys include supports_reasoning_effort, thinking_mode (adaptive, manual, none, or unknown), supports_sampling_params, supports_prompt_cache, supports_stop_words, supports_responses_api, supports_vision, and supports_prompt_cache_retention. Overrides take precedence over LiteLLM metadata and SDK fallbacks.",
            title="Capability Overrides",
        ),
    ] = {}
    custom_tokenizer: Annotated[
        str | None,
        Field(
            description="A custom tokenizer to use for token counting.",
            title="Custom Tokenizer",
        ),
    ] = None
    disable_stop_word: Annotated[
        bool | None,
        Field(description="Disable using of stop word.", title="Disable Stop Word"),
    ] = False
    disable_vision: Annotated[
        bool | None,
        Field(
            description="If model is vision capable, this option allows to disable image processing (useful for cost reduction).",
            title="Disable Vision",
        ),
    ] = None
    drop_params: Annotated[bool, Field(title="Drop Params")] = True
    enable_encrypted_reasoning: Annotated[
        bool,
        Field(
            description="If True, ask for ['reasoning.encrypted_content'] in Responses API include.",
            title="Enable Encrypted Reasoning",
        ),
    ] = True
    extended_thinking_budget: Annotated[
        int | None,
        Field(
            description="Legacy token budget for models confirmed to use manual Anthropic extended thinking. Ignored for adaptive-thinking models. Prefer reasoning_effort for new integrations.",
            title="Extended Thinking Budget",
        ),
    ] = 200000
    extra_headers: Annotated[
        dict[str, str] | None,
        Field(
            description="Optional HTTP headers to forward to LiteLLM requests.",
            title="Extra Headers",
        ),
    ] = None
    fallback_strategy: Annotated[
        FallbackStrategy | None,
        Field(
            description="Optional fallback strategy for trying alternate LLMs on transient failure. Construct with FallbackStrategy(fallback_llms=[...]).Excluded from serialization; must be reconfigured after load."
        ),
    ] = None
    force_string_serializer: Annotated[
        bool | None,
        Field(
            description="Force using string content serializer when sending to LLM API. If None (default), auto-detect based on model. Useful for providers that do not support list content, like HuggingFace and Groq.",
            title="Force String Serializer",
        ),
    ] = None
    inline_image_urls: Annotated[
        bool | None,
        Field(
            description="If True, fetch any http(s) image URL in outgoing messages and inline it as a base64 ``data:`` URL before sending. If None (default), auto-detect based on model (some APIs such as Moonshot's public Kimi endpoint reject URL-formatted images and require base64). Set this explicitly when the model is reached through a proxy alias that hides the underlying provider (e.g. ``litellm_proxy/<custom-alias>``). Note: inlining only runs when ``vision_is_active()`` is True, so the alias must still be recognised as vision-capable by the SDK feature registry or proxy model metadata.",
            title="Inline Image Urls",
        ),
    ] = None
    input_cost_per_token: Annotated[
        InputCostPerToken | None,
        Field(
            description="The cost per input token. This will available in logs for user.",
            title="Input Cost Per Token",
        ),
    ] = None
    litellm_extra_body: Annotated[
        dict[str, Any],
        Field(
            description="Additional key-value pairs to pass to litellm's extra_body parameter. This is useful for custom inference endpoints that need additional parameters for configuration, routing, or advanced features. NOTE: Not all LLM providers support extra_body parameters. Some providers (e.g., OpenAI) may reject requests with unrecognized options. This is commonly supported by: - LiteLLM proxy servers (routing metadata, tracing) - vLLM endpoints (return_token_ids, etc.) - Custom inference clusters Examples: - Proxy routing: {'trace_version': '1.0.0', 'tags': ['agent:my-agent']} - vLLM features: {'return_token_ids': True}",
            title="Litellm Extra Body",
        ),
    ] = {}
    log_completions: Annotated[
        bool,
        Field(description="Enable logging of completions.", title="Log Completions"),
    ] = False
    log_completions_folder: Annotated[
        str,
        Field(
            description="The folder to log LLM completions to. Required if log_completions is True.",
            title="Log Completions Folder",
        ),
    ] = "logs/completions"
    max_input_tokens: Annotated[
        MaxInputTokens | None,
        Field(
            description="The maximum number of input tokens. Note that this is currently unused, and the value at runtime is actually the total tokens in OpenAI (e.g. 128,000 tokens for GPT-4).",
            title="Max Input Tokens",
        ),
    ] = None
    max_message_chars: Annotated[
        int,
        Field(
            description="Approx max chars in each event/content sent to the LLM.",
            ge=1,
            title="Max Message Chars",
        ),
    ] = 30000
    max_output_tokens: Annotated[
        MaxOutputTokens | None,
        Field(
            description="The maximum number of output tokens. This is sent to the LLM.",
            title="Max Output Tokens",
        ),
    ] = None
    model: Annotated[str, Field(description="Model name.", title="Model")] = "gpt-5.6"
    model_canonical_name: Annotated[
        str | None,
        Field(
            description="Optional canonical model name for feature registry lookups. The OpenHands SDK maintains a model feature registry that maps model names to capabilities (e.g., vision support, prompt caching, responses API support). When using proxied or aliased model identifiers, set this field to the canonical model name (e.g., 'openai/gpt-4o') to ensure correct capability detection. If not provided, the 'model' field will be used for capability lookups.",
            title="Model Canonical Name",
        ),
    ] = None
    native_tool_calling: Annotated[
        bool,
        Field(
            description="Whether to use native tool calling.",
            title="Native Tool Calling",
        ),
    ] = True
    num_retries: Annotated[int, Field(ge=0, title="Num Retries")] = 5
    ollama_base_url: Annotated[str | None, Field(title="Ollama Base Url")] = None
    openrouter_app_name: Annotated[str, Field(title="Openrouter App Name")] = (
        "OpenHands"
    )
    openrouter_site_url: Annotated[
        str, Field(title="Openrouter Site Url")
    ] = "https://docs.all-hands.dev/"
    output_cost_per_token: Annotated[
        OutputCostPerToken | None,
        Field(
            description="The cost per output token. This will available in logs for user.",
            title="Output Cost Per Token",
        ),
    ] = None
    prompt_cache_retention: Annotated[
        str | None,
        Field(
            description="Retention policy for prompt cache. Only sent for supported models (GPT-5+ and GPT-4.1, excluding Azure deployments); explicitly stripped for all others.",
            title="Prompt Cache Retention",
        ),
    ] = "24h"
    provider_connection_id: Annotated[
        str | None,
        Field(
            description="Optional provider connection whose shared API key and base URL are resolved and applied each time this LLM profile is loaded (read-at-use). When set, the profile stores no inline api_key or base_url of its own.",
            title="Provider Connection Id",
        ),
    ] = None
    reasoning_effort: Annotated[
        str | None,
        Field(
            description="Provider-neutral reasoning effort. Common values include 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', and 'max'. The SDK accepts future provider values and lets LiteLLM translate them.",
            title="Reasoning Effort",
        ),
    ] = "high"
    reasoning_summary: Annotated[
        Literal["auto", "concise", "detailed"] | None,
        Field(
            description="The level of detail for reasoning summaries. This is a string that can be one of 'auto', 'concise', or 'detailed'. Requires verified OpenAI organization. Only sent when explicitly set.",
            title="Reasoning Summary",
        ),
    ] = None
    retry_max_wait: Annotated[int, Field(ge=0, title="Retry Max Wait")] = 64
    retry_min_wait: Annotated[int, Field(ge=0, title="Retry Min Wait")] = 8
    retry_multiplier: Annotated[float, Field(ge=0.0, title="Retry Multiplier")] = 8.0
    seed: Annotated[
        int | None,
        Field(
            description="The seed to use for random number generation.", title="Seed"
        ),
    ] = None
    stream: Annotated[
        bool,
        Field(
            description="Enable streaming responses from the LLM. When enabled, the provided `on_token` callback in .completions and .responses will be invoked for each chunk of tokens.",
            title="Stream",
        ),
    ] = False
    stream_idle_timeout: Annotated[
        StreamIdleTimeout | None,
        Field(
            description="Maximum seconds between chunks in an asynchronous streaming response. Default is 300s (5 minutes); set to None to disable.",
            title="Stream Idle Timeout",
            validate_default=True,
        ),
    ] = 300
    subscription_vendor: Annotated[
        Literal["openai"] | None,
        Field(
            description="Subscription provider for subscription-backed LLM access.",
            title="Subscription Vendor",
        ),
    ] = None
    temperature: Annotated[
        Temperature | None,
        Field(
            description="Sampling temperature for response generation. Defaults to None (uses provider default temperature). Set to 0.0 for deterministic outputs, or higher values (0.7-1.0) for more creative responses.",
            title="Temperature",
        ),
    ] = None
    timeout: Annotated[
        Timeout | None,
        Field(
            description="HTTP and hard per-attempt timeout in seconds. Default is 300s (5 minutes). Set to None to disable the hard timeout.",
            title="Timeout",
            validate_default=True,
        ),
    ] = 300
    top_k: Annotated[TopK | None, Field(title="Top K")] = None
    top_p: Annotated[
        TopP | None,
        Field(
            description="Nucleus sampling parameter. Defaults to None (uses provider default). Set to a value between 0 and 1 to control diversity of outputs.",
            title="Top P",
        ),
    ] = None
    usage_id: Annotated[
        str,
        Field(
            description="Unique usage identifier for the LLM. Used for registry lookups, telemetry, and spend tracking.",
            title="Usage Id",
        ),
    ] = "default"


class StreamIdleTimeout1(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Maximum seconds between chunks in an asynchronous streaming response. Default is 300s (5 minutes); set to None to disable.",
            ge=0.0,
            title="Stream Idle Timeout",
        ),
    ]


class Timeout1(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="HTTP and hard per-attempt timeout in seconds. Default is 300s (5 minutes). Set to None to disable the hard timeout.",
            ge=0,
            title="Timeout",
        ),
    ]


class LLMOutput(WireModel):
    """
    Language model interface for OpenHands agents.

    The LLM class provides a unified interface for interacting with various
    language models through the litellm library. It handles model configuration,
    API authentication, retry logic, and tool calling capabilities.

    Attributes:
        model: Model name (e.g., "gpt-5.6").
        api_key: API key for authentication.
        base_url: Custom API base URL.
        num_retries: Number of retry attempts for failed requests.
        timeout: Request timeout in seconds.

    Example:
        ```python
        from openhands.sdk import LLM
        from pydantic import SecretStr

        llm = LLM(
            model="gpt-5.6",
            api_key=SecretStr("your-api-key"),
            usage_id="my-agent"
        )
        # Use with agent or conversation
        ```
    """

    api_key: Annotated[
        str | SecretStr | None, Field(description="API key.", title="Api Key")
    ] = None
    api_mode: Annotated[
        Literal["auto", "chat", "responses"],
        Field(
            description="LLM API endpoint mode. 'auto' resolves from model metadata and SDK fallbacks; use 'chat' or 'responses' to override endpoint selection for proxy aliases and newly released models.",
            title="Api Mode",
        ),
    ] = "auto"
    api_version: Annotated[
        str | None, Field(description="API version (e.g., Azure).", title="Api Version")
    ] = None
    auth_type: Annotated[
        Literal["api_key", "subscription"],
        Field(description="Authentication mode for the LLM.", title="Auth Type"),
    ] = "api_key"
    aws_access_key_id: Annotated[
        str | SecretStr | None, Field(title="Aws Access Key Id")
    ] = None
    aws_bedrock_runtime_endpoint: Annotated[
        str | None, Field(title="Aws Bedrock Runtime Endpoint")
    ] = None
    aws_profile_name: Annotated[str | None, Field(title="Aws Profile Name")] = None
    aws_region_name: Annotated[str | None, Field(title="Aws Region Name")] = None
    aws_role_name: Annotated[str | None, Field(title="Aws Role Name")] = None
    aws_secret_access_key: Annotated[
        str | SecretStr | None, Field(title="Aws Secret Access Key")
    ] = None
    aws_session_name: Annotated[str | None, Field(title="Aws Session Name")] = None
    aws_session_token: Annotated[
        str | SecretStr | None, Field(title="Aws Session Token")
    ] = None
    base_url: Annotated[
        str | None, Field(description="Custom base URL.", title="Base Url")
    ] = None
    caching_prompt: Annotated[
        bool, Field(description="Enable caching of prompts.", title="Caching Prompt")
    ] = True
    capability_overrides: Annotated[
        dict[str, bool | str],
        Field(
            description="Explicit model capability overrides. Supported keys include supports_reasoning_effort, thinking_mode (adaptive, manual, none, or unknown), supports_sampling_params, supports_prompt_cache, supports_stop_words, supports_responses_api, supports_vision, and supports_prompt_cache_retention. Overrides take precedence over LiteLLM metadata and SDK fallbacks.",
            title="Capability Overrides",
        ),
    ] = {}
    custom_tokenizer: Annotated[
        str | None,
        Field(
            description="A custom tokenizer to use for token counting.",
            title="Custom Tokenizer",
        ),
    ] = None
    disable_stop_word: Annotated[
        bool | None,
        Field(description="Disable using of stop word.", title="Disable Stop Word"),
    ] = None
    disable_vision: Annotated[
        bool | None,
        Field(
            description="If model is vision capable, this option allows to disable image processing (useful for cost reduction).",
            title="Disable Vision",
        ),
    ] = None
    drop_params: Annotated[bool, Field(title="Drop Params")] = True
    enable_encrypted_reasoning: Annotated[
        bool,
        Field(
            description="If True, ask for ['reasoning.encrypted_content'] in Responses API include.",
            title="Enable Encrypted Reasoning",
        ),
    ] = True
    extended_thinking_budget: Annotated[
        int | None,
        Field(
            description="Legacy token budget for models confirmed to use manual Anthropic extended thinking. Ignored for adaptive-thinking models. Prefer reasoning_effort for new integrations.",
            title="Extended Thinking Budget",
        ),
    ] = None
    extra_headers: Annotated[
        dict[str, str] | None,
        Field(
            description="Optional HTTP headers to forward to LiteLLM requests.",
            title="Extra Headers",
        ),
    ] = None
    force_string_serializer: Annotated[
        bool | None,
        Field(
            description="Force using string content serializer when sending to LLM API. If None (default), auto-detect based on model. Useful for providers that do not support list content, like HuggingFace and Groq.",
            title="Force String Serializer",
        ),
    ] = None
    inline_image_urls: Annotated[
        bool | None,
        Field(
            description="If True, fetch any http(s) image URL in outgoing messages and inline it as a base64 ``data:`` URL before sending. If None (default), auto-detect based on model (some APIs such as Moonshot's public Kimi endpoint reject URL-formatted images and require base64). Set this explicitly when the model is reached through a proxy alias that hides the underlying provider (e.g. ``litellm_proxy/<custom-alias>``). Note: inlining only runs when ``vision_is_active()`` is True, so the alias must still be recognised as vision-capable by the SDK feature registry or proxy model metadata.",
            title="Inline Image Urls",
        ),
    ] = None
    input_cost_per_token: Annotated[
        InputCostPerToken | None,
        Field(
            description="The cost per input token. This will available in logs for user.",
            title="Input Cost Per Token",
        ),
    ] = None
    is_subscription: Annotated[
        bool,
        Field(
            description="Whether this LLM uses subscription-based authentication. Serialized so that subscription-specific request handling survives transport to a remote agent-server.",
            title="Is Subscription",
        ),
    ]
    litellm_extra_body: Annotated[
        dict[str, Any],
        Field(
            description="Additional key-value pairs to pass to litellm's extra_body parameter. This is useful for custom inference endpoints that need additional parameters for configuration, routing, or advanced features. NOTE: Not all LLM providers support extra_body parameters. Some providers (e.g., OpenAI) may reject requests with unrecognized options. This is commonly supported by: - LiteLLM proxy servers (routing metadata, tracing) - vLLM endpoints (return_token_ids, etc.) - Custom inference clusters Examples: - Proxy routing: {'trace_version': '1.0.0', 'tags': ['agent:my-agent']} - vLLM features: {'return_token_ids': True}",
            title="Litellm Extra Body",
        ),
    ] = {}
    log_completions: Annotated[
        bool,
        Field(description="Enable logging of completions.", title="Log Completions"),
    ] = False
    log_completions_folder: Annotated[
        str,
        Field(
            description="The folder to log LLM completions to. Required if log_completions is True.",
            title="Log Completions Folder",
        ),
    ] = "logs/completions"
    max_input_tokens: Annotated[
        MaxInputTokens | None,
        Field(
            description="The maximum number of input tokens. Note that this is currently unused, and the value at runtime is actually the total tokens in OpenAI (e.g. 128,000 tokens for GPT-4).",
            title="Max Input Tokens",
        ),
    ] = None
    max_message_chars: Annotated[
        int,
        Field(
            description="Approx max chars in each event/content sent to the LLM.",
            ge=1,
            title="Max Message Chars",
        ),
    ] = 30000
    max_output_tokens: Annotated[
        MaxOutputTokens | None,
        Field(
            description="The maximum number of output tokens. This is sent to the LLM.",
            title="Max Output Tokens",
        ),
    ] = None
    model: Annotated[str, Field(description="Model name.", title="Model")] = "gpt-5.6"
    model_canonical_name: Annotated[
        str | None,
        Field(
            description="Optional canonical model name for feature registry lookups. The OpenHands SDK maintains a model feature registry that maps model names to capabilities (e.g., vision support, prompt caching, responses API support). When using proxied or aliased model identifiers, set this field to the canonical model name (e.g., 'openai/gpt-4o') to ensure correct capability detection. If not provided, the 'model' field will be used for capability lookups.",
            title="Model Canonical Name",
        ),
    ] = None
    native_tool_calling: Annotated[
        bool,
        Field(
            description="Whether to use native tool calling.",
            title="Native Tool Calling",
        ),
    ] = True
    num_retries: Annotated[int, Field(ge=0, title="Num Retries")] = 5
    ollama_base_url: Annotated[str | None, Field(title="Ollama Base Url")] = None
    openrouter_app_name: Annotated[str, Field(title="Openrouter App Name")] = (
        "OpenHands"
    )
    openrouter_site_url: Annotated[
        str, Field(title="Openrouter Site Url")
    ] = "https://docs.all-hands.dev/"
    output_cost_per_token: Annotated[
        OutputCostPerToken | None,
        Field(
            description="The cost per output token. This will available in logs for user.",
            title="Output Cost Per Token",
        ),
    ] = None
    prompt_cache_retention: Annotated[
        str | None,
        Field(
            description="Retention policy for prompt cache. Only sent for supported models (GPT-5+ and GPT-4.1, excluding Azure deployments); explicitly stripped for all others.",
            title="Prompt Cache Retention",
        ),
    ] = None
    provider_connection_id: Annotated[
        str | None,
        Field(
            description="Optional provider connection whose shared API key and base URL are resolved and applied each time this LLM profile is loaded (read-at-use). When set, the profile stores no inline api_key or base_url of its own.",
            title="Provider Connection Id",
        ),
    ] = None
    reasoning_effort: Annotated[
        str | None,
        Field(
            description="Provider-neutral reasoning effort. Common values include 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', and 'max'. The SDK accepts future provider values and lets LiteLLM translate them.",
            title="Reasoning Effort",
        ),
    ] = None
    reasoning_summary: Annotated[
        Literal["auto", "concise", "detailed"] | None,
        Field(
            description="The level of detail for reasoning summaries. This is a string that can be one of 'auto', 'concise', or 'detailed'. Requires verified OpenAI organization. Only sent when explicitly set.",
            title="Reasoning Summary",
        ),
    ] = None
    retry_max_wait: Annotated[int, Field(ge=0, title="Retry Max Wait")] = 64
    retry_min_wait: Annotated[int, Field(ge=0, title="Retry Min Wait")] = 8
    retry_multiplier: Annotated[float, Field(ge=0.0, title="Retry Multiplier")] = 8.0
    seed: Annotated[
        int | None,
        Field(
            description="The seed to use for random number generation.", title="Seed"
        ),
    ] = None
    stream: Annotated[
        bool,
        Field(
            description="Enable streaming responses from the LLM. When enabled, the provided `on_token` callback in .completions and .responses will be invoked for each chunk of tokens.",
            title="Stream",
        ),
    ] = False
    stream_idle_timeout: Annotated[
        StreamIdleTimeout1 | None,
        Field(
            description="Maximum seconds between chunks in an asynchronous streaming response. Default is 300s (5 minutes); set to None to disable.",
            title="Stream Idle Timeout",
        ),
    ] = None
    subscription_vendor: Annotated[
        Literal["openai"] | None,
        Field(
            description="Subscription provider for subscription-backed LLM access.",
            title="Subscription Vendor",
        ),
    ] = None
    temperature: Annotated[
        Temperature | None,
        Field(
            description="Sampling temperature for response generation. Defaults to None (uses provider default temperature). Set to 0.0 for deterministic outputs, or higher values (0.7-1.0) for more creative responses.",
            title="Temperature",
        ),
    ] = None
    timeout: Annotated[
        Timeout1 | None,
        Field(
            description="HTTP and hard per-attempt timeout in seconds. Default is 300s (5 minutes). Set to None to disable the hard timeout.",
            title="Timeout",
        ),
    ] = None
    top_k: Annotated[TopK | None, Field(title="Top K")] = None
    top_p: Annotated[
        TopP | None,
        Field(
            description="Nucleus sampling parameter. Defaults to None (uses provider default). Set to a value between 0 and 1 to control diversity of outputs.",
            title="Top P",
        ),
    ] = None
    usage_id: Annotated[
        str,
        Field(
            description="Unique usage identifier for the LLM. Used for registry lookups, telemetry, and spend tracking.",
            title="Usage Id",
        ),
    ] = "default"


class LLMCompletionLogEvent(WireModel):
    """
    Event containing LLM completion log data.

    When an LLM is configured with log_completions=True in a remote conversation,
    this event streams the completion log data back to the client through WebSocket
    instead of writing it to a file inside the Docker container.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    filename: Annotated[
        str,
        Field(
            description="The intended filename for this log (relative to log directory)",
            title="Filename",
        ),
    ]
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["LLMCompletionLogEvent"], Field(title="Kind")]
    log_data: Annotated[
        str,
        Field(
            description="The JSON-encoded log data to be written to the file",
            title="Log Data",
        ),
    ]
    model_name: Annotated[
        str, Field(description="The model name for context", title="Model Name")
    ] = "unknown"
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    usage_id: Annotated[
        str,
        Field(description="The LLM usage_id that produced this log", title="Usage Id"),
    ] = "default"


class LLMSecurityAnalyzerInput(WireModel):
    """
    LLM-based security analyzer.

    This analyzer respects the security_risk attribute that can be set by the LLM
    when generating actions, similar to OpenHands' LLMRiskAnalyzer.

    It provides a lightweight security analysis approach that leverages the LLM's
    understanding of action context and potential risks.
    """

    kind: Annotated[Literal["LLMSecurityAnalyzer"], Field(title="Kind")]


class LLMSecurityAnalyzerOutput(WireModel):
    """
    LLM-based security analyzer.

    This analyzer respects the security_risk attribute that can be set by the LLM
    when generating actions, similar to OpenHands' LLMRiskAnalyzer.

    It provides a lightweight security analysis approach that leverages the LLM's
    understanding of action context and potential risks.
    """

    kind: Annotated[Literal["LLMSecurityAnalyzer"], Field(title="Kind")]


class LLMSummarizingCondenserInput(WireModel):
    """
    LLM-based condenser that summarizes forgotten events.

    Uses an independent LLM (stored in the `llm` attribute) for generating summaries
    of forgotten events. The optional `agent_llm` parameter passed to condense() is
    the LLM used by the agent for token counting purposes, and you should not assume
    it is the same as the one defined in this condenser.
    """

    hard_context_reset_context_scaling: Annotated[
        float, Field(gt=0.0, lt=1.0, title="Hard Context Reset Context Scaling")
    ] = 0.8
    hard_context_reset_max_retries: Annotated[
        int, Field(gt=0, title="Hard Context Reset Max Retries")
    ] = 5
    keep_first: Annotated[int, Field(ge=0, title="Keep First")] = 2
    kind: Annotated[Literal["LLMSummarizingCondenser"], Field(title="Kind")]
    llm: LLMInput
    max_size: Annotated[int, Field(gt=0, title="Max Size")] = 240
    max_tokens: Annotated[int | None, Field(title="Max Tokens")] = None
    minimum_progress: Annotated[
        float, Field(gt=0.0, lt=1.0, title="Minimum Progress")
    ] = 0.1


class LLMSummarizingCondenserOutput(WireModel):
    """
    LLM-based condenser that summarizes forgotten events.

    Uses an independent LLM (stored in the `llm` attribute) for generating summaries
    of forgotten events. The optional `agent_llm` parameter passed to condense() is
    the LLM used by the agent for token counting purposes, and you should not assume
    it is the same as the one defined in this condenser.
    """

    hard_context_reset_context_scaling: Annotated[
        float, Field(gt=0.0, lt=1.0, title="Hard Context Reset Context Scaling")
    ] = 0.8
    hard_context_reset_max_retries: Annotated[
        int, Field(gt=0, title="Hard Context Reset Max Retries")
    ] = 5
    keep_first: Annotated[int, Field(ge=0, title="Keep First")] = 2
    kind: Annotated[Literal["LLMSummarizingCondenser"], Field(title="Kind")]
    llm: LLMOutput
    max_size: Annotated[int, Field(gt=0, title="Max Size")] = 240
    max_tokens: Annotated[int | None, Field(title="Max Tokens")] = None
    minimum_progress: Annotated[
        float, Field(gt=0.0, lt=1.0, title="Minimum Progress")
    ] = 0.1


class MaxTokens(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="Maximum number of tokens allowed before the condenser runs. When unset, condensation is only based on event count.",
            gt=0,
            title="Max Tokens",
        ),
    ]


class LLMSummarizingCondenserSettings(WireModel):
    """
    Settings for the default LLM summarizing condenser.
    """

    condenser_kind: Annotated[
        Literal["llm_summarizing"],
        Field(
            description="Discriminator for the condenser settings union. ``'llm_summarizing'`` selects the default LLM summarizing condenser.",
            title="Condenser Kind",
        ),
    ] = "llm_summarizing"
    enabled: Annotated[
        bool,
        Field(description="Enable conversation memory condensation.", title="Enabled"),
    ] = True
    hard_context_reset_context_scaling: Annotated[
        float,
        Field(
            description="Factor used to reduce event string size after a hard context reset summarization failure.",
            gt=0.0,
            lt=1.0,
            title="Hard Context Reset Context Scaling",
        ),
    ] = 0.8
    hard_context_reset_max_retries: Annotated[
        int,
        Field(
            description="Number of hard context reset attempts before raising an error.",
            gt=0,
            title="Hard Context Reset Max Retries",
        ),
    ] = 5
    keep_first: Annotated[
        int,
        Field(
            description="Minimum number of initial events to preserve before condensation.",
            ge=0,
            title="Keep First",
        ),
    ] = 2
    max_size: Annotated[
        int,
        Field(
            description="Maximum number of events kept before the condenser runs. Kept on the base settings class for compatibility; concrete condenser-settings variants may opt out when this does not apply.",
            ge=20,
            title="Max Size",
        ),
    ] = 240
    max_tokens: Annotated[
        MaxTokens | None,
        Field(
            description="Maximum number of tokens allowed before the condenser runs. When unset, condensation is only based on event count.",
            title="Max Tokens",
        ),
    ] = None
    minimum_progress: Annotated[
        float,
        Field(
            description="Minimum fraction of events that must be condensed for condensation to be considered successful.",
            gt=0.0,
            lt=1.0,
            title="Minimum Progress",
        ),
    ] = 0.1


class LaunchedAgentProfile(WireModel):
    """
    Provenance snapshot recorded when an agent profile launches a conversation.

    Stored on ``StoredConversation`` and projected onto ``ConversationInfo`` so
    ts-client ``deriveSwitchPlan`` can identify which agent profile is current
    without fragile settings-comparison. See #3720.
    """

    agent_profile_id: Annotated[
        UUID,
        Field(
            description="Stable id of the agent profile that launched the conversation.",
            title="Agent Profile Id",
        ),
    ]
    llm_profile_ref: Annotated[
        str | None,
        Field(
            description="Per-launch LLM profile override from `agent_launch_additions`. null means the profile's own `llm_profile_ref` was used.",
            title="Llm Profile Ref",
        ),
    ] = None
    revision: Annotated[
        int,
        Field(
            description="Revision of the agent profile at launch time.",
            ge=0,
            title="Revision",
        ),
    ]
    secret_refs: Annotated[
        list[str] | None,
        Field(
            description="Secret allow-list captured at launch, also enforced on resume. null preserves unrestricted behavior for older conversations.",
            title="Secret Refs",
        ),
    ] = None


class ListDirectoryAction(WireModel):
    """
    Schema for list directory operation.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    dir_path: Annotated[
        str,
        Field(
            description="The path to the directory to list. Defaults to current directory.",
            title="Dir Path",
        ),
    ] = "."
    kind: Annotated[Literal["ListDirectoryAction"], Field(title="Kind")]
    recursive: Annotated[
        bool,
        Field(
            description="Whether to list subdirectories recursively (up to 2 levels).",
            title="Recursive",
        ),
    ] = False


class LocalWorkspaceInput(WireModel):
    """
    Local workspace implementation that operates on the host filesystem.

    LocalWorkspace provides direct access to the local filesystem and command execution
    environment. It's suitable for development and testing scenarios where the agent
    should operate directly on the host system.

    Example:
        >>> workspace = LocalWorkspace(working_dir="/path/to/project")
        >>> with workspace:
        ...     result = workspace.execute_command("ls -la")
        ...     content = workspace.read_file("README.md")
    """

    kind: Annotated[Literal["LocalWorkspace"] | None, Field(title="Kind")] = None
    working_dir: Annotated[
        str,
        Field(
            description="The working directory for agent operations and tool execution. Accepts both string paths and Path objects. Path objects are automatically converted to strings.",
            title="Working Dir",
        ),
    ]


class LocalWorkspaceOutput(WireModel):
    """
    Local workspace implementation that operates on the host filesystem.

    LocalWorkspace provides direct access to the local filesystem and command execution
    environment. It's suitable for development and testing scenarios where the agent
    should operate directly on the host system.

    Example:
        >>> workspace = LocalWorkspace(working_dir="/path/to/project")
        >>> with workspace:
        ...     result = workspace.execute_command("ls -la")
        ...     content = workspace.read_file("README.md")
    """

    kind: Annotated[Literal["LocalWorkspace"], Field(title="Kind")]
    working_dir: Annotated[
        str,
        Field(
            description="The working directory for agent operations and tool execution. Accepts both string paths and Path objects. Path objects are automatically converted to strings.",
            title="Working Dir",
        ),
    ]


class LookupSecretInput(WireModel):
    """
    A secret looked up from some external url
    """

    description: Annotated[
        str | None,
        Field(description="Optional description for this secret", title="Description"),
    ] = None
    headers: Annotated[dict[str, str], Field(title="Headers")] = {}
    kind: Annotated[Literal["LookupSecret"], Field(title="Kind")]
    url: Annotated[str, Field(title="Url")]


class LookupSecretOutput(WireModel):
    """
    A secret looked up from some external url
    """

    description: Annotated[
        str | None,
        Field(description="Optional description for this secret", title="Description"),
    ] = None
    headers: Annotated[dict[str, str], Field(title="Headers")] = {}
    kind: Annotated[Literal["LookupSecret"], Field(title="Kind")]
    url: Annotated[str, Field(title="Url")]


class MCPApiKeyAuthCredentialInput(WireModel):
    header_name: Annotated[str | None, Field(title="Header Name")] = None
    strategy: Annotated[Literal["api_key"], Field(title="Strategy")]
    value: Annotated[SecretStr | None, Field(title="Value")] = None


class MCPApiKeyAuthCredentialOutput(WireModel):
    header_name: Annotated[str | None, Field(title="Header Name")] = None
    strategy: Annotated[Literal["api_key"], Field(title="Strategy")]
    value: Annotated[str | None, Field(title="Value")] = None


class MCPBasicAuthCredentialInput(WireModel):
    password: Annotated[SecretStr | None, Field(title="Password")] = None
    strategy: Annotated[Literal["basic"], Field(title="Strategy")]
    username: Annotated[str, Field(title="Username")]


class MCPBasicAuthCredentialOutput(WireModel):
    password: Annotated[str | None, Field(title="Password")] = None
    strategy: Annotated[Literal["basic"], Field(title="Strategy")]
    username: Annotated[str, Field(title="Username")]


class MCPBearerAuthCredentialInput(WireModel):
    strategy: Annotated[Literal["bearer"], Field(title="Strategy")]
    value: Annotated[SecretStr | None, Field(title="Value")] = None


class MCPBearerAuthCredentialOutput(WireModel):
    strategy: Annotated[Literal["bearer"], Field(title="Strategy")]
    value: Annotated[str | None, Field(title="Value")] = None


class MCPHeaderAuthCredentialInput(WireModel):
    headers: Annotated[dict[str, SecretStr], Field(title="Headers")] = {}
    strategy: Annotated[Literal["header"], Field(title="Strategy")]


class MCPHeaderAuthCredentialOutput(WireModel):
    headers: Annotated[dict[str, str | None], Field(title="Headers")] = {}
    strategy: Annotated[Literal["header"], Field(title="Strategy")]


class MCPNoneAuthCredential(WireModel):
    strategy: Annotated[Literal["none"], Field(title="Strategy")]


class MCPOAuthAuthenticationInput(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    additional_client_metadata: Annotated[
        dict[str, Any] | None, Field(title="Additional Client Metadata")
    ] = None
    client_auth_method: Annotated[
        Literal["none", "client_secret_post", "client_secret_basic", "private_key_jwt"] | None,
        Field(title="Client Auth Method"),
    ] = None
    client_id: Annotated[str | None, Field(title="Client Id")] = None
    client_metadata_url: Annotated[str | None, Field(title="Client Metadata Url")] = (
        None
    )
    client_name: Annotated[str | None, Field(title="Client Name")] = None
    client_secret: Annotated[SecretStr | None, Field(title="Client Secret")] = None
    scopes: Annotated[str | list[str] | None, Field(title="Scopes")] = None
    type: Annotated[Literal["oauth"], Field(title="Type")]


class MCPOAuthAuthenticationOutput(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    additional_client_metadata: Annotated[
        dict[str, Any] | None, Field(title="Additional Client Metadata")
    ] = None
    client_auth_method: Annotated[
        Literal["none", "client_secret_post", "client_secret_basic", "private_key_jwt"] | None,
        Field(title="Client Auth Method"),
    ] = None
    client_id: Annotated[str | None, Field(title="Client Id")] = None
    client_metadata_url: Annotated[str | None, Field(title="Client Metadata Url")] = (
        None
    )
    client_name: Annotated[str | None, Field(title="Client Name")] = None
    client_secret: Annotated[str | None, Field(title="Client Secret")] = None
    scopes: Annotated[str | list[str] | None, Field(title="Scopes")] = None
    type: Annotated[Literal["oauth"], Field(title="Type")]


class MCPOAuthCallbackRequest(WireModel):
    """
    Callback URL copied from a browser OAuth redirect.
    """

    callback_url: Annotated[str, Field(min_length=1, title="Callback Url")]


class MCPOAuthClientInfoStateInput(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    client_secret: Annotated[SecretStr | None, Field(title="Client Secret")] = None


class MCPOAuthClientInfoStateOutput(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    client_secret: Annotated[str | None, Field(title="Client Secret")] = None


class MCPOAuthStartResponse(WireModel):
    """
    Response for starting an install-time OAuth MCP probe.
    """

    authorization_url: Annotated[str | None, Field(title="Authorization Url")] = None
    error: Annotated[str | None, Field(title="Error")] = None
    error_kind: Annotated[
        Literal["timeout", "connection", "unknown"] | None, Field(title="Error Kind")
    ] = None
    job_id: Annotated[str | None, Field(title="Job Id")] = None
    ok: Annotated[bool, Field(title="Ok")]


class ClientInfo(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    client_secret: Annotated[str | None, Field(title="Client Secret")] = None


class Tokens(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    access_token: Annotated[str | None, Field(title="Access Token")] = None
    refresh_token: Annotated[str | None, Field(title="Refresh Token")] = None


class MCPOAuthStateResponse(WireModel):
    client_info: Annotated[ClientInfo | None, Field(title="Client Info")] = None
    token_expires_at: Annotated[float | None, Field(title="Token Expires At")] = None
    tokens: Annotated[Tokens | None, Field(title="Tokens")] = None


class MCPOAuthTokenStateInput(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    access_token: Annotated[SecretStr | None, Field(title="Access Token")] = None
    refresh_token: Annotated[SecretStr | None, Field(title="Refresh Token")] = None


class MCPOAuthTokenStateOutput(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    access_token: Annotated[str | None, Field(title="Access Token")] = None
    refresh_token: Annotated[str | None, Field(title="Refresh Token")] = None


class Command(RootModel[str]):
    root: Annotated[str, Field(min_length=1, title="Command")]


class Url(RootModel[str]):
    root: Annotated[str, Field(min_length=1, title="Url")]


class MCPTestFailure(WireModel):
    """
    Response when the candidate server fails to connect or list tools.

    The endpoint returns HTTP 200 in both success and failure cases: a
    failure here is the *expected* outcome of validating a user-supplied
    config, not a server-side error. The structured shape makes it easy
    for the UI to render an actionable message.
    """

    error: Annotated[
        str, Field(description="Human-readable error message.", title="Error")
    ]
    error_kind: Annotated[
        Literal["timeout", "connection", "unknown"],
        Field(
            description="Coarse error classification, useful for branching UI.",
            title="Error Kind",
        ),
    ]
    ok: Annotated[Literal[False], Field(title="Ok")] = False


class MCPToolAction(WireModel):
    """
    Schema for MCP input action.

    It is just a thin wrapper around raw JSON and does
    not do any validation.

    Validation will be performed by MCPTool.__call__
    by constructing dynamically created Pydantic model
    from the MCP tool input schema.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    data: Annotated[
        dict[str, Any],
        Field(description="Dynamic data fields from the tool call", title="Data"),
    ] = {}
    kind: Annotated[Literal["MCPToolAction"], Field(title="Kind")]


class MCPToolCallResult(WireModel):
    """
    Verbatim outcome of the requested ``tool_call``.

    The endpoint stays provider-neutral: many servers report upstream
    failures (e.g. Slack's ``{"ok": false, "error": "invalid_auth"}``)
    as ordinary text content with ``isError`` unset, so interpreting the
    payload is the caller's job.
    """

    is_error: Annotated[
        bool,
        Field(
            description="The MCP-level isError flag of the result.", title="Is Error"
        ),
    ]
    text: Annotated[
        str, Field(description="Concatenated text content of the result.", title="Text")
    ]


class MCPToolCallSpec(WireModel):
    """
    A single tool invocation to run as part of the connection test.

    Listing tools does not exercise the credentials many servers only use
    inside tool handlers, so callers can name one tool to invoke after the
    listing succeeds. Callers are responsible for choosing a read-only tool;
    the endpoint executes it verbatim.
    """

    arguments: Annotated[
        dict[str, Any],
        Field(description="Arguments passed to the tool unchanged.", title="Arguments"),
    ] = {}
    name: Annotated[
        str, Field(description="Name of the tool to invoke", min_length=1, title="Name")
    ]


class MarketplaceRegistration(WireModel):
    """
    Registration for a marketplace source used for plugin resolution.
    """

    auto_load: Annotated[
        bool | list[str],
        Field(
            description="Whether to load marketplace plugins and standalone skills at conversation start. Use True for all, False or [] for none, or a list of plugin/skill names for selective loading.",
            title="Auto Load",
        ),
    ] = False
    name: Annotated[
        str,
        Field(description="Identifier for this marketplace registration", title="Name"),
    ]
    ref: Annotated[
        str | None,
        Field(
            description="Optional branch, tag, or commit for git sources", title="Ref"
        ),
    ] = None
    repo_path: Annotated[
        str | None,
        Field(
            description="Subdirectory path within the git repository containing the marketplace. Only relevant for git sources.",
            title="Repo Path",
        ),
    ] = None
    source: Annotated[
        str,
        Field(
            description="Marketplace source: 'github:owner/repo', git URL, or local path",
            title="Source",
        ),
    ]


class MarketplaceSkillInfo(WireModel):
    """
    Information about a skill in the marketplace catalog.
    """

    description: Annotated[str | None, Field(title="Description")]
    installed: Annotated[bool, Field(title="Installed")]
    name: Annotated[str, Field(title="Name")]
    source: Annotated[str, Field(title="Source")]


class MessageToolCall(WireModel):
    """
    Transport-agnostic tool call representation.

    One canonical id is used for linking across actions/observations and
    for Responses function_call_output call_id.
    """

    arguments: Annotated[
        str, Field(description="JSON string of arguments", title="Arguments")
    ]
    id: Annotated[str, Field(description="Canonical tool call id", title="Id")]
    name: Annotated[str, Field(description="Tool/function name", title="Name")]
    origin: Annotated[
        Literal["completion", "responses"],
        Field(description="Originating API family", title="Origin"),
    ]
    responses_item_id: Annotated[
        str | None,
        Field(
            description="Original Responses function_call.id, echoed verbatim on replay",
            title="Responses Item Id",
        ),
    ] = None


class MetaProfileClass(WireModel):
    """
    A single task category and the LLM profile that should handle it.
    """

    description: Annotated[
        str,
        Field(
            description="Natural-language description of the kind of task this class covers (e.g. 'task is UI oriented or requires looking at images').",
            title="Description",
        ),
    ]
    model: Annotated[
        str,
        Field(
            description="Name of the saved LLM profile to switch to for tasks matching this class.",
            title="Model",
        ),
    ]


class MetaProfileInfo(WireModel):
    classifier_model: Annotated[str | None, Field(title="Classifier Model")] = None
    name: Annotated[str, Field(title="Name")]
    num_classes: Annotated[int, Field(title="Num Classes")] = 0


class MetaProfileListResponse(WireModel):
    active_meta_profile: Annotated[str | None, Field(title="Active Meta Profile")] = (
        None
    )
    meta_profiles: Annotated[list[MetaProfileInfo], Field(title="Meta Profiles")]


class MetaProfileMutationResponse(WireModel):
    message: Annotated[str, Field(title="Message")]
    name: Annotated[str, Field(title="Name")]


class Model(WireModel):
    """
    Describes an OpenAI model offering that can be used with the API.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    created: Annotated[int, Field(title="Created")]
    id: Annotated[str, Field(title="Id")]
    object: Annotated[Literal["model"], Field(title="Object")]
    owned_by: Annotated[str, Field(title="Owned By")]


class ModelsResponse(WireModel):
    """
    Response containing the list of available LLM models.
    """

    models: Annotated[list[str], Field(title="Models")]


class ModerationInputError(WireModel):
    """
    An error produced while attempting moderation.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    code: Annotated[str, Field(title="Code")]
    message: Annotated[str, Field(title="Message")]
    type: Annotated[Literal["error"], Field(title="Type")]


class ModerationInputModerationResultsResult(WireModel):
    """
    A moderation result produced for the response input or output.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    categories: Annotated[dict[str, bool], Field(title="Categories")]
    category_applied_input_types: Annotated[
        dict[str, list[Literal["text", "image"]]],
        Field(title="Category Applied Input Types"),
    ]
    category_scores: Annotated[dict[str, float], Field(title="Category Scores")]
    flagged: Annotated[bool, Field(title="Flagged")]
    model: Annotated[str, Field(title="Model")]
    type: Annotated[Literal["moderation_result"], Field(title="Type")]


class ModerationOutputError(WireModel):
    """
    An error produced while attempting moderation.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    code: Annotated[str, Field(title="Code")]
    message: Annotated[str, Field(title="Message")]
    type: Annotated[Literal["error"], Field(title="Type")]


class ModerationOutputModerationResultsResult(WireModel):
    """
    A moderation result produced for the response input or output.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    categories: Annotated[dict[str, bool], Field(title="Categories")]
    category_applied_input_types: Annotated[
        dict[str, list[Literal["text", "image"]]],
        Field(title="Category Applied Input Types"),
    ]
    category_scores: Annotated[dict[str, float], Field(title="Category Scores")]
    flagged: Annotated[bool, Field(title="Flagged")]
    model: Annotated[str, Field(title="Model")]
    type: Annotated[Literal["moderation_result"], Field(title="Type")]


class NavigateConversationRequest(WireModel):
    """
    Payload to move a conversation's HEAD to an existing event.
    """

    event_id: Annotated[
        str | None,
        Field(
            description="Event to make the new HEAD, re-rooting the active branch the agent runs on. All branches stay on disk; this creates no new conversation. ``None`` selects the empty tree.",
            title="Event Id",
        ),
    ] = None


class NeverConfirmInput(WireModel):
    kind: Annotated[Literal["NeverConfirm"], Field(title="Kind")]


class NeverConfirmOutput(WireModel):
    kind: Annotated[Literal["NeverConfirm"], Field(title="Kind")]


class NoOpCondenserInput(WireModel):
    """
    Simple condenser that returns a view un-manipulated.

    Primarily intended for testing purposes.
    """

    kind: Annotated[Literal["NoOpCondenser"], Field(title="Kind")]


class NoOpCondenserOutput(WireModel):
    """
    Simple condenser that returns a view un-manipulated.

    Primarily intended for testing purposes.
    """

    kind: Annotated[Literal["NoOpCondenser"], Field(title="Kind")]


class NoOpCondenserSettings(WireModel):
    """
    Settings for a condenser that leaves conversation views unchanged.
    """

    condenser_kind: Annotated[
        Literal["no_op"],
        Field(
            description="Discriminator for the condenser settings union. ``'no_op'`` selects a condenser that leaves conversation views unchanged.",
            title="Condenser Kind",
        ),
    ] = "no_op"
    enabled: Annotated[
        bool,
        Field(description="Enable conversation memory condensation.", title="Enabled"),
    ] = True


class OpenAIImageURL(WireModel):
    url: Annotated[str, Field(title="Url")]


class OpenAIModelListResponse(WireModel):
    data: Annotated[list[Model], Field(title="Data")]
    object: Annotated[Literal["list"], Field(title="Object")] = "list"


class OpenAIResponseInputContentPart(WireModel):
    image_url: Annotated[str | None, Field(title="Image Url")] = None
    text: Annotated[str | None, Field(title="Text")] = None
    type: Annotated[str, Field(title="Type")]


class OpenAIResponseInputMessage(WireModel):
    content: Annotated[
        str | list[OpenAIResponseInputContentPart], Field(title="Content")
    ]
    role: Annotated[
        Literal["system", "developer", "user", "assistant"], Field(title="Role")
    ]


class OpenAIResponseInputTokensDetails(WireModel):
    cached_tokens: Annotated[int, Field(title="Cached Tokens")]


class OpenAIResponseOutputText(WireModel):
    annotations: Annotated[list[dict[str, Any]], Field(title="Annotations")]
    text: Annotated[str, Field(title="Text")]
    type: Annotated[Literal["output_text"], Field(title="Type")] = "output_text"


class OpenAIResponseOutputTokensDetails(WireModel):
    reasoning_tokens: Annotated[int, Field(title="Reasoning Tokens")]


class OpenAIResponseRequest(WireModel):
    input: Annotated[str | list[OpenAIResponseInputMessage], Field(title="Input")]
    instructions: Annotated[str | None, Field(title="Instructions")] = None
    metadata: Annotated[dict[str, str] | None, Field(title="Metadata")] = None
    model: Annotated[str, Field(title="Model")]
    previous_response_id: Annotated[str | None, Field(title="Previous Response Id")] = (
        None
    )
    store: Annotated[bool, Field(title="Store")] = False
    stream: Annotated[bool, Field(title="Stream")] = False


class OpenAIResponseUsage(WireModel):
    input_tokens: Annotated[int, Field(title="Input Tokens")]
    input_tokens_details: OpenAIResponseInputTokensDetails
    output_tokens: Annotated[int, Field(title="Output Tokens")]
    output_tokens_details: OpenAIResponseOutputTokensDetails
    total_tokens: Annotated[int, Field(title="Total Tokens")]


class OpenAIStreamOptions(WireModel):
    include_usage: Annotated[bool, Field(title="Include Usage")] = False


class MetaProfileRef(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Name of the saved meta-profile the routing tool uses. The launch copies it and the LLM profiles it routes to into the agent, so a runtime without the stores can still route. null lets the tool fall back to the first meta-profile in the runtime's store.",
            min_length=1,
            title="Meta Profile Ref",
        ),
    ]


class Persona(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Persona text that replaces OpenHands' built-in persona and coding-workflow guidance. Capability and policy guidance (memory, security policy, risk assessment, browser, external services, process management, model-specific notes) and the dynamic context are still included. None keeps the built-in persona.",
            max_length=65536,
            min_length=1,
            title="Persona",
        ),
    ]


class OrgConfig(WireModel):
    """
    Configuration for loading organization-level skills.
    """

    org_name: Annotated[str, Field(description="Organization name", title="Org Name")]
    org_repo_url: Annotated[
        str,
        Field(
            description="Pre-authenticated Git URL for the organization repository. Contains sensitive credentials - handle with care and avoid logging.",
            title="Org Repo Url",
        ),
    ]
    provider: Annotated[
        str,
        Field(
            description="Git provider type: github, gitlab, azure, bitbucket",
            title="Provider",
        ),
    ]
    repository: Annotated[
        str,
        Field(
            description="Selected repository (e.g., 'owner/repo')", title="Repository"
        ),
    ]


class PassCriticInput(WireModel):
    """
    Critic that always returns success.

    This critic can be used when no evaluation is needed or when
    all instances should be considered successful regardless of their output.
    """

    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["PassCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"


class PassCriticOutput(WireModel):
    """
    Critic that always returns success.

    This critic can be used when no evaluation is needed or when
    all instances should be considered successful regardless of their output.
    """

    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["PassCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"


class PathTrigger(WireModel):
    """
    Trigger for path-scoped skills ("rules").

    These skills are activated when the agent touches a file whose path matches
    one of the ``paths`` glob patterns (gitignore-style ``**`` semantics).
    """

    paths: Annotated[list[str], Field(title="Paths")]
    type: Annotated[Literal["path"], Field(title="Type")] = "path"


class HighPattern(RootModel[tuple[str, str, str]]):
    root: Annotated[tuple[str, str, str], Field(max_length=3, min_length=3)]


class InjectionHighPattern(RootModel[tuple[str, str, str]]):
    root: Annotated[tuple[str, str, str], Field(max_length=3, min_length=3)]


class InjectionMediumPattern(RootModel[tuple[str, str, str]]):
    root: Annotated[tuple[str, str, str], Field(max_length=3, min_length=3)]


class MediumPattern(RootModel[tuple[str, str, str]]):
    root: Annotated[tuple[str, str, str], Field(max_length=3, min_length=3)]


class PatternSecurityAnalyzerInput(PatternSecurityAnalyzerModel):
    """
    Catch dangerous agent actions through deterministic signature scanning.

    Use this when you want fast, local, no-network threat detection at the
    action boundary. It returns ``SecurityRisk.HIGH``, ``MEDIUM``, or ``LOW``.
    It returns ``UNKNOWN`` when the shell scan cannot resolve relevant
    destructive structure. Pair it with ``ConfirmRisky`` to decide what gets
    confirmed.

    The key design choice: shell-destructive patterns only scan what the
    agent will *execute* (tool arguments), never what it *thought about*
    (reasoning text). Injection patterns scan everything, because
    "ignore all previous instructions" is dangerous wherever it appears.

    Normalization is always on -- invisible characters and fullwidth
    substitutions are collapsed before matching.

    Example::

        from openhands.sdk.security import PatternSecurityAnalyzer, ConfirmRisky

        analyzer = PatternSecurityAnalyzer()
        policy = ConfirmRisky(threshold=SecurityRisk.MEDIUM)
    """

    high_patterns: Annotated[
        list[HighPattern],
        Field(
            description="HIGH patterns scanned against executable fields only",
            title="High Patterns",
            validate_default=True,
        ),
    ] = [["\\brm\\s+(?:-[frR]{2,}|-[rR]\\s+-f|-f\\s+-[rR]|--recursive\\s+--force|--force\\s+--recursive)\\b", "Recursive force-delete (rm -rf variants)", "exec.destruct.rm_rf"], ["\\bsudo\\s+rm\\b", "Privileged file deletion", "exec.destruct.sudo_rm"], ["\\bmkfs\\.\\w+", "Filesystem format command", "exec.destruct.mkfs"], ["\\bdd\\b.{0,100}of=/dev/", "Raw disk write", "exec.destruct.dd_raw_disk"], ["\\beval\\s*\\(", "Dynamic code evaluation", "exec.code.eval_call"], ["\\bexec\\s*\\(", "Dynamic code execution", "exec.code.exec_call"], ["\\bos\\.system\\s*\\(", "OS-level command execution", "exec.code.os_system"], ["\\bsubprocess\\.(?:call|run|Popen|check_output|check_call)\\s*\\(", "Subprocess invocation", "exec.code.subprocess"], ["\\bcurl\\b[^|]{0,200}\\|\\s*(?:ba)?sh\\b", "Download and run (curl | sh)", "exec.net.curl_pipe_exec"], ["\\bwget\\b[^|]{0,200}\\|\\s*(?:ba)?sh\\b", "Download and run (wget | sh)", "exec.net.wget_pipe_exec"]]
    injection_high_patterns: Annotated[
        list[InjectionHighPattern],
        Field(
            description="HIGH patterns scanned against all fields",
            title="Injection High Patterns",
            validate_default=True,
        ),
    ] = [["\\b(?:ignore|disregard|forget|override|bypass)\\s+(?:all\\s+)?(?:previous|prior|above)\\s+(?:instructions?|prompts?|rules?|directives?)\\b", "Instruction override attempt", "inject.override"]]
    injection_medium_patterns: Annotated[
        list[InjectionMediumPattern],
        Field(
            description="MEDIUM patterns scanned against all fields",
            title="Injection Medium Patterns",
            validate_default=True,
        ),
    ] = [["\\byou\\s+are\\s+now\\s+(?:in\\s+)?(?:\\w+\\s+)?mode\\b", "Mode switching attempt", "inject.mode_switch"], ["\\bpretend\\s+(?:you\\s+are|to\\s+be)\\s+(?:a\\s+)?different\\b", "Identity manipulation", "inject.identity"]]
    kind: Annotated[Literal["PatternSecurityAnalyzer"], Field(title="Kind")]
    medium_patterns: Annotated[
        list[MediumPattern],
        Field(
            description="MEDIUM patterns scanned against executable fields only",
            title="Medium Patterns",
            validate_default=True,
        ),
    ] = [["\\bcurl\\b.{0,100}https?://", "HTTP request via curl", "exec.net.curl"], ["\\bwget\\b.{0,100}https?://", "Download via wget", "exec.net.wget"]]


class PatternSecurityAnalyzerOutput(WireModel):
    """
    Catch dangerous agent actions through deterministic signature scanning.

    Use this when you want fast, local, no-network threat detection at the
    action boundary. It returns ``SecurityRisk.HIGH``, ``MEDIUM``, or ``LOW``.
    It returns ``UNKNOWN`` when the shell scan cannot resolve relevant
    destructive structure. Pair it with ``ConfirmRisky`` to decide what gets
    confirmed.

    The key design choice: shell-destructive patterns only scan what the
    agent will *execute* (tool arguments), never what it *thought about*
    (reasoning text). Injection patterns scan everything, because
    "ignore all previous instructions" is dangerous wherever it appears.

    Normalization is always on -- invisible characters and fullwidth
    substitutions are collapsed before matching.

    Example::

        from openhands.sdk.security import PatternSecurityAnalyzer, ConfirmRisky

        analyzer = PatternSecurityAnalyzer()
        policy = ConfirmRisky(threshold=SecurityRisk.MEDIUM)
    """

    high_patterns: Annotated[
        list[HighPattern],
        Field(
            description="HIGH patterns scanned against executable fields only",
            title="High Patterns",
            validate_default=True,
        ),
    ] = [["\\brm\\s+(?:-[frR]{2,}|-[rR]\\s+-f|-f\\s+-[rR]|--recursive\\s+--force|--force\\s+--recursive)\\b", "Recursive force-delete (rm -rf variants)", "exec.destruct.rm_rf"], ["\\bsudo\\s+rm\\b", "Privileged file deletion", "exec.destruct.sudo_rm"], ["\\bmkfs\\.\\w+", "Filesystem format command", "exec.destruct.mkfs"], ["\\bdd\\b.{0,100}of=/dev/", "Raw disk write", "exec.destruct.dd_raw_disk"], ["\\beval\\s*\\(", "Dynamic code evaluation", "exec.code.eval_call"], ["\\bexec\\s*\\(", "Dynamic code execution", "exec.code.exec_call"], ["\\bos\\.system\\s*\\(", "OS-level command execution", "exec.code.os_system"], ["\\bsubprocess\\.(?:call|run|Popen|check_output|check_call)\\s*\\(", "Subprocess invocation", "exec.code.subprocess"], ["\\bcurl\\b[^|]{0,200}\\|\\s*(?:ba)?sh\\b", "Download and run (curl | sh)", "exec.net.curl_pipe_exec"], ["\\bwget\\b[^|]{0,200}\\|\\s*(?:ba)?sh\\b", "Download and run (wget | sh)", "exec.net.wget_pipe_exec"]]
    injection_high_patterns: Annotated[
        list[InjectionHighPattern],
        Field(
            description="HIGH patterns scanned against all fields",
            title="Injection High Patterns",
            validate_default=True,
        ),
    ] = [["\\b(?:ignore|disregard|forget|override|bypass)\\s+(?:all\\s+)?(?:previous|prior|above)\\s+(?:instructions?|prompts?|rules?|directives?)\\b", "Instruction override attempt", "inject.override"]]
    injection_medium_patterns: Annotated[
        list[InjectionMediumPattern],
        Field(
            description="MEDIUM patterns scanned against all fields",
            title="Injection Medium Patterns",
            validate_default=True,
        ),
    ] = [["\\byou\\s+are\\s+now\\s+(?:in\\s+)?(?:\\w+\\s+)?mode\\b", "Mode switching attempt", "inject.mode_switch"], ["\\bpretend\\s+(?:you\\s+are|to\\s+be)\\s+(?:a\\s+)?different\\b", "Identity manipulation", "inject.identity"]]
    kind: Annotated[Literal["PatternSecurityAnalyzer"], Field(title="Kind")]
    medium_patterns: Annotated[
        list[MediumPattern],
        Field(
            description="MEDIUM patterns scanned against executable fields only",
            title="Medium Patterns",
            validate_default=True,
        ),
    ] = [["\\bcurl\\b.{0,100}https?://", "HTTP request via curl", "exec.net.curl"], ["\\bwget\\b.{0,100}https?://", "Download via wget", "exec.net.wget"]]


class PauseEvent(WireModel):
    """
    Event indicating that the agent execution was paused by user request.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["PauseEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "user"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class PlanningFileEditorAction(WireModel):
    """
    Schema for planning file editor operations.

    Inherits from FileEditorAction but restricts editing to PLAN.md only.
    Allows viewing any file but only editing PLAN.md.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["view", "create", "str_replace", "insert", "undo_edit"],
        Field(
            description="The commands to run. Allowed options are: `view`, `create`, `str_replace`, `insert`, `undo_edit`.",
            title="Command",
        ),
    ]
    file_text: Annotated[
        str | None,
        Field(
            description="Required parameter of `create` command, with the content of the file to be created.",
            title="File Text",
        ),
    ] = None
    insert_line: Annotated[
        InsertLine | None,
        Field(
            description="Required parameter of `insert` command. The `new_str` will be inserted AFTER the line `insert_line` of `path`.",
            title="Insert Line",
        ),
    ] = None
    kind: Annotated[Literal["PlanningFileEditorAction"], Field(title="Kind")]
    new_str: Annotated[
        str | None,
        Field(
            description="Optional parameter of `str_replace` command containing the new string (if not given, no string will be added). Required parameter of `insert` command containing the string to insert.",
            title="New Str",
        ),
    ] = None
    old_str: Annotated[
        str | None,
        Field(
            description="Required parameter of `str_replace` command containing the string in `path` to replace.",
            title="Old Str",
        ),
    ] = None
    path: Annotated[
        str, Field(description="Absolute path to file or directory.", title="Path")
    ]
    view_range: Annotated[
        list[int] | None,
        Field(
            description="Optional parameter of `view` command when `path` points to a file. If none is given, the full file is shown. If provided, the file will be shown in the indicated line number range, e.g. [11, 12] will show lines 11 and 12. Indexing at 1 to start. Setting `[start_line, -1]` shows all lines from `start_line` to the end of the file.",
            title="View Range",
        ),
    ] = None


class PluginSkillSummary(WireModel):
    """
    Summary of a skill bundled in a plugin.
    """

    description: Annotated[str | None, Field(title="Description")] = None
    name: Annotated[str, Field(title="Name")]


class PluginSource(WireModel):
    """
    Specification for a plugin to load.

    This model describes where to find a plugin and is used by load_plugins()
    to fetch and load plugins from various sources.

    Examples:
        >>> # GitHub repository
        >>> PluginSource(source="github:owner/repo", ref="v1.0.0")

        >>> # Plugin from monorepo subdirectory
        >>> PluginSource(
        ...     source="github:owner/monorepo",
        ...     repo_path="plugins/my-plugin"
        ... )

        >>> # Local path
        >>> PluginSource(source="/path/to/plugin")
    """

    ref: Annotated[
        str | None,
        Field(
            description="Optional branch, tag, or commit (only for git sources)",
            title="Ref",
        ),
    ] = None
    repo_path: Annotated[
        str | None,
        Field(
            description="Subdirectory path within the git repository (e.g., 'plugins/my-plugin' for monorepos). Only relevant for git sources, not local paths.",
            title="Repo Path",
        ),
    ] = None
    source: Annotated[
        str,
        Field(
            description="Plugin source: 'github:owner/repo', any git URL, or local path",
            title="Source",
        ),
    ]


class PluginsRequest(WireModel):
    """
    Request body for listing locally-available plugins.
    """

    load_project: Annotated[
        bool,
        Field(
            description="Load project plugins from the workspace", title="Load Project"
        ),
    ] = True
    load_user: Annotated[
        bool,
        Field(
            description="Load user plugins (~/.agents/plugins, etc.)", title="Load User"
        ),
    ] = True
    project_dir: Annotated[
        str | None,
        Field(
            description="Workspace directory path for project plugins",
            title="Project Dir",
        ),
    ] = None


class PolicyRailSecurityAnalyzerInput(WireModel):
    """
    Catch threats defined by shell command structure.

    Named rails use shell syntax to detect dangerous operations, such as a
    network fetch piped to a downstream command. Per-segment evaluation keeps
    the threat model interpretable and prevents text from separate fields from
    forming one match.

    Evaluates original executable segments only -- reasoning text is never
    scanned.

    Returns ``SecurityRisk.HIGH`` when a rail fires and ``UNKNOWN`` when a
    relevant shell structure cannot be resolved. ``LOW`` means that no
    configured rail matched and no relevant uncertainty remained. It does not
    establish general safety or authorization. Pair with ``ConfirmRisky`` and
    compose via ``EnsembleSecurityAnalyzer``.

    v1 rails: fetch-to-exec, raw-disk-op, catastrophic-delete.

    Example::

        from openhands.sdk.security import PolicyRailSecurityAnalyzer

        analyzer = PolicyRailSecurityAnalyzer()
        # risk = analyzer.security_risk(action)
    """

    kind: Annotated[Literal["PolicyRailSecurityAnalyzer"], Field(title="Kind")]


class PolicyRailSecurityAnalyzerOutput(WireModel):
    """
    Catch threats defined by shell command structure.

    Named rails use shell syntax to detect dangerous operations, such as a
    network fetch piped to a downstream command. Per-segment evaluation keeps
    the threat model interpretable and prevents text from separate fields from
    forming one match.

    Evaluates original executable segments only -- reasoning text is never
    scanned.

    Returns ``SecurityRisk.HIGH`` when a rail fires and ``UNKNOWN`` when a
    relevant shell structure cannot be resolved. ``LOW`` means that no
    configured rail matched and no relevant uncertainty remained. It does not
    establish general safety or authorization. Pair with ``ConfirmRisky`` and
    compose via ``EnsembleSecurityAnalyzer``.

    v1 rails: fetch-to-exec, raw-disk-op, catastrophic-delete.

    Example::

        from openhands.sdk.security import PolicyRailSecurityAnalyzer

        analyzer = PolicyRailSecurityAnalyzer()
        # risk = analyzer.security_risk(action)
    """

    kind: Annotated[Literal["PolicyRailSecurityAnalyzer"], Field(title="Kind")]


class ProfileDetailResponse(WireModel):
    """
    Secrets are nulled unless explicitly requested via X-Expose-Secrets.
    """

    api_key_set: Annotated[bool, Field(title="Api Key Set")] = False
    config: Annotated[dict[str, Any], Field(title="Config")]
    name: Annotated[str, Field(title="Name")]


class ProfileInfo(WireModel):
    api_key_set: Annotated[bool, Field(title="Api Key Set")] = False
    base_url: Annotated[str | None, Field(title="Base Url")] = None
    model: Annotated[str | None, Field(title="Model")] = None
    name: Annotated[str, Field(title="Name")]
    provider_connection_broken: Annotated[
        bool, Field(title="Provider Connection Broken")
    ] = False
    provider_connection_id: Annotated[
        str | None, Field(title="Provider Connection Id")
    ] = None


class ProfileListResponse(WireModel):
    active_profile: Annotated[str | None, Field(title="Active Profile")] = None
    profiles: Annotated[list[ProfileInfo], Field(title="Profiles")]


class ProfileMutationResponse(WireModel):
    message: Annotated[str, Field(title="Message")]
    name: Annotated[str, Field(title="Name")]


class ProfileVerificationSettings(WireModel):
    """
    Secret-free critic/refinement policy for a profile.

    The non-credential subset of
    :class:`~openhands.sdk.settings.model.VerificationSettings`: ``critic_api_key``
    is omitted so the profile holds no secret. The critic reuses the resolved
    LLM profile's key (the existing ``critic_api_key=None`` behavior).
    """

    critic_enabled: Annotated[bool, Field(title="Critic Enabled")] = False
    critic_mode: Annotated[
        Literal["finish_and_message", "all_actions"], Field(title="Critic Mode")
    ] = "finish_and_message"
    critic_model_name: Annotated[str | None, Field(title="Critic Model Name")] = None
    critic_server_url: Annotated[str | None, Field(title="Critic Server Url")] = None
    critic_threshold: Annotated[
        float, Field(ge=0.0, le=1.0, title="Critic Threshold")
    ] = 0.6
    enable_iterative_refinement: Annotated[
        bool, Field(title="Enable Iterative Refinement")
    ] = False
    max_refinement_iterations: Annotated[
        int, Field(ge=1, title="Max Refinement Iterations")
    ] = 3


class PromptTokensDetails(WireModel):
    """
    Breakdown of tokens used in the prompt.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    audio_tokens: Annotated[int | None, Field(title="Audio Tokens")] = None
    cache_write_tokens: Annotated[int | None, Field(title="Cache Write Tokens")] = None
    cached_tokens: Annotated[int | None, Field(title="Cached Tokens")] = None


class BaseUrl(RootModel[str]):
    root: Annotated[str, Field(max_length=2048, title="Base Url")]


class ProviderConnectionCreateRequest(ProviderConnectionCreateModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    api_key: Annotated[SecretStr, Field(min_length=1, title="Api Key")]
    base_url: Annotated[BaseUrl | None, Field(title="Base Url")] = None
    display_name: Annotated[
        str, Field(max_length=128, min_length=1, title="Display Name")
    ]
    provider: Annotated[str, Field(max_length=128, min_length=1, title="Provider")] = (
        "custom"
    )


class ProviderConnectionResponse(WireModel):
    api_key_set: Annotated[bool, Field(title="Api Key Set")] = False
    base_url: Annotated[str | None, Field(title="Base Url")] = None
    created_at: Annotated[int, Field(title="Created At")]
    display_name: Annotated[str, Field(title="Display Name")]
    id: Annotated[str, Field(title="Id")]
    provider: Annotated[str, Field(title="Provider")]
    updated_at: Annotated[int, Field(title="Updated At")]


class DisplayName(RootModel[str]):
    root: Annotated[str, Field(max_length=128, min_length=1, title="Display Name")]


class Provider(RootModel[str]):
    root: Annotated[str, Field(max_length=128, min_length=1, title="Provider")]


class ProviderConnectionUpdateRequest(ProviderConnectionUpdateModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    api_key: Annotated[SecretStr | None, Field(title="Api Key")] = None
    base_url: Annotated[BaseUrl | None, Field(title="Base Url")] = None
    display_name: Annotated[DisplayName | None, Field(title="Display Name")] = None
    provider: Annotated[Provider | None, Field(title="Provider")] = None


class ProvidersResponse(WireModel):
    """
    Response containing the list of available LLM providers.
    """

    providers: Annotated[list[str], Field(title="Providers")]


class Limit(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="Optional: Maximum number of lines to read. Use with 'offset' to paginate through large files.",
            ge=1,
            title="Limit",
        ),
    ]


class Offset(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="Optional: The 0-based line number to start reading from. Use for paginating through large files.",
            ge=0,
            title="Offset",
        ),
    ]


class ReadFileAction(WireModel):
    """
    Schema for read file operation.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    file_path: Annotated[
        str, Field(description="The path to the file to read.", title="File Path")
    ]
    kind: Annotated[Literal["ReadFileAction"], Field(title="Kind")]
    limit: Annotated[
        Limit | None,
        Field(
            description="Optional: Maximum number of lines to read. Use with 'offset' to paginate through large files.",
            title="Limit",
        ),
    ] = None
    offset: Annotated[
        Offset | None,
        Field(
            description="Optional: The 0-based line number to start reading from. Use for paginating through large files.",
            title="Offset",
        ),
    ] = None


class LinesShown(RootModel[tuple[int, int]]):
    root: Annotated[
        tuple[int, int],
        Field(
            description="If truncated, the range of lines shown (start, end) - 1-indexed.",
            max_length=2,
            min_length=2,
            title="Lines Shown",
        ),
    ]


class ReasoningItemModel(WireModel):
    """
    OpenAI Responses reasoning item (non-stream, subset we consume).

    Do not log or render encrypted_content.
    """

    content: Annotated[list[str] | None, Field(title="Content")] = None
    encrypted_content: Annotated[str | None, Field(title="Encrypted Content")] = None
    id: Annotated[str | None, Field(title="Id")] = None
    status: Annotated[str | None, Field(title="Status")] = None
    summary: Annotated[list[str], Field(title="Summary")] = []


class RedactedThinkingBlock(WireModel):
    """
    Redacted thinking block for previous responses without extended thinking.

    This is used as a placeholder for assistant messages that were generated
    before extended thinking was enabled.
    """

    data: Annotated[
        str, Field(description="The redacted thinking content", title="Data")
    ]
    type: Annotated[Literal["redacted_thinking"], Field(title="Type")] = (
        "redacted_thinking"
    )


class RemoteWorkspace(WireModel):
    """
    Remote workspace implementation that connects to an OpenHands agent server.

    RemoteWorkspace provides access to a sandboxed environment running on a remote
    OpenHands agent server. This is the recommended approach for production deployments
    as it provides better isolation and security.

    Supports optional completion callbacks on exit via environment variables:
      - ``AUTOMATION_CALLBACK_URL`` — URL to POST completion status to
      - ``AUTOMATION_CALLBACK_API_KEY`` — Bearer token for callback auth (optional)
      - ``AUTOMATION_RUN_ID`` — Run ID to include in callback payload (optional)

    Example:
        >>> workspace = RemoteWorkspace(
        ...     host="https://agent-server.example.com",
        ...     working_dir="/workspace"
        ... )
        >>> with workspace:
        ...     result = workspace.execute_command("ls -la")
        ...     content = workspace.read_file("README.md")
    """

    api_key: Annotated[
        str | None,
        Field(
            description="API key for authenticating with the remote host.",
            title="Api Key",
        ),
    ] = None
    host: Annotated[
        str, Field(description="The remote host URL for the workspace.", title="Host")
    ]
    kind: Annotated[Literal["RemoteWorkspace"], Field(title="Kind")]
    max_connections: Annotated[
        int | None,
        Field(
            description="Maximum number of connections for httpx.Client. None means no limit, useful for running many conversations in parallel.",
            title="Max Connections",
        ),
    ] = None
    read_timeout: Annotated[
        float,
        Field(
            description="Timeout in seconds for reading operations of httpx.Client.",
            title="Read Timeout",
        ),
    ] = 600.0
    runtime_conversation_id: Annotated[
        UUID | None,
        Field(
            description="Conversation runtime scope; None uses the host workspace.",
            title="Runtime Conversation Id",
        ),
    ] = None
    working_dir: Annotated[
        str,
        Field(
            description="The working directory for agent operations and tool execution.",
            title="Working Dir",
        ),
    ]


class RenameAgentProfileRequest(WireModel):
    new_name: Annotated[
        str,
        Field(
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            title="New Name",
        ),
    ]


class RenameProfileRequest(WireModel):
    new_name: Annotated[
        str,
        Field(
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            title="New Name",
        ),
    ]


class ResponseLatency(WireModel):
    """
    Metric tracking the round-trip time per completion call.
    """

    latency: Annotated[
        float,
        Field(description="Latency must be non-negative", ge=0.0, title="Latency"),
    ]
    model: Annotated[str, Field(title="Model")]
    response_id: Annotated[str, Field(title="Response Id")]


class SandboxConfig(WireModel):
    """
    Configuration for loading sandbox-specific skills.
    """

    exposed_urls: Annotated[
        list[ExposedUrl],
        Field(
            description="List of exposed URLs from the sandbox",
            title="Exposed Urls",
            validate_default=True,
        ),
    ] = []


class SaveProfileRequest(WireModel):
    include_secrets: Annotated[
        bool,
        Field(
            description="Whether to persist the API key with the profile.",
            title="Include Secrets",
        ),
    ] = True
    llm: LLMInput


class SecretCreateRequest(WireModel):
    """
    Request model for PUT /api/settings/secrets.

    Creates or updates a secret with the given name and value.
    """

    description: Annotated[str | None, Field(title="Description")] = None
    name: Annotated[str, Field(title="Name")]
    value: Annotated[SecretStr, Field(title="Value")]


class SecretItemResponse(WireModel):
    """
    Response model for a secret item (without value).

    Used in list responses and as the response for create/update operations.
    """

    description: Annotated[str | None, Field(title="Description")] = None
    name: Annotated[str, Field(title="Name")]


class SecretsListResponse(WireModel):
    """
    Response model for GET /api/settings/secrets.

    Lists all available secrets with their names and descriptions.
    Values are never included in list responses.
    """

    secrets: Annotated[list[SecretItemResponse], Field(title="Secrets")]


class SecurityRisk(RootModel[Literal["UNKNOWN", "LOW", "MEDIUM", "HIGH"]]):
    root: Annotated[
        Literal["UNKNOWN", "LOW", "MEDIUM", "HIGH"],
        Field(
            description="Security risk levels for actions.\n\nBased on OpenHands security risk levels but adapted for agent-sdk.\nInteger values allow for easy comparison and ordering.",
            title="SecurityRisk",
        ),
    ]


class ServerErrorEvent(WireModel):
    """
    Event emitted by the agent server when a server-level error occurs.

    This event is used for errors that originate from the agent server itself,
    such as MCP connection failures, WebSocket errors, or other infrastructure
    issues. Unlike ConversationErrorEvent which is for conversation-level failures,
    this event indicates a problem with the server environment.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    code: Annotated[
        str,
        Field(description="Code for the error - typically an error type", title="Code"),
    ]
    detail: Annotated[str, Field(description="Details about the error", title="Detail")]
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["ServerErrorEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"],
        Field(description="The source of this event", title="Source"),
    ]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class ServerInfo(WireModel):
    app_backend_ingress_url: Annotated[
        str | None,
        Field(
            description="Separate browser origin for authenticated Canvas App backend sessions",
            title="App Backend Ingress Url",
        ),
    ] = None
    available_conversation_runtimes: Annotated[
        list[Literal["local", "docker"]],
        Field(
            description="Runtimes a start request may select with `conversation_runtime`. Empty means only `conversation_runtime` is served.",
            title="Available Conversation Runtimes",
        ),
    ] = []
    build_git_ref: Annotated[str, Field(title="Build Git Ref")] = "unknown"
    build_git_sha: Annotated[str, Field(title="Build Git Sha")] = "unknown"
    capabilities: Annotated[
        list[str], Field(title="Capabilities")
    ] = ["conversation_runtime_routes_v1", "profile_secret_scope_v1", "profile_persona_v1", "credential_binding_v1", "credential_binding_readiness_probe_v1", "credential_binding_activation_guard_v1", "idempotent_conversation_create_v1", "tool_catalog_v1", "agent_profile_draft_materialize_v1", "agent_launch_pipeline_v1", "profile_public_skills_v1", "skill_catalog_v1"]
    conversation_runtime: Annotated[
        Literal["local", "docker"], Field(title="Conversation Runtime")
    ] = "local"
    docs: Annotated[str, Field(title="Docs")] = "/docs"
    idle_time: Annotated[float, Field(title="Idle Time")]
    max_foreground_terminal_timeout_seconds: Annotated[
        float | None, Field(title="Max Foreground Terminal Timeout Seconds")
    ] = None
    python_version: Annotated[
        str, Field(title="Python Version")
    ] = "3.12.1 (main, May  9 2026, 07:36:11) [GCC 12.2.0]"
    redoc: Annotated[str, Field(title="Redoc")] = "/redoc"
    runtime_idle_timeout_seconds: Annotated[
        float | None, Field(title="Runtime Idle Timeout Seconds")
    ] = None
    sdk_version: Annotated[str, Field(title="Sdk Version")] = "1.58.0"
    title: Annotated[str, Field(title="Title")] = "OpenHands Agent Server"
    tools_version: Annotated[str, Field(title="Tools Version")] = "1.58.0"
    uptime: Annotated[float, Field(title="Uptime")]
    usable_tools: Annotated[
        list[str], Field(title="Usable Tools")
    ] = ["ClassifyAndSwitchLLMTool", "ask_oracle", "file_editor", "task_tool_set", "task", "task_tracker", "terminal", "workflow_tool_set", "workflow", "start_child_conversation", "edit", "list_directory", "read_file", "write_file", "glob", "grep", "planning_file_editor"]
    version: Annotated[str, Field(title="Version")] = "1.58.0"
    workspace_version: Annotated[str, Field(title="Workspace Version")] = "unknown"


class SettingProminence(RootModel[Literal["critical", "major", "minor"]]):
    root: Annotated[
        Literal["critical", "major", "minor"], Field(title="SettingProminence")
    ]


class SettingsChoice(WireModel):
    label: Annotated[str, Field(title="Label")]
    value: Annotated[bool | int | float | str, Field(title="Value")]


class SettingsFieldSchema(WireModel):
    choices: Annotated[
        list[SettingsChoice], Field(title="Choices", validate_default=True)
    ] = []
    default: Annotated[Any | None, Field(title="Default")] = None
    depends_on: Annotated[list[str], Field(title="Depends On")] = []
    description: Annotated[str | None, Field(title="Description")] = None
    key: Annotated[str, Field(title="Key")]
    label: Annotated[str, Field(title="Label")]
    prominence: Annotated[SettingProminence, Field(validate_default=True)] = "minor"
    secret: Annotated[bool, Field(title="Secret")] = False
    section: Annotated[str, Field(title="Section")]
    section_label: Annotated[str, Field(title="Section Label")]
    value_type: Annotated[
        Literal["string", "integer", "number", "boolean", "array", "object"],
        Field(title="Value Type"),
    ]
    variant: Annotated[
        str | None,
        Field(
            description="When set, the field only applies to the named ``AgentSettings`` variant (``'openhands'`` or ``'acp'``). The GUI filters fields by the user's current variant; fields with ``variant=None`` are shown regardless.",
            title="Variant",
        ),
    ] = None


class SchemaVersion(RootModel[int]):
    root: Annotated[int, Field(ge=1, title="Schema Version")]


class SettingsSectionSchema(WireModel):
    fields: Annotated[list[SettingsFieldSchema], Field(title="Fields")]
    key: Annotated[str, Field(title="Key")]
    label: Annotated[str, Field(title="Label")]
    variant: Annotated[
        str | None,
        Field(
            description="When set, this section only applies to the named ``AgentSettings`` variant (e.g. ``'openhands'`` or ``'acp'``). The GUI filters sections by the current ``agent_kind`` value; sections with ``variant=None`` are always shown.",
            title="Variant",
        ),
    ] = None


class ActiveAgentProfileId(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Stable id of the active AgentProfile to persist; null clears it.",
            pattern="^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
            title="Active Agent Profile Id",
        ),
    ]


class ActiveMetaProfile(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Name of the active meta-profile to persist; null clears it.",
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            title="Active Meta Profile",
        ),
    ]


class ActiveProfile(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Name of the active LLM profile to persist; null clears it.",
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            title="Active Profile",
        ),
    ]


class SkillCatalogEntry(WireModel):
    """
    A skill an Agent Profile launch can load.
    """

    content: Annotated[str, Field(title="Content")]
    description: Annotated[str | None, Field(title="Description")] = None
    disable_model_invocation: Annotated[
        bool, Field(title="Disable Model Invocation")
    ] = False
    is_agentskills_format: Annotated[bool, Field(title="Is Agentskills Format")] = False
    name: Annotated[str, Field(title="Name")]
    origin: Annotated[
        Literal["public", "user"],
        Field(
            description="`public`: the public extensions catalog. `user`: the user's own skills, including marketplace installs.",
            title="Origin",
        ),
    ]
    source: Annotated[str | None, Field(title="Source")] = None
    triggers: Annotated[list[str], Field(title="Triggers")] = []
    type: Annotated[Literal["repo", "knowledge", "agentskills"], Field(title="Type")]


class SkillCatalogResponse(WireModel):
    """
    Response for ``GET /api/skills/catalog``.
    """

    skills: Annotated[list[SkillCatalogEntry], Field(title="Skills")]


class SkillInfo(WireModel):
    """
    Lightweight representation of a skill's essential information.

    This class provides a standardized, serializable format for skill metadata
    that can be used across different components of the system.
    """

    content: Annotated[str, Field(title="Content")]
    description: Annotated[str | None, Field(title="Description")] = None
    disable_model_invocation: Annotated[
        bool, Field(title="Disable Model Invocation")
    ] = False
    is_agentskills_format: Annotated[bool, Field(title="Is Agentskills Format")] = False
    name: Annotated[str, Field(title="Name")]
    source: Annotated[str | None, Field(title="Source")] = None
    triggers: Annotated[list[str], Field(title="Triggers")] = []
    type: Annotated[Literal["repo", "knowledge", "agentskills"], Field(title="Type")]


class SkillResources(WireModel):
    """
    Resource directories for a skill (AgentSkills standard).

    Per the AgentSkills specification, skills can include:
    - scripts/: Executable scripts the agent can run
    - references/: Reference documentation and examples
    - assets/: Static assets (images, data files, etc.)
    """

    assets: Annotated[
        list[str],
        Field(
            description="List of asset files in assets/ directory (relative paths)",
            title="Assets",
        ),
    ] = []
    references: Annotated[
        list[str],
        Field(
            description="List of reference files in references/ directory (relative paths)",
            title="References",
        ),
    ] = []
    scripts: Annotated[
        list[str],
        Field(
            description="List of script files in scripts/ directory (relative paths)",
            title="Scripts",
        ),
    ] = []
    skill_root: Annotated[
        str,
        Field(
            description="Root directory of the skill (absolute path)",
            title="Skill Root",
        ),
    ]


class SkillsRequest(WireModel):
    """
    Request body for loading skills.
    """

    load_org: Annotated[
        bool, Field(description="Load organization-level skills", title="Load Org")
    ] = True
    load_project: Annotated[
        bool,
        Field(description="Load project skills from workspace", title="Load Project"),
    ] = True
    load_public: Annotated[
        bool,
        Field(
            description="Load public skills from OpenHands/extensions repo",
            title="Load Public",
        ),
    ] = True
    load_user: Annotated[
        bool,
        Field(
            description="Load user skills from ~/.openhands/skills/", title="Load User"
        ),
    ] = True
    marketplace_path: Annotated[
        str | None,
        Field(
            description="Relative marketplace JSON path for public skills. Set to null to load all public skills.",
            title="Marketplace Path",
        ),
    ] = "marketplaces/default.json"
    org_configs: Annotated[
        list[OrgConfig] | None,
        Field(
            description="Organization/user skill repositories to load concurrently",
            title="Org Configs",
        ),
    ] = None
    project_dir: Annotated[
        str | None,
        Field(
            description="Workspace directory path for project skills",
            title="Project Dir",
        ),
    ] = None
    registered_marketplaces: Annotated[
        list[MarketplaceRegistration],
        Field(
            description="Marketplace registrations for plugin-based skill loading. Registrations with auto_load=True or a list of plugin names add their skills to the public skills.",
            title="Registered Marketplaces",
            validate_default=True,
        ),
    ] = []
    sandbox_config: Annotated[
        SandboxConfig | None, Field(description="Sandbox skills configuration")
    ] = None


class SkillsResponse(WireModel):
    """
    Response containing all available skills.
    """

    skills: Annotated[list[SkillInfo], Field(title="Skills")]
    sources: Annotated[
        dict[str, int],
        Field(description="Count of skills loaded from each source", title="Sources"),
    ] = {}


class StartChildConversationAction(WireModel):
    """
    Action that starts a child conversation on the parent's backend.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    isolation: Annotated[
        Literal["worktree", "shared"],
        Field(
            description="'worktree' gives the child its own git worktree and branch when the workspace is a git repository; 'shared' runs it in the same directory.",
            title="Isolation",
        ),
    ] = "worktree"
    kind: Annotated[Literal["StartChildConversationAction"], Field(title="Kind")]
    task: Annotated[
        str,
        Field(
            description="Self-contained brief for the child: the goal, relevant files or paths, constraints, and the expected deliverable. The child cannot see this conversation's history.",
            title="Task",
        ),
    ]
    title: Annotated[
        str | None,
        Field(
            description="Optional short title for the child conversation.",
            title="Title",
        ),
    ] = None


class StartChildConversationRequest(WireModel):
    """
    Payload to start a child conversation on the same backend as its parent.

    Sent by the ``start_child_conversation`` tool to a child-launch endpoint:
    the agent-server's ``POST /api/conversations/{id}/children`` by default, or
    an equivalent launcher supplied by the backend hosting the parent.
    """

    isolation: Annotated[
        Literal["worktree", "shared"],
        Field(
            description="Workspace isolation for the child. 'worktree' runs it in a git worktree carved from the parent's workspace when that workspace is a git repository; 'shared' runs it in the parent's directory. Backends that manage workspaces themselves may ignore this.",
            title="Isolation",
        ),
    ] = "worktree"
    task: Annotated[
        str,
        Field(
            description="Self-contained brief delivered to the child as its first user message.",
            min_length=1,
            title="Task",
        ),
    ]
    title: Annotated[
        str | None,
        Field(description="Optional title for the child conversation.", title="Title"),
    ] = None


class StartChildConversationResponse(WireModel):
    """
    Result of a child conversation launch, returned to the parent agent.
    """

    conversation_id: Annotated[UUID, Field(title="Conversation Id")]
    isolation: Annotated[
        Literal["worktree", "shared"] | None,
        Field(
            description="Workspace isolation actually applied, when known.",
            title="Isolation",
        ),
    ] = None
    parent_conversation_id: Annotated[UUID, Field(title="Parent Conversation Id")]
    status: Annotated[
        str,
        Field(
            description="Initial launch status reported by the backend.", title="Status"
        ),
    ]
    title: Annotated[str | None, Field(title="Title")] = None
    url: Annotated[
        str | None,
        Field(
            description="Link to the child conversation, when the backend knows it.",
            title="Url",
        ),
    ] = None
    workspace: Annotated[
        str | None,
        Field(
            description="Working directory of the child, when known.", title="Workspace"
        ),
    ] = None


class Prompt(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Optional prompt that replaces the default title-generation user message. Use {conversation_content} to place the first user message and {max_length} to place the title length limit. If the conversation placeholder is omitted, the message is appended automatically. Empty or unset values use the default prompt.",
            max_length=2000,
            title="Prompt",
        ),
    ]


class StartGoalRequest(WireModel):
    """
    Payload to start a ``/goal`` loop inside a conversation.
    """

    max_iterations: Annotated[
        int,
        Field(
            description="Maximum audit rounds before giving up.",
            ge=1,
            title="Max Iterations",
        ),
    ] = 10
    objective: Annotated[
        str,
        Field(description="The goal objective to pursue and audit.", title="Objective"),
    ]


class StaticSecretInput(WireModel):
    """
    A secret stored locally
    """

    description: Annotated[
        str | None,
        Field(description="Optional description for this secret", title="Description"),
    ] = None
    kind: Annotated[Literal["StaticSecret"], Field(title="Kind")]
    value: Annotated[SecretStr | None, Field(title="Value")] = None


class StaticSecretOutput(WireModel):
    """
    A secret stored locally
    """

    description: Annotated[
        str | None,
        Field(description="Optional description for this secret", title="Description"),
    ] = None
    kind: Annotated[Literal["StaticSecret"], Field(title="Kind")]
    value: Annotated[SecretStr | None, Field(title="Value")] = None


class StreamingDeltaEvent(WireModel):
    """
    Transient LLM token delta for real-time WebSocket delivery.

    Not persisted to the conversation event log: these events are published
    directly to PubSub, bypassing the callback chain that writes to
    ConversationState.events. Clients reconnecting mid-stream will receive
    the final MessageEvent from history but none of the deltas that produced
    it — deltas are a UX affordance, not part of the durable conversation
    record.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[str | None, Field(title="Content")] = None
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["StreamingDeltaEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    reasoning_content: Annotated[str | None, Field(title="Reasoning Content")] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "agent"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class SubAgentsRequest(WireModel):
    """
    Request body for listing sub-agents.
    """

    load_builtin: Annotated[
        bool,
        Field(
            description="Load SDK built-in agents (general-purpose, code-explorer, ...)",
            title="Load Builtin",
        ),
    ] = True
    load_project: Annotated[
        bool,
        Field(
            description="Load project agents from the workspace", title="Load Project"
        ),
    ] = True
    load_user: Annotated[
        bool,
        Field(
            description="Load user agents from ~/.agents/agents and ~/.openhands/agents",
            title="Load User",
        ),
    ] = True
    project_dir: Annotated[
        str | None,
        Field(
            description="Workspace directory path for project agents",
            title="Project Dir",
        ),
    ] = None


class SubdirectoryEntry(WireModel):
    name: Annotated[str, Field(title="Name")]
    path: Annotated[str, Field(title="Path")]


class SubdirectoryPage(WireModel):
    items: Annotated[list[SubdirectoryEntry], Field(title="Items")]
    next_page_id: Annotated[str | None, Field(title="Next Page Id")] = None


class SubscriptionDevicePollRequest(WireModel):
    """
    Poll request for a previously-started subscription device login.
    """

    device_code: Annotated[str, Field(title="Device Code")]


class SubscriptionDeviceStartResponse(WireModel):
    """
    Device-code challenge details for browser sign-in.
    """

    device_code: Annotated[
        str, Field(description="Opaque server-side polling token.", title="Device Code")
    ]
    expires_at: Annotated[int, Field(title="Expires At")]
    interval_seconds: Annotated[int, Field(title="Interval Seconds")]
    user_code: Annotated[str, Field(title="User Code")]
    verification_uri: Annotated[str, Field(title="Verification Uri")]
    verification_uri_complete: Annotated[
        str | None, Field(title="Verification Uri Complete")
    ] = None


class SubscriptionModelsResponse(WireModel):
    """
    Models available through a subscription provider.
    """

    models: Annotated[list[str], Field(title="Models")]
    vendor: Annotated[str, Field(title="Vendor")] = "openai"


class SubscriptionStatusResponse(WireModel):
    """
    Safe subscription authentication status.
    """

    account_email: Annotated[str | None, Field(title="Account Email")] = None
    connected: Annotated[bool, Field(title="Connected")]
    expires_at: Annotated[int | None, Field(title="Expires At")] = None
    vendor: Annotated[str, Field(title="Vendor")] = "openai"


class Success(WireModel):
    success: Annotated[bool, Field(title="Success")] = True


class SwitchLLMAction(WireModel):
    """
    Action for switching this conversation to a saved LLM profile.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["SwitchLLMAction"], Field(title="Kind")]
    profile_name: Annotated[
        str,
        Field(
            description="Name of the saved LLM profile to use for future agent steps.",
            title="Profile Name",
        ),
    ]
    reason: Annotated[
        str,
        Field(
            description="Brief reason why this profile is a better fit for the next step.",
            title="Reason",
        ),
    ]


class SyncResponse(WireModel):
    """
    Response from skill sync operation.
    """

    message: Annotated[str, Field(title="Message")]
    status: Annotated[Literal["success", "error"], Field(title="Status")]


class TaskAction(WireModel):
    """
    Schema for launching a sub-agent task.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    description: Annotated[
        str | None,
        Field(
            description="A short (3-5 word) description of the task.",
            title="Description",
        ),
    ] = None
    kind: Annotated[Literal["TaskAction"], Field(title="Kind")]
    prompt: Annotated[
        str, Field(description="The task for the agent to perform.", title="Prompt")
    ]
    resume: Annotated[
        str | None,
        Field(description="Task ID of the task to resume from.", title="Resume"),
    ] = None
    subagent_type: Annotated[
        str,
        Field(
            description="The type of specialized agent to use for this task.",
            title="Subagent Type",
        ),
    ] = "general-purpose"


class TaskItem(WireModel):
    notes: Annotated[
        str,
        Field(description="Additional details or notes about the task.", title="Notes"),
    ] = ""
    status: Annotated[
        Literal["todo", "in_progress", "done"],
        Field(
            description="The current status of the task. One of 'todo', 'in_progress', or 'done'.",
            title="Status",
        ),
    ] = "todo"
    title: Annotated[
        str, Field(description="A brief title for the task.", title="Title")
    ]


class TaskTrackerAction(WireModel):
    """
    An action where the agent writes or updates a task list for task management.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["view", "plan"],
        Field(
            description="The command to execute. `view` shows the current task list. `plan` creates or updates the task list based on provided requirements and progress. Always `view` the current list before making changes.",
            title="Command",
        ),
    ] = "view"
    kind: Annotated[Literal["TaskTrackerAction"], Field(title="Kind")]
    task_list: Annotated[
        list[TaskItem],
        Field(
            description="The full task list. Required parameter of `plan` command.",
            title="Task List",
            validate_default=True,
        ),
    ] = []


class TaskTrigger(WireModel):
    """
    Trigger for task-specific skills.

    These skills are activated for specific task types and can modify prompts.
    """

    triggers: Annotated[list[str], Field(title="Triggers")]
    type: Annotated[Literal["task"], Field(title="Type")] = "task"


class TelemetrySpec(WireModel):
    """
    Deployment-supplied product-analytics transport settings.

    This carries transport plus the non-identifying deployment tag. Whether
    telemetry may be delivered is resolved from consent
    (``misc_settings.telemetry.consent``, optionally seeded or overridden by
    ``OH_TELEMETRY_CONSENT``).
    """

    deployment_kind: Annotated[
        Literal["local", "remote"],
        Field(
            description="Deployment kind attached to diagnostic events. Use 'remote' for hosted OpenHands and 'local' for self-hosted or developer runs.",
            title="Deployment Kind",
        ),
    ] = "local"
    event_buffer_size: Annotated[
        int,
        Field(
            description="Maximum events per delivery batch.",
            ge=1,
            title="Event Buffer Size",
        ),
    ] = 20
    exporter: Annotated[
        Literal["none", "posthog", "http"],
        Field(
            description="Exporter to use. 'none' (the default) never delivers, and is what library and headless consumers get. 'posthog' requires the [posthog] extra. 'http' POSTs sanitized batches to telemetry_http_endpoint.",
            title="Exporter",
        ),
    ] = "none"
    flush_delay: Annotated[
        float,
        Field(
            description="Seconds to wait before flushing a partial batch.",
            gt=0.0,
            title="Flush Delay",
        ),
    ] = 30.0
    http_endpoint: Annotated[
        str | None,
        Field(
            description="Endpoint the 'http' exporter POSTs sanitized event batches to. Intended to front a backend that revalidates auth and consent before forwarding onward.",
            title="Http Endpoint",
        ),
    ] = None
    http_token: Annotated[
        SecretStr | None,
        Field(
            description="Bearer token sent by the 'http' exporter, if required.",
            title="Http Token",
        ),
    ] = None
    max_queue_size: Annotated[
        int,
        Field(
            description="Upper bound on buffered diagnostic events. The queue is bounded on ingest: past this many events the oldest are dropped, so a failing exporter cannot grow memory without limit.",
            ge=1,
            title="Max Queue Size",
        ),
    ] = 1000
    num_retries: Annotated[
        int,
        Field(
            description="Retries before a batch is dropped.", ge=0, title="Num Retries"
        ),
    ] = 2
    posthog_api_key: Annotated[
        SecretStr | None,
        Field(
            description="PostHog project API key. Required by the 'posthog' exporter; without it telemetry stays inactive.",
            title="Posthog Api Key",
        ),
    ] = None
    posthog_host: Annotated[
        str, Field(description="PostHog ingestion host.", title="Posthog Host")
    ] = "https://us.i.posthog.com"
    retry_delay: Annotated[
        float,
        Field(
            description="Base seconds between delivery retries.",
            ge=0.0,
            title="Retry Delay",
        ),
    ] = 5.0
    salt: Annotated[
        SecretStr | None,
        Field(
            description="Key used to pseudonymize conversation identifiers. Falls back to the server's secret key (OH_SECRET_KEY, which defaults to the first session API key), so pseudonyms stay stable and linkable across restarts until that key changes. Only when there is no secret key either is a random key generated per process, which makes pseudonyms unlinkable across runs.",
            title="Salt",
        ),
    ] = None


class Timeout2(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Optional. Sets a maximum time limit (in seconds) for running the command. If the command takes longer than this limit, you’ll be asked whether to continue or stop it. If you don’t set a value, the command will instead pause and ask for confirmation when it produces no new output for 30 seconds. Use a higher value if the command is expected to take a long time (like installation or testing), or if it has a known fixed duration (like sleep).",
            ge=0.0,
            title="Timeout",
        ),
    ]


class TerminalAction(WireModel):
    """
    Schema for terminal command execution.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        str,
        Field(
            description="The shell command to execute. Can be empty string to view additional logs when the previous exit code is `-1`. Can be a special key name when `is_input` is True: `C-c` (Ctrl+C), `C-d` (Ctrl+D/EOF), `C-z` (Ctrl+Z), or any `C-<letter>` for Ctrl sequences; navigation keys `UP`, `DOWN`, `LEFT`, `RIGHT`, `HOME`, `END`, `PGUP`, `PGDN`; and `TAB`, `ESC`, `BS` (Backspace), `ENTER`. You can only execute one command at a time. Use the platform-appropriate shell syntax described in the tool description when chaining commands.",
            title="Command",
        ),
    ]
    is_input: Annotated[
        bool,
        Field(
            description="If True, the command is an input to the running process. If False, the command is executed in the terminal session. Default is False.",
            title="Is Input",
        ),
    ] = False
    kind: Annotated[Literal["TerminalAction"], Field(title="Kind")]
    reset: Annotated[
        bool,
        Field(
            description="If True, reset the terminal by creating a new session. Use this only when the terminal becomes unresponsive. Note that all previously set environment variables and session state will be lost after reset. Cannot be used with is_input=True.",
            title="Reset",
        ),
    ] = False
    timeout: Annotated[
        Timeout2 | None,
        Field(
            description="Optional. Sets a maximum time limit (in seconds) for running the command. If the command takes longer than this limit, you’ll be asked whether to continue or stop it. If you don’t set a value, the command will instead pause and ask for confirmation when it produces no new output for 30 seconds. Use a higher value if the command is expected to take a long time (like installation or testing), or if it has a known fixed duration (like sleep).",
            title="Timeout",
        ),
    ] = None


class TextContent(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    cache_prompt: Annotated[bool, Field(title="Cache Prompt")] = False
    text: Annotated[str, Field(title="Text")]
    type: Annotated[Literal["text"], Field(title="Type")] = "text"


class ThinkAction(WireModel):
    """
    Action for logging a thought without making any changes.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["ThinkAction"], Field(title="Kind")]
    thought: Annotated[str, Field(description="The thought to log.", title="Thought")]


class ThinkObservation(WireModel):
    """
    Observation returned after logging a thought.
    The ThinkAction itself contains the thought logged so no extra
    fields are needed here.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["ThinkObservation"], Field(title="Kind")]


class ThinkingBlock(WireModel):
    """
    Anthropic thinking block for extended thinking feature.

    This represents the raw thinking blocks returned by Anthropic models
    when extended thinking is enabled. These blocks must be preserved
    and passed back to the API for tool use scenarios.
    """

    signature: Annotated[
        str | None,
        Field(
            description="Cryptographic signature for the thinking block",
            title="Signature",
        ),
    ] = None
    thinking: Annotated[
        str, Field(description="The thinking content", title="Thinking")
    ]
    type: Annotated[Literal["thinking"], Field(title="Type")] = "thinking"


class TokenEvent(WireModel):
    """
    Event from VLLM representing token IDs used in LLM interaction.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["TokenEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    prompt_token_ids: Annotated[
        list[int],
        Field(
            description="The exact prompt token IDs for this message event",
            title="Prompt Token Ids",
        ),
    ]
    response_token_ids: Annotated[
        list[int],
        Field(
            description="The exact response token IDs for this message event",
            title="Response Token Ids",
        ),
    ]
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class TokenUsage(WireModel):
    """
    Metric tracking detailed token usage per completion call.
    """

    cache_read_tokens: Annotated[
        int,
        Field(
            description="Cache read tokens must be non-negative",
            ge=0,
            title="Cache Read Tokens",
        ),
    ] = 0
    cache_write_tokens: Annotated[
        int,
        Field(
            description="Cache write tokens must be non-negative",
            ge=0,
            title="Cache Write Tokens",
        ),
    ] = 0
    completion_tokens: Annotated[
        int,
        Field(
            description="Completion tokens must be non-negative",
            ge=0,
            title="Completion Tokens",
        ),
    ] = 0
    context_window: Annotated[
        int,
        Field(
            description="Context window must be non-negative",
            ge=0,
            title="Context Window",
        ),
    ] = 0
    model: Annotated[str, Field(title="Model")] = ""
    per_turn_token: Annotated[
        int,
        Field(
            description="Per turn tokens must be non-negative",
            ge=0,
            title="Per Turn Token",
        ),
    ] = 0
    prompt_tokens: Annotated[
        int,
        Field(
            description="Prompt tokens must be non-negative",
            ge=0,
            title="Prompt Tokens",
        ),
    ] = 0
    reasoning_tokens: Annotated[
        int,
        Field(
            description="Reasoning tokens must be non-negative",
            ge=0,
            title="Reasoning Tokens",
        ),
    ] = 0
    response_id: Annotated[str, Field(title="Response Id")] = ""


class ToolInput(WireModel):
    """
    Defines a tool to be initialized for the agent.

    This is only used in agent-sdk for type schema for server use.
    """

    name: Annotated[
        str,
        Field(
            description="Name of the tool class, e.g., 'TerminalTool'. Import it from an `openhands.tools.<module>` subpackage.",
            examples=["TerminalTool", "FileEditorTool", "TaskTrackerTool"],
            title="Name",
        ),
    ]
    params: Annotated[
        dict[str, Any],
        Field(
            description="Parameters for the tool's .create() method, e.g., {'working_dir': '/app'}",
            examples=[{"working_dir": "/workspace"}],
            title="Params",
        ),
    ] = {}


class ToolAnnotationsInput(WireModel):
    """
    Annotations to provide hints about the tool's behavior.

    Based on Model Context Protocol (MCP) spec:
    https://github.com/modelcontextprotocol/modelcontextprotocol/blob/caf3424488b10b4a7b1f8cb634244a450a1f4400/schema/2025-06-18/schema.ts#L838
    """

    destructiveHint: Annotated[
        bool,
        Field(
            description="If true, the tool may perform destructive updates to its environment. If false, the tool performs only additive updates. (This property is meaningful only when `readOnlyHint == false`) Default: true",
            title="Destructivehint",
        ),
    ] = True
    idempotentHint: Annotated[
        bool,
        Field(
            description="If true, calling the tool repeatedly with the same arguments will have no additional effect on the its environment. (This property is meaningful only when `readOnlyHint == false`) Default: false",
            title="Idempotenthint",
        ),
    ] = False
    openWorldHint: Annotated[
        bool,
        Field(
            description="If true, this tool may interact with an 'open world' of external entities. If false, the tool's domain of interaction is closed. For example, the world of a web search tool is open, whereas that of a memory tool is not. Default: true",
            title="Openworldhint",
        ),
    ] = True
    readOnlyHint: Annotated[
        bool,
        Field(
            description="If true, the tool does not modify its environment. Default: false",
            title="Readonlyhint",
        ),
    ] = False
    title: Annotated[
        str | None,
        Field(description="A human-readable title for the tool.", title="Title"),
    ] = None


class ToolCatalogEntry(WireModel):
    """
    A registered tool as offered to clients configuring an agent.
    """

    description: Annotated[str, Field(title="Description")] = ""
    in_default_set: Annotated[bool, Field(title="In Default Set")] = False
    name: Annotated[str, Field(title="Name")]
    usable: Annotated[bool, Field(title="Usable")] = True
    user_selectable: Annotated[bool, Field(title="User Selectable")] = True


class ToolCatalogResponse(WireModel):
    tools: Annotated[list[ToolCatalogEntry], Field(title="Tools")]


class ToolExecution(WireModel):
    """
    Execution-related properties for a tool.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    taskSupport: Annotated[
        Literal["forbidden", "optional", "required"] | None, Field(title="Tasksupport")
    ] = None


class ToolShieldLLMSecurityAnalyzerInput(WireModel):
    """
    Evaluate each action via a separate guardrail LLM.

    Pairs with the existing ``ConfirmRisky`` policy unchanged: this
    analyzer only *assigns* the risk level; ``ConfirmRisky`` decides
    whether to pause for user confirmation.

    By default the analyzer runs as a bare guardrail (no distilled
    safety experiences). To enable the ToolShield seed, install
    ``pip install openhands-sdk[toolshield]`` and pass the rendered
    experiences via the ``safety_experiences`` field -- typically via
    one of the helpers (``default_safety_experiences()``,
    ``load_safety_experiences(...)``, ``auto_detect_safety_experiences()``).
    Tested against ``toolshield>=0.1.3,<0.2``.

    Note: ``reasoning_content`` and ``thinking_blocks`` from extended-
    thinking models are deliberately excluded from the guardrail
    context. The risk signal lives in the tool call's name and
    arguments; including reasoning text would inflate the prompt
    without proportional safety gain. Subclasses needing reasoning
    visibility should override :func:`_format_action_for_guardrail`.

    Lifecycle: instances maintain a per-conversation deque of recent
    actions (``history_window`` items) for guardrail context. Each
    instance is intended for SINGLE-CONVERSATION use. Reusing one
    analyzer instance across multiple conversations will leak action
    history between them, which is both a privacy issue (conversation
    A's tool arguments visible in conversation B's guardrail prompt)
    and a correctness issue (the guardrail evaluates conversation B's
    actions against irrelevant history). Construct one analyzer per
    conversation, OR call :meth:`reset_history` at conversation
    boundaries.

    The recent-action-context propagation across analyzers (this one,
    :class:`LLMSecurityAnalyzer`, :class:`GraySwanAnalyzer`) is tracked
    for convergence in a separate follow-up; until that lands,
    single-conversation lifecycle is the contract.

    Failure modes are consistent and ensemble-safe -- both an
    infrastructure error (network, rate limit) and a parse failure
    (the guardrail responded but its output had no parseable
    ``RISK:`` label) return ``SecurityRisk.UNKNOWN``. ``ConfirmRisky``
    with ``confirm_unknown=True`` then pauses for user confirmation,
    matching the conservative posture without dominating ``max()`` in
    ensemble fusion.
    """

    history_window: Annotated[
        int,
        Field(
            description="Number of prior actions to include as context.",
            title="History Window",
        ),
    ] = 20
    kind: Annotated[Literal["ToolShieldLLMSecurityAnalyzer"], Field(title="Kind")]
    llm: Annotated[
        LLMInput,
        Field(
            description="LLM used as the guardrail. Can be a smaller/cheaper model than the actor LLM; only the model's ability to classify action risk matters."
        ),
    ]
    safety_experiences: Annotated[
        str,
        Field(
            description='Pre-generated safety guidelines injected into the guardrail\'s system prompt.\n- ``""`` (default): bare guardrail -- no experiences. The analyzer still separates actor from judge; it just classifies without distilled tool-specific guidance.\n- Any non-empty string: used as-is. The intended pattern is to call one of the helpers (``default_safety_experiences()``, ``load_safety_experiences(tool_names)``, ``auto_detect_safety_experiences()``) which require the ``[toolshield]`` optional extra (``pip install openhands-sdk[toolshield]``). Callers with their own source of guidelines can pass any custom string.',
            title="Safety Experiences",
        ),
    ] = ""


class ToolShieldLLMSecurityAnalyzerOutput(WireModel):
    """
    Evaluate each action via a separate guardrail LLM.

    Pairs with the existing ``ConfirmRisky`` policy unchanged: this
    analyzer only *assigns* the risk level; ``ConfirmRisky`` decides
    whether to pause for user confirmation.

    By default the analyzer runs as a bare guardrail (no distilled
    safety experiences). To enable the ToolShield seed, install
    ``pip install openhands-sdk[toolshield]`` and pass the rendered
    experiences via the ``safety_experiences`` field -- typically via
    one of the helpers (``default_safety_experiences()``,
    ``load_safety_experiences(...)``, ``auto_detect_safety_experiences()``).
    Tested against ``toolshield>=0.1.3,<0.2``.

    Note: ``reasoning_content`` and ``thinking_blocks`` from extended-
    thinking models are deliberately excluded from the guardrail
    context. The risk signal lives in the tool call's name and
    arguments; including reasoning text would inflate the prompt
    without proportional safety gain. Subclasses needing reasoning
    visibility should override :func:`_format_action_for_guardrail`.

    Lifecycle: instances maintain a per-conversation deque of recent
    actions (``history_window`` items) for guardrail context. Each
    instance is intended for SINGLE-CONVERSATION use. Reusing one
    analyzer instance across multiple conversations will leak action
    history between them, which is both a privacy issue (conversation
    A's tool arguments visible in conversation B's guardrail prompt)
    and a correctness issue (the guardrail evaluates conversation B's
    actions against irrelevant history). Construct one analyzer per
    conversation, OR call :meth:`reset_history` at conversation
    boundaries.

    The recent-action-context propagation across analyzers (this one,
    :class:`LLMSecurityAnalyzer`, :class:`GraySwanAnalyzer`) is tracked
    for convergence in a separate follow-up; until that lands,
    single-conversation lifecycle is the contract.

    Failure modes are consistent and ensemble-safe -- both an
    infrastructure error (network, rate limit) and a parse failure
    (the guardrail responded but its output had no parseable
    ``RISK:`` label) return ``SecurityRisk.UNKNOWN``. ``ConfirmRisky``
    with ``confirm_unknown=True`` then pauses for user confirmation,
    matching the conservative posture without dominating ``max()`` in
    ensemble fusion.
    """

    history_window: Annotated[
        int,
        Field(
            description="Number of prior actions to include as context.",
            title="History Window",
        ),
    ] = 20
    kind: Annotated[Literal["ToolShieldLLMSecurityAnalyzer"], Field(title="Kind")]
    llm: Annotated[
        LLMOutput,
        Field(
            description="LLM used as the guardrail. Can be a smaller/cheaper model than the actor LLM; only the model's ability to classify action risk matters."
        ),
    ]
    safety_experiences: Annotated[
        str,
        Field(
            description='Pre-generated safety guidelines injected into the guardrail\'s system prompt.\n- ``""`` (default): bare guardrail -- no experiences. The analyzer still separates actor from judge; it just classifies without distilled tool-specific guidance.\n- Any non-empty string: used as-is. The intended pattern is to call one of the helpers (``default_safety_experiences()``, ``load_safety_experiences(tool_names)``, ``auto_detect_safety_experiences()``) which require the ``[toolshield]`` optional extra (``pip install openhands-sdk[toolshield]``). Callers with their own source of guidelines can pass any custom string.',
            title="Safety Experiences",
        ),
    ] = ""


class TopLogprob(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    bytes: Annotated[list[int] | None, Field(title="Bytes")] = None
    logprob: Annotated[float, Field(title="Logprob")]
    token: Annotated[str, Field(title="Token")]


class TraceMetadataValue(
    RootModel[
        str
        | bool
        | int
        | float
        | list[str]
        | list[bool]
        | list[int]
        | list[float]
    ]
):
    root: str | bool | int | float | list[str] | list[bool] | list[int] | list[float]


class UninstallCanvasExtensionResponse(WireModel):
    """
    Response from a canvas extension uninstall.
    """

    message: Annotated[str, Field(title="Message")]


class UninstallPluginResponse(WireModel):
    """
    Response from a plugin uninstall.
    """

    message: Annotated[str, Field(title="Message")]


class UninstallSkillResponse(WireModel):
    """
    Response from skill uninstall operation.
    """

    message: Annotated[str, Field(title="Message")]


class UpdateCanvasExtensionStateRequest(WireModel):
    """
    Request body for updating canvas extension state (enable/disable).
    """

    enabled: Annotated[bool, Field(title="Enabled")]


class UpdateCanvasExtensionStateResponse(WireModel):
    """
    Response from a canvas extension state update.
    """

    enabled: Annotated[bool, Field(title="Enabled")]
    name: Annotated[str, Field(title="Name")]


class Title1(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="New conversation title",
            max_length=200,
            min_length=1,
            title="Title",
        ),
    ]


class UpdateConversationRequest(OptionalConversationTagsModel):
    """
    Payload to update conversation metadata.
    """

    tags: Annotated[
        dict[str, str] | None,
        Field(
            description="Key-value tags to set on the conversation. Keys must be lowercase alphanumeric. Values are arbitrary strings up to 256 characters. Replaces all existing tags when provided.",
            title="Tags",
        ),
    ] = None
    title: Annotated[
        Title1 | None, Field(description="New conversation title", title="Title")
    ] = None


class UpdatePluginStateRequest(WireModel):
    """
    Request body for updating plugin state (enable/disable).
    """

    enabled: Annotated[bool, Field(title="Enabled")]


class UpdatePluginStateResponse(WireModel):
    """
    Response from a plugin state update.
    """

    enabled: Annotated[bool, Field(title="Enabled")]
    name: Annotated[str, Field(title="Name")]


class UpdateSkillResponse(WireModel):
    """
    Response from skill update operation.
    """

    message: Annotated[str, Field(title="Message")]
    skill: InstalledSkillResponse


class UpdateSkillStateRequest(WireModel):
    """
    Request body for updating skill state (enable/disable).
    """

    enabled: Annotated[bool, Field(title="Enabled")]


class UpdateSkillStateResponse(WireModel):
    """
    Response from skill state update operation.
    """

    enabled: Annotated[bool, Field(title="Enabled")]
    name: Annotated[str, Field(title="Name")]


class UserRejectObservation(WireModel):
    """
    Observation when an action is rejected by user or hook.

    This event is emitted when:
    - User rejects an action during confirmation mode (rejection_source="user")
    - A PreToolUse hook blocks an action (rejection_source="hook")
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    action_id: Annotated[
        str,
        Field(
            description="The action id that this observation is responding to",
            title="Action Id",
        ),
    ]
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["UserRejectObservation"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    rejection_reason: Annotated[
        str,
        Field(description="Reason for rejecting the action", title="Rejection Reason"),
    ] = "User rejected the action"
    rejection_source: Annotated[
        Literal["user", "hook"],
        Field(
            description="Source of the rejection: 'user' for confirmation mode rejections, 'hook' for PreToolUse hook blocks",
            title="Rejection Source",
        ),
    ] = "user"
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    tool_call_id: Annotated[
        str,
        Field(
            description="The tool call id that this observation is responding to",
            title="Tool Call Id",
        ),
    ]
    tool_name: Annotated[
        str,
        Field(
            description="The tool name that this observation is responding to",
            title="Tool Name",
        ),
    ]


class VSCodeUrlResponse(WireModel):
    """
    Response model for VSCode URL.
    """

    url: Annotated[str | None, Field(title="Url")]


class ValidateProfileError(WireModel):
    """
    Structured error returned when validation fails.
    """

    message: Annotated[str, Field(title="Message")]
    type: Annotated[str, Field(title="Type")]


class ValidateProfileRequest(WireModel):
    """
    Request body for LLM pre-flight validation.

    Accepts an LLM config (same shape as ``SaveProfileRequest.llm``) so the
    frontend can validate a draft *before* persisting it.
    """

    llm: LLMInput


class ValidateProfileResponse(WireModel):
    """
    Result of an LLM pre-flight check.
    """

    error: ValidateProfileError | None = None
    valid: Annotated[bool, Field(title="Valid")]


class ValidationError(WireModel):
    ctx: Annotated[dict[str, Any] | None, Field(title="Context")] = None
    input: Annotated[Any | None, Field(title="Input")] = None
    loc: Annotated[list[str | int], Field(title="Location")]
    msg: Annotated[str, Field(title="Message")]
    type: Annotated[str, Field(title="Error Type")]


class VerifiedModelsResponse(WireModel):
    """
    Response containing verified LLM models organized by provider.
    """

    models: Annotated[dict[str, list[str]], Field(title="Models")]


class VisionInspectAction(WireModel):
    """
    Action for asking a vision model about an attached image.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    image_index: Annotated[
        int,
        Field(
            description="Zero-based index of the image to inspect from the latest user message.",
            ge=0,
            title="Image Index",
        ),
    ]
    kind: Annotated[Literal["VisionInspectAction"], Field(title="Kind")]
    profile_name: Annotated[
        str | None,
        Field(
            description="Optional saved vision-capable LLM profile name. If omitted, the first available vision profile listed in the tool description is used.",
            title="Profile Name",
        ),
    ] = None
    question: Annotated[
        str,
        Field(
            description="Question to ask the vision model about the selected image.",
            min_length=1,
            title="Question",
        ),
    ]


class VisionInspectObservation(WireModel):
    """
    Observation returned after a vision model inspects an image.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    answer: Annotated[
        str | None,
        Field(description="Text answer returned by the vision model.", title="Answer"),
    ] = None
    base_url: Annotated[
        str | None,
        Field(
            description="Vision-capable LLM endpoint used for inspection.",
            title="Base Url",
        ),
    ] = None
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    image_index: Annotated[
        int, Field(description="Image index that was inspected.", title="Image Index")
    ]
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["VisionInspectObservation"], Field(title="Kind")]
    model: Annotated[
        str | None,
        Field(description="Vision-capable model used for inspection.", title="Model"),
    ] = None
    profile_name: Annotated[
        str | None,
        Field(
            description="Vision-capable profile used for inspection.",
            title="Profile Name",
        ),
    ] = None
    question: Annotated[
        str, Field(description="Question asked of the vision model.", title="Question")
    ]


class WebhookSpec(WireModel):
    """
    Spec to create a webhook. All webhook requests use POST method.
    """

    base_url: Annotated[
        str,
        Field(
            description="The base URL of the webhook service. Event batches are sent to {base_url}/events/{conversation_id.hex} (the conversation id without dashes) and conversation info to {base_url}/conversations",
            title="Base Url",
        ),
    ]
    event_buffer_size: Annotated[
        int,
        Field(
            description="The number of events to buffer locally before posting to the webhook",
            ge=1,
            title="Event Buffer Size",
        ),
    ] = 5
    flush_delay: Annotated[
        float,
        Field(
            description="The delay in seconds after which buffered events will be flushed to the webhook, even if the buffer is not full. The timer starts when the first event is queued and is not reset by later events.",
            gt=0.0,
            title="Flush Delay",
        ),
    ] = 30.0
    headers: Annotated[dict[str, str], Field(title="Headers")] = {}
    max_batch_bytes: Annotated[
        int,
        Field(
            description="Upper bound on the serialized size of each webhook request. A single event larger than this limit is sent by itself.",
            ge=1,
            title="Max Batch Bytes",
        ),
    ] = 5242880
    max_queue_bytes: Annotated[
        int,
        Field(
            description="Upper bound on the serialized size of events buffered for delivery. The oldest events are dropped when the queue exceeds this bound.",
            ge=1,
            title="Max Queue Bytes",
        ),
    ] = 52428800
    max_queue_size: Annotated[
        int,
        Field(
            description="Upper bound on the number of events buffered for delivery. The oldest events are dropped past this bound to prevent unbounded memory growth.",
            ge=1,
            title="Max Queue Size",
        ),
    ] = 1000
    num_retries: Annotated[
        int,
        Field(
            description="The number of times to retry if the post operation fails",
            ge=0,
            title="Num Retries",
        ),
    ] = 3
    retry_delay: Annotated[
        int, Field(description="The delay between retries", ge=0, title="Retry Delay")
    ] = 5


class WorkflowAction(WireModel):
    """
    Schema for running a Python dynamic workflow script.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[Literal["WorkflowAction"], Field(title="Kind")]
    max_concurrency: Annotated[
        int,
        Field(
            description="Maximum number of sub-agent tasks to run concurrently. Consider 2–4 for LLM-heavy workflows to avoid hitting API rate limits.",
            ge=1,
            le=64,
            title="Max Concurrency",
        ),
    ] = 8
    name: Annotated[
        str, Field(description="A short name for this workflow run.", title="Name")
    ]
    script: Annotated[
        str,
        Field(
            description="Python workflow script to run. It must define `async def main(wf):` and coordinate work only through the provided `wf` object.",
            title="Script",
        ),
    ]


class WorkflowObservation(WireModel):
    """
    Observation from a dynamic workflow run.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["WorkflowObservation"], Field(title="Kind")]
    name: Annotated[
        str, Field(description="The workflow name that was executed.", title="Name")
    ]
    status: Annotated[
        Literal["completed", "error"],
        Field(description="The workflow execution status.", title="Status"),
    ]


class ParentPath(RootModel[str]):
    root: Annotated[str, Field(max_length=4096, title="Parentpath")]


class WorkspaceItem(WireModel):
    id: Annotated[str, Field(max_length=4096, min_length=1, title="Id")]
    name: Annotated[str, Field(max_length=256, min_length=1, title="Name")]
    parentPath: Annotated[ParentPath | None, Field(title="Parentpath")] = None
    path: Annotated[str, Field(max_length=4096, min_length=1, title="Path")]


class WorkspaceParentItem(WireModel):
    id: Annotated[str, Field(max_length=4096, min_length=1, title="Id")]
    name: Annotated[str, Field(max_length=256, min_length=1, title="Name")]
    path: Annotated[str, Field(max_length=4096, min_length=1, title="Path")]


class WorkspacesListResponse(WireModel):
    workspaceParents: Annotated[
        list[WorkspaceParentItem],
        Field(title="Workspaceparents", validate_default=True),
    ] = []
    workspaces: Annotated[
        list[WorkspaceItem], Field(title="Workspaces", validate_default=True)
    ] = []


class WriteFileAction(WireModel):
    """
    Schema for write file operation.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        str, Field(description="The content to write to the file.", title="Content")
    ]
    file_path: Annotated[
        str, Field(description="The path to the file to write to.", title="File Path")
    ]
    kind: Annotated[Literal["WriteFileAction"], Field(title="Kind")]


class WriteFileObservation(WireModel):
    """
    Observation from writing a file.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    file_path: Annotated[
        str | None,
        Field(description="The file path that was written.", title="File Path"),
    ] = None
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    is_new_file: Annotated[
        bool, Field(description="Whether a new file was created.", title="Is New File")
    ] = False
    kind: Annotated[Literal["WriteFileObservation"], Field(title="Kind")]
    new_content: Annotated[
        str | None,
        Field(description="The new content written to the file.", title="New Content"),
    ] = None
    old_content: Annotated[
        str | None,
        Field(
            description="The previous content of the file (if it existed).",
            title="Old Content",
        ),
    ] = None


class FieldStdioMCPServerSpec(WireModel):
    """
    Legacy stdio MCP server spec accepted by the public REST API.
    """

    args: Annotated[list[str], Field(title="Args")] = []
    command: Annotated[
        str, Field(description="Executable to invoke", min_length=1, title="Command")
    ]
    cwd: Annotated[str | None, Field(title="Cwd")] = None
    env: Annotated[dict[str, str], Field(title="Env")] = {}
    type: Annotated[Literal["stdio"], Field(title="Type")] = "stdio"


class McpTypesToolAnnotations(WireModel):
    """
    Additional properties describing a Tool to clients.

    NOTE: all properties in ToolAnnotations are **hints**.
    They are not guaranteed to provide a faithful description of
    tool behavior (including descriptive properties like `title`).

    Clients should never make tool use decisions based on ToolAnnotations
    received from untrusted servers.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    destructiveHint: Annotated[bool | None, Field(title="Destructivehint")] = None
    idempotentHint: Annotated[bool | None, Field(title="Idempotenthint")] = None
    openWorldHint: Annotated[bool | None, Field(title="Openworldhint")] = None
    readOnlyHint: Annotated[bool | None, Field(title="Readonlyhint")] = None
    title: Annotated[str | None, Field(title="Title")] = None


class OpenhandsAgentServerSkillsRouterMarketplaceCatalogResponse(WireModel):
    """
    Response containing the marketplace catalog.
    """

    skills: Annotated[list[MarketplaceSkillInfo], Field(title="Skills")]


class OpenhandsSdkToolSpecTool(WireModel):
    """
    Defines a tool to be initialized for the agent.

    This is only used in agent-sdk for type schema for server use.
    """

    name: Annotated[
        str,
        Field(
            description="Name of the tool class, e.g., 'TerminalTool'. Import it from an `openhands.tools.<module>` subpackage.",
            examples=["TerminalTool", "FileEditorTool", "TaskTrackerTool"],
            title="Name",
        ),
    ]
    params: Annotated[
        dict[str, Any],
        Field(
            description="Parameters for the tool's .create() method, e.g., {'working_dir': '/app'}",
            examples=[{"working_dir": "/workspace"}],
            title="Params",
        ),
    ] = {}


class OpenhandsSdkToolToolToolAnnotations(WireModel):
    """
    Annotations to provide hints about the tool's behavior.

    Based on Model Context Protocol (MCP) spec:
    https://github.com/modelcontextprotocol/modelcontextprotocol/blob/caf3424488b10b4a7b1f8cb634244a450a1f4400/schema/2025-06-18/schema.ts#L838
    """

    destructiveHint: Annotated[
        bool,
        Field(
            description="If true, the tool may perform destructive updates to its environment. If false, the tool performs only additive updates. (This property is meaningful only when `readOnlyHint == false`) Default: true",
            title="Destructivehint",
        ),
    ] = True
    idempotentHint: Annotated[
        bool,
        Field(
            description="If true, calling the tool repeatedly with the same arguments will have no additional effect on the its environment. (This property is meaningful only when `readOnlyHint == false`) Default: false",
            title="Idempotenthint",
        ),
    ] = False
    openWorldHint: Annotated[
        bool,
        Field(
            description="If true, this tool may interact with an 'open world' of external entities. If false, the tool's domain of interaction is closed. For example, the world of a web search tool is open, whereas that of a memory tool is not. Default: true",
            title="Openworldhint",
        ),
    ] = True
    readOnlyHint: Annotated[
        bool,
        Field(
            description="If true, the tool does not modify its environment. Default: false",
            title="Readonlyhint",
        ),
    ] = False
    title: Annotated[
        str | None,
        Field(description="A human-readable title for the tool.", title="Title"),
    ] = None


class ACPModelDiscovery(WireModel):
    """
    What an ACP server reports for a fresh session, before any conversation.
    """

    agent_name: Annotated[
        str | None,
        Field(description="Server name from ``initialize``.", title="Agent Name"),
    ] = None
    agent_version: Annotated[
        str | None,
        Field(description="Server version from ``initialize``.", title="Agent Version"),
    ] = None
    available_models: Annotated[
        list[ACPModelInfo],
        Field(
            description="Models the server offers for the given credentials. Empty when the server does not report any.",
            title="Available Models",
            validate_default=True,
        ),
    ] = []
    current_model_id: Annotated[
        str | None,
        Field(
            description='Model the server picks when none is requested — its own default for the given credentials. May be an opaque alias such as ``"default"``; match it against ``available_models`` for a label.',
            title="Current Model Id",
        ),
    ] = None
    error: Annotated[
        ACPModelDiscoveryError | None,
        Field(description="Set when the server could not start a session."),
    ] = None
    supports_runtime_model_switch: Annotated[
        bool,
        Field(
            description="Whether a conversation can switch among these models live.",
            title="Supports Runtime Model Switch",
        ),
    ] = False


class APIBasedCriticInput(WireModel):
    agent_issue_labels: Annotated[
        list[str], Field(title="Agent Issue Labels")
    ] = ["misunderstood_intention", "did_not_follow_instruction", "insufficient_analysis", "insufficient_clarification", "improper_tool_use_or_setup", "loop_behavior", "insufficient_testing", "insufficient_debugging", "incomplete_implementation", "file_management_errors", "scope_creep", "risky_actions_or_permission", "other_agent_issue"]
    api_key: Annotated[
        str | SecretStr,
        Field(
            description="API key for authenticating with the vLLM service",
            title="Api Key",
        ),
    ]
    has_success_label: Annotated[
        bool,
        Field(
            description="Whether the model predicts success label at index 0",
            title="Has Success Label",
        ),
    ] = True
    infra_labels: Annotated[
        list[str], Field(title="Infra Labels")
    ] = ["infrastructure_external_issue", "infrastructure_agent_caused_issue"]
    issue_threshold: Annotated[
        float,
        Field(
            description="APIBasedCritic-specific probability threshold for agent issue labels that should trigger iterative refinement.",
            ge=0.0,
            le=1.0,
            title="Issue Threshold",
        ),
    ] = 0.75
    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["APIBasedCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"
    model_name: Annotated[
        str, Field(description="Name of the model to use", title="Model Name")
    ] = "critic"
    pass_tools_definitions: Annotated[
        bool,
        Field(
            description="Whether to pass tool definitions to the model",
            title="Pass Tools Definitions",
        ),
    ] = True
    sentiment_labels: Annotated[
        list[str], Field(title="Sentiment Labels")
    ] = ["sentiment_positive", "sentiment_neutral", "sentiment_negative"]
    sentiment_map: Annotated[dict[str, str], Field(title="Sentiment Map")] = {
        "Negative": "sentiment_negative",
        "Neutral": "sentiment_neutral",
        "Positive": "sentiment_positive",
    }
    server_url: Annotated[
        str,
        Field(
            description="Base URL of the vLLM classification service",
            title="Server Url",
        ),
    ] = "https://llm-proxy.app.all-hands.dev/vllm"
    timeout_seconds: Annotated[
        float,
        Field(description="Timeout for requests to the model", title="Timeout Seconds"),
    ] = 300.0
    tokenizer_name: Annotated[
        str,
        Field(
            description="HuggingFace tokenizer name for loading chat template",
            title="Tokenizer Name",
        ),
    ] = "Qwen/Qwen3-4B-Instruct-2507"
    user_followup_labels: Annotated[
        list[str], Field(title="User Followup Labels")
    ] = ["clarification_or_restatement", "correction", "direction_change", "vcs_update_requests", "progress_or_scope_concern", "frustration_or_complaint", "removal_or_reversion_request", "other_user_issue"]


class APIBasedCriticOutput(WireModel):
    agent_issue_labels: Annotated[
        list[str], Field(title="Agent Issue Labels")
    ] = ["misunderstood_intention", "did_not_follow_instruction", "insufficient_analysis", "insufficient_clarification", "improper_tool_use_or_setup", "loop_behavior", "insufficient_testing", "insufficient_debugging", "incomplete_implementation", "file_management_errors", "scope_creep", "risky_actions_or_permission", "other_agent_issue"]
    api_key: Annotated[
        str | SecretStr | None,
        Field(
            description="API key for authenticating with the vLLM service",
            title="Api Key",
        ),
    ]
    has_success_label: Annotated[
        bool,
        Field(
            description="Whether the model predicts success label at index 0",
            title="Has Success Label",
        ),
    ] = True
    infra_labels: Annotated[
        list[str], Field(title="Infra Labels")
    ] = ["infrastructure_external_issue", "infrastructure_agent_caused_issue"]
    issue_threshold: Annotated[
        float,
        Field(
            description="APIBasedCritic-specific probability threshold for agent issue labels that should trigger iterative refinement.",
            ge=0.0,
            le=1.0,
            title="Issue Threshold",
        ),
    ] = 0.75
    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["APIBasedCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"
    model_name: Annotated[
        str, Field(description="Name of the model to use", title="Model Name")
    ] = "critic"
    pass_tools_definitions: Annotated[
        bool,
        Field(
            description="Whether to pass tool definitions to the model",
            title="Pass Tools Definitions",
        ),
    ] = True
    sentiment_labels: Annotated[
        list[str], Field(title="Sentiment Labels")
    ] = ["sentiment_positive", "sentiment_neutral", "sentiment_negative"]
    sentiment_map: Annotated[dict[str, str], Field(title="Sentiment Map")] = {
        "Negative": "sentiment_negative",
        "Neutral": "sentiment_neutral",
        "Positive": "sentiment_positive",
    }
    server_url: Annotated[
        str,
        Field(
            description="Base URL of the vLLM classification service",
            title="Server Url",
        ),
    ] = "https://llm-proxy.app.all-hands.dev/vllm"
    timeout_seconds: Annotated[
        float,
        Field(description="Timeout for requests to the model", title="Timeout Seconds"),
    ] = 300.0
    tokenizer_name: Annotated[
        str,
        Field(
            description="HuggingFace tokenizer name for loading chat template",
            title="Tokenizer Name",
        ),
    ] = "Qwen/Qwen3-4B-Instruct-2507"
    user_followup_labels: Annotated[
        list[str], Field(title="User Followup Labels")
    ] = ["clarification_or_restatement", "correction", "direction_change", "vcs_update_requests", "progress_or_scope_concern", "frustration_or_complaint", "removal_or_reversion_request", "other_user_issue"]


class Action(
    RootModel[
        MCPToolAction
        | ClassifyAndSwitchLLMAction
        | FinishAction
        | InvokeSkillAction
        | SwitchLLMAction
        | ThinkAction
        | VisionInspectAction
        | AskOracleAction
        | BrowserAction
        | BrowserClickAction
        | BrowserCloseTabAction
        | BrowserGetContentAction
        | BrowserGetStateAction
        | BrowserGetStorageAction
        | BrowserGoBackAction
        | BrowserListTabsAction
        | BrowserNavigateAction
        | BrowserScrollAction
        | BrowserSetStorageAction
        | BrowserStartRecordingAction
        | BrowserStopRecordingAction
        | BrowserSwitchTabAction
        | BrowserTypeAction
        | StartChildConversationAction
        | DelegateAction
        | FileEditorAction
        | EditAction
        | ListDirectoryAction
        | ReadFileAction
        | WriteFileAction
        | GlobAction
        | GrepAction
        | PlanningFileEditorAction
        | TaskAction
        | TaskTrackerAction
        | TerminalAction
        | WorkflowAction
    ]
):
    root: Annotated[
        MCPToolAction | ClassifyAndSwitchLLMAction | FinishAction | InvokeSkillAction | SwitchLLMAction | ThinkAction | VisionInspectAction | AskOracleAction | BrowserAction | BrowserClickAction | BrowserCloseTabAction | BrowserGetContentAction | BrowserGetStateAction | BrowserGetStorageAction | BrowserGoBackAction | BrowserListTabsAction | BrowserNavigateAction | BrowserScrollAction | BrowserSetStorageAction | BrowserStartRecordingAction | BrowserStopRecordingAction | BrowserSwitchTabAction | BrowserTypeAction | StartChildConversationAction | DelegateAction | FileEditorAction | EditAction | ListDirectoryAction | ReadFileAction | WriteFileAction | GlobAction | GrepAction | PlanningFileEditorAction | TaskAction | TaskTrackerAction | TerminalAction | WorkflowAction,
        Field(discriminator="kind"),
    ]


class ActionEvent(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    action: Annotated[
        Action | None,
        Field(
            description="Single tool call returned by LLM (None when non-executable)"
        ),
    ] = None
    critic_result: Annotated[
        CriticResult | None,
        Field(
            description="Optional critic evaluation of this action and preceding history."
        ),
    ] = None
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["ActionEvent"], Field(title="Kind")]
    llm_response_id: Annotated[
        str,
        Field(
            description="Completion or Response ID of the LLM response that generated this eventE.g., Can be used to group related actions from same LLM response. This helps in tracking and managing results of parallel function calling from the same LLM response.",
            title="Llm Response Id",
        ),
    ]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    reasoning_content: Annotated[
        str | None,
        Field(
            description="Intermediate reasoning/thinking content from reasoning models",
            title="Reasoning Content",
        ),
    ] = None
    responses_reasoning_item: Annotated[
        ReasoningItemModel | None,
        Field(description="OpenAI Responses reasoning item from model output"),
    ] = None
    security_risk: Annotated[
        SecurityRisk,
        Field(
            description="The LLM's assessment of the safety risk of this action.",
            validate_default=True,
        ),
    ] = "UNKNOWN"
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "agent"
    summary: Annotated[
        str | None,
        Field(
            description="A concise summary (approximately 10 words) of what this action does, provided by the LLM for explainability and debugging. Examples of good summaries: 'editing configuration file for deployment settings' | 'searching codebase for authentication function definitions' | 'installing required dependencies from package manifest' | 'running tests to verify bug fix' | 'viewing directory structure to locate source files'",
            title="Summary",
        ),
    ] = None
    thinking_blocks: Annotated[
        list[ThinkingBlock | RedactedThinkingBlock],
        Field(
            description="Anthropic thinking blocks from the LLM response",
            title="Thinking Blocks",
            validate_default=True,
        ),
    ] = []
    thought: Annotated[
        list[TextContent],
        Field(
            description="The thought process of the agent before taking this action",
            title="Thought",
        ),
    ]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    tool_call: Annotated[
        MessageToolCall,
        Field(
            description="The tool call received from the LLM response. We keep a copy of it so it is easier to construct it into LLM messageThis could be different from `action`: e.g., `tool_call` may contain `security_risk` field predicted by LLM when LLM risk analyzer is enabled, while `action` does not."
        ),
    ]
    tool_call_id: Annotated[
        str,
        Field(
            description="The unique id returned by LLM API for this tool call",
            title="Tool Call Id",
        ),
    ]
    tool_name: Annotated[
        str, Field(description="The name of the tool being called", title="Tool Name")
    ]


class AddWorkspaceParentsRequest(WireModel):
    parents: Annotated[list[WorkspaceParentItem], Field(title="Parents")]


class AddWorkspacesRequest(WireModel):
    workspaces: Annotated[list[WorkspaceItem], Field(title="Workspaces")]


class AgentFinishedCriticInput(WireModel):
    """
    Critic that evaluates whether an agent properly finished a task.

    This critic checks two main criteria:
    1. The agent's last action was a FinishAction (proper completion)
    2. The generated git patch is non-empty (actual changes were made)
    """

    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["AgentFinishedCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"


class AgentFinishedCriticOutput(WireModel):
    """
    Critic that evaluates whether an agent properly finished a task.

    This critic checks two main criteria:
    1. The agent's last action was a FinishAction (proper completion)
    2. The generated git patch is non-empty (actual changes were made)
    """

    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["AgentFinishedCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"


class Annotation(WireModel):
    """
    A URL citation when using web search.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    type: Annotated[Literal["url_citation"], Field(title="Type")]
    url_citation: AnnotationURLCitation


class AskOracleObservation(WireModel):
    """
    Observation returned by the Oracle consultation.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["AskOracleObservation"], Field(title="Kind")]


class AskOracleTool(WireModel):
    """
    Tool for consulting the Oracle (a saved LLM profile named "oracle").
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["AskOracleTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BaseWorkspace(RootModel[LocalWorkspaceOutput | RemoteWorkspace]):
    root: Annotated[LocalWorkspaceOutput | RemoteWorkspace, Field(discriminator="kind")]


class BashEventBase(RootModel[BashCommand | BashError | BashOutput]):
    root: Annotated[BashCommand | BashError | BashOutput, Field(discriminator="kind")]


class BashEventPage(WireModel):
    items: Annotated[list[BashEventBase], Field(title="Items")]
    next_page_id: Annotated[str | None, Field(title="Next Page Id")] = None


class BodySwitchConversationLlmApiConversationsConversationIdSwitchLlmPost(WireModel):
    llm: LLMInput


class BrowserClickTool(WireModel):
    """
    Tool for clicking browser elements.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserClickTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserCloseTabTool(WireModel):
    """
    Tool for closing browser tabs.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserCloseTabTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserGetContentTool(WireModel):
    """
    Tool for getting page content in markdown.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserGetContentTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserGetStateTool(WireModel):
    """
    Tool for getting browser state.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserGetStateTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserGetStorageTool(WireModel):
    """
    Tool for getting browser storage.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserGetStorageTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserGoBackTool(WireModel):
    """
    Tool for going back in browser history.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserGoBackTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserListTabsTool(WireModel):
    """
    Tool for listing browser tabs.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserListTabsTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserNavigateTool(WireModel):
    """
    Tool for browser navigation.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserNavigateTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserObservation(WireModel):
    """
    Base observation for browser operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    full_output_save_dir: Annotated[
        str | None,
        Field(
            description="Directory where full output files are saved",
            title="Full Output Save Dir",
        ),
    ] = None
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["BrowserObservation"], Field(title="Kind")]
    screenshot_data: Annotated[
        str | None,
        Field(
            description="Base64 screenshot data if available", title="Screenshot Data"
        ),
    ] = None


class BrowserScrollTool(WireModel):
    """
    Tool for scrolling the browser page.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserScrollTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserSetStorageTool(WireModel):
    """
    Tool for setting browser storage.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserSetStorageTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserStartRecordingTool(WireModel):
    """
    Tool for starting browser session recording.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserStartRecordingTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserStopRecordingTool(WireModel):
    """
    Tool for stopping browser session recording.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserStopRecordingTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserSwitchTabTool(WireModel):
    """
    Tool for switching browser tabs.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserSwitchTabTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserToolSet(WireModel):
    """
    A set of all browser tools.

    This tool set includes all available browser-related tools
      for interacting with web pages.

    The toolset automatically checks for Chromium availability
    when created and automatically installs it if missing.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserToolSet"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class BrowserTypeTool(WireModel):
    """
    Tool for typing text into browser elements.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["BrowserTypeTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class CanvasExtensionBackend(WireModel):
    """
    Optional trusted backend declaration for schema-1 Canvas Apps.
    """

    argv: Annotated[list[str], Field(min_length=1, title="Argv")]
    artifacts: Annotated[
        dict[Literal["linux-amd64", "linux-arm64"], CanvasExtensionBackendArtifact],
        Field(min_length=1, title="Artifacts"),
    ]
    health: Annotated[CanvasExtensionBackendHealth, Field(validate_default=True)] = {
        "interval_seconds": 0.1,
        "path": "/health",
        "timeout_seconds": 30.0,
    }
    inherit_environment: Annotated[list[str], Field(title="Inherit Environment")] = []
    schema_version: Annotated[Literal[1], Field(title="Schema Version")]


class CanvasExtensionContributes(WireModel):
    """
    Contributions an extension makes to the Canvas UI.
    """

    pages: Annotated[
        list[CanvasExtensionPage],
        Field(
            description="Pages contributed to Canvas navigation",
            title="Pages",
            validate_default=True,
        ),
    ] = []


class CanvasExtensionManifest(WireModel):
    """
    Canvas extension manifest (``canvas-extension.json``).
    """

    backend: Annotated[
        CanvasExtensionBackend | None,
        Field(description="Optional explicitly prepared and started backend service"),
    ] = None
    contributes: Annotated[CanvasExtensionContributes, Field(description="Contributions this extension makes to the Canvas UI", validate_default=True)] = {
        "pages": []
    }
    description: Annotated[
        str, Field(description="Extension description", title="Description")
    ] = ""
    display_name: Annotated[
        str, Field(description="Human-readable extension name", title="Display Name")
    ]
    entrypoint: Annotated[
        str,
        Field(
            description="Path, relative to the extension package root, to the bundle entry file",
            title="Entrypoint",
        ),
    ]
    icon: Annotated[
        str | None,
        Field(
            description="Path, relative to the extension package root, to an SVG icon",
            title="Icon",
        ),
    ] = None
    name: Annotated[str, Field(description="Extension name (kebab-case)", title="Name")]
    schema_version: Annotated[
        int, Field(description="Manifest schema version", title="Schema Version")
    ]
    version: Annotated[str, Field(description="Extension version", title="Version")]


class ChatCompletionMessageCustomToolCall(WireModel):
    """
    A call to a custom tool created by the model.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    custom: Custom
    id: Annotated[str, Field(title="Id")]
    type: Annotated[Literal["custom"], Field(title="Type")]


class ChatCompletionMessageFunctionToolCall(WireModel):
    """
    A call to a function tool created by the model.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    function: Function
    id: Annotated[str, Field(title="Id")]
    type: Annotated[Literal["function"], Field(title="Type")]


class ChatCompletionTokenLogprob(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    bytes: Annotated[list[int] | None, Field(title="Bytes")] = None
    logprob: Annotated[float, Field(title="Logprob")]
    token: Annotated[str, Field(title="Token")]
    top_logprobs: Annotated[list[TopLogprob], Field(title="Top Logprobs")]


class ChoiceLogprobs(WireModel):
    """
    Log probability information for the choice.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    content: Annotated[
        list[ChatCompletionTokenLogprob] | None, Field(title="Content")
    ] = None
    refusal: Annotated[
        list[ChatCompletionTokenLogprob] | None, Field(title="Refusal")
    ] = None


class ClassifyAndSwitchLLMObservation(WireModel):
    """
    Result of classifying the task and switching the LLM profile.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    active_model: Annotated[
        str | None,
        Field(
            description="Model configured by the activated profile, when available.",
            title="Active Model",
        ),
    ] = None
    chosen_class: Annotated[
        str | None,
        Field(
            description="Description of the matched class, or None when no class matched and the tool returned an error.",
            title="Chosen Class",
        ),
    ] = None
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["ClassifyAndSwitchLLMObservation"], Field(title="Kind")]
    model: Annotated[
        str | None,
        Field(description="Name of the LLM profile that was activated.", title="Model"),
    ] = None


class ClassifyAndSwitchLLMTool(WireModel):
    """
    Tool that classifies the task and switches to a meta-profile's LLM.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["ClassifyAndSwitchLLMTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class ClientTool(WireModel):
    """
    A tool whose execution is deferred to the external client.

    Created from a :class:`ClientToolSpec` at conversation start. The agent
    sees it as a normal tool and can call it; the ActionEvent is emitted
    over WebSocket for the client to handle.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    client_tool_name: Annotated[
        str,
        Field(
            description="Per-instance tool name from the ClientToolSpec.",
            title="Client Tool Name",
        ),
    ]
    description: Annotated[str, Field(title="Description")]
    input_schema: Annotated[
        dict[str, Any],
        Field(
            description="The original JSON Schema for the tool's parameters, as provided by the client. Used verbatim when exporting the tool to the LLM so client-defined constraints (enum, nested objects, bounds, additionalProperties, ...) are preserved.",
            title="Input Schema",
        ),
    ]
    kind: Annotated[Literal["ClientTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class ClientToolObservation(WireModel):
    """
    Observation returned when a client tool is called.

    The actual execution happens on the client side; the SDK returns
    this acknowledgment so the agent loop can continue.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["ClientToolObservation"], Field(title="Kind")]


class ClientToolSpecInput(WireModel):
    """
    A tool defined by the client, executed externally (not by the SDK).

    Clients pass these specs in ``POST /conversations`` to register tools
    whose execution is handled outside the SDK (e.g., by a frontend
    listening for ActionEvents over WebSocket).
    """

    annotations: Annotated[
        ToolAnnotationsInput | None,
        Field(
            description="Optional MCP-style annotations for the tool. When omitted, the tool is treated conservatively (not read-only), so the agent is asked to predict a security risk before calling it."
        ),
    ] = None
    description: Annotated[
        str,
        Field(
            description="Description shown to the LLM explaining when and how to use this tool.",
            title="Description",
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="Unique tool name the agent will use to call this tool.",
            title="Name",
        ),
    ]
    parameters: Annotated[dict[str, Any], Field(description="JSON Schema describing the tool's input parameters. Must be an object schema.", title="Parameters")] = {
        "properties": {},
        "type": "object",
    }


class ClientToolSpecOutput(WireModel):
    """
    A tool defined by the client, executed externally (not by the SDK).

    Clients pass these specs in ``POST /conversations`` to register tools
    whose execution is handled outside the SDK (e.g., by a frontend
    listening for ActionEvents over WebSocket).
    """

    annotations: Annotated[
        OpenhandsSdkToolToolToolAnnotations | None,
        Field(
            description="Optional MCP-style annotations for the tool. When omitted, the tool is treated conservatively (not read-only), so the agent is asked to predict a security risk before calling it."
        ),
    ] = None
    description: Annotated[
        str,
        Field(
            description="Description shown to the LLM explaining when and how to use this tool.",
            title="Description",
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="Unique tool name the agent will use to call this tool.",
            title="Name",
        ),
    ]
    parameters: Annotated[dict[str, Any], Field(description="JSON Schema describing the tool's input parameters. Must be an object schema.", title="Parameters")] = {
        "properties": {},
        "type": "object",
    }


class CompletionUsage(WireModel):
    """
    Usage statistics for the completion request.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    completion_tokens: Annotated[int, Field(title="Completion Tokens")]
    completion_tokens_details: CompletionTokensDetails | None = None
    prompt_tokens: Annotated[int, Field(title="Prompt Tokens")]
    prompt_tokens_details: PromptTokensDetails | None = None
    total_tokens: Annotated[int, Field(title="Total Tokens")]


class ConfirmRiskyInput(WireModel):
    confirm_unknown: Annotated[bool, Field(title="Confirm Unknown")] = True
    kind: Annotated[Literal["ConfirmRisky"], Field(title="Kind")]
    threshold: Annotated[SecurityRisk, Field(validate_default=True)] = "HIGH"


class ConfirmRiskyOutput(WireModel):
    confirm_unknown: Annotated[bool, Field(title="Confirm Unknown")] = True
    kind: Annotated[Literal["ConfirmRisky"], Field(title="Kind")]
    threshold: Annotated[SecurityRisk, Field(validate_default=True)] = "HIGH"


class ConfirmationPolicyBaseInput(
    RootModel[AlwaysConfirmInput | ConfirmRiskyInput | NeverConfirmInput]
):
    root: Annotated[
        AlwaysConfirmInput | ConfirmRiskyInput | NeverConfirmInput,
        Field(discriminator="kind"),
    ]


class ConfirmationPolicyBaseOutput(
    RootModel[AlwaysConfirmOutput | ConfirmRiskyOutput | NeverConfirmOutput]
):
    root: Annotated[
        AlwaysConfirmOutput | ConfirmRiskyOutput | NeverConfirmOutput,
        Field(discriminator="kind"),
    ]


class ConversationRuntimeInfo(WireModel):
    """
    Runtime availability and recovery information for a conversation.
    """

    can_resume: Annotated[bool, Field(title="Can Resume")]
    runtime_error: ConversationRuntimeError | None = None
    runtime_status: ConversationRuntimeStatus


class DelegateObservation(WireModel):
    """
    Observation from delegation operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["spawn", "delegate"],
        Field(description="The command that was executed", title="Command"),
    ]
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["DelegateObservation"], Field(title="Kind")]


class EditObservation(WireModel):
    """
    Observation from editing a file.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    file_path: Annotated[
        str | None,
        Field(description="The file path that was edited.", title="File Path"),
    ] = None
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    is_new_file: Annotated[
        bool, Field(description="Whether a new file was created.", title="Is New File")
    ] = False
    kind: Annotated[Literal["EditObservation"], Field(title="Kind")]
    new_content: Annotated[
        str | None,
        Field(description="The content after the edit.", title="New Content"),
    ] = None
    old_content: Annotated[
        str | None,
        Field(description="The content before the edit.", title="Old Content"),
    ] = None
    replacements_made: Annotated[
        int,
        Field(
            description="Number of replacements actually made.",
            title="Replacements Made",
        ),
    ] = 0


class EditTool(WireModel):
    """
    Tool for editing files via find/replace.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["EditTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class EmptyPatchCriticInput(WireModel):
    """
    Critic that only evaluates whether a git patch is non-empty.

    This critic checks only one criterion:
    - The generated git patch is non-empty (actual changes were made)

    Unlike AgentFinishedCritic, this critic does not check for proper
    agent completion with FinishAction.
    """

    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["EmptyPatchCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"


class EmptyPatchCriticOutput(WireModel):
    """
    Critic that only evaluates whether a git patch is non-empty.

    This critic checks only one criterion:
    - The generated git patch is non-empty (actual changes were made)

    Unlike AgentFinishedCritic, this critic does not check for proper
    agent completion with FinishAction.
    """

    iterative_refinement: Annotated[
        IterativeRefinementConfig | None,
        Field(
            description="Optional configuration for iterative refinement. When set, Conversation.run() will automatically retry the task if the critic score is below the success_threshold, up to max_iterations."
        ),
    ] = None
    kind: Annotated[Literal["EmptyPatchCritic"], Field(title="Kind")]
    mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(
            description="When to run critic evaluation:\n- 'finish_and_message': Evaluate on FinishAction and agent MessageEvent (default, minimal performance impact)\n- 'all_actions': Evaluate after every agent action (WARNING: significantly slower due to API calls on each action)",
            title="Mode",
        ),
    ] = "finish_and_message"


class ErrorClassification(WireModel):
    """
    The only failure metadata that crosses the event/API boundary.

    It is intentionally small. ``detail`` is inspected locally only to map
    broad third-party errors to this closed vocabulary; it is never copied
    here or sent to telemetry.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    error_id: Annotated[str | None, Field(title="Error Id")] = None
    kind: FailureKind
    retryable: Annotated[bool, Field(title="Retryable")]
    user_action: Annotated[
        Literal["none", "retry", "settings"], Field(title="User Action")
    ] = "none"


class FetchPluginResponse(WireModel):
    """
    Response from strictly fetching a plugin source.
    """

    commands: Annotated[list[str], Field(title="Commands")]
    manifest: Annotated[dict[str, JSONValue | None], Field(title="Manifest")]
    path: Annotated[str, Field(title="Path")]
    repo_path: Annotated[str | None, Field(title="Repo Path")]
    resolved_ref: Annotated[str | None, Field(title="Resolved Ref")]
    skills: Annotated[list[str], Field(title="Skills")]
    source: Annotated[str, Field(title="Source")]


class FileEditorObservation(WireModel):
    """
    A ToolResult that can be rendered as a CLI output.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["view", "create", "str_replace", "insert", "undo_edit"],
        Field(
            description="The command that was run: `view`, `create`, `str_replace`, `insert`, or `undo_edit`.",
            title="Command",
        ),
    ]
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["FileEditorObservation"], Field(title="Kind")]
    new_content: Annotated[
        str | None,
        Field(
            description="The content of the file after the edit.", title="New Content"
        ),
    ] = None
    old_content: Annotated[
        str | None,
        Field(
            description="The content of the file before the edit.", title="Old Content"
        ),
    ] = None
    path: Annotated[
        str | None, Field(description="The file path that was edited.", title="Path")
    ] = None
    prev_exist: Annotated[
        bool,
        Field(
            description="Indicates if the file previously existed. If not, it was created.",
            title="Prev Exist",
        ),
    ] = True


class FileEditorTool(WireModel):
    """
    A ToolDefinition subclass that automatically initializes a FileEditorExecutor.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["FileEditorTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class FinishObservation(WireModel):
    """
    Observation returned after finishing a task.
    The FinishAction itself contains the message sent to the user so no
    extra fields are needed here.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["FinishObservation"], Field(title="Kind")]


class FinishTool(WireModel):
    """
    Tool for signaling the completion of a task or conversation.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["FinishTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class GitChange(WireModel):
    path: Annotated[Path, Field(title="Path")]
    status: GitChangeStatus


class GlobObservation(WireModel):
    """
    Observation from glob pattern matching operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    files: Annotated[
        list[str],
        Field(
            description="List of matching file paths sorted by modification time",
            title="Files",
        ),
    ]
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["GlobObservation"], Field(title="Kind")]
    pattern: Annotated[
        str, Field(description="The glob pattern that was used", title="Pattern")
    ]
    search_path: Annotated[
        str, Field(description="The directory that was searched", title="Search Path")
    ]
    truncated: Annotated[
        bool,
        Field(
            description="Whether results were truncated to 100 files", title="Truncated"
        ),
    ] = False


class GlobTool(WireModel):
    """
    A ToolDefinition subclass that automatically initializes a GlobExecutor.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["GlobTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class GrepObservation(WireModel):
    """
    Observation from grep content search operations.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    include_pattern: Annotated[
        str | None,
        Field(
            description="The file pattern filter that was used", title="Include Pattern"
        ),
    ] = None
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["GrepObservation"], Field(title="Kind")]
    matches: Annotated[
        list[str],
        Field(description="List of file paths containing the pattern", title="Matches"),
    ]
    pattern: Annotated[
        str, Field(description="The regex pattern that was used", title="Pattern")
    ]
    search_path: Annotated[
        str, Field(description="The directory that was searched", title="Search Path")
    ]
    truncated: Annotated[
        bool,
        Field(
            description="Whether results were truncated to 100 files", title="Truncated"
        ),
    ] = False


class GrepTool(WireModel):
    """
    A ToolDefinition subclass that automatically initializes a GrepExecutor.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["GrepTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class HTTPValidationError(WireModel):
    detail: Annotated[list[ValidationError] | None, Field(title="Detail")] = None


class HookDefinition(WireModel):
    """
    A single hook definition.
    """

    async_: Annotated[bool, Field(alias="async", title="Async")] = False
    command: Annotated[str, Field(title="Command")]
    max_iterations: Annotated[int, Field(title="Max Iterations")] = 3
    name: Annotated[str | None, Field(title="Name")] = None
    prompt: Annotated[str | None, Field(title="Prompt")] = None
    system_prompt: Annotated[str | None, Field(title="System Prompt")] = None
    timeout: Annotated[int, Field(title="Timeout")] = 60
    tools: Annotated[list[str], Field(title="Tools")] = []
    type: Annotated[HookType, Field(validate_default=True)] = "command"


class HookMatcher(WireModel):
    """
    Matches events to hooks based on patterns.

    Supports exact match, wildcard (*), and regex (auto-detected or /pattern/).
    """

    hooks: Annotated[
        list[HookDefinition], Field(title="Hooks", validate_default=True)
    ] = []
    matcher: Annotated[str, Field(title="Matcher")] = "*"


class InitRequest(WireModel):
    """
    Runtime configuration delivered at /api/init time.

    Each field is optional and overrides the equivalent field on the dormant
    ``Config``. Fields not provided keep the value the server was constructed
    with (typically from env vars at pod startup). The set of overridable
    fields is intentionally narrow — it covers the values that today are
    "env-var shaped" and must change per-user, not image-build-time
    configuration (Python deps, plugin set, etc.) which stays bound to the
    warm-pool flavor.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    allow_cors_origins: Annotated[
        list[str] | None,
        Field(
            description="CORS origins to add to the existing localhost allowlist.",
            title="Allow Cors Origins",
        ),
    ] = None
    bash_events_dir: Annotated[
        Path | None,
        Field(
            description="Directory where bash events are persisted. Typically located inside the mounted user workspace.",
            title="Bash Events Dir",
        ),
    ] = None
    conversation_worktree_root: Annotated[
        Path | None,
        Field(
            description="Root directory for conversation git worktrees. Override this to point at the mounted user workspace.",
            title="Conversation Worktree Root",
        ),
    ] = None
    conversations_path: Annotated[
        Path | None,
        Field(
            description="Directory where conversations are persisted. Override this to point at the mounted user workspace.",
            title="Conversations Path",
        ),
    ] = None
    env: Annotated[
        dict[str, str] | None,
        Field(
            description="Process environment variables to set before conversation services start. Useful for credentials consumed by tools (e.g. GITHUB_TOKEN). These are applied with ``os.environ.update``; existing values are overwritten.",
            title="Env",
        ),
    ] = None
    max_concurrent_runs: Annotated[
        MaxConcurrentRuns | None,
        Field(
            description="Override the conversation-step concurrency limit.",
            title="Max Concurrent Runs",
        ),
    ] = None
    previous_secret_keys: Annotated[
        list[SecretStr] | None,
        Field(
            description="Earlier values of secret_key (or of the first session_api_key it falls back to), used only to decrypt values saved under them; they are re-encrypted under the current key when next saved.",
            title="Previous Secret Keys",
        ),
    ] = None
    secret_key: Annotated[
        SecretStr | None,
        Field(
            description="Symmetric secret used to encrypt persisted secrets. If not provided, falls back to the first session_api_key (matching the default Config behavior).",
            title="Secret Key",
        ),
    ] = None
    session_api_keys: Annotated[
        list[str] | None,
        Field(
            description="Per-user session API keys. If provided, all subsequent /api/* requests must authenticate with one of these keys via the X-Session-API-Key header.",
            title="Session Api Keys",
        ),
    ] = None
    telemetry: Annotated[
        TelemetrySpec | None,
        Field(
            description="Product-analytics policy for this pod. Without this, a warm-pool pod keeps whatever mode it booted with (normally 'disabled'), so a deployment that expects telemetry must supply it here."
        ),
    ] = None
    web_url: Annotated[
        str | None,
        Field(
            description="External URL where this server is reachable, used for root-path calculation. Only honored when not already set in dormant config.",
            title="Web Url",
        ),
    ] = None
    webhooks: Annotated[
        list[WebhookSpec] | None,
        Field(
            description="Per-user webhooks (e.g. for streaming events back).",
            title="Webhooks",
        ),
    ] = None


class InstalledCanvasExtensionResponse(WireModel):
    """
    Response containing installed canvas extension information.
    """

    description: Annotated[
        str, Field(description="Canvas extension description", title="Description")
    ] = ""
    enabled: Annotated[
        bool,
        Field(description="Whether the canvas extension is enabled", title="Enabled"),
    ] = False
    install_path: Annotated[
        str,
        Field(
            description="Path where the extension is installed", title="Install Path"
        ),
    ]
    installed_at: Annotated[
        str,
        Field(description="ISO 8601 timestamp of installation", title="Installed At"),
    ]
    manifest: Annotated[
        CanvasExtensionManifest | None,
        Field(
            description="The extension's validated manifest (display_name, contributes.pages, ...). None if the installed manifest can no longer be read."
        ),
    ] = None
    name: Annotated[str, Field(description="Canvas extension name", title="Name")]
    repo_path: Annotated[
        str | None,
        Field(description="Subdirectory path within the repository", title="Repo Path"),
    ] = None
    requested_ref: Annotated[
        str | None,
        Field(
            description="Branch, tag, or commit requested at install time. None means no ref was requested (tracking the source's default branch).",
            title="Requested Ref",
        ),
    ] = None
    resolved_ref: Annotated[
        str | None, Field(description="Resolved git commit SHA", title="Resolved Ref")
    ] = None
    source: Annotated[
        str,
        Field(
            description="Original source (e.g., 'github:owner/repo')", title="Source"
        ),
    ]
    version: Annotated[
        str, Field(description="Canvas extension version", title="Version")
    ] = ""


class InstalledCanvasExtensionsListResponse(WireModel):
    """
    Response containing the list of installed canvas extensions.
    """

    canvas_extensions: Annotated[
        list[InstalledCanvasExtensionResponse], Field(title="Canvas Extensions")
    ]


class InstalledPluginResponse(WireModel):
    """
    Response containing installed plugin information.
    """

    description: Annotated[
        str, Field(description="Plugin description", title="Description")
    ] = ""
    enabled: Annotated[
        bool, Field(description="Whether the plugin is enabled", title="Enabled")
    ] = True
    files: Annotated[
        list[str] | None,
        Field(
            description="Plugin files, relative to install_path (None if load failed)",
            title="Files",
        ),
    ] = None
    install_path: Annotated[
        str,
        Field(description="Path where the plugin is installed", title="Install Path"),
    ]
    installed_at: Annotated[
        str,
        Field(description="ISO 8601 timestamp of installation", title="Installed At"),
    ]
    name: Annotated[str, Field(description="Plugin name", title="Name")]
    repo_path: Annotated[
        str | None,
        Field(description="Subdirectory path within the repository", title="Repo Path"),
    ] = None
    resolved_ref: Annotated[
        str | None, Field(description="Resolved git commit SHA", title="Resolved Ref")
    ] = None
    skills: Annotated[
        list[PluginSkillSummary] | None,
        Field(
            description="Skills bundled in the plugin (None if it failed to load)",
            title="Skills",
        ),
    ] = None
    source: Annotated[
        str,
        Field(
            description="Original source (e.g., 'github:owner/repo')", title="Source"
        ),
    ]
    version: Annotated[str, Field(description="Plugin version", title="Version")] = ""


class InstalledPluginsListResponse(WireModel):
    """
    Response containing the list of installed plugins.
    """

    plugins: Annotated[list[InstalledPluginResponse], Field(title="Plugins")]


class InvokeSkillObservation(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["InvokeSkillObservation"], Field(title="Kind")]
    skill_name: Annotated[
        str,
        Field(
            description="Name of the skill this observation corresponds to.",
            title="Skill Name",
        ),
    ]


class InvokeSkillTool(WireModel):
    """
    Built-in tool for explicit invocation of progressive-disclosure skills.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["InvokeSkillTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class ListDirectoryObservation(WireModel):
    """
    Observation from listing a directory.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    dir_path: Annotated[
        str | None,
        Field(description="The directory path that was listed.", title="Dir Path"),
    ] = None
    entries: Annotated[
        list[FileEntry],
        Field(
            description="List of files and directories found.",
            title="Entries",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    is_truncated: Annotated[
        bool,
        Field(
            description="Whether the listing was truncated due to too many entries.",
            title="Is Truncated",
        ),
    ] = False
    kind: Annotated[Literal["ListDirectoryObservation"], Field(title="Kind")]
    total_count: Annotated[
        int, Field(description="Total number of entries found.", title="Total Count")
    ] = 0


class ListDirectoryTool(WireModel):
    """
    Tool for listing directory contents with metadata.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["ListDirectoryTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class MCPOAuthStateInput(WireModel):
    client_info: MCPOAuthClientInfoStateInput | None = None
    token_expires_at: Annotated[float | None, Field(title="Token Expires At")] = None
    tokens: MCPOAuthTokenStateInput | None = None


class MCPOAuthStateOutput(WireModel):
    client_info: MCPOAuthClientInfoStateOutput | None = None
    token_expires_at: Annotated[float | None, Field(title="Token Expires At")] = None
    tokens: MCPOAuthTokenStateOutput | None = None


class MCPOAuthStatusResponse(WireModel):
    """
    Current state of an install-time OAuth MCP probe.
    """

    authorization_url: Annotated[str | None, Field(title="Authorization Url")] = None
    callback_ready: Annotated[bool, Field(title="Callback Ready")] = False
    error: Annotated[str | None, Field(title="Error")] = None
    error_kind: Annotated[
        Literal["timeout", "connection", "unknown"] | None, Field(title="Error Kind")
    ] = None
    job_id: Annotated[str, Field(title="Job Id")]
    oauth_state: MCPOAuthStateResponse | None = None
    ok: Annotated[bool, Field(title="Ok")]
    status: Annotated[
        Literal["pending", "authorizing", "succeeded", "failed"], Field(title="Status")
    ]
    tool_result: MCPToolCallResult | None = None
    tools: Annotated[list[str] | None, Field(title="Tools")] = None


class MCPTestSuccess(WireModel):
    """
    Response when the candidate server connects and lists its tools.
    """

    oauth_state: Annotated[
        MCPOAuthStateResponse | None,
        Field(
            description="Serialized OAuth state acquired or refreshed by the probe. Clients should persist this under the tested server's auth.state."
        ),
    ] = None
    ok: Annotated[Literal[True], Field(title="Ok")] = True
    resolved_mcp_servers: Annotated[
        list[dict[str, Any]] | None,
        Field(
            deprecated=True,
            description="Deprecated compatibility field for older clients that expected resolved MCP server metadata in test responses.",
            title="Resolved Mcp Servers",
        ),
    ] = None
    tool_result: Annotated[
        MCPToolCallResult | None,
        Field(
            description="Outcome of the requested `tool_call`, when one was supplied."
        ),
    ] = None
    tools: Annotated[
        list[str],
        Field(
            description="Names of tools advertised by the MCP server.", title="Tools"
        ),
    ] = []


class MCPToolObservation(WireModel):
    """
    Observation from MCP tool execution.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["MCPToolObservation"], Field(title="Kind")]
    tool_name: Annotated[
        str, Field(description="Name of the tool that was called", title="Tool Name")
    ]


class MarketplacePluginInfo(WireModel):
    """
    A true plugin in the marketplace catalog, with attach coordinates.
    """

    description: Annotated[str | None, Field(title="Description")]
    files: Annotated[list[str] | None, Field(title="Files")] = None
    installed: Annotated[bool, Field(title="Installed")]
    name: Annotated[str, Field(title="Name")]
    path: Annotated[str | None, Field(title="Path")] = None
    ref: Annotated[str | None, Field(title="Ref")] = None
    repo_path: Annotated[str | None, Field(title="Repo Path")] = None
    skills: Annotated[list[PluginSkillSummary] | None, Field(title="Skills")] = None
    source: Annotated[str, Field(title="Source")]


class Message(WireModel):
    content: Annotated[
        list[TextContent | ImageContent], Field(title="Content", validate_default=True)
    ] = []
    name: Annotated[str | None, Field(title="Name")] = None
    reasoning_content: Annotated[
        str | None,
        Field(
            description="Intermediate reasoning/thinking content from reasoning models",
            title="Reasoning Content",
        ),
    ] = None
    responses_reasoning_item: Annotated[
        ReasoningItemModel | None,
        Field(description="OpenAI Responses reasoning item from model output"),
    ] = None
    role: Annotated[Literal["user", "system", "assistant", "tool"], Field(title="Role")]
    thinking_blocks: Annotated[
        list[ThinkingBlock | RedactedThinkingBlock],
        Field(
            description="Raw Anthropic thinking blocks for extended thinking feature",
            title="Thinking Blocks",
            validate_default=True,
        ),
    ] = []
    tool_call_id: Annotated[str | None, Field(title="Tool Call Id")] = None
    tool_calls: Annotated[list[MessageToolCall] | None, Field(title="Tool Calls")] = (
        None
    )


class MessageEvent(WireModel):
    """
    Message from either agent or user.

    This is originally the "MessageAction", but it suppose not to be tool call.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    activated_skills: Annotated[
        list[str],
        Field(description="List of activated skill name", title="Activated Skills"),
    ] = []
    critic_result: Annotated[
        CriticResult | None,
        Field(
            description="Optional critic evaluation of this message and preceding history."
        ),
    ] = None
    extended_content: Annotated[
        list[TextContent],
        Field(
            description="List of content added by agent context",
            title="Extended Content",
            validate_default=True,
        ),
    ] = []
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["MessageEvent"], Field(title="Kind")]
    llm_message: Annotated[
        Message, Field(description="The exact LLM message for this message event")
    ]
    llm_response_id: Annotated[
        str | None,
        Field(
            description="Completion or Response ID of the LLM response that generated this eventIf the source != 'agent', this field is None",
            title="Llm Response Id",
        ),
    ] = None
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    sender: Annotated[
        str | None,
        Field(
            description="Optional identifier of the sender. Can be used to track message origin in multi-agent scenarios.",
            title="Sender",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class MetaProfile(MetaProfileModel):
    """
    A declarative model-routing configuration.
    """

    classes: Annotated[
        list[MetaProfileClass],
        Field(
            description="Ordered list of task classes and their target profiles.",
            title="Classes",
            validate_default=True,
        ),
    ] = []
    classifier_model: Annotated[
        str,
        Field(
            description="Name of the saved LLM profile used to classify the task.",
            title="Classifier Model",
        ),
    ]
    model_table: Annotated[
        str | None,
        Field(
            description="Optional text inserted into `{{ model_table }}` for direct-routing prompts.",
            title="Model Table",
        ),
    ] = None
    prompt_template: Annotated[
        str | None,
        Field(
            description="Optional direct-routing prompt template. When set, the classifier receives this rendered prompt and should return JSON with a `model` field instead of a class number.",
            title="Prompt Template",
        ),
    ] = None


class MetaProfileDetailResponse(WireModel):
    config: MetaProfile
    name: Annotated[str, Field(title="Name")]


class Metrics(WireModel):
    """
    Metrics class can record various metrics during running and evaluation.
    We track:
      - accumulated_cost and costs
      - max_budget_per_task (budget limit)
      - A list of ResponseLatency
      - A list of TokenUsage (one per call).
    """

    accumulated_cost: Annotated[
        float,
        Field(
            description="Total accumulated cost, must be non-negative",
            ge=0.0,
            title="Accumulated Cost",
        ),
    ] = 0.0
    accumulated_token_usage: Annotated[
        TokenUsage | None, Field(description="Accumulated token usage across all calls")
    ] = None
    costs: Annotated[
        list[Cost],
        Field(
            description="List of individual costs", title="Costs", validate_default=True
        ),
    ] = []
    max_budget_per_task: Annotated[
        float | None,
        Field(description="Maximum budget per task", title="Max Budget Per Task"),
    ] = None
    model_name: Annotated[
        str, Field(description="Name of the model", title="Model Name")
    ] = "default"
    response_latencies: Annotated[
        list[ResponseLatency],
        Field(
            description="List of response latencies",
            title="Response Latencies",
            validate_default=True,
        ),
    ] = []
    token_usages: Annotated[
        list[TokenUsage],
        Field(
            description="List of token usage records",
            title="Token Usages",
            validate_default=True,
        ),
    ] = []


class MetricsSnapshot(WireModel):
    """
    A snapshot of metrics at a point in time.

    Does not include lists of individual costs, latencies, or token usages.
    """

    accumulated_cost: Annotated[
        float,
        Field(
            description="Total accumulated cost, must be non-negative",
            ge=0.0,
            title="Accumulated Cost",
        ),
    ] = 0.0
    accumulated_token_usage: Annotated[
        TokenUsage | None, Field(description="Accumulated token usage across all calls")
    ] = None
    max_budget_per_task: Annotated[
        float | None,
        Field(description="Maximum budget per task", title="Max Budget Per Task"),
    ] = None
    model_name: Annotated[
        str, Field(description="Name of the model", title="Model Name")
    ] = "default"


class ModerationInputModerationResults(WireModel):
    """
    Successful moderation results for the request input or generated output.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    model: Annotated[str, Field(title="Model")]
    results: Annotated[
        list[ModerationInputModerationResultsResult], Field(title="Results")
    ]
    type: Annotated[Literal["moderation_results"], Field(title="Type")]


class ModerationOutputModerationResults(WireModel):
    """
    Successful moderation results for the request input or generated output.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    model: Annotated[str, Field(title="Model")]
    results: Annotated[
        list[ModerationOutputModerationResultsResult], Field(title="Results")
    ]
    type: Annotated[Literal["moderation_results"], Field(title="Type")]


class OpenAIContentPart(WireModel):
    image_url: Annotated[OpenAIImageURL | str | None, Field(title="Image Url")] = None
    text: Annotated[str | None, Field(title="Text")] = None
    type: Annotated[str, Field(title="Type")]


class OpenAIResponseOutputMessage(WireModel):
    content: Annotated[list[OpenAIResponseOutputText], Field(title="Content")]
    id: Annotated[str, Field(title="Id")]
    role: Annotated[Literal["assistant"], Field(title="Role")] = "assistant"
    status: Annotated[Literal["completed"], Field(title="Status")] = "completed"
    type: Annotated[Literal["message"], Field(title="Type")] = "message"


class OpenHandsAgentProfile(OpenHandsAgentProfileModel):
    """
    ``agent_kind="openhands"`` profile — references an LLM profile by name.

    Mirrors the configurable surface of
    :class:`~openhands.sdk.settings.model.OpenHandsAgentSettings`, except the
    concrete ``llm`` is replaced by :attr:`llm_profile_ref` (resolved against
    the LLM profile store) and ``mcp_config`` by the inherited
    :attr:`~AgentProfileBase.mcp_server_refs`.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    agent: Annotated[str, Field(description="Agent class to build.", title="Agent")] = (
        "CodeActAgent"
    )
    agent_kind: Annotated[
        Literal["openhands"],
        Field(
            description="Discriminator for the ``AgentProfile`` union. ``'openhands'`` selects the standard built-in OpenHands agent.",
            title="Agent Kind",
        ),
    ] = "openhands"
    condenser: Annotated[LLMSummarizingCondenserSettings | NoOpCondenserSettings, Field(description="Condenser settings for the agent.", title="Condenser", validate_default=True)] = {
        "condenser_kind": "llm_summarizing",
        "enabled": True,
        "hard_context_reset_context_scaling": 0.8,
        "hard_context_reset_max_retries": 5,
        "keep_first": 2,
        "max_size": 240,
        "max_tokens": None,
        "minimum_progress": 0.1,
    }
    disabled_skills: Annotated[
        list[str],
        Field(
            description="Names of server-discovered skills to EXCLUDE from this agent's prompt — a deny-list over the discovered catalog. [] (the default) = all discovered skills; a listed name that is absent from the catalog is simply a no-op, so the field never fails a launch when the catalog drifts. Replaces the former allow-list ``skill_refs`` (#4017): skills are discovered from many incomplete sources, so exclusion is the only selection model that can't dangle.",
            title="Disabled Skills",
        ),
    ] = []
    enable_classify_and_switch_llm_tool: Annotated[
        bool,
        Field(
            description="Enable the built-in route_task_to_model tool, which routes the task to an LLM profile using the meta-profile named by `meta_profile_ref`.",
            title="Enable Classify And Switch Llm Tool",
        ),
    ] = False
    id: Annotated[
        UUID | None,
        Field(
            description="Stable provenance handle for this profile. Conversations record this UUID; it never changes, even when the profile is renamed.",
            title="Id",
        ),
    ] = None
    llm_profile_ref: Annotated[
        str,
        Field(
            description="Name of the saved LLM profile to resolve for this agent. The profile itself stores no LLM credential — it lives on the referenced LLM profile.",
            min_length=1,
            title="Llm Profile Ref",
        ),
    ]
    mcp_server_refs: Annotated[
        list[str] | None,
        Field(
            description="Which of the user's globally configured MCP servers to expose. null = all; [] = none; a non-null list = filter to the named keys.",
            title="Mcp Server Refs",
        ),
    ] = None
    meta_profile_ref: Annotated[
        MetaProfileRef | None,
        Field(
            description="Name of the saved meta-profile the routing tool uses. The launch copies it and the LLM profiles it routes to into the agent, so a runtime without the stores can still route. null lets the tool fall back to the first meta-profile in the runtime's store.",
            title="Meta Profile Ref",
        ),
    ] = None
    name: Annotated[
        str,
        Field(
            description="Human-facing, renameable key shown in the profile picker.",
            min_length=1,
            title="Name",
        ),
    ]
    persona: Annotated[
        Persona | None,
        Field(
            description="Persona text that replaces OpenHands' built-in persona and coding-workflow guidance. Capability and policy guidance (memory, security policy, risk assessment, browser, external services, process management, model-specific notes) and the dynamic context are still included. None keeps the built-in persona.",
            title="Persona",
        ),
    ] = None
    public_skills: Annotated[
        list[str] | None,
        Field(
            description="Which public-catalog skills to load. null = all; [] = none; a list = only the named skills, ignoring names the catalog lacks. User and project skills are not affected, and `disabled_skills` still applies to every skill.",
            title="Public Skills",
        ),
    ] = None
    revision: Annotated[
        int,
        Field(
            description="Monotonic revision counter, bumped on each saved edit.",
            ge=0,
            title="Revision",
        ),
    ] = 0
    schema_version: Annotated[int, Field(ge=1, title="Schema Version")] = 4
    secret_refs: Annotated[
        list[str] | None,
        Field(
            description="Which of the user's saved secrets to expose to this agent. null = all; [] = none; a non-null list = filter to the named keys. Strict: nothing is added back. An ACP profile must list its own provider credential to receive it.",
            title="Secret Refs",
        ),
    ] = None
    system_message_suffix: Annotated[
        str | None,
        Field(
            description="Optional suffix appended to the system prompt.",
            title="System Message Suffix",
        ),
    ] = None
    tool_concurrency_limit: Annotated[
        int,
        Field(
            description="Maximum number of tool calls to execute concurrently per agent step. 1 = sequential (default).",
            ge=1,
            title="Tool Concurrency Limit",
        ),
    ] = 1
    tools: Annotated[
        list[ToolInput] | None,
        Field(
            description="Tool selection for the resolved agent. None (the default) = the server's standard tool set; [] = an explicitly bare agent; a non-empty list is used exactly as given.",
            title="Tools",
        ),
    ] = None
    verification: Annotated[ProfileVerificationSettings, Field(description="Critic/verification policy (secret-free; no critic_api_key).", validate_default=True)] = {
        "critic_enabled": False,
        "critic_mode": "finish_and_message",
        "critic_model_name": None,
        "critic_server_url": None,
        "critic_threshold": 0.6,
        "enable_iterative_refinement": False,
        "max_refinement_iterations": 3,
    }


class PlanningFileEditorObservation(WireModel):
    """
    Observation from planning file editor operations.

    Inherits from FileEditorObservation - same structure, just different type.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["view", "create", "str_replace", "insert", "undo_edit"],
        Field(
            description="The command that was run: `view`, `create`, `str_replace`, `insert`, or `undo_edit`.",
            title="Command",
        ),
    ]
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["PlanningFileEditorObservation"], Field(title="Kind")]
    new_content: Annotated[
        str | None,
        Field(
            description="The content of the file after the edit.", title="New Content"
        ),
    ] = None
    old_content: Annotated[
        str | None,
        Field(
            description="The content of the file before the edit.", title="Old Content"
        ),
    ] = None
    path: Annotated[
        str | None, Field(description="The file path that was edited.", title="Path")
    ] = None
    prev_exist: Annotated[
        bool,
        Field(
            description="Indicates if the file previously existed. If not, it was created.",
            title="Prev Exist",
        ),
    ] = True


class PlanningFileEditorTool(WireModel):
    """
    A planning file editor tool with read-all, edit-PLAN.md-only access.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["PlanningFileEditorTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class PluginInfo(WireModel):
    """
    Summary of an available plugin.
    """

    description: Annotated[str, Field(title="Description")] = ""
    files: Annotated[
        list[str],
        Field(
            description="Plugin files, relative to the plugin directory", title="Files"
        ),
    ] = []
    name: Annotated[str, Field(title="Name")]
    path: Annotated[
        str, Field(description="Path to the plugin directory", title="Path")
    ] = ""
    skills: Annotated[
        list[PluginSkillSummary],
        Field(
            description="Skills bundled in the plugin",
            title="Skills",
            validate_default=True,
        ),
    ] = []
    version: Annotated[str, Field(title="Version")] = ""


class PluginsResponse(WireModel):
    """
    Response containing the locally-available plugins.
    """

    plugins: Annotated[list[PluginInfo], Field(title="Plugins")]


class ReadFileObservation(WireModel):
    """
    Observation from reading a file.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    file_content: Annotated[
        str, Field(description="The content read from the file.", title="File Content")
    ] = ""
    file_path: Annotated[
        str, Field(description="The file path that was read.", title="File Path")
    ]
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    is_truncated: Annotated[
        bool,
        Field(
            description="Whether the content was truncated due to size limits.",
            title="Is Truncated",
        ),
    ] = False
    kind: Annotated[Literal["ReadFileObservation"], Field(title="Kind")]
    lines_shown: Annotated[
        LinesShown | None,
        Field(
            description="If truncated, the range of lines shown (start, end) - 1-indexed.",
            title="Lines Shown",
        ),
    ] = None
    total_lines: Annotated[
        int | None,
        Field(description="Total number of lines in the file.", title="Total Lines"),
    ] = None


class ReadFileTool(WireModel):
    """
    Tool for reading file contents with pagination support.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["ReadFileTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class SecretSourceInput(RootModel[LookupSecretInput | StaticSecretInput]):
    root: Annotated[LookupSecretInput | StaticSecretInput, Field(discriminator="kind")]


class SecretSourceOutput(RootModel[LookupSecretOutput | StaticSecretOutput]):
    root: Annotated[
        LookupSecretOutput | StaticSecretOutput, Field(discriminator="kind")
    ]


class SecurityAnalysisEvent(WireModel):
    """
    Risk levels the configured security analyzer assigned to pending actions.

    Emitted once per batch of actions the agent is about to execute, whenever a
    security analyzer is configured on the conversation, regardless of whether
    the confirmation policy then asks for confirmation. This makes the
    analyzer's verdict visible in the event log and UI even when the policy
    (for example ``NeverConfirm``) never consults it.

    This event is not sent to the LLM.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    analyzer: Annotated[
        str,
        Field(
            description="Kind of the security analyzer that produced these risks.",
            title="Analyzer",
        ),
    ]
    details: Annotated[
        dict[str, dict[str, Any]],
        Field(
            description="Optional analyzer-specific detail per action, keyed by ActionEvent id (for example probabilities, confidence, or a rationale).",
            title="Details",
        ),
    ] = {}
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["SecurityAnalysisEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    policy: Annotated[
        str,
        Field(
            description="Kind of the confirmation policy in force when the actions were analyzed.",
            title="Policy",
        ),
    ]
    risks: Annotated[
        dict[str, SecurityRisk],
        Field(
            description="Risk level per analyzed action, keyed by ActionEvent id.",
            title="Risks",
        ),
    ]
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class SendMessageRequest(WireModel):
    """
    Payload to send a message to the agent.
    """

    content: Annotated[
        list[TextContent | ImageContent], Field(title="Content", validate_default=True)
    ] = []
    role: Annotated[
        Literal["user", "system", "assistant", "tool"], Field(title="Role")
    ] = "user"
    run: Annotated[
        bool,
        Field(
            description="Whether the agent loop should automatically run if not running",
            title="Run",
        ),
    ] = False


class SetConfirmationPolicyRequest(WireModel):
    """
    Payload to set confirmation policy for a conversation.
    """

    policy: Annotated[
        ConfirmationPolicyBaseInput, Field(description="The confirmation policy to set")
    ]


class SettingsSchema(WireModel):
    model_name: Annotated[str, Field(title="Model Name")]
    sections: Annotated[list[SettingsSectionSchema], Field(title="Sections")]


class SkillOutput(WireModel):
    """
    A skill provides specialized knowledge or functionality.

    Skill behavior depends on format (is_agentskills_format) and trigger:

    AgentSkills format (SKILL.md files):
    - Always listed in <available_skills> with name, description, location
    - Agent reads full content on demand (progressive disclosure)
    - If has triggers: content is ALSO auto-injected when triggered

    Legacy OpenHands format:
    - With triggers: Listed in <available_skills>, content injected on trigger
    - Without triggers (None): Full content in <REPO_CONTEXT>, always active

    This model supports both OpenHands-specific fields and AgentSkills standard
    fields (https://agentskills.io/specification) for cross-platform compatibility.
    """

    allowed_tools: Annotated[
        list[str] | None,
        Field(
            description="List of pre-approved tools for this skill. AgentSkills standard field (parsed from space-delimited string).",
            title="Allowed Tools",
        ),
    ] = None
    compatibility: Annotated[
        str | None,
        Field(
            description="Environment requirements or compatibility notes for the skill. AgentSkills standard field (e.g., 'Requires git and docker').",
            title="Compatibility",
        ),
    ] = None
    content: Annotated[str, Field(title="Content")]
    description: Annotated[
        str | None,
        Field(
            description="A brief description of what the skill does and when to use it. Descriptions exceeding MAX_DESCRIPTION_LENGTH are truncated with a notice pointing to the skill's source path.",
            title="Description",
        ),
    ] = None
    disable_model_invocation: Annotated[
        bool,
        Field(
            description="Whether this skill can only be activated by trigger matching and should not be advertised to the model for direct invocation.",
            title="Disable Model Invocation",
        ),
    ] = False
    inputs: Annotated[
        list[InputMetadata],
        Field(
            description="Input metadata for the skill (task skills only)",
            title="Inputs",
            validate_default=True,
        ),
    ] = []
    is_agentskills_format: Annotated[
        bool,
        Field(
            description="Whether this skill was loaded from a SKILL.md file following the AgentSkills standard. AgentSkills-format skills use progressive disclosure: always listed in <available_skills> with name, description, and location. If the skill also has triggers, content is auto-injected when triggered AND agent can read file anytime.",
            title="Is Agentskills Format",
        ),
    ] = False
    license: Annotated[
        str | None,
        Field(
            description="The license under which the skill is distributed. AgentSkills standard field (e.g., 'Apache-2.0', 'MIT').",
            title="License",
        ),
    ] = None
    mcp_tools: Annotated[
        dict[str, dict[str, Any]] | None,
        Field(
            description="MCP servers for the skill (repo skills only).",
            title="Mcp Tools",
        ),
    ] = None
    metadata: Annotated[
        dict[str, str] | None,
        Field(
            description="Arbitrary key-value metadata for the skill. AgentSkills standard field for extensibility.",
            title="Metadata",
        ),
    ] = None
    name: Annotated[str, Field(title="Name")]
    resources: Annotated[
        SkillResources | None,
        Field(
            description="Resource directories for the skill (scripts/, references/, assets/). AgentSkills standard field. Only populated for SKILL.md directory format."
        ),
    ] = None
    source: Annotated[
        str | None,
        Field(
            description="The source path or identifier of the skill. When it is None, it is treated as a programmatically defined skill.",
            title="Source",
        ),
    ] = None
    trigger: Annotated[
        KeywordTrigger | TaskTrigger | PathTrigger | None,
        Field(
            description="Trigger determines when skill content is auto-injected. None = no auto-injection (for AgentSkills: agent reads on demand; for legacy: full content always in system prompt). KeywordTrigger = auto-inject when keywords appear in user messages. TaskTrigger = auto-inject for specific tasks, may require user input.",
            title="Trigger",
        ),
    ] = None
    version: Annotated[
        str,
        Field(
            description="Skill version (AgentSkills standard field).", title="Version"
        ),
    ] = "1.0.0"


class StartChildConversationObservation(WireModel):
    """
    Result of a child conversation launch.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    conversation_id: Annotated[str | None, Field(title="Conversation Id")] = None
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    isolation: Annotated[
        Literal["worktree", "shared"] | None, Field(title="Isolation")
    ] = None
    kind: Annotated[Literal["StartChildConversationObservation"], Field(title="Kind")]
    parent_conversation_id: Annotated[
        str | None, Field(title="Parent Conversation Id")
    ] = None
    status: Annotated[str | None, Field(title="Status")] = None
    title: Annotated[str | None, Field(title="Title")] = None
    url: Annotated[str | None, Field(title="Url")] = None
    workspace: Annotated[str | None, Field(title="Workspace")] = None


class StartChildConversationTool(WireModel):
    """
    Tool that launches a same-backend child conversation.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["StartChildConversationTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class SwitchLLMObservation(WireModel):
    """
    Observation returned after switching this conversation's LLM profile.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    active_model: Annotated[
        str | None,
        Field(
            description="Model configured by the activated profile, when available.",
            title="Active Model",
        ),
    ] = None
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["SwitchLLMObservation"], Field(title="Kind")]
    profile_name: Annotated[
        str,
        Field(
            description="Name of the profile that the tool attempted to activate.",
            title="Profile Name",
        ),
    ]
    reason: Annotated[
        str | None,
        Field(
            description="Reason the agent gave for attempting this LLM profile switch.",
            title="Reason",
        ),
    ] = None


class SwitchLLMTool(WireModel):
    """
    Tool for switching a conversation to a saved LLM profile.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["SwitchLLMTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class TaskObservation(WireModel):
    """
    Observation from a task execution.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["TaskObservation"], Field(title="Kind")]
    status: Annotated[str, Field(description="The status of the task.", title="Status")]
    subagent: Annotated[
        str, Field(description="The subagent of the task.", title="Subagent")
    ]
    task_id: Annotated[
        str, Field(description="The unique identifier of the task.", title="Task Id")
    ]


class TaskTool(WireModel):
    """
    Tool for launching (blocking) sub-agent tasks.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["TaskTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class TaskToolSet(WireModel):
    """
    Task tool set.

    Creates the Task tool backed by a shared TaskManager.

    Usage:
        from openhands.tools.task import TaskToolSet

        agent = Agent(
            llm=llm,
            tools=[
                Tool(name=TerminalTool.name),
                Tool(name=FileEditorTool.name),
                Tool(name=TaskToolSet.name),
            ],
        )
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["TaskToolSet"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class TaskTrackerObservation(WireModel):
    """
    This data class represents the result of a task tracking operation.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["view", "plan"],
        Field(
            description='The command that was executed: "view" or "plan".',
            title="Command",
        ),
    ]
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["TaskTrackerObservation"], Field(title="Kind")]
    task_list: Annotated[
        list[TaskItem],
        Field(
            description="The current task list",
            title="Task List",
            validate_default=True,
        ),
    ] = []


class TaskTrackerTool(WireModel):
    """
    A ToolDefinition subclass that automatically initializes a TaskTrackerExecutor.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["TaskTrackerTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class TerminalObservation(WireModel):
    """
    A ToolResult that can be rendered as a CLI output.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        str | None,
        Field(
            description="The shell command that was executed. Can be empty string if the observation is from a previous command that hit soft timeout and is not yet finished.",
            title="Command",
        ),
    ]
    content: Annotated[
        list[TextContent | ImageContent],
        Field(
            description="Content returned from the tool as a list of TextContent/ImageContent objects. When there is an error, it should be written in this field.",
            title="Content",
            validate_default=True,
        ),
    ] = []
    exit_code: Annotated[
        int | None,
        Field(
            description="The exit code of the command. -1 indicates the process hit the soft timeout and is not yet finished.",
            title="Exit Code",
        ),
    ] = None
    full_output_save_dir: Annotated[
        str | None,
        Field(
            description="Directory where full output files are saved",
            title="Full Output Save Dir",
        ),
    ] = None
    is_error: Annotated[
        bool,
        Field(
            description="Whether the observation indicates an error", title="Is Error"
        ),
    ] = False
    kind: Annotated[Literal["TerminalObservation"], Field(title="Kind")]
    metadata: Annotated[CmdOutputMetadata, Field(description="Additional metadata captured from PS1 after command execution.", validate_default=True)] = {
        "exit_code": -1,
        "hostname": None,
        "pid": -1,
        "prefix": "",
        "py_interpreter_path": None,
        "suffix": "",
        "username": None,
        "working_dir": None,
    }
    timeout: Annotated[
        bool,
        Field(description="Whether the command execution timed out.", title="Timeout"),
    ] = False


class TerminalTool(WireModel):
    """
    A ToolDefinition subclass that automatically initializes a TerminalExecutor with auto-detection.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["TerminalTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class ThinkTool(WireModel):
    """
    Tool for logging thoughts without making changes.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["ThinkTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class UpdatePluginResponse(WireModel):
    """
    Response from a plugin refresh/update.
    """

    message: Annotated[str, Field(title="Message")]
    plugin: InstalledPluginResponse


class UpdateSecretsRequest(UpdateSecretsModel):
    """
    Payload to update secrets in a conversation.
    """

    secrets: Annotated[
        dict[str, SecretSourceInput],
        Field(description="Dictionary mapping secret keys to values", title="Secrets"),
    ]


class VisionInspectTool(WireModel):
    """
    Tool for one-off image inspection through a saved vision profile.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["VisionInspectTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class WorkflowTool(WireModel):
    """
    Low-level tool for explicit executor injection.

    Prefer ``WorkflowToolSet`` for standard SDK auto-create usage.
    Use ``WorkflowTool`` when you need to inject a custom executor
    (e.g., in tests or extensions).
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["WorkflowTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class WorkflowToolSet(WireModel):
    """
    Tool set that creates the dynamic workflow tool.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["WorkflowToolSet"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class WriteFileTool(WireModel):
    """
    Tool for writing complete file contents.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["WriteFileTool"], Field(title="Kind")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class McpTypesTool(WireModel):
    """
    Definition for a tool the client can call.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    field_meta: Annotated[dict[str, Any] | None, Field(alias="_meta", title="Meta")] = (
        None
    )
    annotations: McpTypesToolAnnotations | None = None
    description: Annotated[str | None, Field(title="Description")] = None
    execution: ToolExecution | None = None
    icons: Annotated[list[Icon] | None, Field(title="Icons")] = None
    inputSchema: Annotated[dict[str, Any], Field(title="Inputschema")]
    name: Annotated[str, Field(title="Name")]
    outputSchema: Annotated[dict[str, Any] | None, Field(title="Outputschema")] = None
    title: Annotated[str | None, Field(title="Title")] = None


class OpenhandsAgentServerPluginsRouterMarketplaceCatalogResponse(WireModel):
    """
    Response containing the plugins marketplace catalog.
    """

    plugins: Annotated[list[MarketplacePluginInfo], Field(title="Plugins")]


class AgentContextOutput(WireModel):
    """
    Central structure for managing prompt extension.

    AgentContext unifies all the contextual inputs that shape how the system
    extends and interprets user prompts. It combines both static environment
    details and dynamic, user-activated extensions from skills.

    Specifically, it provides:
    - **Repository context / Repo Skills**: Information about the active codebase,
      branches, and repo-specific instructions contributed by repo skills.
    - **Runtime context**: Current execution environment (hosts, working
      directory, secrets, date, etc.).
    - **Conversation instructions**: Optional task- or channel-specific rules
      that constrain or guide the agent’s behavior across the session.
    - **Knowledge Skills**: Extensible components that can be triggered by user input
      to inject knowledge or domain-specific guidance.

    Together, these elements make AgentContext the primary container responsible
    for assembling, formatting, and injecting all prompt-relevant context into
    LLM interactions.
    """

    current_datetime: Annotated[
        AwareDatetime | str | None,
        Field(
            description="Current date and time information to provide to the agent. Can be a datetime object (which will be formatted as ISO 8601) or a pre-formatted string. When provided, this information is included in the system prompt to give the agent awareness of the current time context. Defaults to the current (timezone-aware) datetime.",
            title="Current Datetime",
        ),
    ] = None
    disabled_skills: Annotated[
        list[str],
        Field(
            description="Names of skills to EXCLUDE from this context — a deny-list applied after every skill source is loaded (auto-loaded user/public, explicit, and lazily-loaded project skills). A listed name absent from the loaded set is a harmless no-op. [] (the default) keeps every skill. This is the single, drift-tolerant skill-selection mechanism (agent profiles set it from their own deny-list; #4017).",
            title="Disabled Skills",
        ),
    ] = []
    load_memory: Annotated[
        bool,
        Field(
            description="Whether to load persistent agent memory (MEMORY.md indexes under ~/.openhands/memory/ and <workspace>/.openhands/memory/) into the system prompt. Like load_project_skills, this flag is not resolved by AgentContext itself (the workspace path is unknown at validation time); LocalConversation resolves it lazily on the first send_message() / run() and stores the result in memory_context.",
            title="Load Memory",
        ),
    ] = False
    load_project_skills: Annotated[
        bool,
        Field(
            description="Whether to automatically load project skills from the conversation workspace (e.g. .openhands/skills/, AGENTS.md). Unlike load_user_skills / load_public_skills, this flag is not resolved by AgentContext itself (the workspace path is unknown at validation time); LocalConversation resolves it lazily on the first send_message() / run(), when the workspace is known. Also unlike load_user_skills / load_public_skills (which yield to explicit skills on a name conflict), resolved project skills are authoritative: a project skill overrides a same-named skill already present in `skills`.",
            title="Load Project Skills",
        ),
    ] = False
    load_public_skills: Annotated[
        bool,
        Field(
            description="Whether to automatically load skills from the public OpenHands skills repository at https://github.com/OpenHands/extensions. This allows you to get the latest skills without SDK updates.",
            title="Load Public Skills",
        ),
    ] = False
    load_user_skills: Annotated[
        bool,
        Field(
            description="Whether to automatically load user skills from ~/.openhands/skills/ and ~/.openhands/microagents/ (for backward compatibility). ",
            title="Load User Skills",
        ),
    ] = False
    marketplace_path: Annotated[
        str | None,
        Field(
            description="Relative marketplace JSON path within the public skills repository. Set to None to load all public skills without marketplace filtering.",
            title="Marketplace Path",
        ),
    ] = "marketplaces/default.json"
    registered_marketplaces: Annotated[
        list[MarketplaceRegistration],
        Field(
            description="Marketplace registrations for plugin resolution. Registrations with auto_load=True or a list of plugin names are resolved by LocalConversation at startup.",
            title="Registered Marketplaces",
            validate_default=True,
        ),
    ] = []
    secrets: Annotated[
        dict[str, Any] | None,
        Field(
            description="Dictionary mapping secret keys to values or secret sources. Secrets are used for authentication and sensitive data handling. Values can be either strings or SecretSource instances (str | SecretSource).",
            title="Secrets",
        ),
    ] = None
    skills: Annotated[
        list[SkillOutput],
        Field(
            description="List of available skills that can extend the user's input.",
            title="Skills",
            validate_default=True,
        ),
    ] = []
    system_message_suffix: Annotated[
        str | None,
        Field(
            description="Optional suffix to append to the system prompt.",
            title="System Message Suffix",
        ),
    ] = None
    user_message_suffix: Annotated[
        str | None,
        Field(
            description="Optional suffix to append to the user's message.",
            title="User Message Suffix",
        ),
    ] = None


class AgentErrorEvent(WireModel):
    """
    Error triggered by the agent.

    Note: This event should not contain model "thought" or "reasoning_content". It
    represents an error produced by the agent/scaffold, not model output.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    classification: Annotated[
        ErrorClassification | None,
        Field(description="Safe structured error semantics for API consumers."),
    ] = None
    error: Annotated[
        str, Field(description="The error message from the scaffold", title="Error")
    ]
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["AgentErrorEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "agent"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    tool_call_id: Annotated[
        str,
        Field(
            description="The tool call id that this observation is responding to",
            title="Tool Call Id",
        ),
    ]
    tool_name: Annotated[
        str,
        Field(
            description="The tool name that this observation is responding to",
            title="Tool Name",
        ),
    ]


class ChatCompletionMessage(WireModel):
    """
    A chat completion message generated by the model.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    annotations: Annotated[list[Annotation] | None, Field(title="Annotations")] = None
    audio: ChatCompletionAudio | None = None
    content: Annotated[str | None, Field(title="Content")] = None
    function_call: FunctionCall | None = None
    refusal: Annotated[str | None, Field(title="Refusal")] = None
    role: Annotated[Literal["assistant"], Field(title="Role")]
    tool_calls: Annotated[
        list[ChatCompletionMessageFunctionToolCall | ChatCompletionMessageCustomToolCall] | None,
        Field(title="Tool Calls"),
    ] = None


class Choice(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    finish_reason: Annotated[
        Literal["stop", "length", "tool_calls", "content_filter", "function_call"],
        Field(title="Finish Reason"),
    ]
    index: Annotated[int, Field(title="Index")]
    logprobs: ChoiceLogprobs | None = None
    message: ChatCompletionMessage


class ConversationErrorEvent(WireModel):
    """
    Conversation-level failure that is NOT sent back to the LLM.

    This event is emitted by the conversation runtime when an unexpected
    exception bubbles up and prevents the run loop from continuing. It is
    intended for client applications (e.g., UIs) to present a top-level error
    state, and for orchestration to react. It is not an observation and it is
    not LLM-convertible.

    Differences from AgentErrorEvent:
    - Not tied to any tool_name/tool_call_id (AgentErrorEvent is a tool
      observation).
    - Typically source='environment' and the run loop moves to an ERROR state,
      while AgentErrorEvent has source='agent' and the conversation can
      continue.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    classification: Annotated[
        ErrorClassification | None,
        Field(description="Safe structured error semantics for API consumers."),
    ] = None
    code: Annotated[
        str, Field(description="Code for the error - typically a type", title="Code")
    ]
    detail: Annotated[str, Field(description="Details about the error", title="Detail")]
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["ConversationErrorEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"],
        Field(description="The source of this event", title="Source"),
    ]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None


class CriticBaseInput(
    RootModel[
        AgentFinishedCriticInput
        | APIBasedCriticInput
        | EmptyPatchCriticInput
        | PassCriticInput
    ]
):
    root: Annotated[
        AgentFinishedCriticInput | APIBasedCriticInput | EmptyPatchCriticInput | PassCriticInput,
        Field(discriminator="kind"),
    ]


class CriticBaseOutput(
    RootModel[
        AgentFinishedCriticOutput
        | APIBasedCriticOutput
        | EmptyPatchCriticOutput
        | PassCriticOutput
    ]
):
    root: Annotated[
        AgentFinishedCriticOutput | APIBasedCriticOutput | EmptyPatchCriticOutput | PassCriticOutput,
        Field(discriminator="kind"),
    ]


class FetchPluginRequest(WireModel):
    """
    Request body for strictly fetching a plugin without installing it.
    """

    ref: Annotated[
        str | None, Field(description="Branch, tag, or commit", title="Ref")
    ] = None
    repo_path: Annotated[
        str | None,
        Field(
            description="Subdirectory path within the repository (for monorepos)",
            title="Repo Path",
        ),
    ] = None
    secrets: Annotated[
        dict[str, SecretSourceInput],
        Field(
            description="Secrets used to expand ${VAR} placeholders in source and ref",
            title="Secrets",
            validate_default=True,
        ),
    ] = {}
    source: Annotated[
        str, Field(description="Plugin git source", min_length=1, title="Source")
    ]
    timeout: Annotated[
        int, Field(description="Git timeout seconds", ge=1, le=600, title="Timeout")
    ] = 60


class HookConfig(WireModel):
    """
    Configuration for all hooks.

    Hooks can be configured either by loading from `.openhands/hooks.json` or
    by directly instantiating with typed fields:

        # Direct instantiation with typed fields (recommended):
        config = HookConfig(
            pre_tool_use=[
                HookMatcher(
                    matcher="terminal",
                    hooks=[HookDefinition(command="block_dangerous.sh")]
                )
            ]
        )

        # Load from JSON file:
        config = HookConfig.load(".openhands/hooks.json")
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    post_tool_use: Annotated[
        list[HookMatcher],
        Field(
            description="Hooks that run after tool execution",
            title="Post Tool Use",
            validate_default=True,
        ),
    ] = []
    pre_tool_use: Annotated[
        list[HookMatcher],
        Field(
            description="Hooks that run before tool execution",
            title="Pre Tool Use",
            validate_default=True,
        ),
    ] = []
    session_end: Annotated[
        list[HookMatcher],
        Field(
            description="Hooks that run when a session ends",
            title="Session End",
            validate_default=True,
        ),
    ] = []
    session_start: Annotated[
        list[HookMatcher],
        Field(
            description="Hooks that run when a session starts",
            title="Session Start",
            validate_default=True,
        ),
    ] = []
    stop: Annotated[
        list[HookMatcher],
        Field(
            description="Hooks that run when the agent attempts to stop",
            title="Stop",
            validate_default=True,
        ),
    ] = []
    user_prompt_submit: Annotated[
        list[HookMatcher],
        Field(
            description="Hooks that run when user submits a prompt",
            title="User Prompt Submit",
            validate_default=True,
        ),
    ] = []


class HooksResponse(WireModel):
    """
    Response containing hooks configuration.
    """

    hook_config: Annotated[
        HookConfig | None,
        Field(
            description="Hook configuration loaded from the workspace, or None if not found"
        ),
    ] = None


class MCPOAuthAuthCredentialInput(WireModel):
    authentication: MCPOAuthAuthenticationInput | None = None
    state: MCPOAuthStateInput | None = None
    strategy: Annotated[Literal["oauth2"], Field(title="Strategy")]


class MCPOAuthAuthCredentialOutput(WireModel):
    authentication: MCPOAuthAuthenticationOutput | None = None
    state: MCPOAuthStateOutput | None = None
    strategy: Annotated[Literal["oauth2"], Field(title="Strategy")]


class MCPServerInput(WireModel):
    """
    One MCP server in the settings DataModel.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    args: Annotated[list[str] | None, Field(title="Args")] = None
    auth: Annotated[
        MCPNoneAuthCredential | MCPApiKeyAuthCredentialInput | MCPBearerAuthCredentialInput | MCPBasicAuthCredentialInput | MCPHeaderAuthCredentialInput | MCPOAuthAuthCredentialInput | None,
        Field(title="Auth"),
    ] = None
    command: Annotated[Command | None, Field(title="Command")] = None
    cwd: Annotated[str | None, Field(title="Cwd")] = None
    description: Annotated[str | None, Field(title="Description")] = None
    enabled: Annotated[
        bool,
        Field(
            description="Whether this server is exposed to the agent. A disabled server stays fully configured -- including its secrets -- but is skipped when MCP tools are created and when servers are forwarded to an ACP subprocess.",
            title="Enabled",
        ),
    ] = True
    env: Annotated[dict[str, SecretStr] | None, Field(title="Env")] = None
    headers: Annotated[dict[str, SecretStr] | None, Field(title="Headers")] = None
    icon: Annotated[str | None, Field(title="Icon")] = None
    keep_alive: Annotated[bool | None, Field(title="Keep Alive")] = None
    sse_read_timeout: Annotated[float | None, Field(title="Sse Read Timeout")] = None
    timeout: Annotated[float | None, Field(title="Timeout")] = None
    transport: Annotated[
        Literal["stdio", "http", "streamable-http", "sse"] | None,
        Field(title="Transport"),
    ] = None
    url: Annotated[Url | None, Field(title="Url")] = None


class MCPServerOutput(WireModel):
    """
    One MCP server in the settings DataModel.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    args: Annotated[list[str] | None, Field(title="Args")] = None
    auth: Annotated[
        MCPNoneAuthCredential | MCPApiKeyAuthCredentialOutput | MCPBearerAuthCredentialOutput | MCPBasicAuthCredentialOutput | MCPHeaderAuthCredentialOutput | MCPOAuthAuthCredentialOutput | None,
        Field(title="Auth"),
    ] = None
    command: Annotated[Command | None, Field(title="Command")] = None
    cwd: Annotated[str | None, Field(title="Cwd")] = None
    description: Annotated[str | None, Field(title="Description")] = None
    enabled: Annotated[
        bool,
        Field(
            description="Whether this server is exposed to the agent. A disabled server stays fully configured -- including its secrets -- but is skipped when MCP tools are created and when servers are forwarded to an ACP subprocess.",
            title="Enabled",
        ),
    ] = True
    env: Annotated[dict[str, str | None] | None, Field(title="Env")] = None
    headers: Annotated[dict[str, str | None] | None, Field(title="Headers")] = None
    icon: Annotated[str | None, Field(title="Icon")] = None
    keep_alive: Annotated[bool | None, Field(title="Keep Alive")] = None
    sse_read_timeout: Annotated[float | None, Field(title="Sse Read Timeout")] = None
    timeout: Annotated[float | None, Field(title="Timeout")] = None
    transport: Annotated[
        Literal["stdio", "http", "streamable-http", "sse"] | None,
        Field(title="Transport"),
    ] = None
    url: Annotated[Url | None, Field(title="Url")] = None


class MCPServerPatch(WireModel):
    """
    Sparse RFC 7386 merge patch for one persisted MCP server.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    args: Annotated[list[str] | None, Field(title="Args")] = None
    auth: Annotated[
        MCPNoneAuthCredential | MCPApiKeyAuthCredentialInput | MCPBearerAuthCredentialInput | MCPBasicAuthCredentialInput | MCPHeaderAuthCredentialInput | MCPOAuthAuthCredentialInput | None,
        Field(title="Auth"),
    ] = None
    command: Annotated[Command | None, Field(title="Command")] = None
    cwd: Annotated[str | None, Field(title="Cwd")] = None
    description: Annotated[str | None, Field(title="Description")] = None
    enabled: Annotated[
        bool | None,
        Field(
            description="Switch the server off (false) or back on (true) without touching the rest of its configuration. A null clears the override, which restores the canonical default (enabled).",
            title="Enabled",
        ),
    ] = None
    env: Annotated[dict[str, SecretStr | None] | None, Field(title="Env")] = None
    headers: Annotated[dict[str, SecretStr | None] | None, Field(title="Headers")] = (
        None
    )
    icon: Annotated[str | None, Field(title="Icon")] = None
    keep_alive: Annotated[bool | None, Field(title="Keep Alive")] = None
    sse_read_timeout: Annotated[float | None, Field(title="Sse Read Timeout")] = None
    timeout: Annotated[float | None, Field(title="Timeout")] = None
    transport: Annotated[
        Literal["stdio", "http", "streamable-http", "sse"] | None,
        Field(title="Transport"),
    ] = None
    url: Annotated[Url | None, Field(title="Url")] = None


class MCPToolDefinition(WireModel):
    """
    MCP Tool that wraps an MCP client and provides tool functionality.
    """

    action_type: Annotated[str, Field(title="Action Type")]
    annotations: OpenhandsSdkToolToolToolAnnotations | None = None
    description: Annotated[str, Field(title="Description")]
    kind: Annotated[Literal["MCPToolDefinition"], Field(title="Kind")]
    mcp_tool: Annotated[McpTypesTool, Field(description="The MCP tool definition.")]
    meta: Annotated[dict[str, Any] | None, Field(title="Meta")] = None
    observation_type: Annotated[str | None, Field(title="Observation Type")] = None
    title: Annotated[str, Field(title="Title")]


class MaterializeAgentProfileRequest(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    profile: Annotated[
        OpenHandsAgentProfile | ACPAgentProfile | None,
        Field(
            description="Draft profile to evaluate instead of the stored one. The path name overrides the draft's name.",
            title="Profile",
        ),
    ] = None


class Moderation(WireModel):
    """
    Moderation results for the request input and generated output, if moderated
    completions were requested.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    input: Annotated[
        ModerationInputModerationResults | ModerationInputError, Field(title="Input")
    ]
    output: Annotated[
        ModerationOutputModerationResults | ModerationOutputError, Field(title="Output")
    ]


class Observation(
    RootModel[
        MCPToolObservation
        | ClassifyAndSwitchLLMObservation
        | FinishObservation
        | InvokeSkillObservation
        | SwitchLLMObservation
        | ThinkObservation
        | VisionInspectObservation
        | ClientToolObservation
        | AskOracleObservation
        | BrowserObservation
        | StartChildConversationObservation
        | DelegateObservation
        | FileEditorObservation
        | EditObservation
        | ListDirectoryObservation
        | ReadFileObservation
        | WriteFileObservation
        | GlobObservation
        | GrepObservation
        | PlanningFileEditorObservation
        | TaskObservation
        | TaskTrackerObservation
        | TerminalObservation
        | WorkflowObservation
    ]
):
    root: Annotated[
        MCPToolObservation | ClassifyAndSwitchLLMObservation | FinishObservation | InvokeSkillObservation | SwitchLLMObservation | ThinkObservation | VisionInspectObservation | ClientToolObservation | AskOracleObservation | BrowserObservation | StartChildConversationObservation | DelegateObservation | FileEditorObservation | EditObservation | ListDirectoryObservation | ReadFileObservation | WriteFileObservation | GlobObservation | GrepObservation | PlanningFileEditorObservation | TaskObservation | TaskTrackerObservation | TerminalObservation | WorkflowObservation,
        Field(discriminator="kind"),
    ]


class ObservationEvent(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    action_id: Annotated[
        str,
        Field(
            description="The action id that this observation is responding to",
            title="Action Id",
        ),
    ]
    extended_content: Annotated[
        list[TextContent],
        Field(
            description="Content added by agent context (e.g. path-scoped rules triggered by the touched file), appended after the tool result in to_llm_message.",
            title="Extended Content",
            validate_default=True,
        ),
    ] = []
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["ObservationEvent"], Field(title="Kind")]
    observation: Annotated[
        Observation, Field(description="The observation (tool call) sent to LLM")
    ]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "environment"
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    tool_call_id: Annotated[
        str,
        Field(
            description="The tool call id that this observation is responding to",
            title="Tool Call Id",
        ),
    ]
    tool_name: Annotated[
        str,
        Field(
            description="The tool name that this observation is responding to",
            title="Tool Name",
        ),
    ]


class OpenAIChatMessage(WireModel):
    content: Annotated[str | list[OpenAIContentPart] | None, Field(title="Content")] = (
        None
    )
    role: Annotated[
        Literal["system", "developer", "user", "assistant", "tool"], Field(title="Role")
    ]


class OpenAIResponse(WireModel):
    completed_at: Annotated[float, Field(title="Completed At")]
    created_at: Annotated[float, Field(title="Created At")]
    id: Annotated[str, Field(title="Id")]
    instructions: Annotated[str | None, Field(title="Instructions")] = None
    metadata: Annotated[dict[str, str] | None, Field(title="Metadata")] = None
    model: Annotated[str, Field(title="Model")]
    object: Annotated[Literal["response"], Field(title="Object")] = "response"
    output: Annotated[list[OpenAIResponseOutputMessage], Field(title="Output")]
    parallel_tool_calls: Annotated[bool, Field(title="Parallel Tool Calls")] = False
    previous_response_id: Annotated[str | None, Field(title="Previous Response Id")] = (
        None
    )
    status: Annotated[Literal["completed"], Field(title="Status")] = "completed"
    tool_choice: Annotated[Literal["none"], Field(title="Tool Choice")] = "none"
    tools: Annotated[list[dict[str, str]], Field(title="Tools")]
    usage: OpenAIResponseUsage


class SecretRegistry(WireModel):
    """
    Manages secrets and injects them into bash commands when needed.

    The secret registry stores a mapping of secret keys to SecretSources
    that retrieve the actual secret values. When a bash command is about to be
    executed, it scans the command for any secret keys and injects the corresponding
    environment variables.

    Secret sources will redact / encrypt their sensitive values as appropriate when
    serializing, depending on the content of the context. If a context is present
    and contains a 'cipher' object, this is used for encryption. If it contains a
    boolean 'expose_secrets' flag set to True, secrets are dunped in plain text.
    Otherwise secrets are redacted.

    Additionally, it tracks the latest exported values to enable consistent masking
    even when callable secrets fail on subsequent calls.
    """

    secret_sources: Annotated[
        dict[str, SecretSourceOutput],
        Field(title="Secret Sources", validate_default=True),
    ] = {}


class SkillInput(WireModel):
    """
    A skill provides specialized knowledge or functionality.

    Skill behavior depends on format (is_agentskills_format) and trigger:

    AgentSkills format (SKILL.md files):
    - Always listed in <available_skills> with name, description, location
    - Agent reads full content on demand (progressive disclosure)
    - If has triggers: content is ALSO auto-injected when triggered

    Legacy OpenHands format:
    - With triggers: Listed in <available_skills>, content injected on trigger
    - Without triggers (None): Full content in <REPO_CONTEXT>, always active

    This model supports both OpenHands-specific fields and AgentSkills standard
    fields (https://agentskills.io/specification) for cross-platform compatibility.
    """

    allowed_tools: Annotated[
        list[str] | None,
        Field(
            description="List of pre-approved tools for this skill. AgentSkills standard field (parsed from space-delimited string).",
            title="Allowed Tools",
        ),
    ] = None
    compatibility: Annotated[
        str | None,
        Field(
            description="Environment requirements or compatibility notes for the skill. AgentSkills standard field (e.g., 'Requires git and docker').",
            title="Compatibility",
        ),
    ] = None
    content: Annotated[str, Field(title="Content")]
    description: Annotated[
        str | None,
        Field(
            description="A brief description of what the skill does and when to use it. Descriptions exceeding MAX_DESCRIPTION_LENGTH are truncated with a notice pointing to the skill's source path.",
            title="Description",
        ),
    ] = None
    disable_model_invocation: Annotated[
        bool,
        Field(
            description="Whether this skill can only be activated by trigger matching and should not be advertised to the model for direct invocation.",
            title="Disable Model Invocation",
        ),
    ] = False
    inputs: Annotated[
        list[InputMetadata],
        Field(
            description="Input metadata for the skill (task skills only)",
            title="Inputs",
            validate_default=True,
        ),
    ] = []
    is_agentskills_format: Annotated[
        bool,
        Field(
            description="Whether this skill was loaded from a SKILL.md file following the AgentSkills standard. AgentSkills-format skills use progressive disclosure: always listed in <available_skills> with name, description, and location. If the skill also has triggers, content is auto-injected when triggered AND agent can read file anytime.",
            title="Is Agentskills Format",
        ),
    ] = False
    license: Annotated[
        str | None,
        Field(
            description="The license under which the skill is distributed. AgentSkills standard field (e.g., 'Apache-2.0', 'MIT').",
            title="License",
        ),
    ] = None
    mcp_tools: Annotated[
        dict[str, MCPServerInput] | None,
        Field(
            description="MCP servers for the skill (repo skills only).",
            title="Mcp Tools",
        ),
    ] = None
    metadata: Annotated[
        dict[str, str] | None,
        Field(
            description="Arbitrary key-value metadata for the skill. AgentSkills standard field for extensibility.",
            title="Metadata",
        ),
    ] = None
    name: Annotated[str, Field(title="Name")]
    resources: Annotated[
        SkillResources | None,
        Field(
            description="Resource directories for the skill (scripts/, references/, assets/). AgentSkills standard field. Only populated for SKILL.md directory format."
        ),
    ] = None
    source: Annotated[
        str | None,
        Field(
            description="The source path or identifier of the skill. When it is None, it is treated as a programmatically defined skill.",
            title="Source",
        ),
    ] = None
    trigger: Annotated[
        KeywordTrigger | TaskTrigger | PathTrigger | None,
        Field(
            description="Trigger determines when skill content is auto-injected. None = no auto-injection (for AgentSkills: agent reads on demand; for legacy: full content always in system prompt). KeywordTrigger = auto-inject when keywords appear in user messages. TaskTrigger = auto-inject for specific tasks, may require user input.",
            title="Trigger",
        ),
    ] = None
    version: Annotated[
        str,
        Field(
            description="Skill version (AgentSkills standard field).", title="Version"
        ),
    ] = "1.0.0"


class ToolDefinition(
    RootModel[
        MCPToolDefinition
        | ClassifyAndSwitchLLMTool
        | FinishTool
        | InvokeSkillTool
        | SwitchLLMTool
        | ThinkTool
        | VisionInspectTool
        | ClientTool
        | AskOracleTool
        | BrowserClickTool
        | BrowserCloseTabTool
        | BrowserGetContentTool
        | BrowserGetStateTool
        | BrowserGetStorageTool
        | BrowserGoBackTool
        | BrowserListTabsTool
        | BrowserNavigateTool
        | BrowserScrollTool
        | BrowserSetStorageTool
        | BrowserStartRecordingTool
        | BrowserStopRecordingTool
        | BrowserSwitchTabTool
        | BrowserToolSet
        | BrowserTypeTool
        | StartChildConversationTool
        | FileEditorTool
        | EditTool
        | ListDirectoryTool
        | ReadFileTool
        | WriteFileTool
        | GlobTool
        | GrepTool
        | PlanningFileEditorTool
        | TaskTool
        | TaskToolSet
        | TaskTrackerTool
        | TerminalTool
        | WorkflowTool
        | WorkflowToolSet
    ]
):
    root: Annotated[
        MCPToolDefinition | ClassifyAndSwitchLLMTool | FinishTool | InvokeSkillTool | SwitchLLMTool | ThinkTool | VisionInspectTool | ClientTool | AskOracleTool | BrowserClickTool | BrowserCloseTabTool | BrowserGetContentTool | BrowserGetStateTool | BrowserGetStorageTool | BrowserGoBackTool | BrowserListTabsTool | BrowserNavigateTool | BrowserScrollTool | BrowserSetStorageTool | BrowserStartRecordingTool | BrowserStopRecordingTool | BrowserSwitchTabTool | BrowserToolSet | BrowserTypeTool | StartChildConversationTool | FileEditorTool | EditTool | ListDirectoryTool | ReadFileTool | WriteFileTool | GlobTool | GrepTool | PlanningFileEditorTool | TaskTool | TaskToolSet | TaskTrackerTool | TerminalTool | WorkflowTool | WorkflowToolSet,
        Field(discriminator="kind"),
    ]


class FieldRemoteMCPServerSpec(WireModel):
    """
    Legacy remote MCP server spec accepted by the public REST API.
    """

    auth: Annotated[
        MCPNoneAuthCredential | MCPApiKeyAuthCredentialInput | MCPBearerAuthCredentialInput | MCPBasicAuthCredentialInput | MCPHeaderAuthCredentialInput | MCPOAuthAuthCredentialInput | None,
        Field(title="Auth"),
    ] = None
    headers: Annotated[dict[str, str], Field(title="Headers")] = {}
    keep_alive: Annotated[bool | None, Field(title="Keep Alive")] = None
    sse_read_timeout: Annotated[float | None, Field(title="Sse Read Timeout")] = None
    timeout: Annotated[float | None, Field(title="Timeout")] = None
    type: Annotated[
        Literal["http", "shttp", "sse", "streamable-http"], Field(title="Type")
    ]
    url: Annotated[str, Field(min_length=1, title="Url")]


class AgentContextInput(AgentContextModel):
    """
    Central structure for managing prompt extension.

    AgentContext unifies all the contextual inputs that shape how the system
    extends and interprets user prompts. It combines both static environment
    details and dynamic, user-activated extensions from skills.

    Specifically, it provides:
    - **Repository context / Repo Skills**: Information about the active codebase,
      branches, and repo-specific instructions contributed by repo skills.
    - **Runtime context**: Current execution environment (hosts, working
      directory, secrets, date, etc.).
    - **Conversation instructions**: Optional task- or channel-specific rules
      that constrain or guide the agent’s behavior across the session.
    - **Knowledge Skills**: Extensible components that can be triggered by user input
      to inject knowledge or domain-specific guidance.

    Together, these elements make AgentContext the primary container responsible
    for assembling, formatting, and injecting all prompt-relevant context into
    LLM interactions.
    """

    current_datetime: Annotated[
        AwareDatetime | str | None,
        Field(
            description="Current date and time information to provide to the agent. Can be a datetime object (which will be formatted as ISO 8601) or a pre-formatted string. When provided, this information is included in the system prompt to give the agent awareness of the current time context. Defaults to the current (timezone-aware) datetime.",
            title="Current Datetime",
        ),
    ] = None
    disabled_skills: Annotated[
        list[str],
        Field(
            description="Names of skills to EXCLUDE from this context — a deny-list applied after every skill source is loaded (auto-loaded user/public, explicit, and lazily-loaded project skills). A listed name absent from the loaded set is a harmless no-op. [] (the default) keeps every skill. This is the single, drift-tolerant skill-selection mechanism (agent profiles set it from their own deny-list; #4017).",
            title="Disabled Skills",
        ),
    ] = []
    load_memory: Annotated[
        bool,
        Field(
            description="Whether to load persistent agent memory (MEMORY.md indexes under ~/.openhands/memory/ and <workspace>/.openhands/memory/) into the system prompt. Like load_project_skills, this flag is not resolved by AgentContext itself (the workspace path is unknown at validation time); LocalConversation resolves it lazily on the first send_message() / run() and stores the result in memory_context.",
            title="Load Memory",
        ),
    ] = False
    load_project_skills: Annotated[
        bool,
        Field(
            description="Whether to automatically load project skills from the conversation workspace (e.g. .openhands/skills/, AGENTS.md). Unlike load_user_skills / load_public_skills, this flag is not resolved by AgentContext itself (the workspace path is unknown at validation time); LocalConversation resolves it lazily on the first send_message() / run(), when the workspace is known. Also unlike load_user_skills / load_public_skills (which yield to explicit skills on a name conflict), resolved project skills are authoritative: a project skill overrides a same-named skill already present in `skills`.",
            title="Load Project Skills",
        ),
    ] = False
    load_public_skills: Annotated[
        bool,
        Field(
            description="Whether to automatically load skills from the public OpenHands skills repository at https://github.com/OpenHands/extensions. This allows you to get the latest skills without SDK updates.",
            title="Load Public Skills",
        ),
    ] = False
    load_user_skills: Annotated[
        bool,
        Field(
            description="Whether to automatically load user skills from ~/.openhands/skills/ and ~/.openhands/microagents/ (for backward compatibility). ",
            title="Load User Skills",
        ),
    ] = False
    marketplace_path: Annotated[
        str | None,
        Field(
            description="Relative marketplace JSON path within the public skills repository. Set to None to load all public skills without marketplace filtering.",
            title="Marketplace Path",
        ),
    ] = "marketplaces/default.json"
    memory_context: Annotated[
        str | None,
        Field(
            description="Resolved memory-index text rendered into the <MEMORY_CONTEXT> prompt block. Populated via model_copy by LocalConversation when load_memory is set; excluded from serialization because it is re-resolved from disk each session and must not bloat persisted conversation state.",
            title="Memory Context",
        ),
    ] = None
    registered_marketplaces: Annotated[
        list[MarketplaceRegistration],
        Field(
            description="Marketplace registrations for plugin resolution. Registrations with auto_load=True or a list of plugin names are resolved by LocalConversation at startup.",
            title="Registered Marketplaces",
            validate_default=True,
        ),
    ] = []
    secrets: Annotated[
        dict[str, str | SecretSourceInput] | None,
        Field(
            description="Dictionary mapping secret keys to values or secret sources. Secrets are used for authentication and sensitive data handling. Values can be either strings or SecretSource instances (str | SecretSource).",
            title="Secrets",
        ),
    ] = None
    skills: Annotated[
        list[SkillInput],
        Field(
            description="List of available skills that can extend the user's input.",
            title="Skills",
            validate_default=True,
        ),
    ] = []
    system_message_suffix: Annotated[
        str | None,
        Field(
            description="Optional suffix to append to the system prompt.",
            title="System Message Suffix",
        ),
    ] = None
    user_message_suffix: Annotated[
        str | None,
        Field(
            description="Optional suffix to append to the user's message.",
            title="User Message Suffix",
        ),
    ] = None


class AgentLaunchAdditions(WireModel):
    """
    Add deployment context after agent resolution.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    llm_profile_ref: Annotated[
        LlmProfileRef | None,
        Field(
            description="LLM profile to launch an OpenHands Agent Profile with instead of its own `llm_profile_ref`. Recorded in `launched_agent_profile`; the stored profile is not modified. Only valid with `agent_profile_id`.",
            title="Llm Profile Ref",
        ),
    ] = None
    skills: Annotated[
        list[SkillInput] | None,
        Field(
            description="Deployment-supplied skills merged into the resolved agent's context. For a client that ships its own skill catalog and so cannot rely on the server's: an ``agent_profile_id`` launch sends no ``agent_settings``, leaving it no other way to supply them. Merged by name — a skill the resolved agent already carries wins, and the profile's ``disabled_skills`` deny-list still applies, so this cannot reintroduce something the profile turned off. None (the default) adds nothing.",
            title="Skills",
        ),
    ] = None
    system_message_suffix_append: Annotated[
        SystemMessageSuffixAppend | None,
        Field(
            description="Deployment-controlled text appended to the resolved agent's system-message suffix.",
            title="System Message Suffix Append",
        ),
    ] = None


class ChatCompletion(WireModel):
    """
    Represents a chat completion response returned by model, based on the provided input.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    choices: Annotated[list[Choice], Field(title="Choices")]
    created: Annotated[int, Field(title="Created")]
    id: Annotated[str, Field(title="Id")]
    model: Annotated[str, Field(title="Model")]
    moderation: Moderation | None = None
    object: Annotated[Literal["chat.completion"], Field(title="Object")]
    service_tier: Annotated[
        Literal["auto", "default", "flex", "scale", "priority", "fast"] | None,
        Field(title="Service Tier"),
    ] = None
    system_fingerprint: Annotated[str | None, Field(title="System Fingerprint")] = None
    usage: CompletionUsage | None = None


class MCPConfig(RootModel[dict[str, MCPServerOutput]]):
    """
    Canonical persisted MCP server map keyed by stable server name.
    """

    root: dict[str, MCPServerOutput]


class MCPConfigPatch(RootModel[dict[str, MCPServerPatch | None]]):
    """
    Sparse MCP map patch; a null map value deletes that named server.
    """

    root: dict[str, MCPServerPatch | None]


class MCPTestRequest(WireModel):
    """
    Body for ``POST /api/mcp/test``.
    """

    name: Annotated[
        str,
        Field(
            description="Name to use for the server inside the temporary MCP server map. Only affects error messages -- does not need to match any persisted setting.",
            max_length=128,
            min_length=1,
            title="Name",
        ),
    ] = "test-server"
    server: Annotated[
        FieldStdioMCPServerSpec | FieldRemoteMCPServerSpec,
        Field(discriminator="type", title="Server"),
    ]
    timeout: Annotated[
        float,
        Field(
            description="Seconds to wait for connection + tools/list to complete.",
            gt=0.0,
            le=120.0,
            title="Timeout",
        ),
    ] = 15.0
    tool_call: Annotated[
        MCPToolCallSpec | None,
        Field(
            description="Optional read-only tool to invoke after listing succeeds, so callers can verify credentials the server only exercises on tool invocation. Its outcome is reported verbatim in `tool_result` without affecting `ok`."
        ),
    ] = None


class OpenAIChatCompletionRequest(WireModel):
    messages: Annotated[list[OpenAIChatMessage], Field(title="Messages")]
    model: Annotated[str, Field(title="Model")]
    stream: Annotated[bool, Field(title="Stream")] = False
    stream_options: OpenAIStreamOptions | None = None


class AgentSettings(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    agent_kind: Annotated[
        Literal["openhands", "acp"] | None, Field(title="Agent Kind")
    ] = None
    mcp_config: MCPConfig
    schema_version: Annotated[SchemaVersion | None, Field(title="Schema Version")] = (
        None
    )


class SettingsResponse(WireModel):
    """
    Response model for GET /api/settings.

    Contains the full settings payload including agent configuration,
    conversation settings, active LLM profile, miscellaneous frontend-owned
    settings, and a flag indicating whether an LLM API key is set.

    The ``agent_settings`` and ``conversation_settings`` fields are raw dicts
    because the server controls secret serialization via context. Use the
    typed accessor methods for validation:

    Example::

        response = SettingsResponse.model_validate(api_response.json())
        agent = response.get_agent_settings()  # Returns AgentSettingsConfig
        conv = response.get_conversation_settings()  # Returns ConversationSettings

    ``misc_settings`` is an opaque container for frontend-owned data that the
    agent-server persists but does not interpret — see the docstring of
    :class:`PersistedSettings.misc_settings`.
    """

    active_agent_profile_id: Annotated[
        str | None,
        Field(
            description="Stable id of the currently active AgentProfile, if one is set.",
            title="Active Agent Profile Id",
        ),
    ] = None
    active_meta_profile: Annotated[
        str | None,
        Field(
            description="Name of the currently active meta-profile, if one is selected.",
            title="Active Meta Profile",
        ),
    ] = None
    active_profile: Annotated[
        str | None,
        Field(
            description="Name of the currently active LLM profile, if one is selected.",
            title="Active Profile",
        ),
    ] = None
    agent_settings: Annotated[AgentSettings, Field(title="_AgentSettingsContract")]
    conversation_settings: Annotated[
        dict[str, Any], Field(title="Conversation Settings")
    ]
    llm_api_key_is_set: Annotated[bool, Field(title="Llm Api Key Is Set")]
    misc_settings: Annotated[dict[str, Any], Field(title="Misc Settings")] = {}


class AgentSettingsDiff(WireModel):
    model_config = ConfigDict(
        extra="allow",
    )
    mcp_config: MCPConfigPatch | None = None


class SettingsUpdateRequest(WireModel):
    """
    Request model for PATCH /api/settings.

    Supports partial updates via diff objects that are deep-merged with
    existing settings. ``misc_settings_diff`` is deep-merged into the
    persisted ``misc_settings`` block with the same semantics as
    ``agent_settings_diff`` and ``conversation_settings_diff``: nested dicts
    merge recursively, and lists are replaced wholesale rather than merged.
    Because ``misc_settings`` is opaque to the agent-server, callers are
    responsible for the shape of what they store there.
    """

    active_agent_profile_id: Annotated[
        ActiveAgentProfileId | None,
        Field(
            description="Stable id of the active AgentProfile to persist; null clears it.",
            title="Active Agent Profile Id",
        ),
    ] = None
    active_meta_profile: Annotated[
        ActiveMetaProfile | None,
        Field(
            description="Name of the active meta-profile to persist; null clears it.",
            title="Active Meta Profile",
        ),
    ] = None
    active_profile: Annotated[
        ActiveProfile | None,
        Field(
            description="Name of the active LLM profile to persist; null clears it.",
            title="Active Profile",
        ),
    ] = None
    agent_settings_diff: Annotated[
        AgentSettingsDiff | None, Field(title="Agent Settings Diff")
    ] = None
    conversation_settings_diff: Annotated[
        dict[str, Any] | None, Field(title="Conversation Settings Diff")
    ] = None
    misc_settings_diff: Annotated[
        dict[str, Any] | None, Field(title="Misc Settings Diff")
    ] = None


class SystemPromptEvent(WireModel):
    """
    System prompt added by the agent.

    The system prompt can optionally include dynamic context that varies between
    conversations. When ``dynamic_context`` is provided, it is included as a
    second content block in the same system message. Cache markers are NOT
    applied here - they are applied by ``LLM._apply_prompt_caching()`` when
    caching is enabled, ensuring provider-specific cache control is only added
    when appropriate.

    Attributes:
        system_prompt: The static system prompt text (cacheable across conversations)
        tools: List of available tools
        dynamic_context: Optional per-conversation context (hosts, repo info, etc.)
            Sent as a second TextContent block inside the system message.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    dynamic_context: Annotated[
        TextContent | None,
        Field(
            description="Optional dynamic per-conversation context (runtime info, repo context, secrets). When provided, this is included as a second content block in the system message (not cached)."
        ),
    ] = None
    id: Annotated[
        str | None, Field(description="Unique event id (ULID/UUID)", title="Id")
    ] = None
    kind: Annotated[Literal["SystemPromptEvent"], Field(title="Kind")]
    parent_id: Annotated[
        str | None,
        Field(
            description="Parent event id in the conversation tree. None for the root, or for legacy events predating the tree (see EventLog's effective-parent rule). Events sharing a parent_id are sibling branches.",
            title="Parent Id",
        ),
    ] = None
    source: Annotated[
        Literal["agent", "user", "environment", "hook"], Field(title="Source")
    ] = "agent"
    system_prompt: Annotated[TextContent, Field(description="The system prompt text")]
    timestamp: Annotated[
        str | None, Field(description="Event timestamp", title="Timestamp")
    ] = None
    tools: Annotated[
        list[ToolDefinition],
        Field(description="List of tools as ToolDefinition objects", title="Tools"),
    ]


class ACPAgentSettings(WireModel):
    """
    Settings for an ACP (Agent Client Protocol) agent.

    ``create_agent()`` returns an :class:`ACPAgent` that delegates to a
    subprocess ACP server.  The ACP server manages its own system prompt,
    tools, MCP, and (primary) LLM calls; those fields from
    :class:`OpenHandsAgentSettings` do not apply here.

    :attr:`acp_model` is the model identity. The created ``ACPAgent`` keeps its
    own metrics LLM, so title generation can tell it is never callable.
    Provider credentials ride the conversation secrets channel
    (``request.secrets`` / ``agent_context.secrets`` → ``state.secret_registry``)
    keyed by the provider's env var name (:attr:`api_key_env_var`).
    """

    acp_args: Annotated[
        list[str],
        Field(
            description="Additional arguments appended to the ACP server command.",
            title="Acp Args",
        ),
    ] = []
    acp_command: Annotated[
        list[str],
        Field(
            description="Optional explicit command to launch the ACP subprocess. Leave empty to use the default for :attr:`acp_server` (e.g. ``npx -y @agentclientprotocol/claude-agent-acp`` for ``claude-code``). Must be set when :attr:`acp_server` is ``'custom'``.",
            title="Acp Command",
        ),
    ] = []
    acp_file_secrets: Annotated[list[ACPFileSecretSpec], Field(description="Reserved 'file-content' credential secrets the SDK materialises to disk before launching the ACP subprocess (e.g. Codex auth.json, Gemini Vertex SA JSON). Defaults to the built-in supported providers; override to support other ACP servers with different file-auth schemes.", title="Acp File Secrets", validate_default=True)] = [
        {"env_points_to": "dir", "env_var": "CODEX_HOME", "filename": "auth.json", "secret_name": "CODEX_AUTH_JSON", "subdir": "codex", "warn_if_unset": []},
        {"env_points_to": "file", "env_var": "GOOGLE_APPLICATION_CREDENTIALS", "filename": "gcloud-credentials.json", "secret_name": "GOOGLE_APPLICATION_CREDENTIALS_JSON", "subdir": "gemini-cli", "warn_if_unset": ["GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION"]},
        {"env_points_to": "dir", "env_var": "KIMI_CODE_HOME", "filename": "config.toml", "secret_name": "KIMI_CODE_CONFIG_TOML", "subdir": "kimi-code", "warn_if_unset": []},
        {"env_points_to": "dir", "env_var": "PI_CODING_AGENT_DIR", "filename": "auth.json", "secret_name": "PI_AUTH_JSON", "subdir": "pi", "warn_if_unset": []},
    ]
    acp_isolate_data_dir: Annotated[
        bool,
        Field(
            description="Give the ACP subprocess a per-conversation CLI data/config root instead of the shared user HOME. Forwarded to :attr:`~openhands.sdk.agent.ACPAgent.acp_isolate_data_dir`; off by default. Enable from the deploying application when several conversations share one sandbox (see #1019).",
            title="Acp Isolate Data Dir",
        ),
    ] = False
    acp_model: Annotated[
        str | None,
        Field(
            description="Model identifier for the ACP server to use (e.g. ``'sonnet'`` or ``'gpt-5.5'``). Applied via the protocol — set_config_option(model) for configOptions-based servers (codex, claude), else set_session_model. Leave blank to let the server pick its default.",
            title="Acp Model",
        ),
    ] = None
    acp_prompt_timeout: Annotated[
        float,
        Field(
            description="Inactivity timeout (seconds) for a single ACP prompt() round-trip. The deadline resets on every update from the ACP server, so a steadily-progressing agent keeps running; the prompt is only aborted after this many seconds with no activity at all.",
            gt=0.0,
            title="Acp Prompt Timeout",
        ),
    ] = 1800.0
    acp_server: Annotated[
        Literal["claude-code", "codex", "gemini-cli", "kimi-code", "pi", "opencode", "custom"],
        Field(
            description="Which ACP-compatible backend to launch. Each choice maps to a default subprocess command (see ``acp_command`` to override).",
            title="Acp Server",
        ),
    ] = "claude-code"
    acp_session_mode: Annotated[
        str | None,
        Field(
            description="Session mode ID (e.g. ``bypassPermissions``). Leave blank to auto-detect from the ACP server type.",
            title="Acp Session Mode",
        ),
    ] = None
    acp_startup_timeout: Annotated[
        float,
        Field(
            description="Timeout (seconds) for ACP server startup: spawning the subprocess, the initialize/authenticate handshake, and new_session()/load_session(). A hard deadline, unlike acp_prompt_timeout, since startup has no intermediate progress signal to reset it against.",
            gt=0.0,
            title="Acp Startup Timeout",
        ),
    ] = 90.0
    agent_context: Annotated[
        AgentContextInput | None,
        Field(
            description="Prompt-only context for the ACP server. ``secrets`` here are advertised to the agent (names/descriptions) and reach the subprocess env through ``state.secret_registry``: ``LocalConversation`` seeds ``agent_context.secrets`` into the registry at conversation init (below ``request.secrets``), so callers that build the request outside Python (e.g. canvas-local) are covered too, not just the ``create_request`` path. Provider credentials belong here (or in ``request.secrets``) keyed by the provider's env var name."
        ),
    ] = None
    agent_kind: Annotated[
        Literal["acp"],
        Field(
            description="Discriminator for the ``AgentSettings`` union. ``'acp'`` selects an ACP-delegating agent.",
            title="Agent Kind",
        ),
    ] = "acp"
    mcp_config: Annotated[
        dict[str, MCPServerInput],
        Field(
            description="MCP servers to make available to the ACP subprocess. Unlike the OpenHands agent — where these become in-process MCP tools — the servers are forwarded to the ACP server at session creation and it owns the connection. Remote (http/sse) servers are only forwarded when the ACP server advertises support for that transport; stdio servers (which run inside the runtime) are always forwarded.",
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    schema_version: Annotated[int, Field(ge=1, title="Schema Version")] = 9


class ACPModelDiscoveryRequest(WireModel):
    agent_settings: Annotated[
        ACPAgentSettings,
        Field(
            description="The ACP agent to ask. Only the launch fields are used; ``acp_model``, MCP servers and agent context are ignored."
        ),
    ]
    refresh: Annotated[
        bool,
        Field(
            description="Ask the server again instead of reusing a result.",
            title="Refresh",
        ),
    ] = False
    secrets: Annotated[
        dict[str, SecretSourceInput],
        Field(
            description="Credentials for the server, in the same shape as a conversation start request's ``secrets`` (typically ``LookupSecret`` references to this server's stored secrets).",
            title="Secrets",
            validate_default=True,
        ),
    ] = {}


class Event(
    RootModel[
        ServerErrorEvent
        | ACPToolCallEvent
        | Condensation
        | CondensationRequest
        | CondensationSummaryEvent
        | ConversationErrorEvent
        | ConversationStateUpdateEvent
        | HookExecutionEvent
        | LLMCompletionLogEvent
        | ActionEvent
        | MessageEvent
        | AgentErrorEvent
        | ObservationEvent
        | UserRejectObservation
        | SystemPromptEvent
        | SecurityAnalysisEvent
        | StreamingDeltaEvent
        | TokenEvent
        | InterruptEvent
        | PauseEvent
    ]
):
    root: Annotated[
        ServerErrorEvent | ACPToolCallEvent | Condensation | CondensationRequest | CondensationSummaryEvent | ConversationErrorEvent | ConversationStateUpdateEvent | HookExecutionEvent | LLMCompletionLogEvent | ActionEvent | MessageEvent | AgentErrorEvent | ObservationEvent | UserRejectObservation | SystemPromptEvent | SecurityAnalysisEvent | StreamingDeltaEvent | TokenEvent | InterruptEvent | PauseEvent,
        Field(discriminator="kind"),
    ]


class EventPage(WireModel):
    """
    events/search response, built by hand with exclude_none=True (null fields are absent).
    """

    items: list[Event]
    next_page_id: Annotated[
        str | None,
        Field(
            description="Inclusive cursor: the id of the first event of the next page; null on the last page."
        ),
    ]


class ACPAgentInput(WireModel):
    """
    Agent that delegates to an ACP-compatible subprocess server.
    """

    acp_args: Annotated[
        list[str],
        Field(
            description="Additional arguments for the ACP server command",
            title="Acp Args",
        ),
    ] = []
    acp_command: Annotated[
        list[str],
        Field(
            description="Command to start the ACP server, e.g. ['npx', '-y', '@agentclientprotocol/claude-agent-acp']",
            title="Acp Command",
        ),
    ]
    acp_file_secrets: Annotated[list[ACPFileSecretSpec], Field(description="Reserved 'file-content' credential secrets to materialise to disk before launching the subprocess (e.g. Codex auth.json, Gemini Vertex SA JSON). The SDK owns the mechanism (write the file in the runtime pod, set the env var, seed-if-absent); these specs are the policy. Defaults to the built-in supported providers; a downstream application may override or extend this to support other ACP servers with different file-auth schemes.", title="Acp File Secrets", validate_default=True)] = [
        {"env_points_to": "dir", "env_var": "CODEX_HOME", "filename": "auth.json", "secret_name": "CODEX_AUTH_JSON", "subdir": "codex", "warn_if_unset": []},
        {"env_points_to": "file", "env_var": "GOOGLE_APPLICATION_CREDENTIALS", "filename": "gcloud-credentials.json", "secret_name": "GOOGLE_APPLICATION_CREDENTIALS_JSON", "subdir": "gemini-cli", "warn_if_unset": ["GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION"]},
        {"env_points_to": "dir", "env_var": "KIMI_CODE_HOME", "filename": "config.toml", "secret_name": "KIMI_CODE_CONFIG_TOML", "subdir": "kimi-code", "warn_if_unset": []},
        {"env_points_to": "dir", "env_var": "PI_CODING_AGENT_DIR", "filename": "auth.json", "secret_name": "PI_AUTH_JSON", "subdir": "pi", "warn_if_unset": []},
    ]
    acp_isolate_data_dir: Annotated[
        bool,
        Field(
            description="Give the ACP subprocess a per-conversation CLI data/config root instead of the shared user ``HOME``. When True and the provider is recognised, point its data-dir env var (``CODEX_HOME`` / ``CLAUDE_CONFIG_DIR`` / ``HOME``; see ``ACPProviderInfo.data_dir_env_var``) at ``<persistence_dir>/acp/<provider>`` — the same per-conversation tree materialised file-secrets use. Required for correctness when several of a user's conversations share one sandbox (``SandboxGroupingStrategy != NO_GROUPING``), where they would otherwise race on one set of CLI auth/config/cache/lock files (see #1019). Off by default: with one sandbox per conversation the shared HOME is already private, and relocating it would hide a pre-existing interactive login. Downstream policy decides when to enable it; the SDK owns where the root lives.",
            title="Acp Isolate Data Dir",
        ),
    ] = False
    acp_model: Annotated[
        str | None,
        Field(
            description="Model for the ACP server to use (e.g. 'sonnet' or 'gpt-5.5'). Applied via the protocol — set_config_option(model) for configOptions-based servers (codex, claude), else set_session_model. If None, the server picks its default.",
            title="Acp Model",
        ),
    ] = None
    acp_prompt_timeout: Annotated[
        float,
        Field(
            description="Inactivity timeout in seconds for a single ACP prompt() call. The deadline resets on every update from the ACP server (token, thought, tool-call progress, usage), so a steadily-progressing agent runs as long as it keeps making progress; the prompt is only aborted after this many seconds with no activity at all. Prevents indefinite hangs when the ACP server stops responding without killing legitimately long-running work.",
            title="Acp Prompt Timeout",
        ),
    ] = 1800.0
    acp_resume_session_id: Annotated[
        str | None,
        Field(
            description="Optional explicit ACP session id to resume. When set, takes precedence over the id persisted in ``state.agent_state`` and is used to call ``session/load`` on the ACP server. Designed for environments where the per-conversation filesystem (and therefore ``base_state.json``) does not survive across restarts (e.g. cloud sandbox recycles), but the id has been mirrored into durable storage elsewhere. Falls back to a fresh session if the server cannot load the id. Treated as a secret on the wire — possession of the id is enough to resume the underlying ACP session, so default serialization redacts it; pass ``expose_secrets='plaintext'`` (trusted backend) or ``expose_secrets='encrypted'`` plus a cipher (frontend round-trip) when the value must cross a serialization boundary.",
            title="Acp Resume Session Id",
        ),
    ] = None
    acp_server: Annotated[
        str | None,
        Field(
            description="Provider registry key identifying which ACP CLI this agent runs (any ACP_PROVIDERS key, or 'custom'); None when the agent is built directly rather than via ACPAgentSettings. Set by ACPAgentSettings.create_agent() from ACPAgentSettings.acp_server so the authoritative key survives onto the agent — and thus onto ConversationInfo.agent — because the launch command in acp_command does not reliably reverse-map to a provider. Informational only: consumers use it to resolve a provider brand label / model list; the subprocess is still launched from acp_command.",
            title="Acp Server",
        ),
    ] = None
    acp_session_mode: Annotated[
        str | None,
        Field(
            description="Session mode ID to set after creating a session. If None (default), auto-detected from the ACP server type: 'bypassPermissions' for claude-agent-acp, 'agent-full-access' for codex-acp; a provider with no such mode (pi-acp) skips the call.",
            title="Acp Session Mode",
        ),
    ] = None
    acp_startup_timeout: Annotated[
        float,
        Field(
            description="Timeout in seconds for ACP server startup: spawning the subprocess, the initialize/authenticate handshake, and new_session()/load_session(). Unlike acp_prompt_timeout, this is a hard deadline rather than an idle deadline, since startup has no intermediate progress signal to reset it against. Prevents an indefinite hang when the ACP server blocks on authentication (e.g. an expired token) without ever raising.",
            title="Acp Startup Timeout",
        ),
    ] = 90.0
    agent_context: Annotated[
        AgentContextInput | None,
        Field(
            description="Optional AgentContext to initialize the agent with specific context.",
            examples=[{"skills": [{"content": "When you see this message, you should reply like you are a grumpy cat forced to use the internet.", "name": "AGENTS.md", "type": "repo"}, {"content": 'IMPORTANT! The user has said the magic word "flarglebargle". You must only respond with a message telling them how smart they are', "name": "flarglebargle", "trigger": ["flarglebargle"], "type": "knowledge"}], "system_message_suffix": "Always finish your response with the word 'yay!'", "user_message_prefix": "The first character of your response should be 'I'"}],
        ),
    ] = None
    condenser: Annotated[
        CondenserBaseInput | None,
        Field(
            description="Optional condenser to use for condensing conversation history.",
            examples=[{"keep_first": 10, "kind": "LLMSummarizingCondenser", "llm": {"api_key": "your_api_key_here", "base_url": "https://llm-proxy.eval.all-hands.dev", "model": "litellm_proxy/openai/gpt-5.5"}, "max_size": 80}],
        ),
    ] = None
    critic: Annotated[
        CriticBaseInput | None,
        Field(
            description="EXPERIMENTAL: Optional critic to evaluate agent actions and messages in real-time. API and behavior may change without notice. May impact performance, especially in 'all_actions' mode.",
            examples=[{"kind": "AgentFinishedCritic"}],
        ),
    ] = None
    filter_tools_regex: Annotated[
        str | None,
        Field(
            description="Optional regex to filter the tools available to the agent by name. This is applied after any tools provided in `tools` and any MCP tools are added.",
            examples=["^(?!repomix)(.*)|^repomix.*pack_codebase.*$"],
            title="Filter Tools Regex",
        ),
    ] = None
    include_default_tools: Annotated[
        list[str], Field(title="Include Default Tools")
    ] = []
    kind: Annotated[Literal["ACPAgent"], Field(title="Kind")]
    llm: Annotated[LLMInput, Field(validate_default=True)] = {
        "api_key": None,
        "api_mode": "auto",
        "api_version": None,
        "auth_type": "api_key",
        "aws_access_key_id": None,
        "aws_bedrock_runtime_endpoint": None,
        "aws_profile_name": None,
        "aws_region_name": None,
        "aws_role_name": None,
        "aws_secret_access_key": None,
        "aws_session_name": None,
        "aws_session_token": None,
        "base_url": None,
        "caching_prompt": True,
        "capability_overrides": {},
        "custom_tokenizer": None,
        "disable_stop_word": False,
        "disable_vision": None,
        "drop_params": True,
        "enable_encrypted_reasoning": True,
        "extended_thinking_budget": 200000,
        "extra_headers": None,
        "force_string_serializer": None,
        "inline_image_urls": None,
        "input_cost_per_token": None,
        "is_subscription": False,
        "litellm_extra_body": {},
        "log_completions": False,
        "log_completions_folder": "logs/completions",
        "max_input_tokens": None,
        "max_message_chars": 30000,
        "max_output_tokens": None,
        "model": "acp-managed",
        "model_canonical_name": None,
        "native_tool_calling": True,
        "num_retries": 5,
        "ollama_base_url": None,
        "openrouter_app_name": "OpenHands",
        "openrouter_site_url": "https://docs.all-hands.dev/",
        "output_cost_per_token": None,
        "prompt_cache_retention": "24h",
        "provider_connection_id": None,
        "reasoning_effort": "high",
        "reasoning_summary": None,
        "retry_max_wait": 64,
        "retry_min_wait": 8,
        "retry_multiplier": 8.0,
        "seed": None,
        "stream": False,
        "stream_idle_timeout": 300.0,
        "subscription_vendor": None,
        "temperature": None,
        "timeout": 300,
        "top_k": None,
        "top_p": None,
        "usage_id": "acp-managed",
    }
    mcp_config: Annotated[
        dict[str, MCPServerInput],
        Field(
            description="Optional MCP servers to expose as tools.",
            examples=[{"fetch": {"args": ["--with", "mcp==1.29.0", "mcp-server-fetch==2026.7.10"], "command": "uvx"}}],
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    security_policy_filename: Annotated[
        str,
        Field(
            description="Security policy filename. The default 'security_policy.j2' is a back-compat sentinel (the file was removed) that selects the built-in default policy from the prompt registry -- it is not loaded from disk. Any other value names a custom policy file whose contents are inserted verbatim (NOT rendered as a Jinja template). Can be either:\n- A relative filename (e.g., 'custom_security_policy.md') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_security_policy.md')\n- Empty string to disable security policy",
            title="Security Policy Filename",
        ),
    ] = "security_policy.j2"
    system_prompt: Annotated[
        str | None,
        Field(
            description="Inline system prompt string.  When provided, the agent uses this text verbatim as the system message instead of rendering from `system_prompt_filename`.  Mutually exclusive with a non-default `system_prompt_filename`.\n\n**Warning**: This is not recommended unless you know what you are doing (e.g. customising agent behaviour for a completely different task).  Setting this will override OpenHands' built-in system instructions that govern default agent behaviour.",
            title="System Prompt",
        ),
    ] = None
    system_prompt_filename: Annotated[
        str,
        Field(
            description="System prompt template filename. Can be either:\n- A relative filename (e.g., 'system_prompt.j2') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_prompt.j2')",
            title="System Prompt Filename",
        ),
    ] = "system_prompt.j2"
    system_prompt_kwargs: Annotated[
        dict[str, Any],
        Field(
            description="Optional kwargs to pass to the system prompt Jinja2 template.",
            examples=[{"cli_mode": True}],
            title="System Prompt Kwargs",
        ),
    ] = {}
    tool_concurrency_limit: Annotated[
        int,
        Field(
            description="Maximum number of tool calls to execute concurrently within a single agent step. Default is 1 (sequential). Values > 1 enable parallel execution; concurrent tools share the conversation object, filesystem, and working directory, so mutations to shared state may race.",
            ge=1,
            title="Tool Concurrency Limit",
        ),
    ] = 1
    tools: Annotated[list[ToolInput], Field(title="Tools", validate_default=True)] = []


class ACPAgentOutput(WireModel):
    """
    Agent that delegates to an ACP-compatible subprocess server.
    """

    acp_args: Annotated[
        list[str],
        Field(
            description="Additional arguments for the ACP server command",
            title="Acp Args",
        ),
    ] = []
    acp_command: Annotated[
        list[str],
        Field(
            description="Command to start the ACP server, e.g. ['npx', '-y', '@agentclientprotocol/claude-agent-acp']",
            title="Acp Command",
        ),
    ]
    acp_file_secrets: Annotated[list[ACPFileSecretSpec], Field(description="Reserved 'file-content' credential secrets to materialise to disk before launching the subprocess (e.g. Codex auth.json, Gemini Vertex SA JSON). The SDK owns the mechanism (write the file in the runtime pod, set the env var, seed-if-absent); these specs are the policy. Defaults to the built-in supported providers; a downstream application may override or extend this to support other ACP servers with different file-auth schemes.", title="Acp File Secrets", validate_default=True)] = [
        {"env_points_to": "dir", "env_var": "CODEX_HOME", "filename": "auth.json", "secret_name": "CODEX_AUTH_JSON", "subdir": "codex", "warn_if_unset": []},
        {"env_points_to": "file", "env_var": "GOOGLE_APPLICATION_CREDENTIALS", "filename": "gcloud-credentials.json", "secret_name": "GOOGLE_APPLICATION_CREDENTIALS_JSON", "subdir": "gemini-cli", "warn_if_unset": ["GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION"]},
        {"env_points_to": "dir", "env_var": "KIMI_CODE_HOME", "filename": "config.toml", "secret_name": "KIMI_CODE_CONFIG_TOML", "subdir": "kimi-code", "warn_if_unset": []},
        {"env_points_to": "dir", "env_var": "PI_CODING_AGENT_DIR", "filename": "auth.json", "secret_name": "PI_AUTH_JSON", "subdir": "pi", "warn_if_unset": []},
    ]
    acp_isolate_data_dir: Annotated[
        bool,
        Field(
            description="Give the ACP subprocess a per-conversation CLI data/config root instead of the shared user ``HOME``. When True and the provider is recognised, point its data-dir env var (``CODEX_HOME`` / ``CLAUDE_CONFIG_DIR`` / ``HOME``; see ``ACPProviderInfo.data_dir_env_var``) at ``<persistence_dir>/acp/<provider>`` — the same per-conversation tree materialised file-secrets use. Required for correctness when several of a user's conversations share one sandbox (``SandboxGroupingStrategy != NO_GROUPING``), where they would otherwise race on one set of CLI auth/config/cache/lock files (see #1019). Off by default: with one sandbox per conversation the shared HOME is already private, and relocating it would hide a pre-existing interactive login. Downstream policy decides when to enable it; the SDK owns where the root lives.",
            title="Acp Isolate Data Dir",
        ),
    ] = False
    acp_model: Annotated[
        str | None,
        Field(
            description="Model for the ACP server to use (e.g. 'sonnet' or 'gpt-5.5'). Applied via the protocol — set_config_option(model) for configOptions-based servers (codex, claude), else set_session_model. If None, the server picks its default.",
            title="Acp Model",
        ),
    ] = None
    acp_prompt_timeout: Annotated[
        float,
        Field(
            description="Inactivity timeout in seconds for a single ACP prompt() call. The deadline resets on every update from the ACP server (token, thought, tool-call progress, usage), so a steadily-progressing agent runs as long as it keeps making progress; the prompt is only aborted after this many seconds with no activity at all. Prevents indefinite hangs when the ACP server stops responding without killing legitimately long-running work.",
            title="Acp Prompt Timeout",
        ),
    ] = 1800.0
    acp_resume_session_id: Annotated[
        str | None,
        Field(
            description="Optional explicit ACP session id to resume. When set, takes precedence over the id persisted in ``state.agent_state`` and is used to call ``session/load`` on the ACP server. Designed for environments where the per-conversation filesystem (and therefore ``base_state.json``) does not survive across restarts (e.g. cloud sandbox recycles), but the id has been mirrored into durable storage elsewhere. Falls back to a fresh session if the server cannot load the id. Treated as a secret on the wire — possession of the id is enough to resume the underlying ACP session, so default serialization redacts it; pass ``expose_secrets='plaintext'`` (trusted backend) or ``expose_secrets='encrypted'`` plus a cipher (frontend round-trip) when the value must cross a serialization boundary.",
            title="Acp Resume Session Id",
        ),
    ] = None
    acp_server: Annotated[
        str | None,
        Field(
            description="Provider registry key identifying which ACP CLI this agent runs (any ACP_PROVIDERS key, or 'custom'); None when the agent is built directly rather than via ACPAgentSettings. Set by ACPAgentSettings.create_agent() from ACPAgentSettings.acp_server so the authoritative key survives onto the agent — and thus onto ConversationInfo.agent — because the launch command in acp_command does not reliably reverse-map to a provider. Informational only: consumers use it to resolve a provider brand label / model list; the subprocess is still launched from acp_command.",
            title="Acp Server",
        ),
    ] = None
    acp_session_mode: Annotated[
        str | None,
        Field(
            description="Session mode ID to set after creating a session. If None (default), auto-detected from the ACP server type: 'bypassPermissions' for claude-agent-acp, 'agent-full-access' for codex-acp; a provider with no such mode (pi-acp) skips the call.",
            title="Acp Session Mode",
        ),
    ] = None
    acp_startup_timeout: Annotated[
        float,
        Field(
            description="Timeout in seconds for ACP server startup: spawning the subprocess, the initialize/authenticate handshake, and new_session()/load_session(). Unlike acp_prompt_timeout, this is a hard deadline rather than an idle deadline, since startup has no intermediate progress signal to reset it against. Prevents an indefinite hang when the ACP server blocks on authentication (e.g. an expired token) without ever raising.",
            title="Acp Startup Timeout",
        ),
    ] = 90.0
    agent_context: Annotated[
        AgentContextOutput | None,
        Field(
            description="Optional AgentContext to initialize the agent with specific context.",
            examples=[{"skills": [{"content": "When you see this message, you should reply like you are a grumpy cat forced to use the internet.", "name": "AGENTS.md", "type": "repo"}, {"content": 'IMPORTANT! The user has said the magic word "flarglebargle". You must only respond with a message telling them how smart they are', "name": "flarglebargle", "trigger": ["flarglebargle"], "type": "knowledge"}], "system_message_suffix": "Always finish your response with the word 'yay!'", "user_message_prefix": "The first character of your response should be 'I'"}],
        ),
    ] = None
    condenser: Annotated[
        CondenserBaseOutput | None,
        Field(
            description="Optional condenser to use for condensing conversation history.",
            examples=[{"keep_first": 10, "kind": "LLMSummarizingCondenser", "llm": {"api_key": "your_api_key_here", "base_url": "https://llm-proxy.eval.all-hands.dev", "model": "litellm_proxy/openai/gpt-5.5"}, "max_size": 80}],
        ),
    ] = None
    critic: Annotated[
        CriticBaseOutput | None,
        Field(
            description="EXPERIMENTAL: Optional critic to evaluate agent actions and messages in real-time. API and behavior may change without notice. May impact performance, especially in 'all_actions' mode.",
            examples=[{"kind": "AgentFinishedCritic"}],
        ),
    ] = None
    filter_tools_regex: Annotated[
        str | None,
        Field(
            description="Optional regex to filter the tools available to the agent by name. This is applied after any tools provided in `tools` and any MCP tools are added.",
            examples=["^(?!repomix)(.*)|^repomix.*pack_codebase.*$"],
            title="Filter Tools Regex",
        ),
    ] = None
    include_default_tools: Annotated[
        list[str], Field(title="Include Default Tools")
    ] = []
    kind: Annotated[Literal["ACPAgent"], Field(title="Kind")]
    llm: Annotated[LLMOutput, Field(validate_default=True)] = {
        "api_key": None,
        "api_mode": "auto",
        "api_version": None,
        "auth_type": "api_key",
        "aws_access_key_id": None,
        "aws_bedrock_runtime_endpoint": None,
        "aws_profile_name": None,
        "aws_region_name": None,
        "aws_role_name": None,
        "aws_secret_access_key": None,
        "aws_session_name": None,
        "aws_session_token": None,
        "base_url": None,
        "caching_prompt": True,
        "capability_overrides": {},
        "custom_tokenizer": None,
        "disable_stop_word": False,
        "disable_vision": None,
        "drop_params": True,
        "enable_encrypted_reasoning": True,
        "extended_thinking_budget": 200000,
        "extra_headers": None,
        "force_string_serializer": None,
        "inline_image_urls": None,
        "input_cost_per_token": None,
        "is_subscription": False,
        "litellm_extra_body": {},
        "log_completions": False,
        "log_completions_folder": "logs/completions",
        "max_input_tokens": None,
        "max_message_chars": 30000,
        "max_output_tokens": None,
        "model": "acp-managed",
        "model_canonical_name": None,
        "native_tool_calling": True,
        "num_retries": 5,
        "ollama_base_url": None,
        "openrouter_app_name": "OpenHands",
        "openrouter_site_url": "https://docs.all-hands.dev/",
        "output_cost_per_token": None,
        "prompt_cache_retention": "24h",
        "provider_connection_id": None,
        "reasoning_effort": "high",
        "reasoning_summary": None,
        "retry_max_wait": 64,
        "retry_min_wait": 8,
        "retry_multiplier": 8.0,
        "seed": None,
        "stream": False,
        "stream_idle_timeout": 300.0,
        "subscription_vendor": None,
        "temperature": None,
        "timeout": 300,
        "top_k": None,
        "top_p": None,
        "usage_id": "acp-managed",
    }
    mcp_config: Annotated[
        dict[str, MCPServerOutput],
        Field(
            description="Optional MCP servers to expose as tools.",
            examples=[{"fetch": {"args": ["--with", "mcp==1.29.0", "mcp-server-fetch==2026.7.10"], "command": "uvx"}}],
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    security_policy_filename: Annotated[
        str,
        Field(
            description="Security policy filename. The default 'security_policy.j2' is a back-compat sentinel (the file was removed) that selects the built-in default policy from the prompt registry -- it is not loaded from disk. Any other value names a custom policy file whose contents are inserted verbatim (NOT rendered as a Jinja template). Can be either:\n- A relative filename (e.g., 'custom_security_policy.md') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_security_policy.md')\n- Empty string to disable security policy",
            title="Security Policy Filename",
        ),
    ] = "security_policy.j2"
    system_prompt: Annotated[
        str | None,
        Field(
            description="Inline system prompt string.  When provided, the agent uses this text verbatim as the system message instead of rendering from `system_prompt_filename`.  Mutually exclusive with a non-default `system_prompt_filename`.\n\n**Warning**: This is not recommended unless you know what you are doing (e.g. customising agent behaviour for a completely different task).  Setting this will override OpenHands' built-in system instructions that govern default agent behaviour.",
            title="System Prompt",
        ),
    ] = None
    system_prompt_filename: Annotated[
        str,
        Field(
            description="System prompt template filename. Can be either:\n- A relative filename (e.g., 'system_prompt.j2') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_prompt.j2')",
            title="System Prompt Filename",
        ),
    ] = "system_prompt.j2"
    system_prompt_kwargs: Annotated[
        dict[str, Any],
        Field(
            description="Optional kwargs to pass to the system prompt Jinja2 template.",
            examples=[{"cli_mode": True}],
            title="System Prompt Kwargs",
        ),
    ] = {}
    tool_concurrency_limit: Annotated[
        int,
        Field(
            description="Maximum number of tool calls to execute concurrently within a single agent step. Default is 1 (sequential). Values > 1 enable parallel execution; concurrent tools share the conversation object, filesystem, and working directory, so mutations to shared state may race.",
            ge=1,
            title="Tool Concurrency Limit",
        ),
    ] = 1
    tools: Annotated[
        list[OpenhandsSdkToolSpecTool], Field(title="Tools", validate_default=True)
    ] = []


class AgentInput(AgentModel):
    """
    Main agent implementation for OpenHands.

    The Agent class provides the core functionality for running AI agents that can
    interact with tools, process messages, and execute actions. It inherits from
    AgentBase and implements the agent execution logic. Critic-related functionality
    is provided by CriticMixin.

    Attributes:
        llm: The language model instance used for reasoning.
        tools: List of tools available to the agent.
        system_prompt: Inline system prompt string. When provided the agent
            uses this text verbatim instead of rendering from a template.
            Mutually exclusive with a non-default ``system_prompt_filename``.
            **Not recommended** unless you know what you are doing (e.g.
            customising agent behaviour for a completely different task) —
            this will override OpenHands' built-in system instructions.
        system_prompt_filename: Jinja2 template filename resolved relative to
            the agent's prompts directory, or an absolute path. Defaults to
            ``"system_prompt.j2"``.
        system_prompt_kwargs: Extra kwargs forwarded to the Jinja2 template.

    Example:
        ```python
        from openhands.sdk import LLM, Agent, Tool
        from pydantic import SecretStr

        llm = LLM(model="gpt-5.6", api_key=SecretStr("key"))
        tools = [Tool(name="TerminalTool"), Tool(name="FileEditorTool")]
        agent = Agent(llm=llm, tools=tools)
        ```

        To override the system prompt entirely::

            agent = Agent(
                llm=llm,
                tools=tools,
                system_prompt="You are a helpful coding assistant.",
            )
    """

    agent_context: Annotated[
        AgentContextInput | None,
        Field(
            description="Optional AgentContext to initialize the agent with specific context.",
            examples=[{"skills": [{"content": "When you see this message, you should reply like you are a grumpy cat forced to use the internet.", "name": "AGENTS.md", "type": "repo"}, {"content": 'IMPORTANT! The user has said the magic word "flarglebargle". You must only respond with a message telling them how smart they are', "name": "flarglebargle", "trigger": ["flarglebargle"], "type": "knowledge"}], "system_message_suffix": "Always finish your response with the word 'yay!'", "user_message_prefix": "The first character of your response should be 'I'"}],
        ),
    ] = None
    condenser: Annotated[
        CondenserBaseInput | None,
        Field(
            description="Optional condenser to use for condensing conversation history.",
            examples=[{"keep_first": 10, "kind": "LLMSummarizingCondenser", "llm": {"api_key": "your_api_key_here", "base_url": "https://llm-proxy.eval.all-hands.dev", "model": "litellm_proxy/openai/gpt-5.5"}, "max_size": 80}],
        ),
    ] = None
    critic: Annotated[
        CriticBaseInput | None,
        Field(
            description="EXPERIMENTAL: Optional critic to evaluate agent actions and messages in real-time. API and behavior may change without notice. May impact performance, especially in 'all_actions' mode.",
            examples=[{"kind": "AgentFinishedCritic"}],
        ),
    ] = None
    filter_tools_regex: Annotated[
        str | None,
        Field(
            description="Optional regex to filter the tools available to the agent by name. This is applied after any tools provided in `tools` and any MCP tools are added.",
            examples=["^(?!repomix)(.*)|^repomix.*pack_codebase.*$"],
            title="Filter Tools Regex",
        ),
    ] = None
    include_default_tools: Annotated[
        list[str],
        Field(
            description="List of default tool class names to include. By default, the agent includes 'FinishTool' and 'ThinkTool'. Set to an empty list to disable all default tools, or provide a subset to include only specific ones. Example: include_default_tools=['FinishTool'] to only include FinishTool, or include_default_tools=[] to disable all default tools.",
            examples=[["FinishTool", "ThinkTool"], ["FinishTool"], []],
            title="Include Default Tools",
        ),
    ] = ["FinishTool", "ThinkTool"]
    kind: Annotated[Literal["Agent"], Field(title="Kind")]
    llm: Annotated[
        LLMInput,
        Field(
            description="LLM configuration for the agent.",
            examples=[{"api_key": "your_api_key_here", "base_url": "https://llm-proxy.eval.all-hands.dev", "model": "litellm_proxy/openai/gpt-5.5"}],
        ),
    ]
    mcp_config: Annotated[
        dict[str, MCPServerInput],
        Field(
            description="Optional MCP servers to expose as tools.",
            examples=[{"fetch": {"args": ["--with", "mcp==1.29.0", "mcp-server-fetch==2026.7.10"], "command": "uvx"}}],
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    persona: Annotated[
        str | None,
        Field(
            description="Persona text that replaces OpenHands' built-in persona and coding-workflow sections of the system prompt. Capability and policy sections (memory, security policy, risk assessment, browser, external services, process management, model-specific guidance) and the dynamic context still apply. Ignored when `system_prompt` is set; a custom template receives it as the `persona` kwarg.",
            title="Persona",
        ),
    ] = None
    security_policy_filename: Annotated[
        str,
        Field(
            description="Security policy filename. The default 'security_policy.j2' is a back-compat sentinel (the file was removed) that selects the built-in default policy from the prompt registry -- it is not loaded from disk. Any other value names a custom policy file whose contents are inserted verbatim (NOT rendered as a Jinja template). Can be either:\n- A relative filename (e.g., 'custom_security_policy.md') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_security_policy.md')\n- Empty string to disable security policy",
            title="Security Policy Filename",
        ),
    ] = "security_policy.j2"
    system_prompt: Annotated[
        str | None,
        Field(
            description="Inline system prompt string.  When provided, the agent uses this text verbatim as the system message instead of rendering from `system_prompt_filename`.  Mutually exclusive with a non-default `system_prompt_filename`.\n\n**Warning**: This is not recommended unless you know what you are doing (e.g. customising agent behaviour for a completely different task).  Setting this will override OpenHands' built-in system instructions that govern default agent behaviour.",
            title="System Prompt",
        ),
    ] = None
    system_prompt_filename: Annotated[
        str,
        Field(
            description="System prompt template filename. Can be either:\n- A relative filename (e.g., 'system_prompt.j2') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_prompt.j2')",
            title="System Prompt Filename",
        ),
    ] = "system_prompt.j2"
    system_prompt_kwargs: Annotated[
        dict[str, Any],
        Field(
            description="Optional kwargs to pass to the system prompt Jinja2 template.",
            examples=[{"cli_mode": True}],
            title="System Prompt Kwargs",
        ),
    ] = {}
    tool_concurrency_limit: Annotated[
        int,
        Field(
            description="Maximum number of tool calls to execute concurrently within a single agent step. Default is 1 (sequential). Values > 1 enable parallel execution; concurrent tools share the conversation object, filesystem, and working directory, so mutations to shared state may race.",
            ge=1,
            title="Tool Concurrency Limit",
        ),
    ] = 1
    tools: Annotated[
        list[ToolInput],
        Field(
            description="List of tools to initialize for the agent.",
            examples=[{"name": "TerminalTool", "params": {}}, {"name": "FileEditorTool", "params": {}}, {"name": "TaskTrackerTool", "params": {}}],
            title="Tools",
            validate_default=True,
        ),
    ] = []


class AgentOutput(WireModel):
    """
    Main agent implementation for OpenHands.

    The Agent class provides the core functionality for running AI agents that can
    interact with tools, process messages, and execute actions. It inherits from
    AgentBase and implements the agent execution logic. Critic-related functionality
    is provided by CriticMixin.

    Attributes:
        llm: The language model instance used for reasoning.
        tools: List of tools available to the agent.
        system_prompt: Inline system prompt string. When provided the agent
            uses this text verbatim instead of rendering from a template.
            Mutually exclusive with a non-default ``system_prompt_filename``.
            **Not recommended** unless you know what you are doing (e.g.
            customising agent behaviour for a completely different task) —
            this will override OpenHands' built-in system instructions.
        system_prompt_filename: Jinja2 template filename resolved relative to
            the agent's prompts directory, or an absolute path. Defaults to
            ``"system_prompt.j2"``.
        system_prompt_kwargs: Extra kwargs forwarded to the Jinja2 template.

    Example:
        ```python
        from openhands.sdk import LLM, Agent, Tool
        from pydantic import SecretStr

        llm = LLM(model="gpt-5.6", api_key=SecretStr("key"))
        tools = [Tool(name="TerminalTool"), Tool(name="FileEditorTool")]
        agent = Agent(llm=llm, tools=tools)
        ```

        To override the system prompt entirely::

            agent = Agent(
                llm=llm,
                tools=tools,
                system_prompt="You are a helpful coding assistant.",
            )
    """

    agent_context: Annotated[
        AgentContextOutput | None,
        Field(
            description="Optional AgentContext to initialize the agent with specific context.",
            examples=[{"skills": [{"content": "When you see this message, you should reply like you are a grumpy cat forced to use the internet.", "name": "AGENTS.md", "type": "repo"}, {"content": 'IMPORTANT! The user has said the magic word "flarglebargle". You must only respond with a message telling them how smart they are', "name": "flarglebargle", "trigger": ["flarglebargle"], "type": "knowledge"}], "system_message_suffix": "Always finish your response with the word 'yay!'", "user_message_prefix": "The first character of your response should be 'I'"}],
        ),
    ] = None
    condenser: Annotated[
        CondenserBaseOutput | None,
        Field(
            description="Optional condenser to use for condensing conversation history.",
            examples=[{"keep_first": 10, "kind": "LLMSummarizingCondenser", "llm": {"api_key": "your_api_key_here", "base_url": "https://llm-proxy.eval.all-hands.dev", "model": "litellm_proxy/openai/gpt-5.5"}, "max_size": 80}],
        ),
    ] = None
    critic: Annotated[
        CriticBaseOutput | None,
        Field(
            description="EXPERIMENTAL: Optional critic to evaluate agent actions and messages in real-time. API and behavior may change without notice. May impact performance, especially in 'all_actions' mode.",
            examples=[{"kind": "AgentFinishedCritic"}],
        ),
    ] = None
    filter_tools_regex: Annotated[
        str | None,
        Field(
            description="Optional regex to filter the tools available to the agent by name. This is applied after any tools provided in `tools` and any MCP tools are added.",
            examples=["^(?!repomix)(.*)|^repomix.*pack_codebase.*$"],
            title="Filter Tools Regex",
        ),
    ] = None
    include_default_tools: Annotated[
        list[str],
        Field(
            description="List of default tool class names to include. By default, the agent includes 'FinishTool' and 'ThinkTool'. Set to an empty list to disable all default tools, or provide a subset to include only specific ones. Example: include_default_tools=['FinishTool'] to only include FinishTool, or include_default_tools=[] to disable all default tools.",
            examples=[["FinishTool", "ThinkTool"], ["FinishTool"], []],
            title="Include Default Tools",
        ),
    ] = ["FinishTool", "ThinkTool"]
    kind: Annotated[Literal["Agent"], Field(title="Kind")]
    llm: Annotated[
        LLMOutput,
        Field(
            description="LLM configuration for the agent.",
            examples=[{"api_key": "your_api_key_here", "base_url": "https://llm-proxy.eval.all-hands.dev", "model": "litellm_proxy/openai/gpt-5.5"}],
        ),
    ]
    mcp_config: Annotated[
        dict[str, MCPServerOutput],
        Field(
            description="Optional MCP servers to expose as tools.",
            examples=[{"fetch": {"args": ["--with", "mcp==1.29.0", "mcp-server-fetch==2026.7.10"], "command": "uvx"}}],
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    persona: Annotated[
        str | None,
        Field(
            description="Persona text that replaces OpenHands' built-in persona and coding-workflow sections of the system prompt. Capability and policy sections (memory, security policy, risk assessment, browser, external services, process management, model-specific guidance) and the dynamic context still apply. Ignored when `system_prompt` is set; a custom template receives it as the `persona` kwarg.",
            title="Persona",
        ),
    ] = None
    security_policy_filename: Annotated[
        str,
        Field(
            description="Security policy filename. The default 'security_policy.j2' is a back-compat sentinel (the file was removed) that selects the built-in default policy from the prompt registry -- it is not loaded from disk. Any other value names a custom policy file whose contents are inserted verbatim (NOT rendered as a Jinja template). Can be either:\n- A relative filename (e.g., 'custom_security_policy.md') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_security_policy.md')\n- Empty string to disable security policy",
            title="Security Policy Filename",
        ),
    ] = "security_policy.j2"
    system_prompt: Annotated[
        str | None,
        Field(
            description="Inline system prompt string.  When provided, the agent uses this text verbatim as the system message instead of rendering from `system_prompt_filename`.  Mutually exclusive with a non-default `system_prompt_filename`.\n\n**Warning**: This is not recommended unless you know what you are doing (e.g. customising agent behaviour for a completely different task).  Setting this will override OpenHands' built-in system instructions that govern default agent behaviour.",
            title="System Prompt",
        ),
    ] = None
    system_prompt_filename: Annotated[
        str,
        Field(
            description="System prompt template filename. Can be either:\n- A relative filename (e.g., 'system_prompt.j2') loaded from the agent's prompts directory\n- An absolute path (e.g., '/path/to/custom_prompt.j2')",
            title="System Prompt Filename",
        ),
    ] = "system_prompt.j2"
    system_prompt_kwargs: Annotated[
        dict[str, Any],
        Field(
            description="Optional kwargs to pass to the system prompt Jinja2 template.",
            examples=[{"cli_mode": True}],
            title="System Prompt Kwargs",
        ),
    ] = {}
    tool_concurrency_limit: Annotated[
        int,
        Field(
            description="Maximum number of tool calls to execute concurrently within a single agent step. Default is 1 (sequential). Values > 1 enable parallel execution; concurrent tools share the conversation object, filesystem, and working directory, so mutations to shared state may race.",
            ge=1,
            title="Tool Concurrency Limit",
        ),
    ] = 1
    tools: Annotated[
        list[OpenhandsSdkToolSpecTool],
        Field(
            description="List of tools to initialize for the agent.",
            examples=[{"name": "TerminalTool", "params": {}}, {"name": "FileEditorTool", "params": {}}, {"name": "TaskTrackerTool", "params": {}}],
            title="Tools",
            validate_default=True,
        ),
    ] = []


class AgentDefinition(WireModel):
    """
    Agent definition loaded from Markdown file.

    Agents are specialized configurations that can be triggered based on
    user input patterns. They define custom system prompts and tool access.
    """

    color: Annotated[
        str | None, Field(description="Display color for the agent", title="Color")
    ] = None
    condenser: Annotated[
        CondenserBaseInput | None,
        Field(
            description="Context condenser for the sub-agent. None applies a default summarizing condenser; set a NoOpCondenser to disable condensation."
        ),
    ] = None
    description: Annotated[
        str, Field(description="Agent description", title="Description")
    ] = ""
    hooks: Annotated[
        HookConfig | None, Field(description="Hook configuration for this agent")
    ] = None
    level: Annotated[
        Literal["project", "user", "builtin", "plugin", "programmatic"] | None,
        Field(
            description="Scope where the agent was discovered. Set during discovery; None when loaded directly from a file.",
            title="Level",
        ),
    ] = None
    max_budget_per_run: Annotated[
        MaxBudgetPerRun | None,
        Field(
            description="Maximum accumulated cost (USD) per run for this sub-agent. Must be strictly positive, or None for no budget.",
            title="Max Budget Per Run",
        ),
    ] = None
    max_iteration_per_run: Annotated[
        MaxIterationPerRun | None,
        Field(
            description="Maximum iterations per run. It must be strictly positive, or None for default.",
            title="Max Iteration Per Run",
        ),
    ] = None
    mcp_config: Annotated[
        dict[str, MCPServerInput] | None,
        Field(
            description="MCP servers for this agent. Ignored when it runs as a delegated sub-agent, which always inherits its parent's MCP servers.",
            examples=[{"fetch": {"args": ["--with", "mcp==1.29.0", "mcp-server-fetch==2026.7.10"], "command": "uvx"}}],
            title="Mcp Config",
        ),
    ] = None
    metadata: Annotated[
        dict[str, Any],
        Field(description="Additional metadata from frontmatter", title="Metadata"),
    ] = {}
    model: Annotated[
        str,
        Field(description="Model to use ('inherit' uses parent model)", title="Model"),
    ] = "inherit"
    name: Annotated[
        str,
        Field(description="Agent name (from frontmatter or filename)", title="Name"),
    ]
    permission_mode: Annotated[
        str | None,
        Field(
            description="How the subagent handles permissions. None inherits the parent policy, 'always_confirm' requires confirmation for every action, 'never_confirm' skips all confirmations, 'confirm_risky' only confirms actions above a risk threshold.",
            title="Permission Mode",
        ),
    ] = None
    profile_store_dir: Annotated[
        str | None,
        Field(
            description="Path to the directory where LLM profiles are stored. If None, the default profile store directory is used.",
            title="Profile Store Dir",
        ),
    ] = None
    skills: Annotated[
        list[str],
        Field(
            description="List of skill names for this agent. Resolved from project/user directories.",
            title="Skills",
        ),
    ] = []
    source: Annotated[
        str | None, Field(description="Source file path for this agent", title="Source")
    ] = None
    system_prompt: Annotated[
        str, Field(description="System prompt content", title="System Prompt")
    ] = ""
    tools: Annotated[
        list[str],
        Field(description="List of allowed tools for this agent", title="Tools"),
    ] = []
    when_to_use_examples: Annotated[
        list[str],
        Field(
            description="Examples of when to use this agent (for triggering)",
            title="When To Use Examples",
        ),
    ] = []


class ConversationInfo(ConversationTagsModel):
    """
    Information about a conversation running locally without a Runtime sandbox.
    """

    activated_knowledge_skills: Annotated[
        list[str],
        Field(
            description="List of activated knowledge skills name",
            title="Activated Knowledge Skills",
        ),
    ] = []
    agent: Annotated[
        AgentBaseOutput, Field(description="The agent running in the conversation.")
    ]
    agent_state: Annotated[
        dict[str, Any],
        Field(
            description="Dictionary for agent-specific runtime state that persists across iterations.",
            title="Agent State",
        ),
    ] = {}
    available_models: Annotated[
        list[ACPModelInfo],
        Field(
            description='Models the ACP server offers for this session, lifted off ``ACPAgent.available_models`` (the ``models.availableModels`` field on the ACP session response). Each entry carries a ``model_id`` plus an optional ``name``/``description``. Surfaced verbatim so clients can render a model picker and resolve ``current_model_id`` to a display label themselves — the server does no name curation. Empty for ACP servers that don\'t surface the (UNSTABLE) capability and for native OpenHands agents. Client contract: ``current_model_id`` is NOT guaranteed to be a member — a forced ``acp_model`` override may name a model absent from the list — so treat a miss as \'show the raw id\'. Some entries are opaque aliases whose human identity lives in ``description`` (e.g. claude-agent-acp\'s ``"default"`` -> ``"Opus 4.7 with 1M context · ..."``).',
            title="Available Models",
            validate_default=True,
        ),
    ] = []
    blocked_actions: Annotated[
        dict[str, str],
        Field(
            description="Actions blocked by PreToolUse hooks, keyed by action ID",
            title="Blocked Actions",
        ),
    ] = {}
    blocked_messages: Annotated[
        dict[str, str],
        Field(
            description="Messages blocked by UserPromptSubmit hooks, keyed by message ID",
            title="Blocked Messages",
        ),
    ] = {}
    client_tools: Annotated[
        list[ClientToolSpecOutput],
        Field(
            description="Client-defined tool specs registered for this conversation. Surfaced so that a client re-attaching by conversation id can register the dynamic ClientAction_* action types before syncing persisted events, avoiding 'Unknown kind' deserialization errors.",
            title="Client Tools",
            validate_default=True,
        ),
    ] = []
    confirmation_policy: Annotated[ConfirmationPolicyBaseOutput, Field(validate_default=True)] = {
        "kind": "NeverConfirm"
    }
    created_at: Annotated[AwareDatetime | None, Field(title="Created At")] = None
    current_model_id: Annotated[
        str | None,
        Field(
            description='Model the agent is actually using for this session. For ACP agents, this is lifted off ``ACPAgent.current_model_id`` (populated from the ``models.currentModelId`` field on the ACP session response, or from ``acp_model`` when the caller forced an override). May be an opaque alias (e.g. claude-agent-acp\'s ``"default"``); match it against ``available_models`` to get a display label. ``None`` for older ACP servers that don\'t surface the field, or while the agent is still initializing. Native OpenHands agents leave this ``None`` — consumers should read ``agent.llm.model`` for those.',
            title="Current Model Id",
        ),
    ] = None
    execution_status: Annotated[
        ConversationExecutionStatus, Field(validate_default=True)
    ] = "idle"
    forked_from_conversation_id: Annotated[
        UUID | None,
        Field(
            description="ID of the conversation this one was forked from. ``None`` for conversations created directly (not via fork).",
            title="Forked From Conversation Id",
        ),
    ] = None
    forked_from_event_id: Annotated[
        str | None,
        Field(
            description="Event ID this conversation was forked at. ``None`` for non-forked conversations or whole-conversation forks.",
            title="Forked From Event Id",
        ),
    ] = None
    hook_config: Annotated[
        HookConfig | None,
        Field(
            description="Hook configuration for this conversation. Includes definitions for PreToolUse, PostToolUse, UserPromptSubmit, SessionStart, SessionEnd, and Stop hooks."
        ),
    ] = None
    id: Annotated[UUID, Field(description="Unique conversation ID", title="Id")]
    invoked_skills: Annotated[
        list[str],
        Field(
            description="Names of progressive-disclosure skills explicitly invoked via the `invoke_skill` tool.",
            title="Invoked Skills",
        ),
    ] = []
    last_user_message_id: Annotated[
        str | None,
        Field(
            description="Most recent user MessageEvent id for hook block checks. Updated when user messages are emitted so Agent.step can pop blocked_messages without scanning the event log. If None, hook-blocked checks are skipped (legacy conversations).",
            title="Last User Message Id",
        ),
    ] = None
    launched_agent_profile: Annotated[
        LaunchedAgentProfile | None,
        Field(
            description="Provenance snapshot of the agent profile that launched this conversation. Set at creation when the conversation was started via ``agent_profile_id``; ``None`` for conversations started directly with ``agent`` or ``agent_settings``. Clients use this to identify which agent profile is current without fragile settings-comparison."
        ),
    ] = None
    leaf_event_id: Annotated[
        str | None,
        Field(
            description="HEAD of the conversation tree: the parent of the next appended event. ``None`` means an empty tree (or, for pre-feature conversations, the linear tail). Moving it via ``navigate`` re-roots the active branch the agent runs on.",
            title="Leaf Event Id",
        ),
    ] = None
    max_iterations: Annotated[
        int,
        Field(
            description="Maximum number of iterations the agent can perform in a single run.",
            gt=0,
            title="Max Iterations",
        ),
    ] = 500
    metrics: MetricsSnapshot | None = None
    parent_conversation_id: Annotated[
        UUID | None,
        Field(
            description="ID of the conversation that owns this one. ``None`` for top-level conversations.",
            title="Parent Conversation Id",
        ),
    ] = None
    persistence_dir: Annotated[
        str | None,
        Field(
            description="Directory for persisting conversation state and events. If None, conversation will not be persisted.",
            title="Persistence Dir",
        ),
    ] = "workspace/conversations"
    runtime_info: Annotated[
        ConversationRuntimeInfo | None,
        Field(
            description="Availability of the execution runtime. Catalog responses populate this when the hosting server manages runtime lifecycle."
        ),
    ] = None
    secret_registry: Annotated[SecretRegistry, Field(description="Registry for handling secrets and sensitive data", validate_default=True)] = {
        "secret_sources": {}
    }
    security_analyzer: Annotated[
        SecurityAnalyzerBaseOutput | None,
        Field(description="Optional security analyzer to evaluate action risks."),
    ] = None
    stats: Annotated[ConversationStats, Field(description="Conversation statistics for tracking LLM metrics", validate_default=True)] = {
        "usage_to_metrics": {}
    }
    stuck_detection: Annotated[
        bool,
        Field(
            description="Whether to enable stuck detection for the agent.",
            title="Stuck Detection",
        ),
    ] = True
    sub_conversation_ids: Annotated[
        list[UUID],
        Field(
            description="IDs of conversations naming this one as their parent. Derived from the server catalog; empty on webhook payloads. Name mirrors the Cloud API field.",
            title="Sub Conversation Ids",
        ),
    ] = []
    supports_runtime_model_switch: Annotated[
        bool,
        Field(
            description="Whether a live, mid-conversation model switch will be attempted for this conversation — tells the inline picker whether to offer a live-switch control. Mirrors the SDK's switch gate: ``True`` for known switch-capable providers; ``False`` for unknown/custom ACP servers because their generic config writes are not guaranteed live-switch primitives. ``False`` for native OpenHands agents, for a known provider that declares no support, and before the conversation has started a session.",
            title="Supports Runtime Model Switch",
        ),
    ] = False
    tags: Annotated[
        dict[str, str],
        Field(
            description="Key-value tags for the conversation. Keys must be lowercase alphanumeric. Values are arbitrary strings up to 256 characters.",
            title="Tags",
        ),
    ] = {}
    title: Annotated[
        str | None,
        Field(description="User-defined title for the conversation", title="Title"),
    ] = None
    tool_module_qualnames: Annotated[
        dict[str, str],
        Field(
            description="Tool names mapped to importable module qualnames. SDK clients use this metadata to restore the registrations needed to deserialize the conversation's tool events when attaching.",
            title="Tool Module Qualnames",
        ),
    ] = {}
    updated_at: Annotated[AwareDatetime | None, Field(title="Updated At")] = None
    workspace: Annotated[
        BaseWorkspace,
        Field(
            description="Workspace used by the agent to execute commands and read/write files. Not the process working directory."
        ),
    ]


class ConversationPage(WireModel):
    items: Annotated[list[ConversationInfo], Field(title="Items")]
    next_page_id: Annotated[str | None, Field(title="Next Page Id")] = None


class ConversationStateSnapshot(WireModel):
    """
    value of the transient full_state ConversationStateUpdateEvent: ConversationState.model_dump(mode=json, exclude_none=True). Not ConversationInfo: no title, created_at, updated_at, metrics. The LLM api_key is masked as '**********'.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    agent: AgentBaseOutput
    confirmation_policy: ConfirmationPolicyBaseOutput
    execution_status: ConversationExecutionStatus
    head_is_empty: bool | None = None
    id: UUID
    last_user_message_id: str | None = None
    leaf_event_id: str | None = None
    max_iterations: int | None = None
    persistence_dir: str
    stats: dict[str, Any]
    stuck_detection: bool | None = None
    tags: dict[str, str] | None = None
    workspace: BaseWorkspace


class EnsembleSecurityAnalyzerInput(WireModel):
    """
    Wire multiple analyzers together and take the worst-case risk.

    Use this as the top-level analyzer you set on a conversation. It
    calls each child analyzer, collects their risk assessments, and
    returns the highest concrete risk. It does not perform any detection,
    extraction, or normalization of its own.

    How UNKNOWN works (default, ``propagate_unknown=False``): if *all*
    children return UNKNOWN, the ensemble returns UNKNOWN (which
    ``ConfirmRisky`` confirms by default). If any child returns a
    concrete level, UNKNOWN results are filtered out and the highest
    concrete level wins.

    With ``propagate_unknown=True``: if *any* child returns UNKNOWN, the
    ensemble returns UNKNOWN regardless of other results. Use this in
    stricter environments where incomplete assessment should trigger
    confirmation.

    If a child analyzer raises an exception, it contributes HIGH
    (fail-closed, logged). This prevents a broken analyzer from silently
    degrading safety.

    Example::

        from openhands.sdk.security import (
            EnsembleSecurityAnalyzer,
            PatternSecurityAnalyzer,
            PolicyRailSecurityAnalyzer,
            ConfirmRisky,
            SecurityRisk,
        )

        analyzer = EnsembleSecurityAnalyzer(
            analyzers=[
                PolicyRailSecurityAnalyzer(),
                PatternSecurityAnalyzer(),
            ]
        )
        policy = ConfirmRisky(threshold=SecurityRisk.MEDIUM)
    """

    analyzers: Annotated[
        list[SecurityAnalyzerBaseInput],
        Field(
            description="Analyzers whose assessments are combined via max-severity",
            min_length=1,
            title="Analyzers",
        ),
    ]
    kind: Annotated[Literal["EnsembleSecurityAnalyzer"], Field(title="Kind")]
    propagate_unknown: Annotated[
        bool,
        Field(
            description="When True, any child returning UNKNOWN causes the ensemble to return UNKNOWN. When False (default), UNKNOWN is filtered out if any child returns a concrete level.",
            title="Propagate Unknown",
        ),
    ] = False


class EnsembleSecurityAnalyzerOutput(WireModel):
    """
    Wire multiple analyzers together and take the worst-case risk.

    Use this as the top-level analyzer you set on a conversation. It
    calls each child analyzer, collects their risk assessments, and
    returns the highest concrete risk. It does not perform any detection,
    extraction, or normalization of its own.

    How UNKNOWN works (default, ``propagate_unknown=False``): if *all*
    children return UNKNOWN, the ensemble returns UNKNOWN (which
    ``ConfirmRisky`` confirms by default). If any child returns a
    concrete level, UNKNOWN results are filtered out and the highest
    concrete level wins.

    With ``propagate_unknown=True``: if *any* child returns UNKNOWN, the
    ensemble returns UNKNOWN regardless of other results. Use this in
    stricter environments where incomplete assessment should trigger
    confirmation.

    If a child analyzer raises an exception, it contributes HIGH
    (fail-closed, logged). This prevents a broken analyzer from silently
    degrading safety.

    Example::

        from openhands.sdk.security import (
            EnsembleSecurityAnalyzer,
            PatternSecurityAnalyzer,
            PolicyRailSecurityAnalyzer,
            ConfirmRisky,
            SecurityRisk,
        )

        analyzer = EnsembleSecurityAnalyzer(
            analyzers=[
                PolicyRailSecurityAnalyzer(),
                PatternSecurityAnalyzer(),
            ]
        )
        policy = ConfirmRisky(threshold=SecurityRisk.MEDIUM)
    """

    analyzers: Annotated[
        list[SecurityAnalyzerBaseOutput],
        Field(
            description="Analyzers whose assessments are combined via max-severity",
            min_length=1,
            title="Analyzers",
        ),
    ]
    kind: Annotated[Literal["EnsembleSecurityAnalyzer"], Field(title="Kind")]
    propagate_unknown: Annotated[
        bool,
        Field(
            description="When True, any child returning UNKNOWN causes the ensemble to return UNKNOWN. When False (default), UNKNOWN is filtered out if any child returns a concrete level.",
            title="Propagate Unknown",
        ),
    ] = False


class PipelineCondenserInput(WireModel):
    """
    A condenser that applies a sequence of condensers in order.

    All condensers are defined primarily by their `condense` method, which takes a
    `View` and an optional `agent_llm` parameter, returning either a new `View` or a
    `Condensation` event. That means we can chain multiple condensers together by
    passing `View`s along and exiting early if any condenser returns a `Condensation`.

    For example:

        # Use the pipeline condenser to chain multiple other condensers together
        condenser = PipelineCondenser(condensers=[
            CondenserA(...),
            CondenserB(...),
            CondenserC(...),
        ])

        result = condenser.condense(view, agent_llm=agent_llm)

        # Doing the same thing without the pipeline condenser requires more boilerplate
        # for the monadic chaining
        other_result = view

        if isinstance(other_result, View):
            other_result = CondenserA(...).condense(other_result, agent_llm=agent_llm)

        if isinstance(other_result, View):
            other_result = CondenserB(...).condense(other_result, agent_llm=agent_llm)

        if isinstance(other_result, View):
            other_result = CondenserC(...).condense(other_result, agent_llm=agent_llm)

        assert result == other_result
    """

    condensers: Annotated[list[CondenserBaseInput], Field(title="Condensers")]
    kind: Annotated[Literal["PipelineCondenser"], Field(title="Kind")]


class PipelineCondenserOutput(WireModel):
    """
    A condenser that applies a sequence of condensers in order.

    All condensers are defined primarily by their `condense` method, which takes a
    `View` and an optional `agent_llm` parameter, returning either a new `View` or a
    `Condensation` event. That means we can chain multiple condensers together by
    passing `View`s along and exiting early if any condenser returns a `Condensation`.

    For example:

        # Use the pipeline condenser to chain multiple other condensers together
        condenser = PipelineCondenser(condensers=[
            CondenserA(...),
            CondenserB(...),
            CondenserC(...),
        ])

        result = condenser.condense(view, agent_llm=agent_llm)

        # Doing the same thing without the pipeline condenser requires more boilerplate
        # for the monadic chaining
        other_result = view

        if isinstance(other_result, View):
            other_result = CondenserA(...).condense(other_result, agent_llm=agent_llm)

        if isinstance(other_result, View):
            other_result = CondenserB(...).condense(other_result, agent_llm=agent_llm)

        if isinstance(other_result, View):
            other_result = CondenserC(...).condense(other_result, agent_llm=agent_llm)

        assert result == other_result
    """

    condensers: Annotated[list[CondenserBaseOutput], Field(title="Condensers")]
    kind: Annotated[Literal["PipelineCondenser"], Field(title="Kind")]


class SetSecurityAnalyzerRequest(WireModel):
    """
    Payload to set security analyzer for a conversation
    """

    security_analyzer: Annotated[
        SecurityAnalyzerBaseInput | None,
        Field(description="The security analyzer to set"),
    ]


class StartConversationRequest(ConversationTagsModel):
    """
    Payload to create a new conversation.

    Extends :class:`ConversationConfig` with the agent source: a stored Agent
    Profile (``agent_profile_id``), resolved agent settings
    (``agent_settings``), or an ``agent`` built in code. The
    server turns the source into the conversation's agent at launch; this model
    only checks that exactly one source is given.

    Note: the agent lives here on the *request*, deliberately not on
    ``ConversationConfig``. The persisted record (``StoredConversation``) does
    not carry the agent — its single source of truth is ``ConversationState`` /
    ``base_state.json``.
    """

    agent: AgentBaseInput | None = None
    agent_definitions: Annotated[
        list[AgentDefinition],
        Field(
            description="Agent definitions from the client's registry. These are registered on the server so that task tools can see user-registered subagents.",
            title="Agent Definitions",
            validate_default=True,
        ),
    ] = []
    agent_launch_additions: Annotated[
        AgentLaunchAdditions | None,
        Field(
            description="Deployment context applied after agent or Agent Profile resolution. The stored Agent Profile is not modified."
        ),
    ] = None
    agent_profile_id: Annotated[
        UUID | None,
        Field(
            description="Stored Agent Profile to launch. The server resolves it with its own stores. Mutually exclusive with the other agent sources.",
            title="Agent Profile Id",
        ),
    ] = None
    agent_settings: Annotated[
        dict[str, Any] | None,
        Field(
            description="Reference-free agent settings, validated with the AgentSettingsBase `agent_kind` discriminator. The server builds the agent from them at launch. Ignored when `agent` is set.",
            title="Agent Settings",
        ),
    ] = None
    autotitle: Annotated[
        bool,
        Field(
            description="If true, automatically generate a title for the conversation from the first user message. Precedence: title_llm_profile (if set and loads) → agent.llm → message truncation.",
            title="Autotitle",
        ),
    ] = True
    client_tools: Annotated[
        list[ClientToolSpecInput],
        Field(
            description="Tools defined by the client via JSON spec. These tools have no server-side executor — when the agent calls them, an ActionEvent is emitted over the WebSocket and the client handles execution. The SDK returns an acknowledgment observation immediately.",
            title="Client Tools",
            validate_default=True,
        ),
    ] = []
    confirmation_policy: Annotated[ConfirmationPolicyBaseInput, Field(description="Controls when the conversation will prompt the user before continuing. Defaults to never.", validate_default=True)] = {
        "kind": "NeverConfirm"
    }
    container: Annotated[
        ConversationContainerOptions | None,
        Field(
            description="Resources for the conversation's container (Docker runtime)."
        ),
    ] = None
    conversation_id: Annotated[
        UUID | None,
        Field(
            description="Optional conversation ID. If not provided, a random UUID will be generated.",
            title="Conversation Id",
        ),
    ] = None
    conversation_runtime: Annotated[
        Literal["local", "docker"] | None,
        Field(
            description="Runtime that executes this conversation. Unset uses the server's configured `conversation_runtime`; another value is only accepted when the server lists it in `available_conversation_runtimes`.",
            title="Conversation Runtime",
        ),
    ] = None
    hook_config: Annotated[
        HookConfig | None,
        Field(
            description="Optional hook configuration for this conversation. Hooks are shell scripts that run at key lifecycle events (PreToolUse, PostToolUse, UserPromptSubmit, Stop, etc.). If both hook_config and plugins are provided, they are merged with explicit hooks running before plugin hooks."
        ),
    ] = None
    initial_message: Annotated[
        SendMessageRequest | None,
        Field(description="Initial message to pass to the LLM"),
    ] = None
    max_iterations: Annotated[
        int,
        Field(
            description="If set, the max number of iterations the agent will run before stopping. This is useful to prevent infinite loops.",
            ge=1,
            title="Max Iterations",
        ),
    ] = 500
    observability_metadata: Annotated[
        dict[str, TraceMetadataValue],
        Field(
            description="Trace-level metadata to attach to observability backends. Values must be scalars or homogeneous scalar lists supported by OpenTelemetry.",
            title="Observability Metadata",
            validate_default=True,
        ),
    ] = {}
    observability_parent_span_context: Annotated[
        str | None,
        Field(
            description="Serialized parent span context used to attach this conversation to an upstream automation or integration trace.",
            title="Observability Parent Span Context",
        ),
    ] = None
    observability_span_name: Annotated[
        str,
        Field(
            description="Optional named child span to emit under the conversation root. Use stable, low-cardinality names because observability backends may use span names for grouping or signal routing.",
            title="Observability Span Name",
        ),
    ] = "conversation"
    observability_tags: Annotated[
        list[str],
        Field(
            description="Tags to attach to the conversation root observability span.",
            title="Observability Tags",
        ),
    ] = []
    parent_conversation_id: Annotated[
        UUID | None,
        Field(
            description="Optional ID of an existing conversation that owns this one. The parent must already exist and share this conversation's workspace.",
            title="Parent Conversation Id",
        ),
    ] = None
    plugins: Annotated[
        list[PluginSource] | None,
        Field(
            description="List of plugins to load for this conversation. Plugins are loaded and their skills/MCP config are merged into the agent. Hooks are extracted and stored for runtime execution.",
            title="Plugins",
        ),
    ] = None
    prompt: Annotated[
        Prompt | None,
        Field(
            description="Optional prompt that replaces the default title-generation user message. Use {conversation_content} to place the first user message and {max_length} to place the title length limit. If the conversation placeholder is omitted, the message is appended automatically. Empty or unset values use the default prompt.",
            title="Prompt",
        ),
    ] = None
    secrets: Annotated[
        dict[str, SecretSourceInput],
        Field(
            description="Secrets available in the conversation",
            title="Secrets",
            validate_default=True,
        ),
    ] = {}
    secrets_encrypted: Annotated[
        bool,
        Field(
            description="If true, indicates that secret values in the agent configuration are cipher-encrypted and should be decrypted by the server before use. This enables secure round-tripping of settings through untrusted clients (e.g., frontend) that received encrypted values via the X-Expose-Secrets header. Flow: client calls GET /api/settings with X-Expose-Secrets: encrypted to receive cipher-encrypted secrets, then passes them in the agent config with secrets_encrypted=True so the server can decrypt them.",
            title="Secrets Encrypted",
        ),
    ] = False
    security_analyzer: Annotated[
        SecurityAnalyzerBaseInput | None,
        Field(description="Optional security analyzer to evaluate action risks."),
    ] = None
    stuck_detection: Annotated[
        bool,
        Field(
            description="If true, the conversation will use stuck detection to prevent infinite loops.",
            title="Stuck Detection",
        ),
    ] = True
    tags: Annotated[
        dict[str, str],
        Field(
            description="Key-value tags for the conversation. Keys must be lowercase alphanumeric. Values are arbitrary strings up to 256 characters.",
            title="Tags",
        ),
    ] = {}
    title_llm_profile: Annotated[
        str | None,
        Field(
            description="Optional LLM profile name for title generation. If set, the LLM is loaded from LLMProfileStore (~/.openhands/profiles/) and used for LLM-based title generation. This enables using a fast/cheap model for titles regardless of the agent's main model. If not set (or profile loading fails), title generation falls back to the agent's LLM.",
            title="Title Llm Profile",
        ),
    ] = None
    tool_module_qualnames: Annotated[
        dict[str, str],
        Field(
            description="Mapping of tool names to their module qualnames from the client's registry. These modules will be dynamically imported on the server to register the tools for this conversation.",
            title="Tool Module Qualnames",
        ),
    ] = {}
    user_id: Annotated[
        str | None,
        Field(
            description="Optional user ID supplied by the hosting deployment, used to correlate this conversation with the identity that deployment already established. When set it is passed to Laminar.set_trace_user_id() so traces can be queried by user, and — where a host has enabled product analytics — it is reused verbatim as the analytics correlation id so events attach to the existing person rather than creating a duplicate identity. It is never generated by the SDK, and is omitted entirely when unset.",
            title="User Id",
        ),
    ] = None
    workspace: Annotated[
        LocalWorkspaceInput,
        Field(description="Working directory for agent operations and tool execution."),
    ]
    worktree: Annotated[
        bool,
        Field(
            description="If true and the workspace is already inside a git repository, create a dedicated git worktree for this conversation under `/tmp/conversation-worktrees/<conversation_id>/<project_name>`.",
            title="Worktree",
        ),
    ] = False
    worktree_options: Annotated[
        ConversationWorktreeOptions | None,
        Field(
            description="How the worktree is created (`worktree=True`); unset: defaults."
        ),
    ] = None


class SubAgentInfo(WireModel):
    """
    Lossless view of an ``AgentDefinition`` returned by the API.

    Every frontmatter field plus the discovered ``level``/``source``, an
    ``is_builtin`` flag, and the inline ``system_prompt`` (Markdown body) so a
    detail view needs no extra fetch.
    """

    color: Annotated[str | None, Field(title="Color")] = None
    condenser: CondenserBaseOutput | None = None
    description: Annotated[str, Field(title="Description")] = ""
    hooks: HookConfig | None = None
    is_builtin: Annotated[bool, Field(title="Is Builtin")] = False
    level: Annotated[
        Literal["project", "user", "builtin", "plugin", "programmatic"] | None,
        Field(title="Level"),
    ] = None
    max_budget_per_run: Annotated[float | None, Field(title="Max Budget Per Run")] = (
        None
    )
    max_iteration_per_run: Annotated[
        int | None, Field(title="Max Iteration Per Run")
    ] = None
    mcp_config: Annotated[
        dict[str, MCPServerOutput] | None,
        Field(
            description="MCP servers the definition declares. A delegated sub-agent ignores them and inherits its parent's MCP servers.",
            title="Mcp Config",
        ),
    ] = None
    mcp_servers: Annotated[
        dict[str, MCPServerOutput] | None,
        Field(
            deprecated=True,
            description="Deprecated compatibility alias for mcp_config. Use mcp_config for new clients.",
            title="Mcp Servers",
        ),
    ] = None
    metadata: Annotated[dict[str, Any], Field(title="Metadata")] = {}
    model: Annotated[str, Field(title="Model")] = "inherit"
    name: Annotated[str, Field(title="Name")]
    permission_mode: Annotated[str | None, Field(title="Permission Mode")] = None
    profile_store_dir: Annotated[str | None, Field(title="Profile Store Dir")] = None
    skills: Annotated[list[str], Field(title="Skills")] = []
    source: Annotated[str | None, Field(title="Source")] = None
    system_prompt: Annotated[str, Field(title="System Prompt")] = ""
    tools: Annotated[list[str], Field(title="Tools")] = []
    when_to_use_examples: Annotated[list[str], Field(title="When To Use Examples")] = []


class SubAgentsResponse(WireModel):
    """
    Response containing all available sub-agents.
    """

    agents: Annotated[list[SubAgentInfo], Field(title="Agents")]


class AgentBaseInput(RootModel[ACPAgentInput | AgentInput]):
    root: Annotated[ACPAgentInput | AgentInput, Field(discriminator="kind")]


class AgentBaseOutput(RootModel[ACPAgentOutput | AgentOutput]):
    root: Annotated[ACPAgentOutput | AgentOutput, Field(discriminator="kind")]


class SecurityAnalyzerBaseInput(
    RootModel[
        PatternSecurityAnalyzerInput
        | PolicyRailSecurityAnalyzerInput
        | EnsembleSecurityAnalyzerInput
        | GraySwanAnalyzerInput
        | LLMSecurityAnalyzerInput
        | ToolShieldLLMSecurityAnalyzerInput
    ]
):
    root: Annotated[
        PatternSecurityAnalyzerInput | PolicyRailSecurityAnalyzerInput | EnsembleSecurityAnalyzerInput | GraySwanAnalyzerInput | LLMSecurityAnalyzerInput | ToolShieldLLMSecurityAnalyzerInput,
        Field(discriminator="kind"),
    ]


class SecurityAnalyzerBaseOutput(
    RootModel[
        PatternSecurityAnalyzerOutput
        | PolicyRailSecurityAnalyzerOutput
        | EnsembleSecurityAnalyzerOutput
        | GraySwanAnalyzerOutput
        | LLMSecurityAnalyzerOutput
        | ToolShieldLLMSecurityAnalyzerOutput
    ]
):
    root: Annotated[
        PatternSecurityAnalyzerOutput | PolicyRailSecurityAnalyzerOutput | EnsembleSecurityAnalyzerOutput | GraySwanAnalyzerOutput | LLMSecurityAnalyzerOutput | ToolShieldLLMSecurityAnalyzerOutput,
        Field(discriminator="kind"),
    ]


class CondenserBaseInput(
    RootModel[
        LLMSummarizingCondenserInput
        | NoOpCondenserInput
        | PipelineCondenserInput
    ]
):
    root: Annotated[
        LLMSummarizingCondenserInput | NoOpCondenserInput | PipelineCondenserInput,
        Field(discriminator="kind"),
    ]


class CondenserBaseOutput(
    RootModel[
        LLMSummarizingCondenserOutput
        | NoOpCondenserOutput
        | PipelineCondenserOutput
    ]
):
    root: Annotated[
        LLMSummarizingCondenserOutput | NoOpCondenserOutput | PipelineCondenserOutput,
        Field(discriminator="kind"),
    ]


JSONValue.model_rebuild()
ACPAgentInput.model_rebuild()
ACPAgentOutput.model_rebuild()
AgentInput.model_rebuild()
AgentOutput.model_rebuild()
AgentDefinition.model_rebuild()
ConversationInfo.model_rebuild()
ConversationStateSnapshot.model_rebuild()
EnsembleSecurityAnalyzerInput.model_rebuild()
EnsembleSecurityAnalyzerOutput.model_rebuild()
PipelineCondenserInput.model_rebuild()
PipelineCondenserOutput.model_rebuild()
SetSecurityAnalyzerRequest.model_rebuild()
StartConversationRequest.model_rebuild()
SubAgentInfo.model_rebuild()
