"""The server's persisted settings (``/api/settings``), kept in memory with the real semantics.

Mirrors ``openhands.agent_server.persistence.models.PersistedSettings``: a PATCH deep-merges its
diffs and validates the result with the generated settings models (``contract/generated/
settings_models.py``, exported from the server's own models) before anything changes; an
``agent_kind`` switch starts from a fresh variant; secrets are kept as given and served masked,
in plaintext or encrypted with the server's cipher (refused without one), as ``X-Expose-Secrets``
asks.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, TypeAdapter, ValidationError
from pydantic_core import to_jsonable_python

from contract.generated import settings_models as sm
from contract.wire_rules import RealModelFailure
from mockserver.cipher import Cipher
from mockserver.clock import Clock
from mockserver.redact import MASKED

ExposeMode = Literal["encrypted", "plaintext"] | None
AgentSettings = Annotated[sm.OpenHandsAgentSettings | sm.ACPAgentSettings, Field(discriminator="agent_kind")]
_AGENT = TypeAdapter(AgentSettings)
POINTERS = ("active_profile", "active_agent_profile_id", "active_meta_profile")


def validate_agent(payload: Mapping[str, Any]) -> Any:
    """``validate_agent_settings``: a payload without ``agent_kind`` is an OpenHands agent's, and the
    deprecated ``llm`` tag is canonicalized; pydantic errors propagate."""
    data = copy.deepcopy(dict(payload))
    if data.get("agent_kind", "llm") == "llm":
        data["agent_kind"] = "openhands"
    return _AGENT.validate_python(data)


def key_is_set(llm: Any) -> bool:
    """``llm_api_key_is_set`` / ``api_key_set``: the LLM holds a non-blank API key."""
    key = getattr(llm, "api_key", None)
    return isinstance(key, SecretStr) and bool(key.get_secret_value().strip())


class SettingsRejected(ValueError):
    """The merged settings do not validate: the real server's 422 "Settings validation failed"."""


class CipherMissing(RuntimeError):
    """``X-Expose-Secrets: encrypted`` with a secret to show and no cipher key: a 503."""


def merge_patch(base: Mapping[str, Any], diff: Mapping[str, Any]) -> dict[str, Any]:
    """RFC 7386 merge patch, as ``sdk/settings/model.py::_merge_patch``: ``None`` deletes a key."""
    result = dict(base)
    for key, value in diff.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merge_patch(result[key], value)
        else:
            result[key] = value
    return result


def deep_merge(base: Mapping[str, Any], overlay: Mapping[str, Any], *, unset_nulls: bool = False) -> dict[str, Any]:
    """``persistence/models.py::_deep_merge``: a ``None`` removes a nested map entry; at the top
    level it is kept and left to validation."""
    result = dict(base)
    for key, value in overlay.items():
        if value is None and unset_nulls:
            result.pop(key, None)
        elif key in result and isinstance(result[key], dict) and isinstance(value, dict):
            result[key] = deep_merge(result[key], value, unset_nulls=True)
        else:
            result[key] = value
    return result


def _reveal(node: Any, show: Callable[[SecretStr], Any]) -> Any:
    if isinstance(node, SecretStr):
        return show(node)
    if isinstance(node, dict):
        return {key: _reveal(value, show) for key, value in node.items()}
    if isinstance(node, list | tuple):
        return [_reveal(item, show) for item in node]
    return node


def dump(model: Any, expose: ExposeMode = "plaintext", cipher: Cipher | None = None, **options: Any) -> Any:
    """A settings model as JSON, its secrets in plaintext, masked (``expose=None``) or encrypted
    with ``cipher`` (:class:`CipherMissing` without one); ``options`` go to ``model_dump``."""

    def show(secret: SecretStr) -> str:
        if expose == "plaintext":
            return secret.get_secret_value()
        if expose == "encrypted":
            if cipher is None:
                raise CipherMissing("Encryption not available: OH_SECRET_KEY is not configured.")
            return cipher.encrypt(secret.get_secret_value())
        return MASKED

    return to_jsonable_python(_reveal(model.model_dump(mode="python", **options), show))


