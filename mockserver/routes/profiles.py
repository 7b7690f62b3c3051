"""``/api/profiles``: named LLM configurations.

Statuses, details and bodies follow ``openhands/agent_server/profiles_router.py``; the state
lives in :mod:`mockserver.profile_store`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import JSONResponse

from contract.generated import models
from mockserver.profile_store import (
    PROFILE_NAME_PATTERN,
    PROFILE_NOT_FOUND,
    DanglingConnection,
    ProfileLimitExceeded,
    ProfileStore,
    canonical_name,
)
from mockserver.routes.agent_profiles import agent_profiles_of
from mockserver.routes.settings import NO_CIPHER, expose_mode, settings_of
from mockserver.settings_store import CipherMissing, dump

router = APIRouter(prefix="/api/profiles")
ProfileName = Annotated[str, Path(min_length=1, max_length=64, pattern=PROFILE_NAME_PATTERN)]


def _profiles(request: Request) -> ProfileStore:
    store: ProfileStore = request.app.state.mock.profiles
    return store


def _not_found(name: str) -> HTTPException:
    return HTTPException(404, detail=PROFILE_NOT_FOUND.format(name))


@router.get("")
async def list_profiles(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "profiles": _profiles(request).summaries(),
            "active_profile": settings_of(request).pointers["active_profile"],
        }
    )


@router.get("/{name}")
async def get_profile(request: Request, name: ProfileName) -> JSONResponse:
    mode = expose_mode(request)
    store = _profiles(request)
    try:  # a runtime read (plaintext) resolves the provider connection; an editor read keeps the link
        llm = store.resolved(name) if mode == "plaintext" else store.load(name)
    except DanglingConnection as exc:
        raise HTTPException(422, detail=str(exc)) from None
    if llm is None:
        raise _not_found(name)
    if mode:
        try:
            config: dict[str, Any] = dump(llm, mode, settings_of(request).cipher)
        except CipherMissing:
            raise HTTPException(503, detail=NO_CIPHER) from None
    else:
        config = {**dump(llm, None), "api_key": None}
    return JSONResponse({"name": name, "config": config, "api_key_set": store.api_key_set(llm)})


@router.post("/{name}", status_code=201)
async def save_profile(request: Request, name: ProfileName, body: models.SaveProfileRequest) -> JSONResponse:
    llm = dump(body.llm)
    cipher = settings_of(request).cipher
    if cipher is not None:  # decrypt_incoming_llm_secrets
        llm = cipher.decrypt_tokens(llm)
    try:
        _profiles(request).save(name, llm, include_secrets=body.include_secrets)
    except ProfileLimitExceeded as exc:
        raise HTTPException(409, detail=f"{exc} Delete a profile before saving a new one.") from None
    return JSONResponse({"name": name, "message": f"Profile '{name}' saved"}, status_code=201)


def _repoint_active(request: Request, old: str, new: str | None) -> None:
    """``_set_active_profile_if_matches``: the active pointer follows a rename and clears on delete."""
    pointers = settings_of(request).pointers
    active = pointers["active_profile"]
    if active is not None and canonical_name(active) == canonical_name(old):
        pointers["active_profile"] = canonical_name(new) if new is not None else None


@router.delete("/{name}")
async def delete_profile(request: Request, name: ProfileName) -> JSONResponse:
    referrers = agent_profiles_of(request).store.referrers(name)
    if referrers:  # delete_llm_profile: an agent profile's llm_profile_ref must not dangle
        count = len(referrers)
        raise HTTPException(
            409, detail=f"LLM profile is referenced by {count} agent profile(s): {', '.join(referrers)}"
        )
    _profiles(request).delete(name)
    _repoint_active(request, name, None)
    return JSONResponse({"name": name, "message": f"Profile '{name}' deleted"})


@router.post("/{name}/rename")
async def rename_profile(request: Request, name: ProfileName, body: models.RenameProfileRequest) -> JSONResponse:
    new_name = body.new_name
    try:
        _profiles(request).rename(name, new_name)
    except FileNotFoundError:
        raise _not_found(name) from None
    except FileExistsError:
        raise HTTPException(409, detail=f"Profile '{new_name}' already exists") from None
    agent_profiles_of(request).store.cascade_rename(name, new_name)
    if name == new_name:
        return JSONResponse({"name": new_name, "message": f"Profile '{name}' unchanged (same name)"})
    _repoint_active(request, name, new_name)
    return JSONResponse({"name": new_name, "message": f"Profile '{name}' renamed to '{new_name}'"})


@router.post("/{name}/activate")
async def activate_profile(request: Request, name: ProfileName) -> JSONResponse:
    llm = _profiles(request).load(name)
    if llm is None:
        raise _not_found(name)
    applied = settings_of(request).activate(canonical_name(name), llm)
    message = (
        f"Profile '{name}' activated and applied to current settings" if applied else f"Profile '{name}' activated"
    )
    return JSONResponse({"name": name, "message": message, "llm_applied": applied})
