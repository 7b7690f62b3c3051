"""The static catalogs, as the pinned server lists them (``contract/spec/catalog.json``, exported
with the spec): ``/api/llm`` (LiteLLM's providers and models, the verified models, the ChatGPT
subscription models; ``?provider=`` filters as ``llm_router.list_models`` does) and ``/api/tools``
(the registered tools; the catalog of a server without a browser)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from contract.spec.documents import catalog

router = APIRouter(prefix="/api")


@router.get("/tools/")
async def list_available_tools() -> JSONResponse:
    return JSONResponse(catalog()["tools"]["registered"])


@router.get("/tools/catalog")
async def get_tool_catalog() -> JSONResponse:
    return JSONResponse({"tools": catalog()["tools"]["catalog"]})


@router.get("/llm/providers")
async def list_providers() -> JSONResponse:
    return JSONResponse({"providers": catalog()["llm"]["providers"]})


@router.get("/llm/models")
async def list_models(provider: str | None = None) -> JSONResponse:
    llm = catalog()["llm"]
    found = llm["models"] if provider is None else llm["models_by_provider"].get(provider, [])
    return JSONResponse({"models": found})


@router.get("/llm/models/verified")
async def list_verified_models() -> JSONResponse:
    return JSONResponse({"models": catalog()["llm"]["verified"]})


@router.get("/llm/subscription/openai/models")
async def list_openai_subscription_models() -> JSONResponse:
    return JSONResponse(catalog()["llm"]["subscription_openai"])
