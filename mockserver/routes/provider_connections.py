"""``/api/llm/provider-connections``: LLM credentials shared by profiles.

Statuses, details and bodies follow ``openhands/agent_server/provider_connections_router.py``;
the state lives in :mod:`mockserver.provider_connection_store`. A connection still referenced by
an LLM profile or the active agent settings cannot be deleted.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from contract.generated import models
from mockserver.profile_store import ProfileStore
from mockserver.provider_connection_store import (
    CONNECTION_NOT_FOUND,
    ConnectionLimitExceeded,
    ProviderConnection,
    ProviderConnectionStore,
    now,
)
from mockserver.routes.settings import settings_of

router = APIRouter(prefix="/api/llm/provider-connections")


def connections_of(request: Request) -> ProviderConnectionStore:
    store: ProviderConnectionStore = request.app.state.mock.provider_connections
    return store


def _existing(request: Request, connection_id: str) -> ProviderConnection:
    connection = connections_of(request).get(connection_id)
    if connection is None:
        raise HTTPException(404, detail=CONNECTION_NOT_FOUND.format(connection_id))
    return connection


@router.get("")
async def list_provider_connections(request: Request) -> JSONResponse:
    return JSONResponse([connection.response() for connection in connections_of(request).list()])


@router.post("", status_code=201)
async def create_provider_connection(request: Request, body: models.ProviderConnectionCreateRequest) -> JSONResponse:
    stamp = now()
    connection = ProviderConnection(
        id=request.app.state.mock.clock.uuid().hex,
        display_name=body.display_name,
        provider=body.provider,
        api_key=body.api_key,
        base_url=body.base_url.root if body.base_url is not None else None,
        created_at=stamp,
        updated_at=stamp,
    )
    try:
        connections_of(request).create(connection)
    except ConnectionLimitExceeded as exc:
        raise HTTPException(409, detail=f"{exc} Delete one before adding another.") from None
    return JSONResponse(connection.response(), status_code=201)


@router.patch("/{connection_id}")
async def update_provider_connection(
    request: Request, connection_id: str, body: models.ProviderConnectionUpdateRequest
) -> JSONResponse:
    fields = body.model_fields_set
    if not fields:
        raise HTTPException(422, detail="Provide at least one provider connection field to update")
    _existing(request, connection_id)
    if "api_key" in fields and body.api_key is None:
        raise HTTPException(422, detail="api_key cannot be cleared; provide a new key to rotate it")
    changes: dict[str, Any] = {}
    for name in ("display_name", "provider", "base_url", "api_key"):
        if name in fields:
            value = getattr(body, name)
            changes[name] = getattr(value, "root", value)
    return JSONResponse(connections_of(request).update(connection_id, changes).response())


def _references(request: Request, connection_id: str) -> list[str]:
    """Why a connection cannot go: the LLM profiles and the active settings linked to it."""
    profiles: ProfileStore = request.app.state.mock.profiles
    linked = sorted(s["name"] for s in profiles.summaries() if s["provider_connection_id"] == connection_id)
    reasons = [f"referenced by LLM profile(s): {', '.join(linked)}"] if linked else []
    llm = getattr(settings_of(request).agent, "llm", None)
    if llm is not None and llm.provider_connection_id == connection_id:
        reasons.append("referenced by the active agent settings")
    return reasons


@router.delete("/{connection_id}")
async def delete_provider_connection(request: Request, connection_id: str) -> JSONResponse:
    connection = _existing(request, connection_id)
    reasons = _references(request, connection_id)
    if reasons:
        raise HTTPException(
            409,
            detail="Provider connection cannot be deleted while it is "
            + " and ".join(reasons)
            + ". Update those references before deleting it.",
        )
    connections_of(request).delete(connection_id)
    return JSONResponse(connection.response(api_key_set=False))
