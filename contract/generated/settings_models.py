# GENERATED FILE, DO NOT EDIT. Pydantic v2 models of the agent server's persisted settings
# (openhands-agent-server 1.58.0, contract/spec/settings_models.json), made by datamodel-code-generator.
# Regenerate with: ohmock spec build

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID

from contract.wire_base import WireModel
from contract.wire_rules import (
    CompactModel,
    ExcludedOnDump,
    MetaProfileModel,
    OpenHandsAgentSettingsModel,
    SettingsAgentContextModel,
    SettingsLLMModel,
)
from pydantic import AwareDatetime, ConfigDict, Field, RootModel, SecretStr


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


class MaxBudgetPerRun(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Maximum accumulated cost (USD) per run for this sub-agent. Must be strictly positive, or None for no budget.",
            gt=0.0,
            title="Max Budget Per Run",
        ),
    ] = None


class MaxIterationPerRun(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="Maximum iterations per run. It must be strictly positive, or None for default.",
            gt=0,
            title="Max Iteration Per Run",
        ),
    ] = None


class ContainerCpus(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="CPUs each new Docker conversation's container may use, from 0.01 up to the machine's CPU count. Unset keeps the server default.",
            ge=0.01,
            title="Container Cpus",
        ),
    ] = None


class ContainerMemory(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Memory limit for each new Docker conversation's container, in `docker run --memory` syntax such as `512m` or `4g`. Unset keeps the server default.",
            pattern="^\\d+(\\.\\d+)? ?[kKmMgGtTpP]?[iI]?[bB]?$",
            title="Container Memory",
        ),
    ] = None


class WorktreeBaseRef(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Branch, tag or commit new worktrees branch from when `worktree_base` is `ref`, e.g. `develop` or `origin/release`.",
            pattern="^[A-Za-z0-9][A-Za-z0-9._/-]*$",
            title="Worktree Base Ref",
        ),
    ] = None


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


class HookType(RootModel[Literal["command", "prompt", "agent"]]):
    root: Annotated[
        Literal["command", "prompt", "agent"],
        Field(description="Types of hooks that can be executed.", title="HookType"),
    ]


class ImageContent(WireModel):
    cache_prompt: Annotated[bool, Field(title="Cache Prompt")] = False
    image_urls: Annotated[list[str], Field(title="Image Urls")]
    type: Annotated[Literal["image"], Field(title="Type")] = "image"


class InputMetadata(WireModel):
    """
    Metadata for task skill inputs.
    """

    description: Annotated[
        str,
        Field(description="Description of the input parameter", title="Description"),
    ]
    name: Annotated[str, Field(description="Name of the input parameter", title="Name")]


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
    ] = None


class MaxInputTokens(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="The maximum number of input tokens. Note that this is currently unused, and the value at runtime is actually the total tokens in OpenAI (e.g. 128,000 tokens for GPT-4).",
            ge=1,
            title="Max Input Tokens",
        ),
    ] = None


class MaxOutputTokens(RootModel[int]):
    root: Annotated[
        int,
        Field(
            description="The maximum number of output tokens. This is sent to the LLM.",
            ge=1,
            title="Max Output Tokens",
        ),
    ] = None


class OutputCostPerToken(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="The cost per output token. This will available in logs for user.",
            ge=0.0,
            title="Output Cost Per Token",
        ),
    ] = None


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
    ] = None


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
    root: Annotated[float, Field(ge=0.0, title="Top K")] = None


class TopP(RootModel[float]):
    root: Annotated[
        float,
        Field(
            description="Nucleus sampling parameter. Defaults to None (uses provider default). Set to a value between 0 and 1 to control diversity of outputs.",
            ge=0.0,
            le=1.0,
            title="Top P",
        ),
    ] = None


class LLM(SettingsLLMModel):
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
        Literal["low", "medium", "high", "xhigh", "none"] | None,
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


class Persona(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="Persona text that replaces OpenHands' built-in persona and coding-workflow guidance. Capability and policy guidance (memory, security policy, risk assessment, browser, external services, process management, model-specific notes) and the dynamic context are still included. None keeps the built-in persona.",
            max_length=65536,
            min_length=1,
            title="Persona",
        ),
    ] = None


class LLMSummarizingCondenser(WireModel):
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
    kind: Annotated[
        Literal["LLMSummarizingCondenser"], Field(title="Kind")
    ] = "LLMSummarizingCondenser"
    llm: LLM
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
    ] = None


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


