"""The real server's configuration variables that apply to the mock, read as the server reads them.

``openhands/agent_server/config.py`` with ``env_parser.py``: a list is either a JSON array in
``NAME`` or the items ``NAME_0``, ``NAME_1``, ... in order; session keys fall back to the legacy
``SESSION_API_KEY``; blank keys are no keys. ``ohmock serve`` starts from these, and its options
override them, so the mock can replace the server without a change to its environment.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

SESSION_KEYS = "OH_SESSION_API_KEYS"
LEGACY_SESSION_KEY = "SESSION_API_KEY"
CORS_ORIGINS = "OH_ALLOW_CORS_ORIGINS"
SECRET_KEY = "OH_SECRET_KEY"  # noqa: S105 - the variable's name, not a secret


class ServerEnvError(ValueError):
    """A variable the real server would fail to parse (it does not start then either)."""


def env_list(env: Mapping[str, str], name: str) -> list[str] | None:
    """``NAME`` as a JSON list, else ``NAME_0``, ``NAME_1``, ...; None when neither is set."""
    if name in env:
        try:
            value = json.loads(env[name])
        except json.JSONDecodeError as exc:
            raise ServerEnvError(f"{name} is not JSON: {exc}") from None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ServerEnvError(f"{name} must be a JSON list of strings")
        return value
    items: list[str] = []
    while f"{name}_{len(items)}" in env:
        items.append(env[f"{name}_{len(items)}"])
    return items or None


def config_from_env(env: Mapping[str, str]) -> dict[str, Any]:
    """The ``MockConfig`` fields the variables in ``env`` set (only those that are set)."""
    found: dict[str, Any] = {}
    keys = env_list(env, SESSION_KEYS)
    if keys is None and env.get(LEGACY_SESSION_KEY):
        keys = [env[LEGACY_SESSION_KEY]]
    if keys is not None:
        found["api_keys"] = tuple(key for key in keys if key)
    origins = env_list(env, CORS_ORIGINS)
    if origins is not None:
        found["cors_origins"] = tuple(origins)
    if env.get(SECRET_KEY, "").strip():
        found["secret_key"] = env[SECRET_KEY]
    return found
