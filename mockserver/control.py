"""Control API under a reserved prefix (default ``/_mock``), outside the agent-server namespace.

Load and select scenarios, reset, inject events, force a status, read the journal, arm faults.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict

from contract.events import EventValidationError, parse_event
from contract.scenario import ScenarioError, parse_scenario
from mockserver.faults import FaultSettings
from mockserver.state import MockState

Status = Literal["idle", "running", "paused", "waiting_for_confirmation", "finished", "error", "stuck"]


class SelectScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


class ForceStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Status
    snapshot: bool = True


class InjectEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: dict[str, Any]
    persist: bool = True
    validate_event: bool = True


def _state(request: Request) -> MockState:
    return request.app.state.mock


def _conversation(request: Request, conversation_id: UUID):
    conversation = _state(request).store.get(conversation_id)
    if conversation is None:
        raise HTTPException(404, detail=f"Conversation not found: {conversation_id}")
    return conversation


def build_router(prefix: str) -> APIRouter:
    """The control routes, mounted at ``prefix``."""
    router = APIRouter(prefix=prefix, tags=["mock control"])

    @router.get("/scenarios")
    async def list_scenarios(request: Request) -> dict[str, Any]:
        state = _state(request)
        return {"default": state.default_scenario, "scenarios": {n: s.description for n, s in sorted(state.scenarios.items())}}

    @router.post("/scenarios", status_code=201)
    async def load_scenario(request: Request, body: dict[str, Any]) -> dict[str, Any]:
        try:
            scenario = parse_scenario(body, "request body")
        except ScenarioError as exc:
            raise HTTPException(422, detail=str(exc)) from None
        _state(request).scenarios[scenario.name] = scenario
        return {"loaded": scenario.name}

    @router.put("/scenario")
    async def select_default(request: Request, body: SelectScenario) -> dict[str, Any]:
        state = _state(request)
        if body.name not in state.scenarios:
            raise HTTPException(404, detail=f"unknown scenario {body.name!r}")
        state.default_scenario = body.name
        return {"default": body.name}

    @router.put("/conversations/{conversation_id}/scenario")
    async def select_for_conversation(request: Request, conversation_id: UUID, body: SelectScenario) -> dict[str, Any]:
        state = _state(request)
        conversation = _conversation(request, conversation_id)
        if body.name not in state.scenarios:
            raise HTTPException(404, detail=f"unknown scenario {body.name!r}")
        conversation.scenario = state.scenarios[body.name]
        conversation.turn = 0
        return {"conversation_id": str(conversation_id), "scenario": body.name}

    @router.post("/reset")
    async def reset(request: Request) -> dict[str, Any]:
        _state(request).reset()
        return {"reset": True}

    @router.get("/journal")
    async def journal(request: Request, channel: Literal["http", "ws"] | None = None) -> list[dict[str, Any]]:
        return _state(request).journal.entries(channel)

    @router.get("/faults")
    async def get_faults(request: Request) -> dict[str, Any]:
        return _state(request).faults.describe()

    @router.post("/faults")
    async def set_faults(request: Request, body: FaultSettings) -> dict[str, Any]:
        state = _state(request)
        state.faults.apply(body)
        if body.drop_sockets is not None:
            for socket in list(state.sockets.values()):
                try:
                    await socket.close(code=body.drop_sockets)
                except Exception:  # noqa: BLE001 - already closing
                    pass
        return state.faults.describe()

    @router.delete("/faults")
    async def clear_faults(request: Request) -> dict[str, Any]:
        state = _state(request)
        state.faults.clear()
        return state.faults.describe()

    @router.post("/conversations/{conversation_id}/events", status_code=201)
    async def inject_event(request: Request, conversation_id: UUID, body: InjectEvent) -> dict[str, Any]:
        conversation = _conversation(request, conversation_id)
        if body.validate_event:
            try:
                parse_event({"id": "injected", "timestamp": "", **body.event})
            except (EventValidationError, ValueError) as exc:
                raise HTTPException(422, detail=str(exc)) from None
        return conversation.emit(body.event, persist=body.persist)

    @router.post("/conversations/{conversation_id}/status")
    async def force_status(request: Request, conversation_id: UUID, body: ForceStatus) -> dict[str, Any]:
        conversation = _conversation(request, conversation_id)
        conversation.set_state("execution_status", body.status)
        if body.snapshot:
            conversation.snapshot()
        return {"execution_status": conversation.status}

    return router
