"""REST routes of the conversation surface, with the real server's statuses and bodies."""

from __future__ import annotations

import enum
import re
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.background import BackgroundTask

from contract.generated import models
from contract.harness.scenario import ScenarioError
from mockserver.clock import Clock
from mockserver.engine import RunCapacityExceeded, RunConflict
from mockserver.profile_store import PROFILE_NAME_PATTERN, PROFILE_NOT_FOUND, canonical_name
from mockserver.settings_store import dump
from mockserver.state import SCENARIO_TAG, MockState
from mockserver.store import Conversation, page, to_server_local

router = APIRouter(prefix="/api/conversations")
SUCCESS = {"success": True}
SortOrder = Literal["CREATED_AT", "UPDATED_AT", "CREATED_AT_DESC", "UPDATED_AT_DESC"]
EventSortOrder = Literal["TIMESTAMP", "TIMESTAMP_DESC"]
# The server types the status filter with its Enum, so bad values fail with type "enum".
Status = enum.Enum(  # type: ignore[misc]  # members built from the list
    "ConversationExecutionStatus",
    {
        s.upper(): s
        for s in ("idle", "running", "paused", "waiting_for_confirmation", "finished", "error", "stuck", "deleting")
    },
    type=str,
)
Limit = Annotated[int, Query(gt=0, le=100)]
NO_AGENT = "One of `agent`, `agent_settings`, or `agent_profile_id` must be provided"


