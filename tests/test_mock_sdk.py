"""The real openhands-sdk 1.58.0 client, unmodified, against the mock agent server.

Every flow runs twice: against a mock that requires a session API key (the SDK then sends the
``X-Session-API-Key`` header and authenticates its WebSocket with a first ``auth`` frame) and
against an open mock. The conversation's scenario is picked with the SDK's own ``tags``
parameter, which the SDK passes through to ``POST /api/conversations``.
"""

from __future__ import annotations

import os

# Importing the SDK pulls in litellm: keep it offline (no cost-map download) and quiet.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from openhands.sdk import LLM, Agent, Conversation, Tool, Workspace
from openhands.sdk.conversation.exceptions import ConversationRunError
from openhands.sdk.conversation.state import ConversationExecutionStatus as Status
from openhands.sdk.event import (
    ActionEvent,
    ConversationStateUpdateEvent,
    ObservationEvent,
    PauseEvent,
    UserRejectObservation,
)
from openhands.sdk.security.confirmation_policy import AlwaysConfirm
from openhands.tools.terminal import TerminalTool
from pydantic import SecretStr

from contract.client.api import AgentServerClient
from contract.client.control import ControlClient, ControlError
from contract.client.waiting import wait_until
from mockserver.config import MockConfig
from mockserver.runner import MockServer
from mockserver.state import SCENARIO_TAG

pytestmark = pytest.mark.timeout(60)

SDK_API_KEY = "sdk-session-key"
FLOW_BOUND_S = 10.0  # any single wait in these flows
# Without the end-of-run snapshot a blocking run() only returns after 30 s of terminal REST
# status (TERMINAL_HARD_FALLBACK_SECS). run(timeout=FLOW_BOUND_S) therefore returns normally only
# when the snapshot ended the run; a missed snapshot raises ConversationRunError(TimeoutError).
SDK_REST_FALLBACK_S = 30.0
assert FLOW_BOUND_S < SDK_REST_FALLBACK_S
# A no-op frame: the SDK neither caches StreamingDeltaEvents nor acts on an empty one.
WAKE_FRAME = {"kind": "StreamingDeltaEvent", "source": "agent", "content": ""}


@pytest.fixture(scope="session", params=[SDK_API_KEY, None], ids=["session-key", "no-key"])
def mock_server(request: pytest.FixtureRequest) -> Iterator[MockServer]:
    """One mock per auth mode for the whole session (speed 0)."""
    key = request.param
    with MockServer(MockConfig(api_keys=(key,) if key else (), speed=0)) as server:
        yield server


@pytest.fixture
def mock(mock_server: MockServer) -> MockServer:
    """The session's mock, reset: no conversations, faults or journal entries left over."""
    with ControlClient.connect(mock_server.endpoint, timeout_s=5) as control:
        control.reset()
    return mock_server


@contextmanager
def sdk_conversation(mock: MockServer, scenario: str, **options: Any) -> Iterator[Any]:
    """A RemoteConversation on the mock playing ``scenario``; closed (and so deleted) afterwards."""
    llm = LLM(model="openai/ohmock", api_key=SecretStr("sk-unused"), usage_id="agent")
    conversation = Conversation(
        agent=Agent(llm=llm, tools=[Tool(name=TerminalTool.name)]),
        workspace=Workspace(host=mock.url, api_key=mock.api_key),
        visualizer=None,
        tags={SCENARIO_TAG: scenario},
        **options,
    )
    try:
        yield conversation
    finally:
        close_promptly(mock, conversation)


def close_promptly(mock: MockServer, conversation: Any) -> None:
    """``conversation.close()``, without waiting 5 s for a silent socket.

    The SDK's socket thread checks its stop flag only when a frame arrives, and ``close()``
    joins it with a 5 s timeout before sending DELETE. After a run the server is silent (the
    real server too: close() took 5.0 s there), so every close would cost 5 s. While close()
    runs, the mock's control API pushes no-op frames that let the thread notice the flag.
    """
    closer = threading.Thread(target=conversation.close, name="sdk-close", daemon=True)
    closer.start()
    with ControlClient.connect(mock.endpoint, timeout_s=5) as control:

        def closed() -> bool:
            with contextlib.suppress(ControlError):  # 404 once deleted
                control.inject(conversation.id, WAKE_FRAME, persist=False, validate=False)
            closer.join(0.05)
            return not closer.is_alive()

        wait_until(closed, timeout_s=FLOW_BOUND_S, what="conversation.close() to return")


