"""The inspector page at ``<control prefix>/ui``: a browser view of the mock, from package data.

The page is static (no build step, nothing fetched from elsewhere, so it works offline). It holds
no data of its own: it reads and drives the mock through the agent API, the events socket and the
control API, sending the session key the user enters. So the page itself needs no key, while
every call it makes does (the control guard's host and origin checks still apply to the page).
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

ASSETS = {"inspector.js": "text/javascript", "inspector.css": "text/css"}
"""The page's own files, besides ``index.html``."""
UI_PATH = "/ui"


def _read(name: str) -> bytes:
    return resources.files("mockserver.control").joinpath("ui", name).read_bytes()


def build_router(prefix: str) -> APIRouter:
    """``GET {prefix}/ui`` (the page) and ``GET {prefix}/ui/{asset}`` (its script and style)."""
    router = APIRouter(prefix=prefix + UI_PATH, include_in_schema=False)

    @router.get("")
    async def page() -> HTMLResponse:
        return HTMLResponse(_read("index.html"), headers={"Cache-Control": "no-store"})

    @router.get("/{asset}")
    async def asset(asset: str) -> Response:
        if asset not in ASSETS:
            raise HTTPException(404, detail=f"no inspector file {asset!r}")
        return Response(_read(asset), media_type=ASSETS[asset], headers={"Cache-Control": "no-store"})

    return router


def is_page_request(prefix: str, method: str, path: str) -> bool:
    """A GET of the page or one of its files: the one control request that needs no key."""
    base = prefix + UI_PATH
    return method in ("GET", "HEAD") and (path == base or path.startswith(base + "/"))
