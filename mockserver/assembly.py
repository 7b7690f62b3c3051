"""Assemble the full mock application: routes, sockets, control API, auth, error handlers,
CORS, faults, journal, strict mode.

This is the heavy part (FastAPI, and routes typed with the generated models); the app the server
runs, :class:`mockserver.app.MockApp`, builds it once, off the start-up path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
import uuid
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from contract.spec.documents import effective_spec
from contract.wire_rules import RealModelFailure, unhashable_tag_failure
from mockserver import sockets
from mockserver.config import MockConfig
from mockserver.control import inspector
from mockserver.control import routes as control
from mockserver.control.guard import ControlGuardMiddleware
from mockserver.control.recorder import Recorders
from mockserver.cors import CORSDispatcher
from mockserver.deferred_init import DormantGate
from mockserver.redact import sanitize_validation_errors
from mockserver.routes import (
    agent_profiles,
    bash,
    catalogs,
    docs,
    files,
    gateway,
    generic,
    git,
    health,
    init,
    meta_profiles,
    profiles,
    provider_connections,
    settings,
    workspace_site,
)
from mockserver.routes import conversations as rest
from mockserver.state import MockState
from mockserver.strict import StrictContractMiddleware, StrictFrames

# uvicorn's own logger, so mock bugs are visible in the server log without a custom handler.
logger = logging.getLogger("uvicorn.error")
# The real server's own 500s, reproduced on purpose: not mock bugs, so not logged as tracebacks.
REPRODUCED_FAILURES = (ValueError, RealModelFailure)


class _QuietReproducedFailures(logging.Filter):
    """Drops uvicorn's "Exception in ASGI application" record for a reproduced real 500.

    Starlette re-raises after the catch-all handler has answered (as on the real server), so
    uvicorn would log every such 500 with a traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        failure = record.exc_info[1] if record.exc_info else None
        return not isinstance(failure, REPRODUCED_FAILURES)


def _quiet_reproduced_failures() -> None:
    if not any(isinstance(f, _QuietReproducedFailures) for f in logger.filters):
        logger.addFilter(_QuietReproducedFailures())


async def _check_session_api_key(request: Request) -> None:
    """Router-level dependency, as in dependencies.py: runs before path and body validation.

    ``async`` so FastAPI calls it on the event loop; a plain function would be sent to the
    thread pool on every request (about 30% of the mock's CPU per request)."""
    keys = request.app.state.mock.config.api_keys
    if request.app.state.mock.faults.skip_auth:  # fault knob (checker mutation tests): auth not enforced
        return
    if keys and request.headers.get("x-session-api-key") not in keys:
        raise HTTPException(401, detail="Unauthorized")


