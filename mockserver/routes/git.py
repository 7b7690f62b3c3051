"""The git routes over the mock's workspace (``git_router.py``), host-level under ``/api/git``
and in each conversation's runtime scope: changes, a file's diff, the commit history and one
commit's changes. What they compute is ``mockserver.git_view``; as on the real server, a path in
no repository answers an empty result and any other git failure a 400 with its message.
Repository search (a git provider's API) stays generic.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam

from mockserver import git_view
from mockserver.routes.generic import bind_runtime_conversation
from mockserver.state import MockState
from mockserver.workspace import Workspace

SHA_PATTERN = r"^[0-9a-fA-F]{4,64}$"


def _workspace(request: Request) -> Workspace:
    state: MockState = request.app.state.mock
    return state.store.workspace


def build_router(prefix: str, *, dependencies: list[Any]) -> APIRouter:
    """The git routes under ``prefix``."""
    router = APIRouter(prefix=prefix, dependencies=dependencies)

    @router.get("/changes")
    async def git_changes(
        request: Request, path: Annotated[str, Query()], ref: Annotated[str | None, Query()] = None
    ) -> list[dict[str, str]]:
        try:
            return [change.dump() for change in git_view.changes(_workspace(request), path, ref)]
        except git_view.NotARepository:
            return []
        except git_view.GitFailure as failure:
            raise HTTPException(400, detail=str(failure)) from None

    @router.get("/diff")
    async def git_diff(
        request: Request,
        path: Annotated[str, Query()],
        ref: Annotated[str | None, Query()] = None,
        commit: Annotated[str | None, Query(pattern=SHA_PATTERN)] = None,
    ) -> dict[str, Any]:
        if ref is not None and commit is not None:
            raise HTTPException(400, detail="'ref' and 'commit' are mutually exclusive")
        try:
            if commit is not None:
                return git_view.commit_diff(_workspace(request), path, commit)
            return git_view.diff(_workspace(request), path, ref)
        except git_view.NotARepository:
            return {"modified": None, "original": None}
        except git_view.GitFailure as failure:
            raise HTTPException(400, detail=str(failure)) from None

    @router.get("/commits")
    async def git_commits(
        request: Request, path: Annotated[str, Query()], limit: Annotated[int, Query(ge=1, le=200)] = 50
    ) -> dict[str, Any]:
        try:
            return git_view.commits(_workspace(request), path, limit)
        except git_view.NotARepository:
            return {"commits": [], "has_more": False}

    @router.get("/commits/{sha}/changes")
    async def git_commit_changes(
        request: Request, sha: Annotated[str, PathParam(pattern=SHA_PATTERN)], path: Annotated[str, Query()]
    ) -> list[dict[str, str]]:
        try:
            return [change.dump() for change in git_view.commit_changes(_workspace(request), path, sha)]
        except git_view.NotARepository:
            return []
        except git_view.GitFailure as failure:
            raise HTTPException(400, detail=str(failure)) from None

    return router


router = build_router("/api/git", dependencies=[])
runtime_router = build_router(
    "/api/conversations/{runtime_conversation_id}/git", dependencies=[Depends(bind_runtime_conversation)]
)
