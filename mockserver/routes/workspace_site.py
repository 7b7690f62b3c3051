"""``/api/conversations/{id}/workspace[/{file_path}]``: a conversation's working dir served as a
static site from the mock's workspace (``workspace_router.py``): a file with the type its name
implies, a directory's ``index.html``, 404 for anything else, 400 for a path leaving the dir.
"""

from __future__ import annotations

import mimetypes
import posixpath
import uuid

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from mockserver.state import MockState
from mockserver.workspace import ENCODING, ERRORS, Workspace, absolute, under

# Python's own table, without reading the host's mime.types files (the real server reads them;
# for common names the answers agree).
TYPES = mimetypes.MimeTypes()

router = APIRouter(prefix="/api/conversations")
ROOT_PATH = "/api/conversations/{conversation_id}/workspace"


def _workspace_dir(request: Request, conversation_id: uuid.UUID) -> tuple[Workspace, str]:
    state: MockState = request.app.state.mock
    conversation = state.store.get(conversation_id)
    if conversation is None:
        raise HTTPException(404, detail=f"Conversation not found: {conversation_id}")
    workspace = state.store.workspace
    root = absolute(str((conversation.state.get("workspace") or {}).get("working_dir") or ""))
    if not workspace.is_dir(root):
        raise HTTPException(404, detail="Workspace directory does not exist")
    return workspace, root


def _serve(workspace: Workspace, root: str, file_path: str) -> Response:
    target = posixpath.normpath(posixpath.join(root, file_path))
    if not under(target, root):
        raise HTTPException(400, detail="Path is outside the workspace")
    if workspace.is_dir(target):
        target = posixpath.join(target, "index.html")
        if not workspace.is_file(target):
            raise HTTPException(404, detail="No index.html in directory")
    elif not workspace.is_file(target):
        raise HTTPException(404, detail="File not found")
    media_type = TYPES.guess_type(target)[0] or "text/plain"
    return Response(workspace.files[target].encode(ENCODING, ERRORS), media_type=media_type)


@router.get("/{conversation_id}/workspace")
async def serve_workspace_root(request: Request, conversation_id: uuid.UUID) -> Response:
    """The working dir's ``index.html``."""
    return _serve(*_workspace_dir(request, conversation_id), "")


@router.get("/{conversation_id}/workspace/{file_path:path}")
async def serve_workspace_file(request: Request, conversation_id: uuid.UUID, file_path: str) -> Response:
    """A file of the working dir, or a directory's ``index.html``."""
    return _serve(*_workspace_dir(request, conversation_id), file_path)
