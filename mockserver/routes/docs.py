"""The documents a running server publishes about itself.

The real server serves its own OpenAPI document at ``/openapi.json`` (the pinned spec is that
document) and FastAPI's Swagger UI and ReDoc pages titled "OpenHands Agent Server"; the mock
serves the same, so client generators and typed frontends read the agent-server API from the
mock exactly as from the real server. The control API documents itself apart, under its prefix.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse

from contract import __version__
from contract.spec.documents import pinned_spec

REAL_TITLE = "OpenHands Agent Server"  # create_app()'s FastAPI title
OPENAPI_URL = "/openapi.json"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"


def router() -> APIRouter:
    """``/openapi.json``, ``/docs``, ``/docs/oauth2-redirect`` and ``/redoc``, as the real server."""
    docs = APIRouter(include_in_schema=False)

    @docs.get(OPENAPI_URL)
    async def openapi() -> JSONResponse:
        return JSONResponse(pinned_spec())

    @docs.get("/docs")
    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=OPENAPI_URL, title=f"{REAL_TITLE} - Swagger UI", oauth2_redirect_url=OAUTH2_REDIRECT_URL
        )

    @docs.get(OAUTH2_REDIRECT_URL)
    async def oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @docs.get("/redoc")
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=OPENAPI_URL, title=f"{REAL_TITLE} - ReDoc")

    return docs


def control_document(control: APIRouter) -> dict[str, Any]:
    """The control API's own OpenAPI document (served at ``<prefix>/openapi.json``)."""
    return get_openapi(
        title="ohmock control API",
        version=__version__,
        description="The mock's control API: scenarios, faults, journal, injection, triggers.",
        routes=control.routes,
    )
