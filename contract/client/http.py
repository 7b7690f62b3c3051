"""Headers and paths of the agent-server API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

KEY_HEADER = "X-Session-API-Key"
CONVERSATIONS = "/api/conversations"


def session_headers(api_key: str | None) -> dict[str, str]:
    """The REST auth header for ``api_key`` (none without a key)."""
    return {KEY_HEADER: api_key} if api_key else {}


def conversation_path(conversation_id: object, *rest: str) -> str:
    """``/api/conversations/{id}[/rest...]``."""
    return "/".join((CONVERSATIONS, str(conversation_id), *rest))


def events_search_path(conversation_id: object) -> str:
    return conversation_path(conversation_id, "events", "search")


def events_count_path(conversation_id: object) -> str:
    return conversation_path(conversation_id, "events", "count")


def ws_url(base_url: str, path: str, query: Mapping[str, Any] | None = None) -> str:
    """The ``ws(s)://`` URL of a socket ``path`` on the server at ``base_url`` (``wss`` for https)."""
    scheme, rest = base_url.rstrip("/").split("://", 1)
    url = f"{'wss' if scheme == 'https' else 'ws'}://{rest}{path}"
    return f"{url}?{urlencode(query)}" if query else url
