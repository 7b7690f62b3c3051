"""The server's LLM profiles (``/api/profiles``), in memory with ``LLMProfileStore``'s rules.

A profile is an LLM saved under a name (``foo.json`` addresses ``foo``); without
``include_secrets`` its secrets are not kept; listings are in the store's file order; at most
:data:`MAX_PROFILES`. The profiles feed the settings (``active_profile``, activation) and the
OpenAI-compatible gateway's model list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contract.generated import settings_models as sm
from contract.wire_rules import LLM_SECRET_FIELDS
from mockserver.provider_connection_store import ProviderConnectionStore
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


def rename_keys(stored: Mapping[str, object], name: str, new_name: str) -> tuple[str, str] | None:
    """The store keys a rename moves between, None for a same-name no-op; raises
    FileNotFoundError / FileExistsError as the profile stores' ``rename`` does."""
    old, new = canonical_name(name), canonical_name(new_name)
    if old not in stored:
        raise FileNotFoundError(name)
    if old == new:
        return None
    if new in stored:
        raise FileExistsError(new_name)
    return old, new


class DanglingConnection(ValueError):
    """A linked profile's provider connection is gone (``ProviderConnectionNotFound``: a 422)."""


class ProfileStore:
    """Named LLM configurations; a profile linked to a provider connection takes its credentials
    from the connection when it is loaded to run."""

    def __init__(self, connections: ProviderConnectionStore | None = None) -> None:
        self._profiles: dict[str, sm.LLM] = {}
        self.connections = connections if connections is not None else ProviderConnectionStore()

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

    def resolved(self, name: str) -> sm.LLM | None:
        """``load(resolve_provider=True)``: a linked profile with its connection's ``api_key`` and
        ``base_url`` (:class:`DanglingConnection` when the connection is gone)."""
        llm = self.load(name)
        connection_id = llm.provider_connection_id if llm is not None else None
        if llm is None or not connection_id:
            return llm
        connection = self.connections.get(connection_id)
        if connection is None:
            if key_is_set(llm):
                return llm
            raise DanglingConnection(
                f"Profile {canonical_name(name)!r} references provider connection {connection_id!r}, which does "
                "not exist. Update the profile or recreate the connection."
            )
        return llm.model_copy(update={"api_key": connection.api_key, "base_url": connection.base_url})

    def api_key_set(self, llm: sm.LLM) -> bool:
        """``_profile_api_key_set``: the profile's own key, or its connection's."""
        if key_is_set(llm):
            return True
        connection = self.connections.get(llm.provider_connection_id) if llm.provider_connection_id else None
        return connection is not None and connection.api_key is not None

    def delete(self, name: str) -> None:
        """Idempotent, as the real route."""
        self._profiles.pop(canonical_name(name), None)

    def rename(self, name: str, new_name: str) -> None:
        """Raises FileNotFoundError / FileExistsError as ``rename_llm_profile``."""
        keys = rename_keys(self._profiles, name, new_name)
        if keys is not None:
            self._profiles[keys[1]] = self._profiles.pop(keys[0])

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
                    "provider_connection_broken": llm.provider_connection_id is not None
                    and self.connections.get(llm.provider_connection_id) is None,
                    "api_key_set": self.api_key_set(llm),
                }
            )
        return found
