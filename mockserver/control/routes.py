"""The control API under a reserved prefix (default ``/_mock``), outside the agent-server namespace.

Load and select scenarios, reset, inject events, force a status, read the journal, arm faults,
and the hook routes (triggers, actions, trace) of :mod:`mockserver.control.recorder`. Bodies are
the shared models of :mod:`contract.spec.control_api`.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request

from contract.harness.scenario import ScenarioError, conversation_body, parse_scenario
from contract.spec.control_api import (
    ActionFired,
    ActRequest,
    CannedOperation,
    CannedReport,
    ConversationScenario,
    DefaultScenario,
    FaultSettings,
    FaultState,
    ForceStatus,
    InjectEvent,
    JournalEntry,
    ResetDone,
    ScenarioList,
    ScenarioLoaded,
    SelectScenario,
    StatusForced,
    Trace,
    TriggerList,
    TriggersArmed,
)
from mockserver.control.recorder import ConversationRecorder, Recorders
from mockserver.state import MockState
from mockserver.store import Conversation

NOWHERE_LLM = "http://127.0.0.1:9/v1"
"""The agent LLM of a start body the control API hands out: the mock plays the scenario tag and
never calls it (nothing listens on port 9, so a real server given the body fails fast)."""


def _state(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


def _conversation(request: Request, conversation_id: UUID) -> Conversation:
    conversation = _state(request).store.get(conversation_id)
    if conversation is None:
        raise HTTPException(404, detail=f"Conversation not found: {conversation_id}")
    return conversation


def _scenario(state: MockState, name: str) -> str:
    if name not in state.scenarios:
        raise HTTPException(404, detail=f"unknown scenario {name!r}")
    return name


def build_router(prefix: str, recorders: Recorders) -> APIRouter:
    """The control routes, mounted at ``prefix``; the hook routes use ``recorders``."""
    router = APIRouter(prefix=prefix, tags=["mock control"])

    def recorder(request: Request, conversation_id: UUID) -> ConversationRecorder:
        return recorders.of(_conversation(request, conversation_id))

    @router.get("/scenarios")
    async def list_scenarios(request: Request) -> ScenarioList:
        state = _state(request)
        return ScenarioList(
            default=state.default_scenario, scenarios={n: s.description for n, s in sorted(state.scenarios.items())}
        )

    @router.get("/scenarios/{name}/start")
    async def start_body(request: Request, name: str) -> dict[str, Any]:
        """The ``POST /api/conversations`` body that plays scenario ``name`` (tagged with it)."""
        scenario = _state(request).scenarios[_scenario(_state(request), name)]
        return conversation_body(NOWHERE_LLM, scenario, tag_scenario=True)

    @router.post("/scenarios", status_code=201)
    async def load_scenario(request: Request, body: dict[str, Any]) -> ScenarioLoaded:
        try:
            scenario = parse_scenario(body, "request body")
        except ScenarioError as exc:
            raise HTTPException(422, detail=str(exc)) from None
        _state(request).add_scenario(scenario)
        return ScenarioLoaded(loaded=scenario.name)

    @router.put("/scenario")
    async def select_default(request: Request, body: SelectScenario) -> DefaultScenario:
        state = _state(request)
        state.default_scenario = _scenario(state, body.name)
        return DefaultScenario(default=body.name)

    @router.put("/conversations/{conversation_id}/scenario")
    async def select_for_conversation(
        request: Request, conversation_id: UUID, body: SelectScenario
    ) -> ConversationScenario:
        state = _state(request)
        conversation = _conversation(request, conversation_id)
        conversation.run.select(state.scenarios[_scenario(state, body.name)])
        return ConversationScenario(conversation_id=str(conversation_id), scenario=body.name)

    @router.get("/canned")
    async def canned(request: Request) -> CannedReport:
        """The operations answered without state (the rest of the API is simulated)."""
        operations = getattr(request.app.state, "canned_operations", [])
        return CannedReport(operations=[CannedOperation(**op) for op in operations])

    @router.post("/reset")
    async def reset(request: Request) -> ResetDone:
        _state(request).reset()
        return ResetDone()

    @router.get("/journal")
    async def journal(request: Request, channel: Literal["http", "ws"] | None = None) -> list[JournalEntry]:
        return [JournalEntry(**entry) for entry in _state(request).journal.entries(channel)]

    @router.get("/faults")
    async def get_faults(request: Request) -> FaultState:
        return _state(request).faults.describe()

    @router.post("/faults")
    async def set_faults(request: Request, body: FaultSettings) -> FaultState:
        state = _state(request)
        state.faults.apply(body)
        if body.drop_sockets is not None:
            for socket in list(state.sockets.values()):
                await socket.close(body.drop_sockets)
        return state.faults.describe()

    @router.delete("/faults")
    async def clear_faults(request: Request) -> FaultState:
        state = _state(request)
        state.faults.clear()
        return state.faults.describe()

    @router.post("/conversations/{conversation_id}/events", status_code=201)
    async def inject_event(request: Request, conversation_id: UUID, body: InjectEvent) -> dict[str, Any]:
        conversation = _conversation(request, conversation_id)
        if body.validate_event:
            from contract.spec.events import EventValidationError, parse_event

            try:
                parse_event({"id": "injected", "timestamp": "", **body.event})
            except (EventValidationError, ValueError) as exc:
                raise HTTPException(422, detail=str(exc)) from None
        return conversation.emit(body.event, persist=body.persist)

    @router.post("/conversations/{conversation_id}/status")
    async def force_status(request: Request, conversation_id: UUID, body: ForceStatus) -> StatusForced:
        conversation = _conversation(request, conversation_id)
        conversation.set_state("execution_status", body.status)
        if body.snapshot:
            conversation.snapshot()
        return StatusForced(execution_status=conversation.status)

    @router.post("/conversations/{conversation_id}/triggers")
    async def set_triggers(request: Request, conversation_id: UUID, body: TriggerList) -> TriggersArmed:
        return TriggersArmed(armed=recorder(request, conversation_id).arm(body.triggers))

    @router.post("/conversations/{conversation_id}/act")
    async def act(request: Request, conversation_id: UUID, body: ActRequest) -> ActionFired:
        hooks = recorder(request, conversation_id)
        hooks.perform(body.do, body.label)
        return ActionFired(fired=len(hooks.fired))

    @router.get("/conversations/{conversation_id}/trace")
    async def trace(request: Request, conversation_id: UUID, since: int = 0) -> Trace:
        return recorder(request, conversation_id).trace(since)

    return router