def run_to_the_end(conversation: Any) -> None:
    """A blocking run(), which returns normally only on the end-of-run snapshot (see above)."""
    conversation.run(timeout=FLOW_BOUND_S)


def until(predicate: Callable[[], bool], what: str) -> None:
    wait_until(predicate, timeout_s=FLOW_BOUND_S, what=what)


def events_of(conversation: Any, kind: type) -> list[Any]:
    return [event for event in list(conversation.state.events) if isinstance(event, kind)]


def is_full_state(event: Any) -> bool:
    return isinstance(event, ConversationStateUpdateEvent) and event.key == "full_state"


def searched_event_ids(mock: MockServer, conversation_id: Any) -> list[str]:
    """Every persisted event id from ``events/search``, in small pages so paging is exercised too."""
    with AgentServerClient.connect(mock.url, mock.api_key, timeout_s=5) as client:
        return [item["id"] for item in client.events(conversation_id, limit=5)]


# -- flows -------------------------------------------------------------------------------------


def test_run_returns_when_the_agent_finishes(mock: MockServer) -> None:
    with sdk_conversation(mock, "bash_then_finish") as conversation:
        assert mock.state.store.get(conversation.id).run.scenario.name == "bash_then_finish"  # tags passed through
        conversation.send_message("Please run echo hi")

        run_to_the_end(conversation)
        assert conversation.state.execution_status == Status.FINISHED
        actions = events_of(conversation, ActionEvent)
        assert [a.tool_name for a in actions] == ["terminal", "finish"]
        assert actions[0].action.command == "echo hi"
        observations = events_of(conversation, ObservationEvent)
        assert [o.tool_call_id for o in observations] == [a.tool_call_id for a in actions]
        assert observations[0].observation.text.strip() == "hi"


def test_always_confirm_stops_for_confirmation_and_reject_answers_the_action(mock: MockServer) -> None:
    with sdk_conversation(mock, "confirmation_reject") as conversation:
        conversation.set_confirmation_policy(AlwaysConfirm())
        conversation.send_message("Run something that needs approval")

        run_to_the_end(conversation)
        assert conversation.state.execution_status == Status.WAITING_FOR_CONFIRMATION
        [action] = events_of(conversation, ActionEvent)
        assert action.tool_name == "terminal" and not events_of(conversation, ObservationEvent)

        conversation.reject_pending_actions("Not in this test")
        until(lambda: events_of(conversation, UserRejectObservation), "the UserRejectObservation")
        [rejection] = events_of(conversation, UserRejectObservation)
        assert rejection.action_id == action.id and rejection.tool_call_id == action.tool_call_id
        assert rejection.rejection_reason == "Not in this test"
        assert conversation.state.execution_status == Status.IDLE


def test_a_second_run_accepts_the_pending_action(mock: MockServer) -> None:
    with sdk_conversation(mock, "confirmation_accept") as conversation:
        conversation.set_confirmation_policy(AlwaysConfirm())
        conversation.send_message("Run something that needs approval")
        conversation.run(timeout=FLOW_BOUND_S)
        assert conversation.state.execution_status == Status.WAITING_FOR_CONFIRMATION

        run_to_the_end(conversation)
        assert conversation.state.execution_status == Status.FINISHED
        observations = events_of(conversation, ObservationEvent)
        assert [o.tool_name for o in observations] == ["terminal", "finish"]
        assert observations[0].observation.text == "approved"


