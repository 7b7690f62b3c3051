"""The client under test: a thin adapter over the installed openhands-sdk ``RemoteConversation``.

The suite drives clients only through :class:`ClientUnderTest`, so a broken variant is a
``RemoteConversation`` subclass passed as ``conversation_class`` (see
``tests/test_client_conformance.py``). The adapter reads the client's *own* view: its cached
events (``conversation.state.events``) and its cached state (``conversation.state``), never the
server.
"""

from __future__ import annotations

import os

# Importing the SDK pulls in litellm: keep it offline (no cost-map download) and quiet.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

import logging
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Protocol

from openhands.sdk import LLM, Agent, Tool, Workspace
from openhands.sdk.conversation.exceptions import ConversationRunError
from openhands.sdk.conversation.impl.remote_conversation import RemoteConversation, RemoteEventsList, _send_request
from openhands.sdk.event.base import Event
from openhands.tools.terminal import TerminalTool
from pydantic import SecretStr, ValidationError

from contract.client.paging import Pager
from contract.spec.events import TRANSIENT_KINDS

# run()'s own timeout: far above the suite's bound, so a client that misses the end of a run
# shows up as a hang instead of a timeout error (the SDK's REST fallback needs 30 s).
SDK_RUN_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class EventView:
    id: str
    kind: str
    key: str | None = None  # ConversationStateUpdateEvent.key

    @property
    def is_full_state(self) -> bool:
        return self.kind == "ConversationStateUpdateEvent" and self.key == "full_state"

    @property
    def is_transient(self) -> bool:
        """A frame the server never persists. A client may keep those it can parse: e.g. once
        ``openhands.agent_server`` is imported in the client's process, ServerErrorEvent is a
        known kind to the SDK and lands in its event list like a snapshot does."""
        return self.is_full_state or self.kind in TRANSIENT_KINDS


class ClientUnderTest(Protocol):
    """What the suite needs from a client: its calls, and its own view of events and state."""

    id: str
    run_errors: tuple[type[BaseException], ...]  # what run() is documented to raise

    def send(self, text: str) -> None: ...
    def run(self) -> None: ...
    def pause(self) -> None: ...
    def reject(self) -> None: ...
    def events(self) -> list[EventView]: ...
    def state(self) -> dict[str, Any]: ...
    def alive(self) -> bool: ...
    def close(self) -> None: ...


ClientFactory = Callable[[str, "str | None", dict[str, str]], ClientUnderTest]


def sdk_version() -> str:
    try:
        return f"openhands-sdk {metadata.version('openhands-sdk')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - the SDK is imported above
        return "openhands-sdk (unknown version)"


def normalize_state(state: dict[str, Any] | None) -> dict[str, Any]:
    """The state fields a client mirrors, in a comparable form (client cache or server state).

    ``stats`` reduces to each usage's accumulated cost and token counts: per-field ``stats``
    updates carry metrics snapshots, ``full_state`` carries full metrics with their lists.
    """
    state = state or {}
    policy = state.get("confirmation_policy")
    stats: dict[str, Any] = {}
    for usage, metrics in ((state.get("stats") or {}).get("usage_to_metrics") or {}).items():
        if isinstance(metrics, dict):
            usage_totals = metrics.get("accumulated_token_usage") or {}
            stats[usage] = {
                "cost": metrics.get("accumulated_cost"),
                "prompt_tokens": usage_totals.get("prompt_tokens"),
                "completion_tokens": usage_totals.get("completion_tokens"),
            }
    return {
        "execution_status": state.get("execution_status"),
        "last_user_message_id": state.get("last_user_message_id"),
        "confirmation_policy": policy.get("kind") if isinstance(policy, dict) else policy,
        "stats": stats,
    }


