"""``/api/init``: deferred init's status and the delivery of the per-user configuration.

Follows ``openhands/agent_server/init_router.py``: ``GET`` needs no key; ``POST`` is checked
against the dormant server's secret key (``X-Init-API-Key``; open when it has none), then 404 on
a server without deferred init, then the body; a second init is 400. Of ``InitRequest``, the mock
applies what it has: session keys, secret key, webhooks and run capacity (``env``, paths and
telemetry concern processes and files the mock does not have). ``allow_cors_origins`` is accepted
and has no effect, as on the real server: its CORS middleware was built at start-up.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from contract.generated import models
from mockserver.deferred_init import NOT_DEFERRED
from mockserver.state import MockState
from mockserver.webhooks import WebhookSpec

router = APIRouter(prefix="/api/init")


def _state(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


def _deferred(request: Request) -> MockState:
    """``get_init_service``: 404 unless the server started with deferred init."""
    state = _state(request)
    if not state.config.deferred_init:
        raise HTTPException(404, detail=NOT_DEFERRED)
    return state


def _init_key(request: Request) -> None:
    """``check_init_api_key``: the server's secret key (or first session key) in X-Init-API-Key."""
    expected = _state(request).config.cipher_key
    if expected is not None and request.headers.get("x-init-api-key") != expected:
        raise HTTPException(401, detail="Unauthorized")


@router.get("")
async def init_status(state: MockState = Depends(_deferred)) -> dict[str, Any]:  # noqa: B008 - FastAPI's idiom
    return state.initialization.status()


@router.post("", dependencies=[Depends(_init_key)])
async def initialize(
    body: models.InitRequest,
    state: MockState = Depends(_deferred),  # noqa: B008 - FastAPI's idiom
) -> dict[str, Any]:
    if state.initialization.state != "dormant":
        raise HTTPException(400, detail=f"server already in state: {state.initialization.state}")
    request = body.model_dump(mode="json", exclude_none=True)
    # SecretStr fields dump masked in JSON mode: read the secret itself.
    secret = body.secret_key.get_secret_value() if body.secret_key is not None else None
    keys = request.get("session_api_keys")
    if keys is not None and any(not key for key in keys):
        raise HTTPException(422, detail="session_api_keys cannot contain empty keys")
    changes: dict[str, Any] = {}
    if keys is not None:
        changes["api_keys"] = tuple(keys)
    if secret is not None and secret.strip():
        changes["secret_key"] = secret
    if "webhooks" in request:
        changes["webhooks"] = tuple(WebhookSpec.from_mapping(spec) for spec in request["webhooks"])
    if "max_concurrent_runs" in request:
        changes["max_concurrent_runs"] = request["max_concurrent_runs"]
    state.initialize(**changes)
    return state.initialization.status()
