"""``/api/settings``: the persisted settings, their MCP servers and the secrets store.

Statuses, details and bodies follow ``openhands/agent_server/settings_router.py``; the state
lives in :mod:`mockserver.settings_store` and :mod:`mockserver.secrets_store`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from contract.generated import models
from mockserver.agent_profile_store import AGENT_PROFILE_ID_NOT_FOUND
from mockserver.meta_profile_store import META_PROFILE_NOT_FOUND
from mockserver.profile_store import PROFILE_NOT_FOUND
from mockserver.secrets_store import SecretRefused, SecretsStore
from mockserver.settings_store import POINTERS, CipherMissing, ExposeMode, SettingsRejected, SettingsStore, dump

router = APIRouter(prefix="/api/settings")
NO_UPDATE = (
    "At least one of agent_settings_diff, conversation_settings_diff, misc_settings_diff, "
    "active_profile, active_agent_profile_id, or active_meta_profile must be provided"
)
NO_CIPHER = "Encryption not available: OH_SECRET_KEY is not configured. Cannot return encrypted secrets."


def settings_of(request: Request) -> SettingsStore:
    """The server's settings (the profile routes read and change them too)."""
    store: SettingsStore = request.app.state.mock.settings
    return store


def _secrets(request: Request) -> SecretsStore:
    store: SecretsStore = request.app.state.mock.secrets
    return store


def expose_mode(request: Request) -> ExposeMode:
    """``parse_expose_secrets_header`` (``_secrets_exposure.py``); "true" is the legacy "encrypted"."""
    value = request.headers.get("X-Expose-Secrets", "").lower().strip()
    if not value:
        return None
    if value == "plaintext":
        return "plaintext"
    if value in ("encrypted", "true"):
        return "encrypted"
    raise HTTPException(
        400, detail=f"Invalid X-Expose-Secrets header value: '{value}'. Valid values are: 'encrypted', 'plaintext'."
    )


def _response(store: SettingsStore, expose: ExposeMode = None) -> dict[str, Any]:
    try:
        return store.response(expose)
    except CipherMissing:
        raise HTTPException(503, detail=NO_CIPHER) from None


def _with_profile_llm(request: Request, update: dict[str, Any]) -> dict[str, Any]:
    """``_load_active_profile_llm`` and ``_with_profile_llm``: naming an active profile applies
    its LLM (404 when there is none), unless the same update gives an LLM or an ACP agent."""
    name = update.get("active_profile")
    agent_diff = update.get("agent_settings_diff")
    agent_diff = agent_diff if isinstance(agent_diff, dict) else {}
    if not name or "llm" in agent_diff:
        return update
    llm = request.app.state.mock.profiles.load(name)
    if llm is None:
        raise HTTPException(404, detail=PROFILE_NOT_FOUND.format(name))
    kind = agent_diff.get("agent_kind") or settings_of(request).agent.agent_kind
    if kind == "acp":
        return update
    return {**update, "agent_settings_diff": {**agent_diff, "llm": dump(llm)}}


def _require_pointer_targets(request: Request, update: dict[str, Any]) -> None:
    """``_require_pointer_targets``: an agent-profile or meta-profile pointer must name a stored
    one (``None`` clears)."""
    mock = request.app.state.mock
    profile_id = update.get("active_agent_profile_id")
    if profile_id is not None and mock.agent_profiles.store.name_for_id(profile_id) is None:
        raise HTTPException(404, detail=AGENT_PROFILE_ID_NOT_FOUND.format(profile_id))
    meta = update.get("active_meta_profile")
    if meta is not None and mock.meta_profiles.load(meta) is None:
        raise HTTPException(404, detail=META_PROFILE_NOT_FOUND.format(meta))


def _apply(
    request: Request, update: dict[str, Any], precondition: Callable[[SettingsStore], None] | None = None
) -> dict[str, Any]:
    store = settings_of(request)
    _require_pointer_targets(request, update)
    update = _with_profile_llm(request, update)
    if precondition is not None:
        precondition(store)
    try:
        store.update(update)
    except SettingsRejected:
        raise HTTPException(422, detail="Settings validation failed") from None
    return _response(store)