class SettingsStore:
    """One server's settings file: nothing stored until the first successful update."""

    def __init__(self, clock: Clock, cipher: Cipher | None = None):
        self.clock, self.cipher = clock, cipher
        self._agent: Any | None = None
        self._conversation: sm.ConversationSettings | None = None
        self.misc: dict[str, Any] = {}
        self.pointers: dict[str, str | None] = dict.fromkeys(POINTERS)

    def _fresh_agent(self, kind: str = "openhands") -> Any:
        data: dict[str, Any] = {"agent_kind": kind}
        if kind == "openhands":  # AgentContext.current_datetime's factory: the time of creation
            data["agent_context"] = {"current_datetime": self.clock.utc_timestamp()}
        return validate_agent(data)

    @property
    def agent(self) -> Any:
        """The agent settings (a fresh default, timestamped now, while nothing is stored)."""
        return self._agent if self._agent is not None else self._fresh_agent()

    @property
    def conversation(self) -> sm.ConversationSettings:
        return self._conversation if self._conversation is not None else sm.ConversationSettings()

    @property
    def llm_api_key_is_set(self) -> bool:
        return key_is_set(getattr(self.agent, "llm", None))

    def update(self, payload: Mapping[str, Any]) -> None:
        """Apply a ``SettingsUpdateRequest`` (already validated, ``exclude_none`` plus pointers set
        to null): both diffs validate before anything changes, or :class:`SettingsRejected`."""
        agent, conversation = self.agent, self.conversation
        if self.cipher is not None:
            payload = self.cipher.decrypt_tokens(dict(payload))
        try:
            agent_diff = payload.get("agent_settings_diff")
            if isinstance(agent_diff, dict):
                agent = self._apply_agent_diff(agent, agent_diff)
            conversation_diff = payload.get("conversation_settings_diff")
            if isinstance(conversation_diff, dict):
                merged = deep_merge(conversation.model_dump(mode="json"), conversation_diff)
                conversation = sm.ConversationSettings.model_validate(merged)
        except (ValidationError, ValueError, TypeError, RealModelFailure) as exc:  # the real catches any
            raise SettingsRejected("Settings validation failed") from exc
        misc_diff = payload.get("misc_settings_diff")
        self._agent, self._conversation = agent, conversation
        if isinstance(misc_diff, dict):
            self.misc = deep_merge(self.misc, misc_diff)
        for name in POINTERS:
            if name in payload:
                self.pointers[name] = payload[name]
        if not isinstance(agent, sm.OpenHandsAgentSettings):
            # An agent variant without the routing tool keeps no active meta-profile.
            self.pointers["active_meta_profile"] = None
        elif "active_meta_profile" in payload:  # _apply_active_meta_profile: the pointer drives the tool
            meta = payload["active_meta_profile"]
            self._agent = agent.model_copy(
                update={"active_meta_profile": meta, "enable_classify_and_switch_llm_tool": meta is not None}
            )

    def set_pointer(self, name: str, value: str | None) -> None:
        """Write one pointer (the settings file is created by it, so the defaults are pinned)."""
        self._agent, self._conversation = self.agent, self.conversation
        self.pointers[name] = value

    def reset_to_openhands(self) -> None:
        """An agent left on another kind than OpenHands becomes default OpenHands settings, keeping
        the server-wide MCP servers (what deleting the active agent profile does)."""
        agent = self.agent
        if isinstance(agent, sm.OpenHandsAgentSettings):
            return
        fresh = dump(self._fresh_agent())
        fresh["mcp_config"] = dump(agent).get("mcp_config")
        self._agent = validate_agent(fresh)

    def activate(self, name: str, llm: sm.LLM) -> bool:
        """``POST /api/profiles/{name}/activate``: the profile's LLM replaces the agent's (an ACP
        agent has none) and ``name`` becomes the active profile; whether the LLM was applied."""
        agent = self.agent
        applied = isinstance(agent, sm.OpenHandsAgentSettings)
        self._agent = agent.model_copy(update={"llm": llm}) if applied else agent
        self._conversation = self.conversation
        self.pointers["active_profile"] = name
        return applied

    def _apply_agent_diff(self, base: Any, diff: dict[str, Any]) -> Any:
        """``apply_agent_settings_diff``: a kind switch starts from a fresh variant."""
        new_kind = diff.get("agent_kind")
        if new_kind and new_kind != base.agent_kind:
            merged = merge_patch({"agent_kind": new_kind}, diff)
        else:
            merged = merge_patch(dump(base), diff)
        return validate_agent(merged)

    def response(self, expose: ExposeMode = None) -> dict[str, Any]:
        """The ``SettingsResponse`` body (raises :class:`CipherMissing` as the real 503)."""
        return {
            "agent_settings": dump(self.agent, expose, self.cipher),
            "conversation_settings": dump(self.conversation),
            "llm_api_key_is_set": self.llm_api_key_is_set,
            **self.pointers,
            "misc_settings": copy.deepcopy(self.misc),
        }