class SdkClient:
    """A real ``RemoteConversation`` (or subclass) on the mock, built as the factory builds it."""

    run_errors: tuple[type[BaseException], ...] = (ConversationRunError,)

    def __init__(
        self, conversation_class: type[RemoteConversation], host: str, api_key: str | None, tags: dict[str, str]
    ):
        # stream=True: the server sends StreamingDeltaEvents only to agents whose LLM streams.
        llm = LLM(model="openai/ohmock", api_key=SecretStr("sk-unused"), usage_id="agent", stream=True)
        self.conversation = conversation_class(
            agent=Agent(llm=llm, tools=[Tool(name=TerminalTool.name)]),
            workspace=Workspace(host=host, api_key=api_key),
            visualizer=None,
            tags=tags,
            delete_on_close=True,  # as Conversation(...) builds it
        )
        self.id = str(self.conversation.id)

    def send(self, text: str) -> None:
        self.conversation.send_message(text)

    def run(self) -> None:
        self.conversation.run(timeout=SDK_RUN_TIMEOUT_S)

    def pause(self) -> None:
        self.conversation.pause()

    def reject(self) -> None:
        self.conversation.reject_pending_actions("Rejected by the conformance suite")

    def events(self) -> list[EventView]:
        return [EventView(e.id, type(e).__name__, getattr(e, "key", None)) for e in self.conversation.state.events[:]]

    def state(self) -> dict[str, Any]:
        return normalize_state(self.conversation.state.model_dump())

    def alive(self) -> bool:
        ws = self.conversation._ws_client
        thread = getattr(ws, "_thread", None)
        return thread is not None and thread.is_alive()

    def close(self) -> None:
        self.conversation.close()


def sdk_client_factory(conversation_class: type[RemoteConversation] = RemoteConversation) -> ClientFactory:
    def make(host: str, api_key: str | None, tags: dict[str, str]) -> ClientUnderTest:
        return SdkClient(conversation_class, host, api_key, tags)

    make.__name__ = f"sdk_client_factory({conversation_class.__name__})"
    return make


# -- a reference fix for the finding on unknown kinds --------------------------------------------


def _tolerant_reconcile(self: RemoteEventsList) -> int:
    """``RemoteEventsList.reconcile`` that skips events it cannot parse (unknown kinds).

    1.58.0 validates every REST item with ``Event.model_validate`` outside its error handling, so
    one unknown kind in the log makes every later reconcile raise (see docs/client-conformance.md).
    """
    events: list[Event] = []
    pager = Pager(f"{self._events_base_path}/{self._conversation_id}/events/search")
    while (params := pager.next_request()) is not None:
        try:
            pager.take(_send_request(self._client, "GET", pager.path, params=params))
        except Exception:  # noqa: BLE001 - as upstream: keep what was fetched
            break
    for item in pager.items:
        try:
            events.append(Event.model_validate(item))
        except ValidationError:
            continue  # a kind this client does not know: skip it, as the socket path does
    added = 0
    with self._lock:
        for event in events:
            if event.id not in self._cached_event_ids:
                self._add_event_unsafe(event)
                added += 1
    return added


class TolerantRemoteConversation(RemoteConversation):
    """The 1.58.0 client with the unknown-kind fix applied to REST reconciliation.

    Used as the baseline for the mutation tests (each mutant adds one defect to it), and to show
    that the suite passes a client that keeps the contract.
    """

    def _initialize_connection(self, **kwargs: Any) -> None:
        # The initial sync already ran in RemoteState's constructor; only later reconciles can
        # meet an unknown kind in this suite (unknown kinds are injected after creation).
        super()._initialize_connection(**kwargs)
        events = self._state.events
        events.reconcile = types.MethodType(_tolerant_reconcile, events)


@contextmanager
def quiet_sdk_logs(level: int = logging.CRITICAL) -> Iterator[None]:
    """Silence the SDK's loggers (they log every skipped frame with a stack trace)."""
    loggers = [
        logging.getLogger(name)
        for name in list(logging.root.manager.loggerDict)
        if name.startswith(("openhands", "LiteLLM", "litellm", "httpx"))
    ]
    previous = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old in previous:
            logger.setLevel(old)
