"""Named agent launch specs (``/api/agent-profiles``), in memory with ``AgentProfileStore``'s rules.

An agent profile references an LLM profile by name (``llm_profile_ref``) instead of embedding an
LLM, and is secret-free. Its ``id`` is server-managed and stable across renames; saving over a
namesake keeps the id and bumps ``revision``. The settings' ``active_agent_profile_id`` always
points at a stored profile once anyone lists them: a ``default`` profile is seeded from the
current agent settings (and, for a configured LLM, a ``default`` LLM profile) the way
``agent_profiles_router._ensure_active_profile`` does.
"""

from __future__ import annotations

import contextlib
import shlex
import uuid
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import Discriminator, Tag, TypeAdapter, ValidationError

from contract.generated import models
from contract.generated import settings_models as sm
from mockserver.profile_store import ProfileLimitExceeded, ProfileStore, canonical_name, rename_keys
from mockserver.settings_store import SettingsStore, dump, key_is_set

SEED_PROFILE_NAME = "default"
MAX_AGENT_PROFILES = 50
AGENT_PROFILE_NOT_FOUND = "Agent profile '{}' not found"
AGENT_PROFILE_ID_NOT_FOUND = "Agent profile with id '{}' not found"
AGENT_PROFILE_SCHEMA_VERSION = 4
INVALID_PROFILE = "Invalid agent profile"

AgentProfile = models.OpenHandsAgentProfile | models.ACPAgentProfile


class AgentProfileLimitExceeded(Exception):
    """Saving a new profile would exceed :data:`MAX_AGENT_PROFILES` (the real 409)."""


class InvalidProfile(ValueError):
    """A profile payload the real server refuses; ``detail`` is its 422 detail."""

    def __init__(self, detail: Any):
        super().__init__(str(detail))
        self.detail = detail


def _agent_profile_discriminator(value: Any) -> str:
    """A payload without ``agent_kind`` is an OpenHands profile (the real function's name, which
    pydantic quotes in an unknown kind's 422)."""
    if isinstance(value, Mapping):
        return str(value.get("agent_kind", "openhands"))
    return str(getattr(value, "agent_kind", "openhands"))


_ADAPTER: TypeAdapter[AgentProfile] = TypeAdapter(
    Annotated[
        Annotated[models.OpenHandsAgentProfile, Tag("openhands")] | Annotated[models.ACPAgentProfile, Tag("acp")],
        Discriminator(_agent_profile_discriminator),
    ]
)


