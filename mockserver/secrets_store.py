"""The server's secrets store (``/api/settings/secrets``), in memory with the real rules.

Mirrors ``settings_router.py`` and ``FileSecretsStore``: names start with a letter and hold
letters, digits and underscores (1-64); a value may not be blank or the redaction mask; a PUT
upserts (an existing name keeps its place in the list); a value is served only by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mockserver.redact import MASKED

SECRET_NAME_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]{0,63}$")
INVALID_NAME = (
    "Invalid secret name format. Must start with a letter, contain only letters, numbers, "
    "and underscores, and be 1-64 characters long."
)
INVALID_VALUE = "Secret value must not be empty or redacted"


class SecretRefused(ValueError):
    """A name or value the real server answers 422 for (``str()`` is its detail)."""


@dataclass(frozen=True)
class StoredSecret:
    value: str
    description: str | None


def check_name(name: str) -> None:
    """``_validate_secret_name``: raises :class:`SecretRefused` for a bad name."""
    if not SECRET_NAME_PATTERN.match(name):
        raise SecretRefused(INVALID_NAME)


class SecretsStore:
    """Named secrets with descriptions, in the order they were first stored."""

    def __init__(self) -> None:
        self._secrets: dict[str, StoredSecret] = {}

    def put(self, name: str, value: str, description: str | None) -> None:
        check_name(name)
        if not value.strip() or value == MASKED:
            raise SecretRefused(INVALID_VALUE)
        self._secrets[name] = StoredSecret(value, description)

    def get(self, name: str) -> str | None:
        check_name(name)
        secret = self._secrets.get(name)
        return None if secret is None else secret.value

    def delete(self, name: str) -> bool:
        check_name(name)
        return self._secrets.pop(name, None) is not None

    def listing(self, allowed: set[str] | None = None) -> list[dict[str, str | None]]:
        """``SecretItemResponse`` bodies: names and descriptions, never values."""
        return [
            {"name": name, "description": secret.description}
            for name, secret in self._secrets.items()
            if allowed is None or name in allowed
        ]
