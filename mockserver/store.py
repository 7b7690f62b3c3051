"""Conversations and their event logs: the single source behind REST and WebSocket.

Every event goes through :meth:`Conversation.emit`: persisted events are appended to the log,
every event (persisted or transient) is fanned out to the conversation's subscribers. Search,
count and paging implement the real server's semantics (inclusive cursors, string-compared
naive timestamps, unknown cursors restarting from the start).
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from contract.harness.scenario import Scenario, ToolTurn
from contract.spec.ws_protocol import FULL_STATE_KEY, STATE_UPDATE_KIND
from mockserver import event_builder as build
from mockserver.clock import Clock
from mockserver.file_editor import VirtualFiles
from mockserver.observers import Observers
from mockserver.redact import Channel, served_agent, served_analyzer, served_registry
from mockserver.state_forms import socket_form
from mockserver.task_tracker import TaskList
from mockserver.workspace import Workspace

# ConversationState fields (the full_state snapshot); ConversationInfo adds the INFO_ONLY ones.
STATE_FIELDS = (
    "id",
    "agent",
    "workspace",
    "persistence_dir",
    "max_iterations",
    "stuck_detection",
    "execution_status",
    "confirmation_policy",
    "security_analyzer",
    "activated_knowledge_skills",
    "activated_path_rules",
    "invoked_skills",
    "blocked_actions",
    "blocked_messages",
    "last_user_message_id",
    "leaf_event_id",
    "head_is_empty",
    "stats",
    "secret_registry",
    "tags",
    "agent_state",
    "hook_config",
)
INFO_FIELDS = (
    "id",
    "workspace",
    "persistence_dir",
    "max_iterations",
    "stuck_detection",
    "execution_status",
    "confirmation_policy",
    "security_analyzer",
    "activated_knowledge_skills",
    "invoked_skills",
    "blocked_actions",
    "blocked_messages",
    "last_user_message_id",
    "leaf_event_id",
    "stats",
    "secret_registry",
    "agent_state",
    "hook_config",
    "title",
    "metrics",
    "created_at",
    "updated_at",
    "forked_from_conversation_id",
    "forked_from_event_id",
    "parent_conversation_id",
    "sub_conversation_ids",
    "tags",
    "current_model_id",
    "available_models",
    "supports_runtime_model_switch",
    "launched_agent_profile",
    "agent",
    "client_tools",
    "tool_module_qualnames",
)
RUNTIME_INFO = {"runtime_status": "available", "can_resume": True, "runtime_error": None}
# Module the real server imports for each built-in tool (ConversationInfo.tool_module_qualnames).
TOOL_MODULES = {
    "terminal": "openhands.tools.terminal.definition",
    "file_editor": "openhands.tools.file_editor.definition",
    "task_tracker": "openhands.tools.task_tracker.definition",
    "browser_tool_set": "openhands.tools.browser_use.definition",
}
ROOT_PARENT_ID = "__root__"  # sdk/event/types.py
# The state fields a fork takes from its source (the configuration and what LocalConversation.fork
# copies); the rest starts fresh.
FORK_KEEPS = (
    "agent",
    "workspace",
    "max_iterations",
    "stuck_detection",
    "confirmation_policy",
    "security_analyzer",
    "activated_knowledge_skills",
    "activated_path_rules",
    "agent_state",
    "hook_config",
)


Subscriber = Callable[[dict[str, Any]], None]


@dataclass
class ConversationMeta:
    """The ConversationInfo fields that ConversationState does not have."""

    created_at: str
    updated_at: str
    title: str | None = None
    metrics: Any = None
    forked_from_conversation_id: str | None = None
    forked_from_event_id: str | None = None
    parent_conversation_id: str | None = None
    sub_conversation_ids: list[str] = field(default_factory=list)
    current_model_id: str | None = None
    available_models: list[Any] = field(default_factory=list)
    supports_runtime_model_switch: bool = False
    launched_agent_profile: Any = None
    client_tools: list[Any] = field(default_factory=list)
    tool_module_qualnames: dict[str, str] = field(default_factory=dict)


@dataclass
class RunState:
    """The engine's bookkeeping for one conversation; none of it is on the wire."""

    scenario: Scenario
    turn: int = 0
    """Index of the next scenario turn (one per LLM call)."""
    autotitle: bool = True
    titling: bool = False
    """The auto-title LLM call has been made (or is in flight): one per conversation."""
    agent_initialized: bool = False
    """The system prompt has been emitted (lazily, at the first message or run)."""
    pending_hook_config: dict[str, Any] | None = None
    """The requested hooks, in the state from the lazy initialization on."""
    action_turns: dict[str, ToolTurn] = field(default_factory=dict)
    """ActionEvent id → the scenario turn behind it, so an approved action reports its observation."""
    executing: dict[str, Any] | None = None
    """The ActionEvent whose tool is running right now (an interrupt answers it with an error)."""
    task: asyncio.Task[None] | None = None
    """The background run, while one is reserved or active."""
    files: VirtualFiles = field(default_factory=VirtualFiles)
    """The agent's file_editor on the mock's in-memory host files, with its own edit history."""
    tasks: TaskList = field(default_factory=TaskList)
    """The agent's task_tracker list."""
    step_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Held while a tool runs, as the server's state lock is held through an agent step: a
    message sent meanwhile lands after the tool's observation."""

    def select(self, scenario: Scenario) -> None:
        """Play ``scenario`` from its first turn on the next LLM call."""
        self.scenario = scenario
        self.turn = 0