def test_pause_on_an_idle_conversation(mock: MockServer) -> None:
    with sdk_conversation(mock, "pause_idle") as conversation:
        conversation.pause()
        until(lambda: conversation.state.execution_status == Status.PAUSED, "status paused")
        until(lambda: events_of(conversation, PauseEvent), "the PauseEvent")

        conversation.send_message("Continue")
        run_to_the_end(conversation)
        assert conversation.state.execution_status == Status.FINISHED


def test_pause_during_a_run_lets_the_step_finish_then_run_resumes(mock: MockServer) -> None:
    with sdk_conversation(mock, "pause_resume") as conversation:
        conversation.send_message("Run a slow command")
        conversation.run(blocking=False)
        until(lambda: conversation.state.execution_status == Status.RUNNING, "status running")

        conversation.pause()  # the scenario's first LLM call takes 1.5 s
        until(lambda: conversation.state.execution_status == Status.PAUSED, "status paused")
        until(lambda: events_of(conversation, PauseEvent), "the PauseEvent")
        assert not events_of(conversation, ActionEvent), "the pause took effect before the slow step ended"

        def step_done_then_snapshot() -> bool:
            events = list(conversation.state.events)
            observed = [i for i, e in enumerate(events) if isinstance(e, ObservationEvent)]
            return bool(observed) and any(is_full_state(e) for e in events[observed[-1] :])

        until(step_done_then_snapshot, "the in-flight step and the run's end snapshot")
        assert conversation.state.execution_status == Status.PAUSED

        run_to_the_end(conversation)
        assert conversation.state.execution_status == Status.FINISHED
        assert [a.tool_name for a in events_of(conversation, ActionEvent)] == ["terminal", "finish"]


def test_llm_error_makes_run_raise(mock: MockServer) -> None:
    with sdk_conversation(mock, "llm_error") as conversation:
        conversation.send_message("This will fail")
        with pytest.raises(ConversationRunError, match=r"LLMServiceUnavailableError: .*scripted LLM failure"):
            conversation.run(timeout=FLOW_BOUND_S)
        assert conversation.state.execution_status == Status.ERROR


def test_stuck_agent_makes_run_raise(mock: MockServer) -> None:
    with sdk_conversation(mock, "stuck") as conversation:
        conversation.send_message("Loop forever")
        with pytest.raises(ConversationRunError, match="stuck"):
            conversation.run(timeout=FLOW_BOUND_S)
        assert conversation.state.execution_status == Status.STUCK
        assert len(events_of(conversation, ObservationEvent)) == 4


@pytest.mark.parametrize("scenario", ["bash_then_finish", "second_message"])
def test_client_events_agree_with_events_search(mock: MockServer, scenario: str) -> None:
    """Every persisted event reaches the client exactly once, in the server's order.

    The client's cache additionally holds the transient ``full_state`` snapshots it received
    (contract §2.6); nothing else may differ.
    """
    with sdk_conversation(mock, scenario) as conversation:
        for text in ("First question", "Second question")[: 2 if scenario == "second_message" else 1]:
            conversation.send_message(text)
            conversation.run(timeout=FLOW_BOUND_S)
            assert conversation.state.execution_status == Status.FINISHED

        client_ids = [event.id for event in list(conversation.state.events) if not is_full_state(event)]
        server_ids = searched_event_ids(mock, conversation.id)
        assert len(client_ids) == len(set(client_ids)), "an event reached the client twice"
        assert client_ids == server_ids


def test_close_deletes_the_conversation(mock: MockServer) -> None:
    with sdk_conversation(mock, "plain_reply") as conversation:
        conversation.send_message("Say hello")
        conversation.run(timeout=FLOW_BOUND_S)
        conversation_id = conversation.id
    path = f"/api/conversations/{conversation_id}"

    def deletes() -> list[tuple[str, int]]:
        return [(e["path"], e["status"]) for e in mock.state.journal.entries("http") if e["method"] == "DELETE"]

    # The journal records a request once its response has gone out, so allow it a moment.
    wait_until(deletes, timeout_s=FLOW_BOUND_S, what="the DELETE in the mock's journal")
    assert deletes() == [(path, 200)]
    assert mock.state.store.get(conversation_id) is None
