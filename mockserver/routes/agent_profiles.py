"""``/api/agent-profiles``: named agent launch specs and the active pointer.

Statuses, details and bodies follow ``openhands/agent_server/agent_profiles_router.py``; the state
lives in :mod:`mockserver.agent_profile_store`. Activation is pointer-only: it never writes the
agent settings.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, field_validator

from contract.generated import models
from mockserver.agent_profile_store import (
    AGENT_PROFILE_ID_NOT_FOUND,
    AGENT_PROFILE_NOT_FOUND,
    MAX_AGENT_PROFILES,
    AgentProfile,
    AgentProfileLimitExceeded,
    AgentProfiles,
    InvalidProfile,
    profile_body,
    validate_profile,
)
from mockserver.materialize import LaunchStores, diagnostics
from mockserver.profile_store import PROFILE_NAME_PATTERN

router = APIRouter(prefix="/api/agent-profiles")


class MaterializeRequest(BaseModel):
    """``MaterializeAgentProfileRequest``: the draft stays raw, validated as a save is."""

    model_config = ConfigDict(extra="forbid")
    profile: Any = None

    @field_validator("profile")
    @classmethod
    def _an_object(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise ValueError("profile must be an object")
        return value


ProfileName = Annotated[str, Path(min_length=1, max_length=64, pattern=PROFILE_NAME_PATTERN)]
ProfileId = Annotated[str, Path(min_length=1, max_length=128)]


def agent_profiles_of(request: Request) -> AgentProfiles:
    profiles: AgentProfiles = request.app.state.mock.agent_profiles
    return profiles


def _validated(payload: dict[str, Any], name: str) -> AgentProfile:
    """The path name is authoritative over any ``name`` in the body."""
    try:
        return validate_profile({**payload, "name": name})
    except InvalidProfile as exc:
        raise HTTPException(422, detail=exc.detail) from None


def _stored(request: Request, name: str) -> AgentProfile:
    profile = agent_profiles_of(request).store.load(name)
    if profile is None:
        raise HTTPException(404, detail=AGENT_PROFILE_NOT_FOUND.format(name))
    return profile


@router.get("")
async def list_agent_profiles(request: Request) -> JSONResponse:
    profiles = agent_profiles_of(request)
    profiles.ensure_active()
    return JSONResponse(
        {
            "profiles": profiles.store.summaries(),
            "active_agent_profile_id": profiles.settings.pointers["active_agent_profile_id"],
        }
    )


@router.get("/{name}")
async def get_agent_profile(request: Request, name: ProfileName) -> JSONResponse:
    return JSONResponse({"name": name, "profile": profile_body(_stored(request, name))})


@router.post("/{name}", status_code=201)
async def save_agent_profile(request: Request, name: ProfileName, body: dict[str, Any]) -> JSONResponse:
    profile = _validated(body, name)
    try:
        agent_profiles_of(request).store.save(profile)
    except AgentProfileLimitExceeded:
        raise HTTPException(
            409,
            detail=f"Agent profile limit reached ({MAX_AGENT_PROFILES}). Delete a profile before saving a new one.",
        ) from None
    return JSONResponse({"name": name, "message": f"Agent profile '{name}' saved"}, status_code=201)


@router.delete("/{name}")
async def delete_agent_profile(request: Request, name: ProfileName) -> JSONResponse:
    agent_profiles_of(request).delete(name)
    return JSONResponse({"name": name, "message": f"Agent profile '{name}' deleted"})


@router.post("/{name}/rename")
async def rename_agent_profile(
    request: Request, name: ProfileName, body: models.RenameAgentProfileRequest
) -> JSONResponse:
    new_name = body.new_name
    try:
        agent_profiles_of(request).store.rename(name, new_name)
    except FileNotFoundError:
        raise HTTPException(404, detail=AGENT_PROFILE_NOT_FOUND.format(name)) from None
    except FileExistsError:
        raise HTTPException(409, detail=f"Agent profile '{new_name}' already exists") from None
    if name == new_name:
        message = f"Agent profile '{name}' unchanged (same name)"
    else:
        message = f"Agent profile '{name}' renamed to '{new_name}'"
    return JSONResponse({"name": new_name, "message": message})


@router.post("/{profile_id}/activate")
async def activate_agent_profile(request: Request, profile_id: ProfileId) -> JSONResponse:
    profiles = agent_profiles_of(request)
    if profiles.store.name_for_id(profile_id) is None:
        raise HTTPException(404, detail=AGENT_PROFILE_ID_NOT_FOUND.format(profile_id))
    profiles.settings.set_pointer("active_agent_profile_id", profile_id)
    return JSONResponse(
        {"id": profile_id, "message": f"Agent profile '{profile_id}' activated", "agent_settings_applied": False}
    )


@router.post("/{name}/materialize")
async def materialize_agent_profile(
    request: Request, name: ProfileName, body: Annotated[MaterializeRequest | None, Body()] = None
) -> JSONResponse:
    draft = body.profile if body is not None else None
    profile = _validated(draft, name) if draft is not None else _stored(request, name)
    mock = request.app.state.mock
    stores = LaunchStores(mock.settings, mock.profiles, mock.meta_profiles, mock.clock.utc_timestamp)
    return JSONResponse(diagnostics(profile, stores))
