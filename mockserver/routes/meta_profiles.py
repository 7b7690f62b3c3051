"""``/api/meta-profiles``: model-routing configurations and the active one.

Statuses, details and bodies follow ``openhands/agent_server/meta_profiles_router.py``; the state
lives in :mod:`mockserver.meta_profile_store`, the active pointer in the settings.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from pydantic import AfterValidator

from contract.generated import models
from mockserver.meta_profile_store import (
    MAX_META_PROFILES,
    META_PROFILE_NOT_FOUND,
    MetaProfileLimitExceeded,
    MetaProfileStore,
)
from mockserver.profile_store import PROFILE_NAME_PATTERN
from mockserver.routes.settings import settings_of

router = APIRouter(prefix="/api/meta-profiles")
MetaProfileName = Annotated[str, Path(min_length=1, max_length=64, pattern=PROFILE_NAME_PATTERN)]


def _require_route(profile: models.MetaProfile) -> models.MetaProfile:
    """Checked on save only (stored meta-profiles without either still load)."""
    if not profile.classes and profile.prompt_template is None:
        raise ValueError("A meta-profile needs either classes or a prompt_template to route.")
    return profile


RoutableMetaProfile = Annotated[models.MetaProfile, AfterValidator(_require_route)]


def meta_profiles_of(request: Request) -> MetaProfileStore:
    store: MetaProfileStore = request.app.state.mock.meta_profiles
    return store


def _stored(request: Request, name: str) -> models.MetaProfile:
    profile = meta_profiles_of(request).load(name)
    if profile is None:
        raise HTTPException(404, detail=META_PROFILE_NOT_FOUND.format(name))
    return profile


@router.get("")
async def list_meta_profiles(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "meta_profiles": meta_profiles_of(request).summaries(),
            "active_meta_profile": settings_of(request).pointers["active_meta_profile"],
        }
    )


@router.get("/{name}")
async def get_meta_profile(request: Request, name: MetaProfileName) -> JSONResponse:
    return JSONResponse({"name": name, "config": _stored(request, name).model_dump(mode="json")})


@router.post("/{name}", status_code=201)
async def save_meta_profile(request: Request, name: MetaProfileName, body: RoutableMetaProfile) -> JSONResponse:
    try:
        meta_profiles_of(request).save(name, body)
    except MetaProfileLimitExceeded:
        raise HTTPException(
            409,
            detail=f"Meta-profile limit reached ({MAX_META_PROFILES}). Delete a meta-profile before saving a new one.",
        ) from None
    return JSONResponse({"name": name, "message": f"Meta-profile '{name}' saved"}, status_code=201)


@router.delete("/{name}")
async def delete_meta_profile(request: Request, name: MetaProfileName) -> JSONResponse:
    meta_profiles_of(request).delete(name)
    settings = settings_of(request)
    if settings.pointers["active_meta_profile"] == name:
        settings.update({"active_meta_profile": None, "agent_settings_diff": {"meta_profile": None}})
    return JSONResponse({"name": name, "message": f"Meta-profile '{name}' deleted"})


@router.post("/{name}/activate")
async def activate_meta_profile(request: Request, name: MetaProfileName) -> JSONResponse:
    profile = _stored(request, name)
    settings = settings_of(request)
    settings.update(
        {"active_meta_profile": name, "agent_settings_diff": {"meta_profile": profile.model_dump(mode="json")}}
    )
    if settings.pointers["active_meta_profile"] != name:  # an agent that cannot route (ACP)
        message = f"Meta-profile '{name}' not activated: the current agent settings cannot route between models"
        return JSONResponse({"name": name, "message": message, "applied": False})
    return JSONResponse({"name": name, "message": f"Meta-profile '{name}' activated", "applied": True})