class LocalWorkspace(WireModel):
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


class LookupSecret(WireModel):
    """
    A secret looked up from some external url
    """

    description: Annotated[
        str | None,
        Field(description="Optional description for this secret", title="Description"),
    ] = None
    headers: Annotated[dict[str, str], Field(title="Headers")] = {}
    kind: Annotated[Literal["LookupSecret"], Field(title="Kind")] = "LookupSecret"
    url: Annotated[str, Field(title="Url")]


class MCPApiKeyAuthCredential(CompactModel):
    header_name: Annotated[str | None, Field(title="Header Name")] = None
    strategy: Annotated[Literal["api_key"], Field(title="Strategy")]
    value: Annotated[SecretStr | None, Field(title="Value")] = None


class MCPBasicAuthCredential(CompactModel):
    password: Annotated[SecretStr | None, Field(title="Password")] = None
    strategy: Annotated[Literal["basic"], Field(title="Strategy")]
    username: Annotated[str, Field(title="Username")]


class MCPBearerAuthCredential(CompactModel):
    strategy: Annotated[Literal["bearer"], Field(title="Strategy")]
    value: Annotated[SecretStr | None, Field(title="Value")] = None


class MCPHeaderAuthCredential(CompactModel):
    headers: Annotated[dict[str, SecretStr], Field(title="Headers")] = {}
    strategy: Annotated[Literal["header"], Field(title="Strategy")]


class MCPNoneAuthCredential(CompactModel):
    strategy: Annotated[Literal["none"], Field(title="Strategy")]


class MCPOAuthAuthentication(CompactModel):
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


class MCPOAuthClientInfoState(CompactModel):
    model_config = ConfigDict(
        extra="allow",
    )
    client_secret: Annotated[SecretStr | None, Field(title="Client Secret")] = None


class MCPOAuthTokenState(CompactModel):
    model_config = ConfigDict(
        extra="allow",
    )
    access_token: Annotated[SecretStr | None, Field(title="Access Token")] = None
    refresh_token: Annotated[SecretStr | None, Field(title="Refresh Token")] = None


class Command(RootModel[str]):
    root: Annotated[str, Field(min_length=1, title="Command")] = None


class Url(RootModel[str]):
    root: Annotated[str, Field(min_length=1, title="Url")] = None


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


class NoOpCondenser(WireModel):
    """
    Simple condenser that returns a view un-manipulated.

    Primarily intended for testing purposes.
    """

    kind: Annotated[Literal["NoOpCondenser"], Field(title="Kind")] = "NoOpCondenser"


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


class PathTrigger(WireModel):
    """
    Trigger for path-scoped skills ("rules").

    These skills are activated when the agent touches a file whose path matches
    one of the ``paths`` glob patterns (gitignore-style ``**`` semantics).
    """

    paths: Annotated[list[str], Field(title="Paths")]
    type: Annotated[Literal["path"], Field(title="Type")] = "path"


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


class StaticSecret(WireModel):
    """
    A secret stored locally
    """

    description: Annotated[
        str | None,
        Field(description="Optional description for this secret", title="Description"),
    ] = None
    kind: Annotated[Literal["StaticSecret"], Field(title="Kind")] = "StaticSecret"
    value: Annotated[SecretStr | None, Field(title="Value")] = None


class TaskTrigger(WireModel):
    """
    Trigger for task-specific skills.

    These skills are activated for specific task types and can modify prompts.
    """

    triggers: Annotated[list[str], Field(title="Triggers")]
    type: Annotated[Literal["task"], Field(title="Type")] = "task"