async def _check_session_key_or_bearer(request: Request) -> None:
    """The OpenAI-compatible gateway's ``check_openai_api_key``: the session key in
    ``X-Session-API-Key`` or as an ``Authorization: Bearer`` token."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token in request.app.state.mock.config.api_keys:
        return
    await _check_session_api_key(request)


def _add_exception_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        if exc.status_code >= 500:
            # The real handler hides 5xx details in "exception" and adds no error_id.
            body = {"detail": "Internal Server Error", "exception": f"{exc.status_code}: {exc.detail}"}
            return JSONResponse(body, status_code=exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        if not isinstance(exc, REPRODUCED_FAILURES):
            logger.error(
                "mock server error on %s %s\n%s",
                request.method,
                request.url.path,
                "".join(traceback.format_exception(exc)),
            )
        body = {"detail": "Internal Server Error", "exception": str(exc), "error_id": uuid.uuid4().hex}
        return JSONResponse(body, status_code=500)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        if request.app.state.mock.faults.accept_null and errors and all(e.get("input", 0) is None for e in errors):
            return JSONResponse({"success": True})  # fault knob (checker mutation tests): nulls accepted
        failure = unhashable_tag_failure(errors)
        if failure is not None:
            return await unhandled(request, failure)
        try:
            return JSONResponse({"detail": sanitize_validation_errors(errors)}, status_code=422)
        except TypeError as exc:
            # A body that is not JSON leaves bytes in the errors' "input": the real server's
            # handler fails to render them the same way, and answers this 500.
            return await unhandled(request, RealModelFailure(str(exc)))

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unhandled)
    _quiet_reproduced_failures()


class FramesBeforeResponse:
    """A request's own frames reach every socket before its response, as on the real server.

    The server publishes a request's events (a message, its state updates, a pause snapshot)
    to every subscriber synchronously inside the handler; a client therefore sees them before
    the HTTP response. The mock queues them per socket, so the response waits (bounded, a gone
    or stalled client must not hold it) until every socket has written what was queued.
    """

    DRAIN_BOUND_S = 2.0

    def __init__(self, app: ASGIApp, state: MockState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return

        async def send_after_frames(message: Any) -> None:
            if message["type"] == "http.response.start":
                drains = [s.drained() for s in list(self.state.sockets.values()) if s.drained is not None]
                if drains:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(asyncio.gather(*drains), self.DRAIN_BOUND_S)
            await send(message)

        await self.app(scope, receive, send_after_frames)


class FaultAndJournalMiddleware:
    """Applies route latency and forced responses, and journals every HTTP request."""

    def __init__(self, app: ASGIApp, state: MockState):
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.state.config.control_prefix):
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        delay = self.state.faults.latency_for(path)
        if delay:
            await asyncio.sleep(delay / 1000)
        forced = self.state.faults.forced_for(method, path)
        if forced is not None:
            body = (
                forced.body
                if forced.body is not None
                else {"detail": f"forced {forced.status} by the mock's fault injection"}
            )
            self.state.journal.http(method, path, forced.status)
            await JSONResponse(body, status_code=forced.status)(scope, receive, send)
            return
        status: dict[str, int] = {}

        async def record(message: Any) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, record)
        self.state.journal.http(method, path, status.get("code", 0))


def build_app(config: MockConfig, started: float) -> FastAPI:
    """The full mock agent-server application (``started``: the server's start, epoch seconds)."""
    state = MockState(config)
    # The agent-server documents are the real server's (routes/docs.py), not FastAPI's view of the mock.
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.state.mock = state
    state.observers.add(StrictFrames(state))
    app.include_router(health.router(config, started))
    app.include_router(init.router)  # its own key (X-Init-API-Key), not the session key
    app.include_router(rest.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(sockets.router)
    app.include_router(bash.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(bash.runtime_router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(files.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(files.runtime_router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(files.discovery_router, dependencies=[Depends(_check_session_api_key)])
    # The static site also takes the workspace-session cookie, as its operations list it.
    site_operation = effective_spec()["paths"][workspace_site.ROOT_PATH]["get"]
    app.include_router(
        workspace_site.router,
        dependencies=generic.auth_dependencies(effective_spec(), site_operation, _check_session_api_key),
    )
    app.include_router(git.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(git.runtime_router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(settings.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(profiles.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(agent_profiles.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(meta_profiles.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(provider_connections.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(catalogs.router, dependencies=[Depends(_check_session_api_key)])
    app.include_router(gateway.router, dependencies=[Depends(_check_session_key_or_bearer)])
    control_router = control.build_router(config.control_prefix, Recorders(state))
    control_openapi = docs.control_document(control_router)

    @control_router.get("/openapi.json", include_in_schema=False)
    async def control_api_document() -> JSONResponse:
        return JSONResponse(control_openapi)

    app.include_router(docs.router())
    app.include_router(control_router)
    app.include_router(inspector.build_router(config.control_prefix))
    app.include_router(generic.build_router(app, _check_session_api_key))  # last: never shadows the above
    _add_exception_handlers(app)
    app.add_middleware(FramesBeforeResponse, state=state)
    app.add_middleware(DormantGate, initialization=lambda: state.initialization)
    app.add_middleware(StrictContractMiddleware, state=state)
    app.add_middleware(FaultAndJournalMiddleware, state=state)
    app.add_middleware(ControlGuardMiddleware, config=lambda: state.config)
    app.add_middleware(CORSDispatcher, config=lambda: state.config)  # outermost, as on the real server
    return app