@dataclass(eq=False)
class Conversation:
    """One conversation: its state, its persisted log, its live subscribers."""

    id: uuid.UUID
    clock: Clock
    observers: Observers
    state: dict[str, Any]
    """The ConversationState fields, as the ``full_state`` snapshot carries them."""
    meta: ConversationMeta
    run: RunState
    events: list[dict[str, Any]] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    subscribers: dict[int, Subscriber] = field(default_factory=dict)
    secrets: dict[str, Any] = field(default_factory=dict)
    """The secret sources, kept server-side (only names and kinds are ever served)."""
    listed_secrets: dict[str, Any] = field(default_factory=dict)
    """The sources REST lists: the real server reads ConversationInfo from its autosaved state.
    It is first saved before the request's secrets are added, and ``update_secrets`` (an in-place
    change) does not save it, so REST shows no secret until the next persisted change (all
    observed). The create response and the sockets show the live registry."""

    head: str | None = None
    """Id of the newest non-state-update event (the tree's HEAD)."""
    deleted: bool = False
    leaks_secrets: Callable[[], bool] = field(default=lambda: False, repr=False)
    """A fault seam (``leak_secrets``): when it answers True, secrets are served unmasked."""

    # -- emitting -------------------------------------------------------------------------

    def emit(self, event: dict[str, Any], *, persist: bool = True) -> dict[str, Any]:
        """Stamp ``event`` (id, timestamp, parent), log it when persisted, fan it out."""
        stamped: dict[str, Any] = {  # a pre-stamped event (see ``prestamped``) keeps id, time and parent
            "id": event["id"] if "id" in event else self.clock.event_id(),
            "timestamp": event["timestamp"] if "timestamp" in event else self.clock.event_timestamp(),
            "source": event.get("source"),
        }
        parent = self._parent()
        if persist and parent is not None:
            stamped["parent_id"] = parent
        stamped.update((k, v) for k, v in event.items() if k != "source")
        if persist:
            self.listed_secrets = dict(self.secrets)
            self.index[stamped["id"]] = len(self.events)
            self.events.append(stamped)
            if stamped["kind"] != STATE_UPDATE_KIND:
                self.head = stamped["id"]
                self.state["leaf_event_id"] = stamped["id"]
                self.state["head_is_empty"] = False
            self.touch()
        self.publish(stamped, persisted=persist)
        return stamped

    def publish(self, frame: dict[str, Any], *, persisted: bool) -> None:
        """Hand ``frame`` to every subscriber, then tell the observers."""
        for deliver in list(self.subscribers.values()):
            deliver(frame)
        self.observers.published(str(self.id), frame, persisted)

    def set_state(self, key: str, value: Any) -> dict[str, Any] | None:
        """Assign a state field; emit a persisted update only when the value changed."""
        if self.state.get(key) == value:
            return None
        self.state[key] = value
        return self.emit(build.state_update(key, self._served({key: socket_form(key, value)}, "socket")[key]))

    def subscriber_snapshot(self) -> dict[str, Any]:
        """The ``full_state`` update a new subscriber (socket, webhook) gets first: not published,
        with an id and timestamp of its own."""
        return self.stamped(build.state_update(FULL_STATE_KEY, self.state_dump()))

    def _parent(self) -> str | None:
        """The parent a new tree event gets: HEAD; or, with no tree node yet but a log that is not
        empty (state updates only), the reserved root marker (``ConversationState._stamp_parent_id``;
        observed: a PauseEvent after CSUE paused on a fresh conversation has parent "__root__")."""
        if self.head is not None:
            return self.head
        return ROOT_PARENT_ID if self.events else None

    def prestamped(self, event: dict[str, Any]) -> dict[str, Any]:
        """``event`` created now but logged later (hooks run on it first): its id, time and parent
        are fixed at creation, as the real server's are, and ``emit`` keeps them."""
        stamped = self.stamped(event)
        parent = self._parent()
        return stamped if parent is None else {**stamped, "parent_id": parent}

    def stamped(self, event: dict[str, Any]) -> dict[str, Any]:
        """An unpublished frame (snapshot, error reply) with an id and timestamp of its own."""
        return {"id": self.clock.event_id(), "timestamp": self.clock.event_timestamp(), **event}

    def snapshot(self) -> dict[str, Any]:
        """Emit the transient ``full_state`` update."""
        return self.emit(build.state_update(FULL_STATE_KEY, self.state_dump()), persist=False)

    def touch(self) -> None:
        self.meta.updated_at = self.clock.utc_timestamp()

    @property
    def running(self) -> bool:
        """A run is reserved or active (its task has not finished)."""
        return self.run.task is not None and not self.run.task.done()

    # -- views ------------------------------------------------------------------------------

    @property
    def status(self) -> str:
        return str(self.state["execution_status"])

    def state_dump(self) -> dict[str, Any]:
        """ConversationState as the full_state snapshot carries it (nulls dropped, key masked)."""
        dump = {k: socket_form(k, copy.deepcopy(self.state[k])) for k in STATE_FIELDS if self.state.get(k) is not None}
        return self._served(dump, "socket")

    def info(self, *, created: bool = False) -> dict[str, Any]:
        """ConversationInfo (nulls kept, as the REST response model does). ``created``: as the
        create response shows it (from the live conversation: no runtime info, the live registry)."""
        merged = {**self.state, **dataclasses.asdict(self.meta)}
        info = self._served({k: copy.deepcopy(merged.get(k)) for k in INFO_FIELDS}, "rest", live=created)
        info["runtime_info"] = None if created else dict(RUNTIME_INFO)
        return info

    def _served(self, document: dict[str, Any], channel: Channel, *, live: bool = True) -> dict[str, Any]:
        """Secrets never leave: masked as the real server masks them on ``channel``."""
        if self.leaks_secrets():
            if "secret_registry" in document:
                document["secret_registry"] = {"secret_sources": copy.deepcopy(self.secrets)}
            return document
        if document.get("agent") is not None:
            document["agent"] = served_agent(document["agent"], channel)
        if document.get("security_analyzer") is not None:
            document["security_analyzer"] = served_analyzer(document["security_analyzer"])
        if "secret_registry" in document and document["secret_registry"] is not None:
            document["secret_registry"] = served_registry(self.secrets if live else self.listed_secrets, channel)
        return document

    def final_response(self) -> str:
        """``get_agent_final_response``: the last finish message, or the last agent message's text."""
        for event in reversed(self.events):
            if event["kind"] == "ActionEvent" and (event.get("action") or {}).get("kind") == "FinishAction":
                return str(event["action"].get("message", ""))
            if event["kind"] == "MessageEvent" and event.get("source") == "agent":
                return " ".join(c.get("text", "") for c in event["llm_message"]["content"])
        return ""

    def pending_actions(self) -> list[dict[str, Any]]:
        """ActionEvents (with an action) that no observation, rejection or error answered yet."""
        answered = {
            e.get("tool_call_id")
            for e in self.events
            if e["kind"] in ("ObservationEvent", "UserRejectObservation", "AgentErrorEvent")
        }
        return [
            e
            for e in self.events
            if e["kind"] == "ActionEvent" and e.get("action") and e["tool_call_id"] not in answered
        ]

    # -- the event tree -----------------------------------------------------------------------

    def path_to_root(self, event_id: str) -> list[dict[str, Any]]:
        """The branch ending at ``event_id``, root first (``EventLog.path_to_root``): each event's
        ``parent_id`` up to the root; state updates are not tree nodes."""
        chain, seen = [], set()
        current: str | None = event_id
        while current is not None and current != ROOT_PARENT_ID and current not in seen:
            seen.add(current)
            event = self.events[self.index[current]]
            chain.append(event)
            current = event.get("parent_id")
        return chain[::-1]

    @staticmethod
    def consumed_turns(events: Iterable[dict[str, Any]]) -> int:
        """How many scenario turns ``events`` used: one per LLM response (its id), as the scripted
        LLM counts the assistant messages in the history it is sent."""
        return len(
            {
                e["llm_response_id"]
                for e in events
                if e.get("llm_response_id") and e["kind"] in ("ActionEvent", "MessageEvent")
            }
        )

    def navigate(self, event_id: str | None) -> None:
        """``navigate_to``: move HEAD (no event is emitted; the next event's parent is the new HEAD,
        and the next LLM call sees that branch). Raises ValueError for an unknown event."""
        if event_id is not None and event_id not in self.index:
            raise ValueError(f"Unknown event_id: {event_id}")
        self.head = event_id
        self.state["leaf_event_id"] = event_id
        self.state["head_is_empty"] = event_id is None
        self.run.turn = self.consumed_turns(self.path_to_root(event_id) if event_id is not None else [])

    # -- event queries ------------------------------------------------------------------------

    def find_events(
        self,
        *,
        kind: str | None = None,
        source: str | None = None,
        body: str | None = None,
        timestamp_gte: str | None = None,
        timestamp_lt: str | None = None,
        descending: bool = False,
    ) -> Iterator[dict[str, Any]]:
        ordered: Iterable[dict[str, Any]] = reversed(self.events) if descending else self.events
        if not (kind or source or body is not None or timestamp_gte or timestamp_lt):
            # No filter (the SDK's and the UI's usual query): iterate the log as is. Testing each
            # event in the generator below cost ~0.5 ms per search page at 10,000 events.
            return iter(ordered)
        return self._filtered(ordered, kind, source, body, timestamp_gte, timestamp_lt)

    @staticmethod
    def _filtered(
        ordered: Iterable[dict[str, Any]],
        kind: str | None,
        source: str | None,
        body: str | None,
        timestamp_gte: str | None,
        timestamp_lt: str | None,
    ) -> Iterator[dict[str, Any]]:
        for event in ordered:
            if kind and not _kind_matches(event["kind"], kind):
                continue
            if source and event.get("source") != source:
                continue
            if body is not None and not _body_matches(event, body):
                continue
            if timestamp_gte and event["timestamp"] < timestamp_gte:
                continue
            if timestamp_lt and event["timestamp"] >= timestamp_lt:
                continue
            yield event