def validate_profile(payload: Mapping[str, Any]) -> AgentProfile:
    """``validate_agent_profile`` as the routes call it: :class:`InvalidProfile` carries the 422
    detail (``loc``/``type``/``msg`` per error, or the generic message for a schema-version
    problem)."""
    version = payload.get("schema_version", AGENT_PROFILE_SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > AGENT_PROFILE_SCHEMA_VERSION:
        raise InvalidProfile(INVALID_PROFILE)
    try:
        return _ADAPTER.validate_python(dict(payload))
    except ValidationError as exc:
        raise InvalidProfile(
            [{"loc": list(err["loc"]), "type": str(err["type"]), "msg": str(err["msg"])} for err in exc.errors()]
        ) from None


def profile_body(profile: AgentProfile) -> dict[str, Any]:
    """The stored profile as ``GET /api/agent-profiles/{name}`` shows it."""
    data: dict[str, Any] = profile.model_dump(mode="json")
    return data


class AgentProfileStore:
    """The server's agent profiles, keyed by name."""

    def __init__(self, new_id: Callable[[], uuid.UUID]):
        self._new_id = new_id
        self._profiles: dict[str, AgentProfile] = {}

    def names(self) -> list[str]:
        """In the store's order: its ``*.json`` files sorted by file name."""
        return sorted(self._profiles, key=lambda name: f"{name}.json")

    def load(self, name: str) -> AgentProfile | None:
        return self._profiles.get(canonical_name(name))

    def save(self, profile: AgentProfile) -> AgentProfile:
        """``save_profile_preserving_identity``: an overwrite keeps the namesake's id and bumps its
        revision; a new profile gets a fresh id (a client's id is ignored, its revision kept)."""
        name = canonical_name(profile.name)
        existing = self._profiles.get(name)
        if existing is not None:
            profile = profile.model_copy(update={"id": existing.id, "revision": existing.revision + 1})
        else:
            if len(self._profiles) >= MAX_AGENT_PROFILES:
                raise AgentProfileLimitExceeded
            profile = profile.model_copy(update={"id": self._new_id()})
        self._profiles[name] = profile
        return profile

    def delete(self, name: str) -> str | None:
        """Idempotent; the id of the profile deleted, if there was one."""
        removed = self._profiles.pop(canonical_name(name), None)
        return str(removed.id) if removed is not None else None

    def rename(self, name: str, new_name: str) -> None:
        """Raises FileNotFoundError / FileExistsError as the store does; the id is kept."""
        keys = rename_keys(self._profiles, name, new_name)
        if keys is not None:
            old, new = keys
            self._profiles[new] = self._profiles.pop(old).model_copy(update={"name": new})

    def name_for_id(self, profile_id: str | None) -> str | None:
        return next((name for name, p in self._profiles.items() if str(p.id) == str(profile_id)), None)

    def summaries(self) -> list[dict[str, Any]]:
        """``list_summaries``: what a listing shows of each profile."""
        return [
            {
                "id": str(profile.id),
                "name": name,
                "agent_kind": profile.agent_kind,
                "revision": profile.revision,
                "llm_profile_ref": getattr(profile, "llm_profile_ref", None),
                "mcp_server_refs": profile.mcp_server_refs,
            }
            for name in self.names()
            for profile in [self._profiles[name]]
        ]

    def referrers(self, llm_profile: str) -> list[str]:
        """The OpenHands profiles whose ``llm_profile_ref`` names ``llm_profile`` (the FK)."""
        key = canonical_name(llm_profile)
        return [
            name
            for name in self.names()
            if canonical_name(getattr(self._profiles[name], "llm_profile_ref", None) or "") == key
        ]

    def cascade_rename(self, old: str, new: str) -> None:
        """``cascade_rename``: references to a renamed LLM profile follow it (ids untouched)."""
        for name in self.referrers(old):
            self._profiles[name] = self._profiles[name].model_copy(update={"llm_profile_ref": canonical_name(new)})


def _llm_has_real_config(llm: Any) -> bool:
    """``_llm_has_real_config``: a key, subscription auth or a custom endpoint (not bare defaults)."""
    return key_is_set(llm) or llm.auth_type == "subscription" or bool(llm.base_url and llm.base_url.strip())


def seed_profile(agent: Any, active_llm_profile: str | None) -> AgentProfile:
    """``build_seed_profile``: the ``default`` profile that preserves the current agent settings."""
    if isinstance(agent, sm.ACPAgentSettings):
        return models.ACPAgentProfile.model_validate(
            {
                "agent_kind": "acp",
                "name": SEED_PROFILE_NAME,
                "acp_server": agent.acp_server,
                "acp_model": agent.acp_model,
                "acp_session_mode": agent.acp_session_mode,
                "acp_prompt_timeout": agent.acp_prompt_timeout,
                "acp_startup_timeout": agent.acp_startup_timeout,
                "acp_command": shlex.join(agent.acp_command) if agent.acp_command else None,
                "acp_args": list(agent.acp_args) or None,
            }
        )
    settings = dump(agent)
    context = settings.get("agent_context") or {}
    verification = {k: v for k, v in (settings.get("verification") or {}).items() if k != "critic_api_key"}
    return models.OpenHandsAgentProfile.model_validate(
        {
            "name": SEED_PROFILE_NAME,
            "llm_profile_ref": active_llm_profile or SEED_PROFILE_NAME,
            "agent": settings["agent"],
            "tools": settings.get("tools"),
            "disabled_skills": list(context.get("disabled_skills") or []),
            "persona": settings.get("persona"),
            "system_message_suffix": context.get("system_message_suffix"),
            "condenser": settings.get("condenser"),
            "verification": verification,
            "enable_classify_and_switch_llm_tool": settings.get("enable_classify_and_switch_llm_tool", False),
            "meta_profile_ref": settings.get("active_meta_profile"),
            "tool_concurrency_limit": settings.get("tool_concurrency_limit", 1),
        }
    )


def _seed_default_llm_profile(llm_profiles: ProfileStore, llm: Any) -> str:
    """``_seed_default_llm_profile``: mirror a configured LLM as the ``default`` LLM profile the
    seeded agent profile references (never over an existing one, never a keyless ghost)."""
    if llm_profiles.load(SEED_PROFILE_NAME) is None and _llm_has_real_config(llm):
        with contextlib.suppress(ProfileLimitExceeded):  # then the reference dangles, as on the real server
            llm_profiles.save(SEED_PROFILE_NAME, dump(llm), include_secrets=True)
    return SEED_PROFILE_NAME


class AgentProfiles:
    """The agent profiles together with what they reference: the settings' active pointer and
    the LLM profiles a seeded ``default`` points at."""

    def __init__(self, store: AgentProfileStore, settings: SettingsStore, llm_profiles: ProfileStore):
        self.store, self.settings, self.llm_profiles = store, settings, llm_profiles

    def _seed(self) -> AgentProfile | None:
        agent = self.settings.agent
        active_llm = self.settings.pointers["active_profile"]
        if not active_llm and not isinstance(agent, sm.ACPAgentSettings):
            active_llm = _seed_default_llm_profile(self.llm_profiles, agent.llm)
        try:
            return self.store.save(seed_profile(agent, active_llm))
        except AgentProfileLimitExceeded:
            return None

    def ensure_active(self) -> None:
        """``_ensure_active_profile``: a missing or dangling pointer moves to ``default`` (seeded
        when absent), else to the first other profile."""
        if self.store.name_for_id(self.settings.pointers["active_agent_profile_id"]) is not None:
            return
        target = self.store.load(SEED_PROFILE_NAME) or self._seed()
        if target is None:
            first = next((s for s in self.store.summaries() if s["name"] != SEED_PROFILE_NAME), None)
            if first is None:
                return
            target_id = first["id"]
        else:
            target_id = str(target.id)
        self.settings.set_pointer("active_agent_profile_id", target_id)

    def active(self) -> AgentProfile | None:
        """``active_agent_profile``: the active profile, activating ``default`` when none is."""
        self.ensure_active()
        name = self.store.name_for_id(self.settings.pointers["active_agent_profile_id"])
        return self.store.load(name) if name is not None else None

    def delete(self, name: str) -> None:
        """Delete; when it was the active one the pointer clears, an agent left on another kind
        resets to default OpenHands settings (keeping the MCP servers), and a profile is
        activated again."""
        deleted_id = self.store.delete(name)
        if deleted_id is None or self.settings.pointers["active_agent_profile_id"] != deleted_id:
            return
        self.settings.set_pointer("active_agent_profile_id", None)
        self.settings.reset_to_openhands()
        self.ensure_active()
