"""Control API under a reserved prefix (default ``/_mock``), outside the agent-server namespace.

Load and select scenarios, reset, inject events, force a status, read the journal, arm faults.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

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

    _add_hook_routes(router)
    return router


# -- hooks: anchored actions and a frame trace (used by contract.client_conformance) ------------
#
# ``POST {prefix}/conversations/{id}/triggers`` arms actions that fire right after the n-th
# published frame matching an anchor (``running``: the run's execution_status=running update,
# ``action``/``observation``: an ActionEvent/ObservationEvent, ``stats``: a stats update,
# ``end``: an execution_status update to anything but running). Firing happens once the anchor
# frame has reached every subscriber, so injected frames follow it on the wire and in the log.
# ``POST {prefix}/conversations/{id}/act`` performs one action now. ``GET .../trace`` returns
# every frame published since the hooks were installed and every frame sent on the
# conversation's sockets since then (wall-clock times; a sent frame is timed before its send
# starts), the socket subscriptions (each one receives an initial full_state), the actions fired,
# whether a run or a scheduled action is still in flight, the log and the mirrored state fields.

Anchor = Literal["running", "action", "observation", "stats", "end"]
_MIRRORED_STATE = ("execution_status", "last_user_message_id", "confirmation_policy", "stats")


class HookAction(BaseModel):
    """What a trigger (or ``/act``) does; every field is optional and they apply in this order."""

    model_config = ConfigDict(extra="forbid")
    emit: list[dict[str, Any]] | None = Field(
        None, description='events to emit unvalidated, in order; a string "$<i>.id" becomes the id of the i-th emitted event'
    )
    persist: bool = True
    stats: bool = Field(False, description="record one more LLM call's usage and emit the stats update, as the engine does")
    message: str | None = Field(None, description="a user message from another client (appended; a live run picks it up)")
    faults: FaultSettings | None = Field(None, description="fault settings to apply (drop_sockets applies to this conversation only)")
    pause: bool = Field(False, description="POST /pause, handled at the run's next scheduling point")
    interrupt: bool = Field(False, description="POST /interrupt, handled at the run's next scheduling point")


class Trigger(BaseModel):
    model_config = ConfigDict(extra="forbid")
    after: Anchor
    nth: int = Field(1, ge=1)
    do: HookAction
    label: str | None = None


class TriggerList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    triggers: list[Trigger] = Field(default_factory=list)


class ActRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    do: HookAction
    label: str | None = None


def _status_of(frame: dict[str, Any]) -> str | None:
    if frame.get("kind") != "ConversationStateUpdateEvent":
        return None
    if frame.get("key") == "execution_status":
        return frame.get("value")
    if frame.get("key") == "full_state":
        return (frame.get("value") or {}).get("execution_status")
    return None


def _matches(anchor: str, frame: dict[str, Any]) -> bool:
    kind = frame.get("kind")
    if anchor == "action":
        return kind == "ActionEvent"
    if anchor == "observation":
        return kind == "ObservationEvent"
    if kind != "ConversationStateUpdateEvent":
        return False
    key = frame.get("key")
    if anchor == "stats":
        return key == "stats"
    if key != "execution_status":
        return False
    return frame.get("value") == "running" if anchor == "running" else frame.get("value") != "running"


class _RecordingSubscribers(dict):
    """The conversation's subscriber table, noting when each socket subscribed."""

    def __init__(self, hooks: _Hooks, existing: dict[int, Any]):
        super().__init__(existing)
        self._hooks = hooks

    def __setitem__(self, key: int, value: Any) -> None:
        super().__setitem__(key, value)
        self._hooks.on_subscribe(key)


