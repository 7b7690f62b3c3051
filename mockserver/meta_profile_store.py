"""Model-routing configurations (``/api/meta-profiles``), in memory with ``MetaProfileStore``'s rules.

A meta-profile names the LLM profile that classifies a task and the profiles each class routes
to. It holds no secrets. Listings are in file-name order; at most :data:`MAX_META_PROFILES`.
Activating one is recorded in the settings (see :meth:`mockserver.settings_store.SettingsStore.update`).
"""

from __future__ import annotations

from typing import Any

from contract.generated import models

MAX_META_PROFILES = 50
META_PROFILE_NOT_FOUND = "Meta-profile '{}' not found"


class MetaProfileLimitExceeded(Exception):
    """Saving a new meta-profile would exceed :data:`MAX_META_PROFILES` (the real 409)."""


class MetaProfileStore:
    """The server's meta-profiles."""

    def __init__(self) -> None:
        self._profiles: dict[str, models.MetaProfile] = {}

    def load(self, name: str) -> models.MetaProfile | None:
        return self._profiles.get(name)

    def save(self, name: str, profile: models.MetaProfile) -> None:
        if name not in self._profiles and len(self._profiles) >= MAX_META_PROFILES:
            raise MetaProfileLimitExceeded(f"Meta-profile limit reached ({MAX_META_PROFILES}).")
        self._profiles[name] = profile

    def delete(self, name: str) -> None:
        """Idempotent, as the real route."""
        self._profiles.pop(name, None)

    def summaries(self) -> list[dict[str, Any]]:
        """``list_summaries``, in the store's order (``*.json`` files sorted by name)."""
        return [
            {
                "name": name,
                "classifier_model": self._profiles[name].classifier_model,
                "num_classes": len(self._profiles[name].classes),
            }
            for name in sorted(self._profiles, key=lambda name: f"{name}.json")
        ]
