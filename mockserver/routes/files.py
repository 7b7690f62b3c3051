"""The file routes over the mock's in-memory workspace (nothing touches the disk): upload,
download, ``create_directory`` and ``archive`` under ``/api/file`` and each conversation's runtime
scope ``/api/conversations/{id}/file``.

The files are the store's workspace, the same ones the agents' file_editor works on and the git
routes compare, so a file an agent created can be downloaded and an uploaded file edited.
Statuses and details are file_router.py's; a path outside what the mock holds is a missing
path (the real server would open the host's file), and the runtime scope also refuses a path
outside the conversation's workspace (``bind_runtime_conversation``).
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response

from contract.generated import models
from mockserver import archive
from mockserver.routes.generic import bind_runtime_conversation
from mockserver.state import MockState
from mockserver.workspace import ENCODING, ERRORS, Workspace


def _workspace(request: Request) -> Workspace:
    state: MockState = request.app.state.mock
    return state.store.workspace


def _absolute(path: str) -> str:
    if not posixpath.isabs(path):
        raise HTTPException(400, detail="Path must be absolute")
    return posixpath.normpath(path)


def _directory(workspace: Workspace, path: str) -> str:
    """An existing directory the request names (404 missing, 400 a file), as file_router's
    directory routes check it."""
    target = _existing(workspace, path)
    if target is None:
        raise HTTPException(404, detail="Directory not found")
    if not workspace.is_dir(target):
        raise HTTPException(400, detail="Path is not a directory")
    return target


def _existing(workspace: Workspace, path: str) -> str | None:
    """The absolute path the request names, or None when it names nothing the mock holds."""
    if not posixpath.isabs(path):
        raise HTTPException(400, detail="Path must be absolute")
    resolved = workspace.resolve(path)
    return resolved if resolved is not None and workspace.exists(resolved) else None


def build_router(prefix: str, *, dependencies: list[Any]) -> APIRouter:
    """The upload and download routes under ``prefix``."""
    router = APIRouter(prefix=prefix, dependencies=dependencies)

    @router.post("/upload")
    async def upload_file(
        request: Request, path: Annotated[str, Query()], file: Annotated[UploadFile, File()]
    ) -> dict[str, Any]:
        target, workspace = _absolute(path), _workspace(request)
        content = await file.read()
        try:
            workspace.write(target, content.decode(ENCODING, ERRORS))
        except IsADirectoryError:
            raise HTTPException(400, detail="Path is a directory") from None
        except NotADirectoryError:
            raise HTTPException(400, detail="A parent of the path is not a directory") from None
        return models.FileUploadResult(file_size=len(content)).model_dump(mode="json")

    @router.get("/download")
    async def download_file(request: Request, path: Annotated[str, Query()]) -> Response:
        workspace = _workspace(request)
        target = _existing(workspace, path)
        if target is None:
            raise HTTPException(404, detail="File not found")
        if not workspace.is_file(target):
            raise HTTPException(400, detail="Path is not a file")
        name = posixpath.basename(target)
        return Response(
            workspace.files[target].encode(ENCODING, ERRORS),
            media_type="application/octet-stream",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    @router.post("/create_directory")
    async def create_directory(request: Request, path: Annotated[str, Query()]) -> dict[str, Any]:
        target = _absolute(path)
        try:
            _workspace(request).make_directory(target)
        except (FileExistsError, NotADirectoryError):
            raise HTTPException(400, detail="Path exists and is not a directory") from None
        return models.Success().model_dump(mode="json")

    @router.get("/archive")
    async def archive_directory(
        request: Request,
        path: Annotated[str, Query()],
        archive_format: Annotated[Literal["git-delta", "tar.gz"], Query(alias="format")] = "git-delta",
        base_ref: Annotated[str | None, Query()] = None,
        use_default_excludes: Annotated[bool, Query()] = True,
        exclude: Annotated[list[str] | None, Query()] = None,
    ) -> Response:
        workspace = _workspace(request)
        target = _directory(workspace, path)
        if base_ref is not None and base_ref.startswith("-"):
            raise HTTPException(400, detail="base_ref must not start with '-'")
        try:
            built = archive.build(
                workspace,
                target,
                archive_format,
                base_ref=base_ref,
                use_default_excludes=use_default_excludes,
                exclude=exclude,
            )
        except archive.ArchiveRefused as refused:
            raise HTTPException(400, detail=str(refused)) from None
        headers = {"content-disposition": f'attachment; filename="{built.filename}"', **built.headers}
        return Response(built.body, media_type=built.media_type, headers=headers)

    return router


discovery_router = APIRouter(prefix="/api/file")


@discovery_router.get("/search_subdirs")
async def search_subdirs(
    request: Request,
    path: Annotated[str, Query()],
    page_id: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(gt=0, le=100)] = 100,
    include_hidden: Annotated[bool, Query()] = False,
) -> dict[str, Any]:
    """The workspace picker's listing (``file_router.search_subdirs``): immediate
    subdirectories, sorted case-insensitively, paged by the name of the next one."""
    workspace = _workspace(request)
    target = _directory(workspace, path)
    names = sorted(
        (name for name in workspace.directories(target) if "/" not in name and (include_hidden or name[0] != ".")),
        key=lambda name: (name.lower(), name),
    )
    start = 0
    if page_id in names:
        start = names.index(page_id)
    elif page_id:
        start = next((i for i, name in enumerate(names) if name.lower() == page_id), 0)
    page = names[start : start + limit]
    following = names[start + limit] if start + limit < len(names) else None
    return {
        "items": [{"name": name, "path": str(PurePosixPath(path) / name)} for name in page],
        "next_page_id": following,
    }


router = build_router("/api/file", dependencies=[])
runtime_router = build_router(
    "/api/conversations/{runtime_conversation_id}/file", dependencies=[Depends(bind_runtime_conversation)]
)
