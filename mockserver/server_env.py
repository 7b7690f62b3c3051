"""The real server's configuration variables that apply to the mock, read as the server reads them.

``openhands/agent_server/config.py`` with ``env_parser.py``: a list is either a JSON array in
``NAME`` or the items ``NAME_0``, ``NAME_1``, ... in order (a list of objects: ``NAME_0`` as JSON and/or
``NAME_0_<FIELD>``); session keys fall back to the legacy ``SESSION_API_KEY``; blank keys are no
keys. ``ohmock serve`` starts from these, and its options
override them, so the mock can replace the server without a change to its environment.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from mockserver.webhooks import WebhookSpec

SESSION_KEYS = "OH_SESSION_API_KEYS"
LEGACY_SESSION_KEY = "SESSION_API_KEY"
CORS_ORIGINS = "OH_ALLOW_CORS_ORIGINS"
WEBHOOKS = "OH_WEBHOOKS"
DEFERRED_INIT = "OH_DEFERRED_INIT"
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


_WEBHOOK_FIELDS = {
    "base_url": str,
    "headers": dict,
    "event_buffer_size": int,
    "flush_delay": float,
    "num_retries": int,
    "retry_delay": float,
    "max_queue_size": int,
    "max_batch_bytes": int,
    "max_queue_bytes": int,
}


def _json(env: Mapping[str, str], name: str, kind: type) -> Any:
    try:
        value = json.loads(env[name])
    except json.JSONDecodeError as exc:
        raise ServerEnvError(f"{name} is not JSON: {exc}") from None
    if not isinstance(value, kind):
        raise ServerEnvError(f"{name} must be a JSON {kind.__name__}")
    return value


def _webhook(env: Mapping[str, str], name: str) -> dict[str, Any] | None:
    """``NAME`` (a JSON object) overlaid with ``NAME_<FIELD>`` variables; None when neither is set."""
    if not any(key.startswith(name) for key in env):
        return None
    data: dict[str, Any] = _json(env, name, dict) if env.get(name) else {}
    for field_name, kind in _WEBHOOK_FIELDS.items():
        key = f"{name}_{field_name.upper()}"
        if key not in env:
            continue
        if kind is dict:
            data[field_name] = _json(env, key, dict)
        else:
            try:
                data[field_name] = kind(env[key])
            except ValueError:
                raise ServerEnvError(f"{key} must be a {kind.__name__}, got {env[key]!r}") from None
    return data or None


def webhooks_from_env(env: Mapping[str, str]) -> tuple[WebhookSpec, ...] | None:
    """``OH_WEBHOOKS`` (a JSON list) or ``OH_WEBHOOKS_0``, ``OH_WEBHOOKS_1``, ... (each a JSON object
    and/or ``_<FIELD>`` variables, read until the first index with neither)."""
    if WEBHOOKS in env:
        items = _json(env, WEBHOOKS, list)
    else:
        items = []
        while (item := _webhook(env, f"{WEBHOOKS}_{len(items)}")) is not None:
            items.append(item)
    try:
        return tuple(WebhookSpec.from_mapping(item) for item in items) or None
    except (TypeError, ValueError) as exc:
        raise ServerEnvError(f"{WEBHOOKS}: {exc}") from None


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
    if DEFERRED_INIT in env:  # BoolEnvParser: "1" or "true", any case
        found["deferred_init"] = env[DEFERRED_INIT].upper() in ("1", "TRUE")
    webhooks = webhooks_from_env(env)
    if webhooks is not None:
        found["webhooks"] = webhooks
    if env.get(SECRET_KEY, "").strip():
        found["secret_key"] = env[SECRET_KEY]
    return found