def _state(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


def _conversation(request: Request, conversation_id: UUID) -> Conversation:
    conversation = _state(request).store.get(conversation_id)
    if conversation is None:
        raise HTTPException(404)
    return conversation


def _event_service(request: Request, conversation_id: UUID) -> Conversation:
    """The server's ``get_event_service`` dependency: a more specific 404, and (being a
    dependency) it answers before the route's own query and body are validated."""
    conversation = _state(request).store.get(conversation_id)
    if conversation is None:
        raise HTTPException(404, detail=f"Conversation not found: {conversation_id}")
    return conversation


EventConversation = Annotated[Conversation, Depends(_event_service)]


def _dump(model: BaseModel) -> dict[str, Any]:
    dumped: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return dumped


def _strip_none(event: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if v is not None}


def _value_error(loc: list[str | int], message: str, value: Any) -> RequestValidationError:
    """A 422 shaped like a pydantic model validator's failure inside FastAPI's body check."""
    return RequestValidationError(
        [
            {
                "type": "value_error",
                "loc": loc,
                "msg": f"Value error, {message}",
                "input": value,
                "ctx": {"error": message},
            }
        ]
    )


SERVED_SUB_OBJECTS = ("workspace", "confirmation_policy", "security_analyzer", "hook_config")


def _agent_as_served(agent: Any, settings: dict[str, Any] | None, clock: Clock) -> dict[str, Any]:
    """The agent with every default filled in, as the server's Agent model dumps it.

    A conversation started from ``agent_settings`` or a profile gets a plain Agent built from
    the settings' LLM model (the real server materializes one the same way).
    """
    if agent is None:
        llm = (settings or {}).get("llm") or {}
        agent = models.AgentBaseInput.model_validate(
            {"kind": "Agent", "llm": {"model": llm.get("model") or "mock-model", "usage_id": "agent"}}
        )
    served: dict[str, Any] = _as_served(agent.root)
    context = getattr(agent.root, "agent_context", None)
    if context is not None and "current_datetime" not in context.model_fields_set:
        # AgentContext.current_datetime's factory is "now": a per-instance default the export omits.
        served["agent_context"]["current_datetime"] = clock.utc_timestamp()
    return served


def _as_served(model: Any) -> Any:
    """A request sub-model (agent, policy, analyzer) as the server's own model dumps it back.

    Defaults filled in (the generated models carry the real factory defaults), nulls kept as the
    REST response models keep them, and computed LLM fields added (``wire_rules.LLMModel``).
    """
    if model is None:
        return None
    dump: Any = model.model_dump(mode="json", by_alias=True)
    return dump


# -- conversations ---------------------------------------------------------------------------


def served_request(state: MockState, body: models.StartConversationRequest) -> dict[str, Any]:
    """A start request with its agent and sub-objects as the server's models dump them back."""
    payload = _dump(body)
    payload["agent"] = _agent_as_served(body.agent, payload.get("agent_settings"), state.clock)
    for key in SERVED_SUB_OBJECTS:  # through the models, with the real defaults: never echoed raw
        if key in payload:
            payload[key] = _as_served(getattr(body, key))
    if body.client_tools:
        # The server registers client tools as agent tools whose params carry the spec.
        payload["client_tools"] = [_as_served(spec) for spec in body.client_tools]
        payload["agent"]["tools"] = [
            *(payload["agent"].get("tools") or []),
            *({"name": spec["name"], "params": {"spec": spec}} for spec in payload["client_tools"]),
        ]
    return payload


def open_conversation(state: MockState, payload: dict[str, Any], scenario: Any = None) -> Conversation:
    """A new conversation from a served start request, its webhook queues opened."""
    requested = payload.get("conversation_id")
    conversation = state.create_conversation(UUID(str(requested)) if requested else None, payload, scenario=scenario)
    state.webhooks.opened(str(conversation.id), conversation.subscriber_snapshot())
    return conversation


@router.post("", status_code=201)
async def start_conversation(request: Request, body: models.StartConversationRequest) -> JSONResponse:
    if not any(getattr(body, k) is not None for k in ("agent", "agent_settings", "agent_profile_id")):
        raise _value_error(["body"], NO_AGENT, await request.json())
    state = _state(request)
    payload = served_request(state, body)
    requested = payload.get("conversation_id")
    if requested is not None:
        existing = state.store.get(UUID(str(requested)))
        if existing is not None:
            return JSONResponse(existing.info(created=True), status_code=200)
    try:
        scenario = state.scenario_for(payload)
    except ScenarioError as exc:  # a mock-only tag: refused with the names it could have been
        tag = (payload.get("tags") or {}).get(SCENARIO_TAG)
        raise _value_error(["body", "tags", SCENARIO_TAG], str(exc), tag) from None
    conversation = open_conversation(state, payload, scenario)
    starter = None
    initial = payload.get("initial_message")
    if initial:
        state.engine.append_user_message(conversation, initial.get("content") or [])
        if initial.get("run", True):
            starter = state.engine.start_run(conversation)
    state.webhooks.changed(conversation.info(created=True))
    return JSONResponse(
        conversation.info(created=True), status_code=201, background=BackgroundTask(starter) if starter else None
    )


@router.get("/search")
async def search_conversations(
    request: Request,
    page_id: str | None = None,
    limit: Limit = 100,
    status: Status | None = None,
    sort_order: SortOrder = "CREATED_AT_DESC",
    include_skills: bool = False,
) -> dict[str, Any]:
    state = _state(request)
    items = state.store.search(status=status.value if status else None, sort_order=sort_order)
    chunk, next_id = page(items, page_id, limit, key=lambda c: c.id.hex, off_by_one=state.faults.cursor_off_by_one)
    return {"items": [c.info() for c in chunk], "next_page_id": next_id}


@router.get("/count")
async def count_conversations(request: Request, status: Status | None = None) -> int:
    return len(_state(request).store.search(status=status.value if status else None, sort_order="CREATED_AT"))


@router.get("")
async def batch_get_conversations(
    request: Request,
    ids: Annotated[list[UUID], Query(max_length=99)],
    include_skills: bool = False,  # validated like the real route (422)
) -> list[dict[str, Any] | None]:
    store = _state(request).store
    return [c.info() if (c := store.get(cid)) else None for cid in ids]


@router.get("/{conversation_id}")
async def get_conversation(request: Request, conversation_id: UUID, include_skills: bool = False) -> dict[str, Any]:
    return _conversation(request, conversation_id).info()


@router.patch("/{conversation_id}")
async def update_conversation(
    request: Request, conversation_id: UUID, body: models.UpdateConversationRequest
) -> dict[str, Any]:
    update = _dump(body)
    title = update.get("title")
    if title is not None and not title.strip():
        raise _value_error(["body", "title"], "title must not be blank", title)
    conversation = _conversation(request, conversation_id)
    if title is not None:
        conversation.meta.title = title.strip()
        conversation.touch()
    if update.get("tags") is not None:
        conversation.set_state("tags", dict(update["tags"]))
    _state(request).webhooks.changed(conversation.info())
    return SUCCESS


@router.delete("/{conversation_id}")
async def delete_conversation(request: Request, conversation_id: UUID) -> dict[str, Any]:
    state = _state(request)
    existing = state.store.get(conversation_id)
    if existing is not None:  # told before it goes, with status "deleting"
        state.webhooks.deleted(str(conversation_id), existing.info())
    conversation = state.store.delete(conversation_id)
    if conversation is None:
        raise HTTPException(404)
    if conversation.run.task is not None:
        conversation.run.task.cancel()
    return SUCCESS


@router.post("/{conversation_id}/fork", status_code=201)
async def fork_conversation(
    request: Request,
    conversation_id: UUID,
    body: Annotated[models.ForkConversationRequest, Body()] = models.ForkConversationRequest(),  # noqa: B008
    include_skills: bool = False,
) -> JSONResponse:
    source = _state(request).store.get(conversation_id)
    if source is None:
        raise HTTPException(404, detail="Source conversation not found")
    wanted = body.model_dump(mode="json")  # plain values (the generated fields are RootModels)
    try:
        fork = _state(request).store.fork(
            source,
            fork_id=UUID(wanted["id"]) if wanted.get("id") else None,
            title=wanted.get("title"),
            tags=wanted.get("tags"),
            reset_metrics=wanted.get("reset_metrics", True),
            from_event_id=wanted.get("from_event_id"),
        )
    except ValueError as exc:
        raise HTTPException(409 if "already exists" in str(exc) else 404, detail=str(exc)) from None
    _state(request).webhooks.opened(str(fork.id), fork.subscriber_snapshot())
    return JSONResponse(fork.info(), status_code=201)


@router.post("/{conversation_id}/children", status_code=201)
async def start_child_conversation(
    request: Request, conversation_id: UUID, body: Annotated[models.StartChildConversationRequest, Body()]
) -> JSONResponse:
    """A child of the conversation with the parent's configuration and workspace, ``task`` as
    its first user message, run once the answer is out (it plays the parent's scenario). The
    mock's workspaces are no git repositories, so a ``worktree`` isolation shares the parent's
    directory, as the real server does then (a 429 when no run slot is left, as there)."""
    state = _state(request)
    parent = state.store.get(conversation_id)
    if parent is None:
        raise HTTPException(404, detail="Parent conversation not found")
    wanted = body.model_dump(mode="json")
    child = state.store.start_child(parent, title=wanted.get("title"))
    state.engine.append_user_message(child, [{"type": "text", "text": wanted["task"]}])
    try:
        starter = reserve_run(state, child)
    except HTTPException:  # nothing persists when the server is full
        state.store.delete(child.id)
        parent.meta.sub_conversation_ids.remove(str(child.id))
        raise
    state.webhooks.opened(str(child.id), child.subscriber_snapshot())
    info = child.info()
    return JSONResponse(
        {
            "conversation_id": str(child.id),
            "parent_conversation_id": str(parent.id),
            "status": info["execution_status"],
            "title": wanted.get("title"),  # the launch-time title, before any autotitle
            "url": None,
            "workspace": info["workspace"]["working_dir"],
            "isolation": "shared",
        },
        status_code=201,
        background=BackgroundTask(starter),
    )


@router.post("/{conversation_id}/navigate")
async def navigate_conversation(
    request: Request, conversation_id: UUID, body: models.NavigateConversationRequest, include_skills: bool = False
) -> dict[str, Any]:
    conversation = _state(request).store.get(conversation_id)
    if conversation is None:
        raise HTTPException(404, detail="Conversation not found")
    try:
        conversation.navigate(body.model_dump(mode="json").get("event_id"))
    except ValueError as exc:
        raise HTTPException(404, detail=str(exc)) from None
    return conversation.info()


# -- the agent's model ---------------------------------------------------------------------------

NOT_ACP = "switch_acp_model is only supported for ACP conversations."
PROFILE_NAME_RULE = (
    "Profile names must be 1-64 characters, start with a letter or digit, and contain only letters, "
    "digits, '.', '_', or '-'."
)


def _without_usage_id(llm: Any) -> Any:
    return {k: v for k, v in llm.items() if k != "usage_id"} if isinstance(llm, dict) else llm


def _switch_llm(conversation: Conversation, llm: dict[str, Any]) -> None:
    """``LocalConversation.switch_llm``: the agent gets ``llm``, and a summarizing condenser that
    ran on the agent's old LLM follows it (keeping its own usage id); one ``agent`` state update."""
    agent = dict(conversation.state["agent"])
    condenser = agent.get("condenser")
    if (
        isinstance(condenser, dict)
        and condenser.get("kind") == "LLMSummarizingCondenser"
        and _without_usage_id(condenser.get("llm")) == _without_usage_id(agent.get("llm"))
    ):
        agent["condenser"] = {**condenser, "llm": {**llm, "usage_id": condenser["llm"].get("usage_id")}}
    agent["llm"] = llm
    conversation.set_state("agent", agent)


@router.post("/{conversation_id}/switch_llm")
async def switch_llm(
    request: Request, conversation_id: UUID, llm: Annotated[models.LLMInput, Body(embed=True)]
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    _switch_llm(conversation, _as_served(llm))
    return SUCCESS


@router.post("/{conversation_id}/switch_profile")
async def switch_profile(
    request: Request, conversation_id: UUID, profile_name: Annotated[str, Body(embed=True)]
) -> dict[str, Any]:
    """``switch_profile``: the saved profile's LLM, registered as ``profile:<name>``."""
    conversation = _conversation(request, conversation_id)
    if not re.match(PROFILE_NAME_PATTERN, canonical_name(profile_name)):
        raise HTTPException(400, detail=f"Invalid profile name: {profile_name!r}. {PROFILE_NAME_RULE}")
    profile = _state(request).profiles.load(profile_name)
    if profile is None:
        raise HTTPException(404, detail=PROFILE_NOT_FOUND.format(profile_name))
    llm = models.LLMInput.model_validate({**dump(profile), "usage_id": f"profile:{profile_name}"})
    _switch_llm(conversation, _as_served(llm))
    return SUCCESS


@router.post("/{conversation_id}/switch_acp_model")
async def switch_acp_model(
    request: Request, conversation_id: UUID, model: Annotated[str, Body(embed=True)]
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    agent = conversation.state["agent"]
    if agent.get("kind") != "ACPAgent":
        raise HTTPException(400, detail=NOT_ACP)
    if not model.strip():
        raise HTTPException(400, detail="model must be a non-empty string")
    conversation.set_state("agent", {**agent, "acp_model": model})
    return SUCCESS


# -- run control -------------------------------------------------------------------------------


def reserve_run(state: MockState, conversation: Conversation) -> Callable[[], Awaitable[None]]:
    """``engine.start_run`` with the real 409 (already running) and 429 (no run slot left)."""
    try:
        return state.engine.start_run(conversation)
    except RunConflict as exc:
        if state.faults.run_conflict_ok:
            return _no_run
        raise HTTPException(409, detail=exc.detail) from None
    except RunCapacityExceeded:
        raise HTTPException(429, detail="Server conversation run capacity is full. Retry later.") from None


async def _no_run() -> None:
    """What the ``run_conflict_ok`` fault starts instead of a second run."""


def _start(request: Request, conversation: Conversation) -> BackgroundTask:
    return BackgroundTask(reserve_run(_state(request), conversation))


@router.post("/{conversation_id}/run")
async def run_conversation(request: Request, conversation_id: UUID) -> JSONResponse:
    conversation = _conversation(request, conversation_id)
    return JSONResponse(SUCCESS, background=_start(request, conversation))


@router.post("/{conversation_id}/pause")
async def pause_conversation(request: Request, conversation_id: UUID) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    await _state(request).engine.pause(conversation)
    _state(request).webhooks.changed(conversation.info())
    return SUCCESS


@router.post("/{conversation_id}/interrupt")
async def interrupt_conversation(request: Request, conversation_id: UUID) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    await _state(request).engine.interrupt(conversation)
    _state(request).webhooks.changed(conversation.info())
    return SUCCESS


@router.post("/{conversation_id}/confirmation_policy")
async def set_confirmation_policy(
    request: Request, conversation_id: UUID, body: models.SetConfirmationPolicyRequest
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    conversation.set_state("confirmation_policy", _as_served(body.policy))
    return SUCCESS


@router.post("/{conversation_id}/security_analyzer")
async def set_security_analyzer(
    request: Request, conversation_id: UUID, body: models.SetSecurityAnalyzerRequest
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    conversation.set_state("security_analyzer", _as_served(body.security_analyzer))
    return SUCCESS


@router.post("/{conversation_id}/secrets")
async def update_secrets(request: Request, conversation_id: UUID, body: models.UpdateSecretsRequest) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    # Kept server-side; never echoed back (the served registry lists names and kinds only).
    conversation.secrets.update(_dump(body).get("secrets") or {})
    return SUCCESS


@router.get("/{conversation_id}/agent_final_response")
async def agent_final_response(request: Request, conversation_id: UUID) -> dict[str, Any]:
    return {"response": _conversation(request, conversation_id).final_response()}


@router.get("/{conversation_id}/runtime")
async def conversation_runtime(request: Request, conversation_id: UUID) -> dict[str, Any]:
    _conversation(request, conversation_id)
    return {"runtime_status": "available", "can_resume": True, "runtime_error": None}


@router.post("/{conversation_id}/ask_agent")
async def ask_agent(request: Request, conversation_id: UUID, body: models.AskAgentRequest) -> dict[str, Any]:
    if _state(request).store.get(conversation_id) is None:
        raise HTTPException(404, detail="Conversation not found")
    return {"response": f"(mock agent) You asked: {body.question}"}


@router.post("/{conversation_id}/condense")
async def condense(request: Request, conversation_id: UUID) -> dict[str, Any]:
    conversation = _state(request).store.get(conversation_id)
    if conversation is None:
        raise HTTPException(404, detail="Conversation not found")
    if not (conversation.state["agent"] or {}).get("condenser"):
        raise HTTPException(409, detail="Cannot condense conversation: No condenser configured")
    return SUCCESS


# -- events ------------------------------------------------------------------------------------


class EventFilters:
    """The filters events/search and events/count share (query parameters, as in event_router.py)."""

    def __init__(
        self,
        kind: str | None = None,
        source: str | None = None,
        body: str | None = None,
        timestamp__gte: datetime | None = None,
        timestamp__lt: datetime | None = None,
    ):
        self.kind, self.source, self.body = kind, source, body
        # The server compares naive server-local strings; aware filter values are converted.
        self.timestamp_gte = to_server_local(timestamp__gte) if timestamp__gte else None
        self.timestamp_lt = to_server_local(timestamp__lt) if timestamp__lt else None

    def apply(self, conversation: Conversation, *, descending: bool = False) -> Iterator[dict[str, Any]]:
        return conversation.find_events(
            kind=self.kind,
            source=self.source,
            body=self.body,
            timestamp_gte=self.timestamp_gte,
            timestamp_lt=self.timestamp_lt,
            descending=descending,
        )


@router.get("/{conversation_id}/events/search")
async def search_events(
    request: Request,
    filters: Annotated[EventFilters, Depends()],
    conversation: EventConversation,
    page_id: str | None = None,
    limit: Limit = 100,
    sort_order: EventSortOrder = "TIMESTAMP",
) -> JSONResponse:
    matches = list(filters.apply(conversation, descending=sort_order == "TIMESTAMP_DESC"))
    off_by_one = _state(request).faults.cursor_off_by_one
    chunk, next_id = page(matches, page_id, limit, key=lambda e: e["id"], off_by_one=off_by_one)
    return JSONResponse({"items": [_strip_none(e) for e in chunk], "next_page_id": next_id})


@router.get("/{conversation_id}/events/count")
async def count_events(filters: Annotated[EventFilters, Depends()], conversation: EventConversation) -> int:
    return sum(1 for _ in filters.apply(conversation))


@router.get("/{conversation_id}/events/{event_id}")
async def get_event(conversation: EventConversation, event_id: str) -> dict[str, Any]:
    position = conversation.index.get(event_id)
    if position is None:
        raise HTTPException(404)
    # The real route's response model keeps nulls: fill the model's optional fields.
    wire = models.Event.model_validate(conversation.events[position]).root
    return wire.model_dump(mode="json", by_alias=True)


@router.get("/{conversation_id}/events")
async def batch_get_events(
    conversation: EventConversation, event_ids: Annotated[list[str], Body()]
) -> list[dict[str, Any] | None]:
    return [conversation.events[i] if (i := conversation.index.get(eid)) is not None else None for eid in event_ids]


@router.post("/{conversation_id}/events")
async def send_message(
    request: Request, conversation: EventConversation, body: models.SendMessageRequest
) -> JSONResponse:
    state = _state(request)
    if body.role != "user":
        # The real server fails inside LocalConversation.send_message: an unhandled 500.
        raise ValueError("Only user messages are allowed to be sent to the agent.")
    content = [c.model_dump(mode="json", exclude_none=True) for c in body.content or []]
    await state.engine.receive_message(conversation, content)
    if body.run and not state.engine.is_running(conversation):
        return JSONResponse(SUCCESS, background=_start(request, conversation))
    return JSONResponse(SUCCESS)


@router.post("/{conversation_id}/events/respond_to_confirmation")
async def respond_to_confirmation(
    request: Request, conversation: EventConversation, body: models.ConfirmationResponseRequest
) -> JSONResponse:
    state = _state(request)
    if body.accept:
        if state.engine.is_running(conversation):
            return JSONResponse(SUCCESS)  # accept while running is a no-op
        return JSONResponse(SUCCESS, background=_start(request, conversation))
    state.engine.reject(conversation, body.reason or "User rejected the action.")
    return JSONResponse(SUCCESS)