def _kind_matches(event_kind: str, wanted: str) -> bool:
    # The server accepts a bare class name or a fully-qualified module.Class path.
    return wanted == event_kind or (wanted.rsplit(".", 1)[-1] == event_kind and "." in wanted)


def _body_matches(event: dict[str, Any], needle: str) -> bool:
    if event["kind"] != "MessageEvent":
        return False
    texts = [c.get("text", "") for c in event["llm_message"].get("content", [])]
    texts += [c.get("text", "") for c in event.get("extended_content", [])]
    texts.append(event["llm_message"].get("reasoning_content") or "")
    return needle.lower() in " ".join(texts).lower()


def page(
    items: list[Any], page_id: str | None, limit: int, key: Callable[[Any], str], *, off_by_one: bool = False
) -> tuple[list[Any], str | None]:
    """Inclusive-cursor paging: start at the item whose key is ``page_id`` (or the start).

    ``off_by_one`` is the ``cursor_off_by_one`` fault: the cursor is treated as exclusive.
    """
    start = 0
    if page_id:
        start = next((i + off_by_one for i, item in enumerate(items) if key(item) == page_id), 0)
    chunk = items[start : start + limit]
    next_id = key(items[start + limit]) if start + limit < len(items) else None
    return chunk, next_id


def to_server_local(value: datetime) -> str:
    """A filter timestamp as the server compares it: aware values go to local time, naive."""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.isoformat()


