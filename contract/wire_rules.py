"""Validators of the real server's models that the OpenAPI export cannot express.

The generated models (contract/generated/models.py) are built from the spec, so they know types,
nullability, literals and constraints, but not the Python validators of the server's models.
The ones here are replicated from openhands-sdk 1.58.0 with the same outcome: a ``ValueError``
becomes the same 422 entry; an error the real validator lets escape pydantic becomes
:class:`RealModelFailure`, which a server answers with a 500 as the real server does.

``contract.spec.codegen`` gives the generated classes listed in :data:`BASE_CLASS_MAP` these
bases (datamodel-code-generator's ``--base-class-map``), so every user of the models, the mock
included, validates like the real server.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from pydantic import SecretStr, SerializerFunctionWrapHandler, field_validator, model_serializer, model_validator

from contract.wire_base import WireModel

TAG_KEY_PATTERN = re.compile(r"^[a-z0-9]+$")
TAG_VALUE_MAX_LENGTH = 256
MIN_CONTEXT_WINDOW_TOKENS = 16384
REDACTED_SECRET_VALUE = "**********"  # noqa: S105 - the mask the server shows, not a secret
LLM_SECRET_FIELDS = ("api_key", "aws_access_key_id", "aws_secret_access_key", "aws_session_token")


class RealModelFailure(Exception):
    """The real model raises here outside pydantic's error handling: the request is a 500.

    ``str()`` is the real exception's message, which the real server puts in its 500 body.
    """


def validate_tags(value: Any) -> Any:
    """``sdk/conversation/types.py::_validate_tags``: keys lowercase alphanumeric, values ≤ 256 chars.

    It calls ``value.items()`` and ``len(item)`` unguarded, so a non-object or a non-string value
    fails with AttributeError/TypeError, which pydantic does not catch: a 500 on the real server.
    """
    if value is None:
        return {}
    try:
        for key, item in value.items():
            if not TAG_KEY_PATTERN.match(key):
                raise ValueError(f"Tag key '{key}' is invalid: keys must be lowercase alphanumeric only")
            if len(item) > TAG_VALUE_MAX_LENGTH:
                raise ValueError(f"Tag value for '{key}' exceeds maximum length of {TAG_VALUE_MAX_LENGTH} characters")
    except (AttributeError, TypeError) as exc:
        raise RealModelFailure(str(exc)) from exc
    return value


class ConversationTagsModel(WireModel):
    """Models whose ``tags`` is the SDK's ``ConversationTags`` (dict with a before-validator)."""

    @field_validator("tags", mode="before", check_fields=False)
    @classmethod
    def _conversation_tags(cls, value: Any) -> Any:
        return validate_tags(value)


class OptionalConversationTagsModel(WireModel):
    """Models whose ``tags`` is ``ConversationTags | None``: null stays null, anything else is checked."""

    @field_validator("tags", mode="before", check_fields=False)
    @classmethod
    def _conversation_tags(cls, value: Any) -> Any:
        return None if value is None else validate_tags(value)


def context_window_message(tokens: int) -> str:
    """``LLMContextWindowTooSmallError``'s message (sdk/llm/exceptions/types.py)."""
    return (
        f"The configured model has a context window of {tokens:,} tokens, which is below the minimum of "
        f"{MIN_CONTEXT_WINDOW_TOKENS:,} tokens required for OpenHands to function properly.\n\n"
        "For local LLMs (Ollama, LM Studio, etc.), increase the context window.\n"
        "For cloud providers, verify you're using the correct model variant.\n\n"
        "For configuration instructions, see:\n"
        "  https://docs.openhands.dev/openhands/usage/llms/local-llms\n\n"
        "To override this check (not recommended), set the environment variable:\n"
        "  ALLOW_SHORT_CONTEXT_WINDOWS=true"
    )