class _Hooks:
    """Per-conversation recorder and trigger table (installed on first use)."""

    def __init__(self, state: MockState, conversation: Any):
        self.state = state
        self.conversation = conversation
        self.published: list[dict[str, Any]] = []
        self.connects: list[dict[str, Any]] = []
        self.sent: list[dict[str, Any]] = []
        self.fired: list[dict[str, Any]] = []
        self.triggers: list[tuple[Trigger, list[int]]] = []
        self.tasks: set[asyncio.Task] = set()
        self.firing = False
        original = conversation.publish

        def publish(frame: dict[str, Any]) -> None:
            original(frame)
            self.on_published(frame)

        conversation.publish = publish
        conversation.subscribers = _RecordingSubscribers(self, conversation.subscribers)
        for key in list(conversation.subscribers):  # sockets already open
            self._instrument(key)

    def on_subscribe(self, key: int) -> None:
        # ws.py subscribes right after building the connect snapshot and before sending it, then
        # registers the socket and starts its writer task: instrument the socket before that
        # task's first step (call_soon callbacks run in order).
        self.connects.append({"t": time.time(), "subscriber": key, "status": self.conversation.status})
        asyncio.get_running_loop().call_soon(self._instrument, key)

    def _instrument(self, key: int) -> None:
        """Record every frame the socket sends, timed *before* the send starts (so a client
        cannot have seen a frame before its time), marked ok once the send went through."""
        websocket = self.state.sockets.get(key)
        if websocket is None or getattr(websocket, "_control_instrumented", False):
            return
        websocket._control_instrumented = True

        def note(data: Any) -> dict[str, Any]:
            data = data if isinstance(data, dict) else {}
            entry = {"t": time.time(), "subscriber": key, "id": data.get("id"), "kind": data.get("kind"), "ok": False}
            if data.get("kind") == "ConversationStateUpdateEvent":
                entry["key"] = data.get("key")
                entry["status"] = _status_of(data)
            self.sent.append(entry)
            return entry

        send = websocket.send  # send_json and send_text both end in send()

        async def instrumented_send(message: Any) -> None:
            entry = None
            if isinstance(message, dict) and message.get("type") == "websocket.send":
                payload = message.get("text") if message.get("text") is not None else message.get("bytes")
                try:
                    entry = note(json.loads(payload)) if payload is not None else None
                except ValueError:
                    entry = note(None)
            await send(message)
            if entry is not None:
                entry["ok"] = True

        websocket.send = instrumented_send

    def on_published(self, frame: dict[str, Any]) -> None:
        entry = {
            "seq": len(self.published),
            "t": time.time(),
            "id": frame.get("id"),
            "kind": frame.get("kind"),
            "persisted": frame.get("id") in self.conversation.index,
            "injected": self.firing,
        }
        if frame.get("kind") == "ConversationStateUpdateEvent":
            entry["key"] = frame.get("key")
            entry["status"] = _status_of(frame)
        elif frame.get("kind") == "ConversationErrorEvent":
            entry["code"] = frame.get("code")
        self.published.append(entry)
        if self.firing:
            return  # frames injected by an action never count as anchors
        due: list[Trigger] = []
        for trigger, count in self.triggers:
            if count[0] < trigger.nth and _matches(trigger.after, frame):
                count[0] += 1
                if count[0] == trigger.nth:
                    due.append(trigger)
        for trigger in due:
            self.perform(trigger.do, trigger.label, anchor=entry["seq"])

    def perform(self, action: HookAction, label: str | None, anchor: int | None = None) -> None:
        """Apply ``action`` now; pause, interrupt and socket drops are scheduled as tasks."""
        conversation, state = self.conversation, self.state
        self.fired.append({"t": time.time(), "label": label, "anchor": anchor})
        self.firing = True
        try:
            if action.emit:
                emitted: list[dict[str, Any]] = []
                for event in action.emit:
                    emitted.append(conversation.emit(_resolve(event, emitted), persist=action.persist))
            if action.stats:
                state.engine._record_llm_usage(conversation)
            if action.message is not None:
                state.engine.append_user_message(conversation, [{"type": "text", "text": action.message}])
            if action.faults is not None:
                state.faults.apply(action.faults.model_copy(update={"drop_sockets": None}))
                if action.faults.drop_sockets is not None:
                    for key in list(conversation.subscribers):
                        socket = state.sockets.get(key)
                        if socket is not None:
                            self._schedule(_close_quietly(socket, action.faults.drop_sockets))
            if action.pause:
                self._schedule(state.engine.pause(conversation))
            if action.interrupt:
                self._schedule(state.engine.interrupt(conversation))
        finally:
            self.firing = False

    def _schedule(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def busy(self) -> bool:
        run = self.conversation.run_task
        return (run is not None and not run.done()) or any(not t.done() for t in self.tasks)

    def trace(self, since: int) -> dict[str, Any]:
        conversation = self.conversation
        log = []
        for event in conversation.events:
            item = {"id": event["id"], "kind": event["kind"], "timestamp": event["timestamp"]}
            for nested in ("action", "observation"):
                if isinstance(event.get(nested), dict):
                    item[f"{nested}_kind"] = event[nested].get("kind")
            if event["kind"] == "ConversationStateUpdateEvent":
                item["key"] = event.get("key")
            log.append(item)
        return {
            "published": self.published[since:],
            "connects": list(self.connects),
            "sent": list(self.sent),
            "fired": list(self.fired),
            "busy": self.busy(),
            "subscribers": len(conversation.subscribers),
            "log": log,
            "state": {k: copy.deepcopy(conversation.state.get(k)) for k in _MIRRORED_STATE},
        }


def _resolve(value: Any, emitted: list[dict[str, Any]]) -> Any:
    if isinstance(value, str) and value.startswith("$") and value.endswith(".id"):
        try:
            return emitted[int(value[1:-3])]["id"]
        except (ValueError, IndexError):
            return value
    if isinstance(value, dict):
        return {k: _resolve(v, emitted) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, emitted) for v in value]
    return value


async def _close_quietly(socket: Any, code: int) -> None:
    try:
        await socket.close(code=code)
    except Exception:  # noqa: BLE001 - already closing
        pass


def _hooks(request: Request, conversation_id: UUID) -> _Hooks:
    conversation = _conversation(request, conversation_id)
    hooks = getattr(conversation, "_control_hooks", None)
    if hooks is None:
        hooks = _Hooks(_state(request), conversation)
        conversation._control_hooks = hooks
    return hooks


def _add_hook_routes(router: APIRouter) -> None:
    @router.post("/conversations/{conversation_id}/triggers")
    async def set_triggers(request: Request, conversation_id: UUID, body: TriggerList) -> dict[str, Any]:
        hooks = _hooks(request, conversation_id)
        hooks.triggers = [(trigger, [0]) for trigger in body.triggers]
        return {"armed": len(hooks.triggers)}

    @router.post("/conversations/{conversation_id}/act")
    async def act(request: Request, conversation_id: UUID, body: ActRequest) -> dict[str, Any]:
        hooks = _hooks(request, conversation_id)
        hooks.perform(body.do, body.label)
        return {"fired": len(hooks.fired)}

    @router.get("/conversations/{conversation_id}/trace")
    async def trace(request: Request, conversation_id: UUID, since: int = 0) -> dict[str, Any]:
        return _hooks(request, conversation_id).trace(since)