@router.get("")
async def get_settings(request: Request) -> JSONResponse:
    return JSONResponse(_response(settings_of(request), expose_mode(request)))


@router.patch("")
async def update_settings(request: Request, payload: models.SettingsUpdateRequest) -> JSONResponse:
    update = payload.model_dump(mode="json", exclude_none=True)
    explicit = payload.model_dump(mode="json", include=set(POINTERS) & payload.model_fields_set)
    update.update(explicit)  # exclude_none drops an explicit null, which clears the pointer
    if not update:
        raise HTTPException(400, detail=NO_UPDATE)
    return JSONResponse(_apply(request, update))


def _mcp_absent(key: str) -> Callable[[SettingsStore], None]:
    def check(store: SettingsStore) -> None:
        if key in (getattr(store.agent, "mcp_config", None) or {}):
            raise HTTPException(409, detail=f"MCP server '{key}' already exists")

    return check


def _mcp_present(key: str) -> Callable[[SettingsStore], None]:
    def check(store: SettingsStore) -> None:
        if key not in (getattr(store.agent, "mcp_config", None) or {}):
            raise HTTPException(404, detail=f"MCP server '{key}' was not found")

    return check


@router.post("/mcp/{settings_key}", status_code=201)
async def create_mcp_server(request: Request, settings_key: str, server: models.MCPServerInput) -> JSONResponse:
    entry = dump(server, exclude_none=True, exclude_defaults=True)
    update = {"agent_settings_diff": {"mcp_config": {settings_key: entry}}}
    return JSONResponse(_apply(request, update, _mcp_absent(settings_key)), status_code=201)


@router.patch("/mcp/{settings_key}")
async def patch_mcp_server(request: Request, settings_key: str, patch: models.MCPServerPatch) -> JSONResponse:
    update = {"agent_settings_diff": {"mcp_config": {settings_key: dump(patch, exclude_unset=True)}}}
    return JSONResponse(_apply(request, update, _mcp_present(settings_key)))


@router.delete("/mcp/{settings_key}")
async def delete_mcp_server(request: Request, settings_key: str) -> JSONResponse:
    update = {"agent_settings_diff": {"mcp_config": {settings_key: None}}}
    return JSONResponse(_apply(request, update, _mcp_present(settings_key)))


# -- secrets ---------------------------------------------------------------------------------------


def _refused(exc: SecretRefused) -> HTTPException:
    return HTTPException(422, detail=str(exc))


@router.get("/secrets")
async def list_secrets(request: Request, agent_profile_id: str | None = None) -> JSONResponse:
    allowed: set[str] | None = None
    if agent_profile_id is not None:  # scoped by the profile's secret_refs (null: all)
        store = request.app.state.mock.agent_profiles.store
        name = store.name_for_id(agent_profile_id)
        if name is None:
            raise HTTPException(404, detail="Agent profile not found")
        refs = store.load(name).secret_refs
        allowed = set(refs) if refs is not None else None
    return JSONResponse({"secrets": _secrets(request).listing(allowed)})


@router.get("/secrets/{name}")
async def get_secret_value(request: Request, name: str) -> Response:
    try:
        value = _secrets(request).get(name)
    except SecretRefused as exc:
        raise _refused(exc) from None
    if value is None:
        raise HTTPException(404, detail="Secret not found")
    return Response(content=value, media_type="text/plain")


@router.put("/secrets")
async def create_secret(request: Request, secret: models.SecretCreateRequest) -> JSONResponse:
    try:
        _secrets(request).put(secret.name, secret.value.get_secret_value(), secret.description)
    except SecretRefused as exc:
        raise _refused(exc) from None
    return JSONResponse({"name": secret.name, "description": secret.description})


@router.delete("/secrets/{name}")
async def delete_secret(request: Request, name: str) -> JSONResponse:
    try:
        deleted = _secrets(request).delete(name)
    except SecretRefused as exc:
        raise _refused(exc) from None
    if not deleted:
        raise HTTPException(404, detail="Secret not found")
    return JSONResponse({"deleted": True})