class TextContent(WireModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    cache_prompt: Annotated[bool, Field(title="Cache Prompt")] = False
    text: Annotated[str, Field(title="Text")]
    type: Annotated[Literal["text"], Field(title="Type")] = "text"


class Tool(WireModel):
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


class VerificationSettings(WireModel):
    """
    Critic and iterative-refinement settings for the agent.
    """

    critic_api_key: Annotated[
        str | SecretStr | None,
        Field(
            description="API key used to authenticate with the critic service. When None, the LLM's ``api_key`` is reused, which preserves the auto-configuration path for the All-Hands LLM proxy.",
            title="Critic Api Key",
        ),
    ] = None
    critic_enabled: Annotated[
        bool,
        Field(
            description="Enable critic evaluation for the agent.",
            title="Critic Enabled",
        ),
    ] = False
    critic_mode: Annotated[
        Literal["finish_and_message", "all_actions"],
        Field(description="When critic evaluation should run.", title="Critic Mode"),
    ] = "finish_and_message"
    critic_model_name: Annotated[
        str | None,
        Field(
            description="Override the critic model name. When None, the APIBasedCritic default is used.",
            title="Critic Model Name",
        ),
    ] = None
    critic_server_url: Annotated[
        str | None,
        Field(
            description="Override the critic service URL. When None, the APIBasedCritic default is used.",
            title="Critic Server Url",
        ),
    ] = None
    critic_threshold: Annotated[
        float,
        Field(
            description="Critic success threshold used for iterative refinement.",
            ge=0.0,
            le=1.0,
            title="Critic Threshold",
        ),
    ] = 0.6
    enable_iterative_refinement: Annotated[
        bool,
        Field(
            description="Automatically retry tasks when critic scores fall below the threshold.",
            title="Enable Iterative Refinement",
        ),
    ] = False
    max_refinement_iterations: Annotated[
        int,
        Field(
            description="Maximum number of refinement attempts after critic feedback.",
            ge=1,
            title="Max Refinement Iterations",
        ),
    ] = 3


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


class MCPOAuthState(CompactModel):
    client_info: MCPOAuthClientInfoState | None = None
    token_expires_at: Annotated[float | None, Field(title="Token Expires At")] = None
    tokens: MCPOAuthTokenState | None = None


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


class SecretSource(RootModel[LookupSecret | StaticSecret]):
    root: Annotated[LookupSecret | StaticSecret, Field(discriminator="kind")]


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


class MCPOAuthAuthCredential(CompactModel):
    authentication: MCPOAuthAuthentication | None = None
    state: MCPOAuthState | None = None
    strategy: Annotated[Literal["oauth2"], Field(title="Strategy")]


class MCPServer(CompactModel):
    """
    One MCP server in the settings DataModel.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    args: Annotated[list[str] | None, Field(title="Args")] = None
    auth: Annotated[
        MCPNoneAuthCredential | MCPApiKeyAuthCredential | MCPBearerAuthCredential | MCPBasicAuthCredential | MCPHeaderAuthCredential | MCPOAuthAuthCredential | None,
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


class Skill(WireModel):
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
        dict[str, MCPServer] | None,
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


class AgentContext(SettingsAgentContextModel):
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
        dict[str, str | SecretSource] | None,
        Field(
            description="Dictionary mapping secret keys to values or secret sources. Secrets are used for authentication and sensitive data handling. Values can be either strings or SecretSource instances (str | SecretSource).",
            title="Secrets",
        ),
    ] = None
    skills: Annotated[
        list[Skill],
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


class LLMAgentSettings(WireModel):
    """
    Legacy ``agent_kind='llm'`` variant of :class:`OpenHandsAgentSettings`.

    ``LLMAgentSettings`` was the public class name before the v1.19.0 rename.
    The public import aliases (``from openhands.sdk import LLMAgentSettings`` and
    ``from openhands.sdk.settings import LLMAgentSettings``) were removed in
    v1.24.0 — use :class:`OpenHandsAgentSettings` for all new code.

    The class itself is retained (reachable at
    ``openhands.sdk.settings.model.LLMAgentSettings``) because it remains a
    member of the settings discriminated union: it keeps ``agent_kind='llm'`` so
    persisted legacy payloads still deserialize and the API-breakage checker
    sees no field-value change versus the published release.
    """

    active_meta_profile: Annotated[
        str | None,
        Field(
            description="Name of the active meta-profile (in ~/.openhands/meta-profiles) used by the route_task_to_model tool to route tasks to LLM profiles.",
            title="Active Meta Profile",
        ),
    ] = None
    agent: Annotated[str, Field(description="Agent class to use.", title="Agent")] = (
        "CodeActAgent"
    )
    agent_context: Annotated[
        AgentContext | None,
        Field(description="Context for the agent (skills, secrets, message suffixes)."),
    ] = None
    agent_kind: Annotated[
        Literal["llm"],
        Field(
            description="Discriminator for the ``AgentSettings`` union. ``'llm'`` selects the standard LLM-backed agent. Deprecated; use ``'openhands'``.",
            title="Agent Kind",
        ),
    ] = "llm"
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
    enable_classify_and_switch_llm_tool: Annotated[
        bool,
        Field(
            description="Enable the built-in route_task_to_model tool, which routes the task to the best LLM profile using the active meta-profile. When no active_meta_profile is set, the first available meta-profile is used.",
            title="Enable Classify And Switch Llm Tool",
        ),
    ] = False
    llm: Annotated[LLM, Field(description="LLM settings for the agent.", validate_default=True)] = {
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
        "model": "gpt-5.6",
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
        "usage_id": "default",
    }
    mcp_config: Annotated[
        dict[str, MCPServer],
        Field(
            description="MCP servers available to the agent.",
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    meta_profile: Annotated[
        MetaProfile | None,
        Field(
            description="Inline configuration for the active meta-profile. Cloud runtimes use this field because their ephemeral filesystem does not contain the control plane's meta-profile store."
        ),
    ] = None
    meta_profile_llms: Annotated[
        dict[str, LLM],
        Field(
            description="Resolved LLM configurations referenced by the active meta-profile. Cloud control planes hydrate this map for ephemeral runtimes.",
            title="Meta Profile Llms",
            validate_default=True,
        ),
    ] = {}
    persona: Annotated[
        Persona | None,
        Field(
            description="Persona text that replaces OpenHands' built-in persona and coding-workflow guidance. Capability and policy guidance (memory, security policy, risk assessment, browser, external services, process management, model-specific notes) and the dynamic context are still included. None keeps the built-in persona.",
            title="Persona",
        ),
    ] = None
    schema_version: Annotated[int, Field(ge=1, title="Schema Version")] = 9
    tool_concurrency_limit: Annotated[
        int,
        Field(
            description="Maximum number of tool calls to execute concurrently per agent step. 1 = sequential (default). Values > 1 enable parallel tool calls; concurrent tools share the conversation object, filesystem, and working directory, so mutations to shared state may race.",
            ge=1,
            title="Tool Concurrency Limit",
        ),
    ] = 1
    tools: Annotated[
        list[Tool] | None,
        Field(
            description="Tools available to the agent. None (the default) resolves to the standard exec set plus switch_llm (see openhands.sdk.tool.defaults); [] is an explicitly bare agent; a non-empty list is used exactly as given. Environment-dependent tools (browser) are injected by the serving layer, not the default.",
            title="Tools",
        ),
    ] = None
    verification: Annotated[VerificationSettings, Field(description="Verification settings for the agent critic.", validate_default=True)] = {
        "critic_api_key": None,
        "critic_enabled": False,
        "critic_mode": "finish_and_message",
        "critic_model_name": None,
        "critic_server_url": None,
        "critic_threshold": 0.6,
        "enable_iterative_refinement": False,
        "max_refinement_iterations": 3,
    }


class OpenHandsAgentSettings(OpenHandsAgentSettingsModel):
    """
    Settings for a standard LLM-backed :class:`Agent`.

    This is the long-standing ``AgentSettings`` shape; fields here build
    the default ``Agent`` (LLM + tools + MCP + condenser + critic).
    """

    active_meta_profile: Annotated[
        str | None,
        Field(
            description="Name of the active meta-profile (in ~/.openhands/meta-profiles) used by the route_task_to_model tool to route tasks to LLM profiles.",
            title="Active Meta Profile",
        ),
    ] = None
    agent: Annotated[str, Field(description="Agent class to use.", title="Agent")] = (
        "CodeActAgent"
    )
    agent_context: Annotated[
        AgentContext | None,
        Field(description="Context for the agent (skills, secrets, message suffixes)."),
    ] = None
    agent_kind: Annotated[
        Literal["openhands"],
        Field(
            description="Discriminator for the ``AgentSettings`` union. ``'openhands'`` selects the standard built-in OpenHands agent.",
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
    enable_classify_and_switch_llm_tool: Annotated[
        bool,
        Field(
            description="Enable the built-in route_task_to_model tool, which routes the task to the best LLM profile using the active meta-profile. When no active_meta_profile is set, the first available meta-profile is used.",
            title="Enable Classify And Switch Llm Tool",
        ),
    ] = False
    llm: Annotated[LLM, Field(description="LLM settings for the agent.", validate_default=True)] = {
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
        "model": "gpt-5.6",
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
        "usage_id": "default",
    }
    mcp_config: Annotated[
        dict[str, MCPServer],
        Field(
            description="MCP servers available to the agent.",
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    meta_profile: Annotated[
        MetaProfile | None,
        Field(
            description="Inline configuration for the active meta-profile. Cloud runtimes use this field because their ephemeral filesystem does not contain the control plane's meta-profile store."
        ),
    ] = None
    meta_profile_llms: Annotated[
        dict[str, LLM],
        Field(
            description="Resolved LLM configurations referenced by the active meta-profile. Cloud control planes hydrate this map for ephemeral runtimes.",
            title="Meta Profile Llms",
            validate_default=True,
        ),
    ] = {}
    persona: Annotated[
        Persona | None,
        Field(
            description="Persona text that replaces OpenHands' built-in persona and coding-workflow guidance. Capability and policy guidance (memory, security policy, risk assessment, browser, external services, process management, model-specific notes) and the dynamic context are still included. None keeps the built-in persona.",
            title="Persona",
        ),
    ] = None
    schema_version: Annotated[int, Field(ge=1, title="Schema Version")] = 9
    tool_concurrency_limit: Annotated[
        int,
        Field(
            description="Maximum number of tool calls to execute concurrently per agent step. 1 = sequential (default). Values > 1 enable parallel tool calls; concurrent tools share the conversation object, filesystem, and working directory, so mutations to shared state may race.",
            ge=1,
            title="Tool Concurrency Limit",
        ),
    ] = 1
    tools: Annotated[
        list[Tool] | None,
        Field(
            description="Tools available to the agent. None (the default) resolves to the standard exec set plus switch_llm (see openhands.sdk.tool.defaults); [] is an explicitly bare agent; a non-empty list is used exactly as given. Environment-dependent tools (browser) are injected by the serving layer, not the default.",
            title="Tools",
        ),
    ] = None
    verification: Annotated[VerificationSettings, Field(description="Verification settings for the agent critic.", validate_default=True)] = {
        "critic_api_key": None,
        "critic_enabled": False,
        "critic_mode": "finish_and_message",
        "critic_model_name": None,
        "critic_server_url": None,
        "critic_threshold": 0.6,
        "enable_iterative_refinement": False,
        "max_refinement_iterations": 3,
    }


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
        AgentContext | None,
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
        dict[str, MCPServer],
        Field(
            description="MCP servers to make available to the ACP subprocess. Unlike the OpenHands agent — where these become in-process MCP tools — the servers are forwarded to the ACP server at session creation and it owns the connection. Remote (http/sse) servers are only forwarded when the ACP server advertises support for that transport; stdio servers (which run inside the runtime) are always forwarded.",
            title="Mcp Config",
            validate_default=True,
        ),
    ] = {}
    schema_version: Annotated[int, Field(ge=1, title="Schema Version")] = 9


class SettingsModels(WireModel):
    agent_settings: Annotated[
        OpenHandsAgentSettings | LLMAgentSettings | ACPAgentSettings,
        Field(title="Agent Settings"),
    ]
    conversation_settings: ConversationSettings


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
        CondenserBase | None,
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
        dict[str, MCPServer] | None,
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


class ConversationSettings(ExcludedOnDump):
    agent_definitions: Annotated[
        list[AgentDefinition],
        Field(
            description="Agent definitions for task tools.",
            title="Agent Definitions",
            validate_default=True,
        ),
    ] = []
    agent_settings: Annotated[
        OpenHandsAgentSettings | LLMAgentSettings | ACPAgentSettings | None,
        Field(
            description="Agent settings used to build the Agent for the conversation. When set, create_request() will automatically build the agent and populate secrets from agent_context. Accepts either the ``OpenHandsAgentSettings`` or ``ACPAgentSettings`` variant.",
            title="Agent Settings",
        ),
    ] = None
    confirmation_mode: Annotated[
        bool,
        Field(
            description="Require user confirmation before executing risky actions.",
            title="Confirmation Mode",
        ),
    ] = False
    container_browser: Annotated[
        bool,
        Field(
            description="Run a browser in new Docker conversations' containers. Has no effect when the server's image ships without one.",
            title="Container Browser",
        ),
    ] = True
    container_cpus: Annotated[
        ContainerCpus | None,
        Field(
            description="CPUs each new Docker conversation's container may use, from 0.01 up to the machine's CPU count. Unset keeps the server default.",
            title="Container Cpus",
        ),
    ] = None
    container_memory: Annotated[
        ContainerMemory | None,
        Field(
            description="Memory limit for each new Docker conversation's container, in `docker run --memory` syntax such as `512m` or `4g`. Unset keeps the server default.",
            title="Container Memory",
        ),
    ] = None
    conversation_id: Annotated[
        UUID | None,
        Field(
            description="Conversation UUID. Auto-generated if not set.",
            title="Conversation Id",
        ),
    ] = None
    default_runtime: Annotated[
        Literal["local", "worktree", "docker"],
        Field(
            description="Where new conversations run: in the workspace on the host, in a new git worktree of it, or in their own Docker container (which needs a server that offers it).",
            title="Default Runtime",
        ),
    ] = "local"
    hook_config: Annotated[
        HookConfig | None, Field(description="Hook configuration for lifecycle events.")
    ] = None
    initial_message: Annotated[
        SendMessageRequest | None,
        Field(description="Initial message to send to the agent."),
    ] = None
    max_iterations: Annotated[
        int,
        Field(
            description="Maximum number of iterations the conversation will run before stopping.",
            ge=1,
            title="Max Iterations",
        ),
    ] = 500
    observability_metadata: Annotated[
        dict[str, TraceMetadataValue] | None,
        Field(
            description="Trace-level metadata for observability backends.",
            title="Observability Metadata",
        ),
    ] = None
    observability_span_name: Annotated[
        str | None,
        Field(
            description="Optional named child span to emit under the conversation root.",
            title="Observability Span Name",
        ),
    ] = None
    observability_tags: Annotated[
        list[str] | None,
        Field(
            description="Tags for the conversation root observability span.",
            title="Observability Tags",
        ),
    ] = None
    plugins: Annotated[
        list[PluginSource] | None,
        Field(
            description="Plugin sources to load for this conversation.", title="Plugins"
        ),
    ] = None
    schema_version: Annotated[int, Field(ge=1, title="Schema Version")] = 1
    security_analyzer: Annotated[
        Literal["llm", "none"] | None,
        Field(
            description="Security analyzer that evaluates actions before execution.",
            title="Security Analyzer",
        ),
    ] = "llm"
    selected_repository: Annotated[
        str | None,
        Field(
            description="Repository selected for the conversation.",
            title="Selected Repository",
        ),
    ] = None
    tool_module_qualnames: Annotated[
        dict[str, str],
        Field(
            description="Mapping of tool names to module qualnames.",
            title="Tool Module Qualnames",
        ),
    ] = {}
    workspace: Annotated[
        LocalWorkspace | None,
        Field(description="Working directory for the conversation."),
    ] = None
    worktree_base: Annotated[
        Literal["default_branch", "head", "ref"],
        Field(
            description="What a new conversation worktree branches from: the repository's default branch, the checkout's current HEAD, or `worktree_base_ref`.",
            title="Worktree Base",
        ),
    ] = "default_branch"
    worktree_base_ref: Annotated[
        WorktreeBaseRef | None,
        Field(
            description="Branch, tag or commit new worktrees branch from when `worktree_base` is `ref`, e.g. `develop` or `origin/release`.",
            title="Worktree Base Ref",
        ),
    ] = None
    worktree_branch_prefix: Annotated[
        str,
        Field(
            description="Start of each worktree's branch name, which ends in the conversation id, e.g. `openhands/` or `me/`.",
            pattern="^([A-Za-z0-9][A-Za-z0-9._/-]*)?$",
            title="Worktree Branch Prefix",
        ),
    ] = "openhands/"


class PipelineCondenser(WireModel):
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

    condensers: Annotated[list[CondenserBase], Field(title="Condensers")]
    kind: Annotated[Literal["PipelineCondenser"], Field(title="Kind")] = (
        "PipelineCondenser"
    )


class CondenserBase(
    RootModel[LLMSummarizingCondenser | NoOpCondenser | PipelineCondenser]
):
    root: Annotated[
        LLMSummarizingCondenser | NoOpCondenser | PipelineCondenser,
        Field(discriminator="kind"),
    ]


SettingsModels.model_rebuild()
AgentDefinition.model_rebuild()
PipelineCondenser.model_rebuild()