class Store:
    """All conversations of one mock server, in creation order."""

    def __init__(
        self,
        clock: Clock,
        observers: Observers,
        workspace: Workspace | None = None,
        leaks_secrets: Callable[[], bool] = lambda: False,
    ):
        self.clock = clock
        self.observers = observers
        self.conversations: dict[uuid.UUID, Conversation] = {}
        self.leaks_secrets = leaks_secrets
        self.workspace = Workspace() if workspace is None else workspace
        """The mock's in-memory host filesystem (files, directories, git repositories), shared by
        every conversation's file_editor, the file and git routes."""

    def get(self, conversation_id: uuid.UUID) -> Conversation | None:
        return self.conversations.get(conversation_id)

    @staticmethod
    def _fresh_state(cid: uuid.UUID) -> dict[str, Any]:
        """A new conversation's ConversationState, before what the request configures."""
        return {
            "id": str(cid),
            "agent": {},
            "workspace": {"kind": "LocalWorkspace"},
            "persistence_dir": f"workspace/conversations/{cid.hex}",
            "max_iterations": 500,
            "stuck_detection": True,
            "execution_status": "idle",
            "confirmation_policy": {"kind": "NeverConfirm"},
            "security_analyzer": None,
            "activated_knowledge_skills": [],
            "activated_path_rules": [],
            "invoked_skills": [],
            "blocked_actions": {},
            "blocked_messages": {},
            "last_user_message_id": None,
            "leaf_event_id": None,
            # False unless HEAD was deliberately emptied (navigate_to(None)); a new
            # conversation's snapshot says false (observed).
            "head_is_empty": False,
            "stats": {"usage_to_metrics": {}},
            "secret_registry": {"secret_sources": {}},
            "tags": {},
            "agent_state": {},
            # LocalConversation keeps the requested hooks pending until its lazy agent
            # initialization (first message or run): null until then (observed).
            "hook_config": None,
        }

    def _conversation(
        self, cid: uuid.UUID, state: dict[str, Any], meta: ConversationMeta, run: RunState
    ) -> Conversation:
        """A conversation wired to this store's clock, observers and fault seam."""
        return Conversation(
            id=cid,
            clock=self.clock,
            observers=self.observers,
            state=state,
            meta=meta,
            run=run,
            leaks_secrets=self.leaks_secrets,
        )

    def create(self, conversation_id: uuid.UUID | None, request: dict[str, Any], scenario: Scenario) -> Conversation:
        cid = conversation_id or self.clock.uuid()
        now = self.clock.utc_timestamp()
        agent = copy.deepcopy(request.get("agent") or {})
        tools = [t.get("name") for t in agent.get("tools") or [] if isinstance(t, dict)]
        workspace = dict(request.get("workspace") or {})
        if workspace.get("kind") is None:  # the served workspace is the server's LocalWorkspace
            workspace["kind"] = "LocalWorkspace"
        state = {
            **self._fresh_state(cid),
            "agent": agent,
            "workspace": workspace,
            "max_iterations": request.get("max_iterations", 500),
            "stuck_detection": request.get("stuck_detection", True),
            "confirmation_policy": request.get("confirmation_policy") or {"kind": "NeverConfirm"},
            "security_analyzer": request.get("security_analyzer"),
            "tags": dict(request.get("tags") or {}),
        }
        meta = ConversationMeta(
            created_at=now,
            updated_at=now,
            parent_conversation_id=request.get("parent_conversation_id"),
            client_tools=list(request.get("client_tools") or []),
            tool_module_qualnames=request.get("tool_module_qualnames")
            or {name: TOOL_MODULES[name] for name in tools if name in TOOL_MODULES},
        )
        run = RunState(
            scenario=scenario,
            autotitle=request.get("autotitle", True),
            pending_hook_config=request.get("hook_config"),
            files=VirtualFiles(self.workspace.files),
        )
        conversation = self._conversation(cid, state, meta, run)
        conversation.secrets.update(copy.deepcopy(request.get("secrets") or {}))
        self.conversations[cid] = conversation
        return conversation

    def fork(
        self,
        source: Conversation,
        *,
        fork_id: uuid.UUID | None = None,
        title: str | None = None,
        tags: dict[str, str] | None = None,
        reset_metrics: bool = True,
        from_event_id: str | None = None,
    ) -> Conversation:
        """``LocalConversation.fork`` and ``ConversationService.fork_conversation``: a new
        conversation with the source's configuration and a copy of its events (all of them, or the
        branch up to ``from_event_id``), idle, with fresh per-run state.

        Raises ValueError for a taken id or an unknown ``from_event_id`` (the real messages)."""
        if fork_id is not None and fork_id in self.conversations:
            raise ValueError(f"Conversation with id {fork_id} already exists")
        if from_event_id is not None and from_event_id not in source.index:
            raise ValueError(f"Unknown from_event_id: {from_event_id}")
        cid = fork_id or self.clock.uuid()
        now = self.clock.utc_timestamp()
        events = source.path_to_root(from_event_id) if from_event_id is not None else source.events
        copied = copy.deepcopy(events)
        leaf = from_event_id if from_event_id is not None else source.state["leaf_event_id"]
        state = {
            **self._fresh_state(cid),
            **{key: copy.deepcopy(source.state[key]) for key in FORK_KEEPS},
            "leaf_event_id": leaf,
            "head_is_empty": source.state["head_is_empty"] if from_event_id is None else False,
            "tags": dict(tags or {}),
        }
        if not reset_metrics:
            state["stats"] = copy.deepcopy(source.state["stats"])
        meta = dataclasses.replace(
            copy.deepcopy(source.meta),
            created_at=now,
            updated_at=now,
            title=title,
            metrics=None if reset_metrics else copy.deepcopy(source.meta.metrics),
            forked_from_conversation_id=str(source.id),
            forked_from_event_id=from_event_id,
            sub_conversation_ids=[],
        )
        ids = {event["id"] for event in copied}
        run = RunState(
            files=VirtualFiles(self.workspace.files),
            scenario=source.run.scenario,
            turn=source.consumed_turns(copied),
            autotitle=source.run.autotitle,
            agent_initialized=any(event["kind"] == "SystemPromptEvent" for event in copied),
            pending_hook_config=source.run.pending_hook_config,
            action_turns={k: v for k, v in source.run.action_turns.items() if k in ids},
        )
        fork = self._conversation(cid, state, meta, run)
        fork.events = copied
        fork.index = {event["id"]: i for i, event in enumerate(copied)}
        fork.head = leaf
        fork.secrets.update(copy.deepcopy(source.secrets))
        self.conversations[cid] = fork
        return fork

    def start_child(self, parent: Conversation, *, title: str | None = None) -> Conversation:
        """``ConversationService.start_child_conversation``: the parent's configuration (as a fork
        keeps it) with a fresh history, linked both ways; the caller delivers the task."""
        child = self.fork(parent, title=title)
        child.events, child.index, child.head = [], {}, None
        child.state.update(leaf_event_id=None, head_is_empty=True)
        child.run = dataclasses.replace(child.run, turn=0, agent_initialized=False, action_turns={})
        child.meta.forked_from_conversation_id = None
        child.meta.parent_conversation_id = str(parent.id)
        parent.meta.sub_conversation_ids = [*parent.meta.sub_conversation_ids, str(child.id)]
        return child

    def delete(self, conversation_id: uuid.UUID) -> Conversation | None:
        conversation = self.conversations.pop(conversation_id, None)
        if conversation is not None:
            conversation.deleted = True
        return conversation

    def search(self, *, status: str | None, sort_order: str) -> list[Conversation]:
        items = [c for c in self.conversations.values() if status is None or c.status == status]
        field_name = "updated_at" if sort_order.startswith("UPDATED_AT") else "created_at"
        # Creation order breaks ties, as the server's stable sort does.
        items.sort(key=lambda c: getattr(c.meta, field_name), reverse=sort_order.endswith("_DESC"))
        return items

    def clear(self) -> None:
        for conversation in self.conversations.values():
            conversation.deleted = True
            if conversation.run.task is not None:
                conversation.run.task.cancel()
        self.conversations.clear()
