"""Keep secrets out of 422 bodies, as the real server's validation handler does.

Mirrors ``openhands.sdk.utils.redact.sanitize_dict`` (used by the server's
``_sanitize_validation_errors``): values under secret-looking keys become ``"<redacted>"``,
everything under env/environment/headers too.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Literal

from contract.wire_rules import REDACTED_SECRET_VALUE

REDACTED = "<redacted>"
MASKED = REDACTED_SECRET_VALUE
"""What the real server shows instead of a secret it keeps (``REDACTED_SECRET_VALUE``)."""
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
    """A copy of ``content`` with likely secrets replaced (and non-finite numbers as text, which
    JSON cannot carry: an error body must never fail to render)."""
    if isinstance(content, float) and not math.isfinite(content):
        return repr(content)
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


_KEY_IN_QUERY = re.compile(r"(session_api_key=)[^&\s]*", re.IGNORECASE)


def redact_url(text: str) -> str:
    """``?session_api_key=K`` (the legacy socket auth) with the key masked."""
    return _KEY_IN_QUERY.sub(rf"\g<1>{MASKED}", text)


def redact_frame(frame: Any) -> Any:
    """A client frame as it may be recorded: an auth frame's key masked, secret-named fields too."""
    if isinstance(frame, str):
        return redact_url(frame)
    if isinstance(frame, Mapping) and "session_api_key" in frame:
        frame = {**frame, "session_api_key": MASKED}
    return sanitize(frame)


class _AccessLogRedaction(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact_url(a) if isinstance(a, str) else a for a in record.args)
        return True


def install_access_log_redaction() -> None:
    """Mask session keys in the query strings uvicorn's access log writes."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _AccessLogRedaction) for f in logger.filters):
        logger.addFilter(_AccessLogRedaction())


# -- secrets in served state -------------------------------------------------------------------

Channel = Literal["rest", "socket"]
"""Where a value leaves the mock: a REST body (ConversationInfo) or a socket frame (full_state)."""

_SECRET_SCHEMAS = ("LLM-Output", "APIBasedCritic-Output", "GraySwanAnalyzer-Output", "StaticSecret-Output")


@cache
def secret_fields() -> frozenset[str]:
    """The secret-typed fields (``format: password``) of the schemas that carry them in a
    conversation: LLMs (agent, condenser, analyzers), critics, analyzers, secret sources."""
    from contract.spec.documents import effective_spec

    schemas = effective_spec()["components"]["schemas"]
    return frozenset(
        name
        for schema in _SECRET_SCHEMAS
        for name, prop in schemas[schema]["properties"].items()
        if prop.get("format") == "password" or any(b.get("format") == "password" for b in prop.get("anyOf", []))
    )


def _masked(node: Any, replacement: Any) -> Any:
    if isinstance(node, Mapping):
        fields = secret_fields()
        return {
            k: (replacement if v is not None else None) if k in fields else _masked(v, replacement)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_masked(item, replacement) for item in node]
    return node


def served_agent(agent: Any, channel: Channel) -> Any:
    """The agent as the real server shows it: every secret field of every LLM and critic in it is
    ``null`` over REST (FastAPI re-validates the masked value into ``None``) and masked on sockets."""
    return _masked(agent, None if channel == "rest" else MASKED)


def served_analyzer(analyzer: Any) -> Any:
    """The security analyzer: its secret fields are masked on both channels (observed)."""
    return _masked(analyzer, MASKED)


def served_registry(sources: Mapping[str, Mapping[str, Any]], channel: Channel) -> dict[str, Any]:
    """``secret_registry`` built from the kept secret sources: names and kinds, never values
    (REST: ``value``/``description`` null; sockets: the value masked, nulls dropped)."""
    served: dict[str, Any] = {}
    for name, source in sources.items():
        kind = source.get("kind", "StaticSecret")
        entry: dict[str, Any] = {"description": source.get("description")}
        if kind == "LookupSecret":
            # Secret-named headers are dropped over REST and masked on sockets (observed).
            headers = {
                header: (MASKED if channel == "socket" else None) if is_secret_key(header) else value
                for header, value in (source.get("headers") or {}).items()
            }
            entry.update(url=source.get("url"), headers={k: v for k, v in headers.items() if v is not None})
        else:
            entry["value"] = None if channel == "rest" else MASKED
        entry["kind"] = kind
        served[name] = entry if channel == "rest" else {k: v for k, v in entry.items() if v is not None}
    return {"secret_sources": served}
