"""File upload and download over the mock's in-memory host files (nothing touches the disk):
``/api/file/*`` and each conversation's runtime scope ``/api/conversations/{id}/file/*``.

The files are the store's ``host_files``, the same ones the agents' file_editor works on, so a
file an agent created can be downloaded and an uploaded file edited. Statuses and details are
file_router.py's (``_upload_file``, ``_download_file``); the runtime scope also refuses a path
outside the conversation's workspace (``bind_runtime_conversation``).
"""

from __future__ import annotations

import posixpath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response

from contract.generated import models
from mockserver.routes.generic import bind_runtime_conversation
from mockserver.state import MockState

# Bytes stay as they were: decoded with surrogateescape, encoded back the same way.
ENCODING, ERRORS = "utf-8", "surrogateescape"


def _files(request: Request) -> dict[str, str]:
    state: MockState = request.app.state.mock
    return state.store.host_files


def _is_directory(files: dict[str, str], path: str) -> bool:
    prefix = path.rstrip("/") + "/"
    return any(name.startswith(prefix) for name in files)


def _absolute(path: str) -> str:
    if not posixpath.isabs(path):
        raise HTTPException(400, detail="Path must be absolute")
    return posixpath.normpath(path)


def build_router(prefix: str, *, dependencies: list[Any]) -> APIRouter:
    """The upload and download routes under ``prefix``."""
    router = APIRouter(prefix=prefix, dependencies=dependencies)

    @router.post("/upload")
    async def upload_file(
        request: Request, path: Annotated[str, Query()], file: Annotated[UploadFile, File()]
    ) -> dict[str, Any]:
        target, files = _absolute(path), _files(request)
        if _is_directory(files, target):
            raise HTTPException(400, detail="Path is a directory")
        parents = [posixpath.dirname(target)]
        while parents[-1] != "/":
            parents.append(posixpath.dirname(parents[-1]))
        if any(parent in files for parent in parents):
            raise HTTPException(400, detail="A parent of the path is not a directory")
        content = await file.read()
        files[target] = content.decode(ENCODING, ERRORS)
        return models.FileUploadResult(file_size=len(content)).model_dump(mode="json")

    @router.get("/download")
    async def download_file(request: Request, path: Annotated[str, Query()]) -> Response:
        target, files = _absolute(path), _files(request)
        if target not in files:
            if _is_directory(files, target):
                raise HTTPException(400, detail="Path is not a file")
            raise HTTPException(404, detail="File not found")
        name = posixpath.basename(target)
        return Response(
            files[target].encode(ENCODING, ERRORS),
            media_type="application/octet-stream",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    return router


router = build_router("/api/file", dependencies=[])
runtime_router = build_router(
    "/api/conversations/{runtime_conversation_id}/file", dependencies=[Depends(bind_runtime_conversation)]
)
