"""Keep secrets out of 422 bodies, as the real server's validation handler does.

Mirrors ``openhands.sdk.utils.redact.sanitize_dict`` (used by the server's
``_sanitize_validation_errors``): values under secret-looking keys become ``"<redacted>"``,
everything under env/environment/headers too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

REDACTED = "<redacted>"
SECRET_KEY_PATTERNS = ("AUTHORIZATION", "COOKIE", "CREDENTIAL", "KEY", "PASSWORD", "SECRET", "SESSION", "TOKEN")
REDACT_ALL_VALUES_KEYS = frozenset({"environment", "env", "headers"})


def is_secret_key(key: str) -> bool:
    upper = key.upper()
    return any(pattern in upper for pattern in SECRET_KEY_PATTERNS)


def _redact_all(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _redact_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_all(item) for item in value]
    return REDACTED


def sanitize(content: Any) -> Any:
    """A copy of ``content`` with likely secrets replaced."""
    if isinstance(content, Mapping):
        return {
            key: _redact_all(value)
            if str(key).lower() in REDACT_ALL_VALUES_KEYS
            else REDACTED
            if is_secret_key(str(key))
            else sanitize(value)
            for key, value in content.items()
        }
    if isinstance(content, list):
        return [sanitize(item) for item in content]
    return content


def sanitize_validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """FastAPI validation errors with ``input`` sanitized and ``ctx.error`` stringified."""
    sanitized = []
    for error in errors:
        error = dict(error)
        if "input" in error:
            error["input"] = sanitize(error["input"])
        if isinstance(error.get("ctx"), dict) and isinstance(error["ctx"].get("error"), Exception):
            error["ctx"] = {**error["ctx"], "error": str(error["ctx"]["error"])}
        sanitized.append(error)
    return sanitized