class ExcludedOnDump(WireModel):
    """Fields the real model declares with ``exclude=True``: accepted as input, never served.

    The export shows them only as properties of the ``-Input`` schema that its ``-Output``
    schema lacks; ``EXCLUDED_ON_DUMP`` names them, and a test keeps it equal to that difference.
    """

    @model_serializer(mode="wrap")
    def _drop_excluded(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name in EXCLUDED_ON_DUMP.get(type(self).__name__, ()):
                data.pop(name, None)
        return data


class AgentModel(WireModel):
    """``Agent._add_security_prompt_as_default``: ``system_prompt_kwargs.llm_security_analyzer``
    defaults to true (sdk/agent/agent.py)."""

    @model_validator(mode="before")
    @classmethod
    def _security_prompt_default(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        kwargs = data.get("system_prompt_kwargs") or {}
        if not isinstance(kwargs, dict):
            kwargs = {}
        return {**data, "system_prompt_kwargs": {"llm_security_analyzer": True, **kwargs}}


GRAYSWAN_DEFAULT_POLICY_ID = "689ca4885af3538a39b2ba04"


class GraySwanAnalyzerModel(WireModel):
    """``GraySwanAnalyzer.model_post_init``: an empty ``policy_id`` becomes the default policy.

    The real one prefers ``GRAYSWAN_API_KEY`` / ``GRAYSWAN_POLICY_ID`` from the server's
    environment; a contract has no server environment, so those are not replicated.
    """

    @model_validator(mode="after")
    def _default_policy(self) -> Any:
        if not getattr(self, "policy_id", None):
            self.policy_id = GRAYSWAN_DEFAULT_POLICY_ID
        return self


PATTERN_FIELDS = ("high_patterns", "medium_patterns", "injection_high_patterns", "injection_medium_patterns")


class PatternSecurityAnalyzerModel(WireModel):
    """``PatternSecurityAnalyzer.model_post_init`` compiles every pattern (``re.IGNORECASE``).

    A pattern that does not compile raises ``re.error`` outside pydantic's error handling: the
    real server answers 500 with the regex error's message.
    """

    @model_validator(mode="after")
    def _patterns_compile(self) -> Any:
        for name in PATTERN_FIELDS:
            for item in getattr(self, name, None) or []:
                pattern = getattr(item, "root", item)[0]
                try:
                    re.compile(pattern, re.IGNORECASE)
                except re.error as exc:
                    raise RealModelFailure(str(exc)) from exc
        return self


class AgentContextModel(ExcludedOnDump):
    """``AgentContext.memory_context`` is ``exclude=True``."""


class LLMModel(ExcludedOnDump):
    """The LLM's after-validator builds its model info and rejects a small context window.

    ``LLM._validate_context_window_size`` raises ``LLMContextWindowTooSmallError`` (not a
    ValueError) when ``max_input_tokens`` is below 16,384. The real server also consults
    litellm's model table when ``max_input_tokens`` is unset; that table is not replicated.
    ``fallback_strategy`` is ``exclude=True``. Before validation, ``LLM._coerce_inputs`` requires a
    model, defaults ``stream_idle_timeout`` to ``timeout`` and drops OpenAI's bare base URL, and
    ``validate_secret`` turns a blank or masked secret into ``None``.
    """

    @model_validator(mode="before")
    @classmethod
    def _coerce_inputs(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        model = data.get("model")
        if not model:
            raise ValueError("model must be specified in LLM")
        if "stream_idle_timeout" not in data:
            data["stream_idle_timeout"] = data.get("timeout", 300)
        if isinstance(model, str) and model.startswith("azure") and not data.get("api_version"):
            data["api_version"] = "2024-12-01-preview"
        openai_default = data.get("base_url") in ("https://api.openai.com", "https://api.openai.com/")
        if isinstance(model, str) and model.startswith("openai/") and openai_default:
            data["base_url"] = None
        return data

    @field_validator(*LLM_SECRET_FIELDS, mode="before", check_fields=False)
    @classmethod
    def _blank_secret_is_none(cls, value: Any) -> Any:
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        if isinstance(raw, str) and (not raw.strip() or raw == REDACTED_SECRET_VALUE):
            return None
        return value

    @model_serializer(mode="wrap")
    def _with_computed_fields(self, handler: SerializerFunctionWrapHandler) -> Any:
        """The dump drops the excluded fields and carries the computed ``is_subscription`` (false:
        the mock holds no subscription credentials)."""
        data = ExcludedOnDump._drop_excluded(self, handler)
        if isinstance(data, dict):
            data.setdefault("is_subscription", False)
        return data

    @model_validator(mode="after")
    def _context_window(self) -> Any:
        tokens = getattr(self, "max_input_tokens", None)
        tokens = getattr(tokens, "root", tokens)  # the generated field is a constrained RootModel
        if isinstance(tokens, int) and not isinstance(tokens, bool) and tokens < MIN_CONTEXT_WINDOW_TOKENS:
            raise RealModelFailure(context_window_message(tokens))
        return self


def unhashable_tag_failure(errors: list[dict[str, Any]]) -> RealModelFailure | None:
    """The failure of a discriminated union whose tag is a list or an object, if ``errors`` has one.

    The SDK resolves ``kind`` by looking it up in a dict of subclasses, so an unhashable tag raises
    TypeError mid-validation (a 500) where pydantic's discriminated unions report
    ``union_tag_invalid`` (a 422).
    """
    for error in errors:
        if error.get("type") != "union_tag_invalid":
            continue
        discriminator = str((error.get("ctx") or {}).get("discriminator", "'kind'")).strip("'")
        data = error.get("input")
        tag = data.get(discriminator) if isinstance(data, dict) else None
        if isinstance(tag, list | dict):
            return RealModelFailure(f"unhashable type: '{type(tag).__name__}'")
    return None


EXCLUDED_ON_DUMP: dict[str, tuple[str, ...]] = {
    "LLMInput": ("fallback_strategy",),
    "AgentContextInput": ("memory_context",),
    # contract/generated/settings_models.py (``x-excluded-on-dump`` in its schema)
    "LLM": ("fallback_strategy",),
    "AgentContext": ("memory_context",),
    "ConversationSettings": (
        "agent_definitions",
        "agent_settings",
        "conversation_id",
        "hook_config",
        "initial_message",
        "observability_metadata",
        "observability_span_name",
        "observability_tags",
        "plugins",
        "selected_repository",
        "tool_module_qualnames",
        "workspace",
    ),
}
"""Generated class name → its fields the real model never serializes."""


def _require_usable_api_key(value: Any) -> Any:
    """``_require_usable_api_key`` (provider_connections_router): a blank or masked key would
    store a keyless connection; the message does not echo the value."""
    if isinstance(value, SecretStr):
        raw = value.get_secret_value()
        if not raw.strip() or raw == REDACTED_SECRET_VALUE:
            raise ValueError("api_key must be a real key, not blank or redacted")
    return value


class ProviderConnectionCreateModel(WireModel):
    """``ProviderConnectionCreateRequest``: the key must be usable."""

    _usable_key = field_validator("api_key", check_fields=False)(_require_usable_api_key)


class ProviderConnectionUpdateModel(WireModel):
    """``ProviderConnectionUpdateRequest``: the key must be usable, and only ``base_url`` may be
    set to null (the stored connection requires the others)."""

    _usable_key = field_validator("api_key", check_fields=False)(_require_usable_api_key)

    @model_validator(mode="after")
    def _reject_null_required_fields(self) -> Any:
        for name in ("display_name", "provider"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be set to null")
        return self


INSTANCE_TEXT_SLOT = re.compile(r"{{\s*instance_text\s*}}")


class MetaProfileModel(WireModel):
    """``MetaProfile.validate_routing_mode``: a direct-routing template names the task's slot and
    excludes classes."""

    @model_validator(mode="after")
    def _routing_mode(self) -> Any:
        template = getattr(self, "prompt_template", None)
        if template is None:
            return self
        if INSTANCE_TEXT_SLOT.search(template) is None:
            raise ValueError("Direct-routing meta-profiles must include {{ instance_text }} in prompt_template.")
        if getattr(self, "classes", None):
            raise ValueError("Direct-routing meta-profiles cannot also define classes.")
        return self


class UpdateSecretsModel(WireModel):
    """``UpdateSecretsRequest.convert_string_secrets``: a plain string, or ``{"value": ...}``
    without a kind, is a StaticSecret (the SDK's documented ``update_secrets({"K": "v"})``)."""

    @field_validator("secrets", mode="before", check_fields=False)
    @classmethod
    def _convert_string_secrets(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {key: _static_secret(item) for key, item in value.items()}


def _static_secret(item: Any) -> Any:
    if isinstance(item, str):
        return {"kind": "StaticSecret", "value": item}
    if isinstance(item, dict) and "value" in item and "kind" not in item:
        return {"kind": "StaticSecret", "value": item["value"]}
    return item


RETIRED_TOOL_SWITCHES = ("enable_sub_agents", "enable_switch_llm_tool")


class OpenHandsAgentProfileModel(WireModel):
    """``OpenHandsAgentProfile._reject_removed_tool_switches``: retired switches are refused by
    name (before the unknown-field check would)."""

    @model_validator(mode="before")
    @classmethod
    def _reject_removed_tool_switches(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(name in data for name in RETIRED_TOOL_SWITCHES):
            raise ValueError("Retired tool switches were removed; select tools instead.")
        return data


BASE_CLASS_MAP = {
    "UpdateSecretsRequest": f"{__name__}.UpdateSecretsModel",
    "OpenHandsAgentProfile": f"{__name__}.OpenHandsAgentProfileModel",
    "ProviderConnectionCreateRequest": f"{__name__}.ProviderConnectionCreateModel",
    "ProviderConnectionUpdateRequest": f"{__name__}.ProviderConnectionUpdateModel",
    "MetaProfile": f"{__name__}.MetaProfileModel",
    "StartConversationRequest": f"{__name__}.ConversationTagsModel",
    "ConversationInfo": f"{__name__}.ConversationTagsModel",
    "UpdateConversationRequest": f"{__name__}.OptionalConversationTagsModel",
    "ForkConversationRequest": f"{__name__}.OptionalConversationTagsModel",
    "LLMInput": f"{__name__}.LLMModel",
    "AgentInput": f"{__name__}.AgentModel",
    "AgentContextInput": f"{__name__}.AgentContextModel",
    "GraySwanAnalyzerInput": f"{__name__}.GraySwanAnalyzerModel",
    "PatternSecurityAnalyzerInput": f"{__name__}.PatternSecurityAnalyzerModel",
}
"""Generated class name → base class with the real model's validators."""


class SettingsLLMModel(LLMModel):
    """The LLM of the persisted settings: secrets become ``SecretStr`` (``validate_secret``; the
    schema's ``str | SecretStr`` union would keep a plain string)."""

    @field_validator(*LLM_SECRET_FIELDS, mode="after", check_fields=False)
    @classmethod
    def _secret_str(cls, value: Any) -> Any:
        return SecretStr(value) if isinstance(value, str) else value


class SettingsAgentContextModel(AgentContextModel):
    """``AgentContext.current_datetime``'s factory: the time the context is made (UTC)."""

    @model_validator(mode="before")
    @classmethod
    def _now(cls, data: Any) -> Any:
        if isinstance(data, dict) and "current_datetime" not in data:
            return {**data, "current_datetime": datetime.now(UTC)}
        return data


class OpenHandsAgentSettingsModel(WireModel):
    """``OpenHandsAgentSettings.agent_context``'s factory: a fresh ``AgentContext``."""

    @model_validator(mode="before")
    @classmethod
    def _fresh_context(cls, data: Any) -> Any:
        if isinstance(data, dict) and "agent_context" not in data:
            return {**data, "agent_context": {}}
        return data


class CompactModel(WireModel):
    """The MCP models' ``_serialize_compact`` (sdk/mcp/config.py): null and ``{}`` fields are dropped."""

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None and value != {}}
        return data


SETTINGS_BASE_CLASS_MAP = {
    "LLM": f"{__name__}.SettingsLLMModel",
    "AgentContext": f"{__name__}.SettingsAgentContextModel",
    "OpenHandsAgentSettings": f"{__name__}.OpenHandsAgentSettingsModel",
    "ConversationSettings": f"{__name__}.ExcludedOnDump",
    "MetaProfile": f"{__name__}.MetaProfileModel",
}
"""The same for ``contract/generated/settings_models.py`` (its classes carry the real names); the
build adds :class:`CompactModel` for every model the export marks ``x-drops-empty-fields``."""
COMPACT_BASE = f"{__name__}.CompactModel"
