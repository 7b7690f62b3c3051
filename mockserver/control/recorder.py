"""Per-conversation recorders and triggers behind the control API's hook routes.

A recorder is installed for a conversation on first use (``/triggers``, ``/act`` or ``/trace``)
and watches it through the observer seam: every frame the conversation publishes, every socket
that subscribes, every frame written to its sockets. Triggers fire their action right after the
n-th published frame matching an anchor, once that frame has reached every subscriber, so
injected frames follow it on the wire and in the log. The client-conformance suite reads the
result through ``/trace``.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Coroutine
from typing import Any

from contract.spec.control_api import (
    ConnectEntry,
    FiredEntry,
    HookAction,
    LogEntry,
    PublishedEntry,
    SentEntry,
    Trace,
    Trigger,
)
from contract.spec.ws_protocol import STATE_UPDATE_KIND, announced_status
from mockserver.observers import Frame, Observer, SocketInfo
from mockserver.state import MockState
from mockserver.store import Conversation

MIRRORED_STATE = ("execution_status", "last_user_message_id", "confirmation_policy", "stats")


def matches(anchor: str, frame: Frame) -> bool:
    """Whether ``frame`` counts for a trigger anchored ``after=anchor``."""
    kind = frame.get("kind")
    if anchor == "action":
        return kind == "ActionEvent"
    if anchor == "observation":
        return kind == "ObservationEvent"
    if kind != STATE_UPDATE_KIND:
        return False
    key = frame.get("key")
    if anchor == "stats":
        return key == "stats"
    if key != "execution_status":
        return False
    return frame.get("value") == "running" if anchor == "running" else frame.get("value") != "running"


def _resolve(value: Any, emitted: list[Frame]) -> Any:
    """Replace ``"$<i>.id"`` strings with the id of the i-th event emitted by the same action."""
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


class ConversationRecorder:
    """What one conversation published and sent since it was installed, plus its triggers."""

    def __init__(self, state: MockState, conversation: Conversation):
        self.state = state
        self.conversation = conversation
        self.published: list[PublishedEntry] = []
        self.connects: list[ConnectEntry] = []
        self.sent: list[SentEntry] = []
        self.fired: list[FiredEntry] = []
        self.triggers: list[tuple[Trigger, list[int]]] = []
        self.tasks: set[asyncio.Task[Any]] = set()
        self._writing: dict[int, SentEntry] = {}
        self._firing = False

    def arm(self, triggers: list[Trigger]) -> int:
        self.triggers = [(trigger, [0]) for trigger in triggers]
        return len(self.triggers)

    # -- observed ------------------------------------------------------------------------------

    def on_published(self, frame: Frame, persisted: bool) -> None:
        entry: PublishedEntry = {
            "seq": len(self.published),
            "t": time.time(),
            "id": frame.get("id"),
            "kind": frame.get("kind"),
            "persisted": persisted,
            "injected": self._firing,
        }
        if frame.get("kind") == STATE_UPDATE_KIND:
            entry["key"] = frame.get("key")
            entry["status"] = announced_status(frame)
        elif frame.get("kind") == "ConversationErrorEvent":
            entry["code"] = frame.get("code")
        self.published.append(entry)
        if self._firing:
            return  # frames injected by an action never count as anchors
        due: list[Trigger] = []
        for trigger, count in self.triggers:
            if count[0] < trigger.nth and matches(trigger.after, frame):
                count[0] += 1
                if count[0] == trigger.nth:
                    due.append(trigger)
        for trigger in due:
            self.perform(trigger.do, trigger.label, anchor=entry["seq"])

    def on_subscribed(self, socket: SocketInfo) -> None:
        self.connects.append({"t": time.time(), "subscriber": socket.id, "status": self.conversation.status})

    def on_sending(self, socket: SocketInfo, frame: Frame) -> None:
        # Timed before the write starts, so a client cannot have seen a frame before its time.
        entry: SentEntry = {
            "t": time.time(),
            "subscriber": socket.id,
            "id": frame.get("id"),
            "kind": frame.get("kind"),
            "ok": False,
        }
        if frame.get("kind") == STATE_UPDATE_KIND:
            entry["key"] = frame.get("key")
            entry["status"] = announced_status(frame)
        self.sent.append(entry)
        self._writing[socket.id] = entry

    def on_sent(self, socket: SocketInfo) -> None:
        entry = self._writing.pop(socket.id, None)
        if entry is not None:
            entry["ok"] = True

    # -- acting --------------------------------------------------------------------------------

    def perform(self, action: HookAction, label: str | None, anchor: int | None = None) -> None:
        """Apply ``action`` now; pause, interrupt and socket drops are scheduled as tasks."""
        conversation, state = self.conversation, self.state
        self.fired.append({"t": time.time(), "label": label, "anchor": anchor})
        self._firing = True
        try:
            if action.emit:
                emitted: list[Frame] = []
                for event in action.emit:
                    emitted.append(conversation.emit(_resolve(event, emitted), persist=action.persist))
            if action.stats:
                state.engine.record_llm_usage(conversation)
            if action.message is not None:
                state.engine.append_user_message(conversation, [{"type": "text", "text": action.message}])
            if action.faults is not None:
                state.faults.apply(action.faults.model_copy(update={"drop_sockets": None}))
                if action.faults.drop_sockets is not None:
                    for socket in list(state.sockets.values()):
                        if socket.conversation_id == str(conversation.id):
                            self._schedule(socket.close(action.faults.drop_sockets))
            if action.pause:
                self._schedule(state.engine.pause(conversation))
            if action.interrupt:
                self._schedule(state.engine.interrupt(conversation))
        finally:
            self._firing = False

    def _schedule(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def busy(self) -> bool:
        return self.conversation.running or any(not t.done() for t in self.tasks)

    def trace(self, since: int) -> Trace:
        log: list[LogEntry] = []
        for event in self.conversation.events:
            item: LogEntry = {"id": event["id"], "kind": event["kind"], "timestamp": event["timestamp"]}
            if isinstance(event.get("action"), dict):
                item["action_kind"] = event["action"].get("kind")
            if isinstance(event.get("observation"), dict):
                item["observation_kind"] = event["observation"].get("kind")
            if event["kind"] == STATE_UPDATE_KIND:
                item["key"] = event.get("key")
            log.append(item)
        return Trace(
            published=self.published[since:],
            connects=list(self.connects),
            sent=list(self.sent),
            fired=list(self.fired),
            busy=self.busy(),
            subscribers=len(self.conversation.subscribers),
            log=log,
            state={k: copy.deepcopy(self.conversation.state.get(k)) for k in MIRRORED_STATE},
        )


class Recorders(Observer):
    """The recorders of one mock server: one observer that hands each event to its conversation's recorder."""

    def __init__(self, state: MockState):
        self.state = state
        self._by_conversation: dict[str, ConversationRecorder] = {}
        state.observers.add(self)
        state.on_reset.append(self._by_conversation.clear)

    def of(self, conversation: Conversation) -> ConversationRecorder:
        """The conversation's recorder, installed on first use."""
        key = str(conversation.id)
        if key not in self._by_conversation:
            self._by_conversation[key] = ConversationRecorder(self.state, conversation)
        return self._by_conversation[key]

    def _recorder(self, socket: SocketInfo) -> ConversationRecorder | None:
        return self._by_conversation.get(socket.conversation_id) if socket.conversation_id else None

    def published(self, conversation_id: str, frame: Frame, persisted: bool) -> None:
        recorder = self._by_conversation.get(conversation_id)
        if recorder is not None:
            recorder.on_published(frame, persisted)

    def subscribed(self, socket: SocketInfo) -> None:
        if (recorder := self._recorder(socket)) is not None:
            recorder.on_subscribed(socket)

    def sending(self, socket: SocketInfo, frame: Frame) -> None:
        if (recorder := self._recorder(socket)) is not None:
            recorder.on_sending(socket, frame)

    def sent(self, socket: SocketInfo, frame: Frame) -> None:
        if (recorder := self._recorder(socket)) is not None:
            recorder.on_sent(socket)
