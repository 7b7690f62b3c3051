"""Shared LLM credentials (``/api/llm/provider-connections``), in memory with
``ProviderConnectionStore``'s rules.

A connection is an ``api_key`` and optional ``base_url`` that LLM profiles reference by id
(``provider_connection_id``); a linked profile reads them when it is loaded with secrets. At most
:data:`MAX_PROVIDER_CONNECTIONS`, kept in creation order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from pydantic import SecretStr

MAX_PROVIDER_CONNECTIONS = 64
CONNECTION_NOT_FOUND = "Provider connection '{}' not found"


class ConnectionLimitExceeded(Exception):
    """Creating a connection would exceed :data:`MAX_PROVIDER_CONNECTIONS` (the real 409)."""


@dataclass(frozen=True)
class ProviderConnection:
    """One stored connection (``openhands.sdk.llm.provider_connection_store.ProviderConnection``)."""

    id: str
    display_name: str
    provider: str
    api_key: SecretStr | None
    base_url: str | None
    created_at: int
    updated_at: int

    def response(self, *, api_key_set: bool | None = None) -> dict[str, Any]:
        """The ``ProviderConnectionResponse`` body."""
        return {
            "id": self.id,
            "display_name": self.display_name,
            "provider": self.provider,
            "base_url": self.base_url,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "api_key_set": self.api_key is not None if api_key_set is None else api_key_set,
        }


def now() -> int:
    """The stores' clock: Unix epoch seconds, as the real routes stamp connections."""
    return int(time.time())


class ProviderConnectionStore:
    """The server's provider connections."""

    def __init__(self) -> None:
        self._connections: dict[str, ProviderConnection] = {}

    def list(self) -> list[ProviderConnection]:
        return list(self._connections.values())

    def get(self, connection_id: str) -> ProviderConnection | None:
        return self._connections.get(connection_id)

    def create(self, connection: ProviderConnection) -> None:
        if len(self._connections) >= MAX_PROVIDER_CONNECTIONS:
            raise ConnectionLimitExceeded(f"Provider connection limit reached ({MAX_PROVIDER_CONNECTIONS}).")
        self._connections[connection.id] = connection

    def update(self, connection_id: str, changes: dict[str, Any]) -> ProviderConnection:
        """The connection with ``changes`` applied and ``updated_at`` restamped (KeyError if gone)."""
        updated = replace(self._connections[connection_id], **changes, updated_at=now())
        self._connections[connection_id] = updated
        return updated

    def delete(self, connection_id: str) -> None:
        self._connections.pop(connection_id, None)
