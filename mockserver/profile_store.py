"""The server's LLM profiles (``/api/profiles``), in memory with ``LLMProfileStore``'s rules.

A profile is an LLM saved under a name (``foo.json`` addresses ``foo``); without
``include_secrets`` its secrets are not kept; listings are in the store's file order; at most
:data:`MAX_PROFILES`. The profiles feed the settings (``active_profile``, activation) and the
OpenAI-compatible gateway's model list.
"""

from __future__ import annotations

from typing import Any

from contract.generated import settings_models as sm
from contract.wire_rules import LLM_SECRET_FIELDS
from mockserver.settings_store import dump, key_is_set

PROFILE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
PROFILE_NOT_FOUND = "Profile '{}' not found"
"""The real routes' 404 detail for a profile name (settings, profiles, switch_profile, gateway)."""
MAX_PROFILES = 50


class ProfileLimitExceeded(Exception):
    """Saving a new profile would exceed :data:`MAX_PROFILES` (the real 409)."""


def canonical_name(name: str) -> str:
    """``canonical_profile_name``: the store key ``name`` addresses."""
    return name.removesuffix(".json")


class ProfileStore:
    """Named LLM configurations."""

    def __init__(self) -> None:
        self._profiles: dict[str, sm.LLM] = {}

    def save(self, name: str, llm: dict[str, Any], include_secrets: bool) -> None:
        """Store ``llm`` (plain JSON, secrets revealed) under ``name``, overwriting."""
        key = canonical_name(name)
        if key not in self._profiles and len(self._profiles) >= MAX_PROFILES:
            raise ProfileLimitExceeded(f"Profile limit reached ({MAX_PROFILES}).")
        persisted = {k: v for k, v in llm.items() if v is not None}  # to_persisted: exclude_none
        if persisted.get("provider_connection_id"):  # the connection owns the credentials
            persisted.pop("api_key", None)
            persisted.pop("base_url", None)
        if not include_secrets:
            for field in LLM_SECRET_FIELDS:
                persisted.pop(field, None)
        self._profiles[key] = sm.LLM.model_validate(persisted)

    def load(self, name: str) -> sm.LLM | None:
        return self._profiles.get(canonical_name(name))

    def delete(self, name: str) -> None:
        """Idempotent, as the real route."""
        self._profiles.pop(canonical_name(name), None)

    def rename(self, name: str, new_name: str) -> None:
        """Raises FileNotFoundError / FileExistsError as ``rename_llm_profile``."""
        old, new = canonical_name(name), canonical_name(new_name)
        if old not in self._profiles:
            raise FileNotFoundError(name)
        if old == new:
            return
        if new in self._profiles:
            raise FileExistsError(new_name)
        self._profiles[new] = self._profiles.pop(old)

    def names(self) -> list[str]:
        """In the store's order: its ``*.json`` files sorted by file name."""
        return sorted(self._profiles, key=lambda name: f"{name}.json")

    def summaries(self) -> list[dict[str, Any]]:
        """``list_summaries``: what a listing shows of each profile."""
        found = []
        for name in self.names():
            llm = self._profiles[name]
            data = dump(llm)
            found.append(
                {
                    "name": name,
                    "model": data.get("model"),
                    "base_url": data.get("base_url"),
                    "provider_connection_id": data.get("provider_connection_id"),
                    "provider_connection_broken": bool(data.get("provider_connection_id")),  # no connections here
                    "api_key_set": key_is_set(llm),
                }
            )
        return found
