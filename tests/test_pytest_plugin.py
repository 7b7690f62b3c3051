"""The pytest plugin, used the way a downstream repo uses it (pytester runs a sample module)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

DOWNSTREAM_TEST = """
import os
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

import httpx
from openhands.sdk import LLM, Agent, Conversation, Tool, Workspace
from openhands.sdk.conversation.exceptions import ConversationRunError
from openhands.tools.terminal import TerminalTool
import pytest


def conversation_for(agent_server, scenario):
    agent = Agent(llm=LLM(**agent_server.llm_settings(scenario)), tools=[Tool(name=TerminalTool.name)])
    workspace = Workspace(host=agent_server.url, api_key=agent_server.api_key, working_dir="workspace/project")
    return Conversation(agent=agent, workspace=workspace, tags=agent_server.tags(scenario), visualizer=None)


def test_agent_runs_a_command(agent_server):
    conversation = conversation_for(agent_server, "bash_then_finish")
    conversation.send_message("Please run echo hi")
    conversation.run()
    assert conversation.state.execution_status == "finished"
    kinds = [type(e).__name__ for e in conversation.state.events]
    assert "ObservationEvent" in kinds
    conversation.close()


def test_llm_error_raises(agent_server):
    conversation = conversation_for(agent_server, "llm_error")
    conversation.send_message("Say hi")
    with pytest.raises(ConversationRunError):
        conversation.run()
    conversation.close()
"""


def _write_downstream(pytester: pytest.Pytester, body: str = DOWNSTREAM_TEST) -> None:
    pytester.makepyfile(test_downstream=body)
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\n")


def test_downstream_module_passes_against_the_mock(pytester: pytest.Pytester) -> None:
    _write_downstream(pytester)
    result = pytester.runpytest_subprocess("-q", timeout=240)
    result.assert_outcomes(passed=2)


def test_downstream_module_passes_under_xdist(pytester: pytest.Pytester) -> None:
    _write_downstream(pytester)
    result = pytester.runpytest_subprocess("-q", "-n", "2", timeout=300)
    result.assert_outcomes(passed=2)


@pytest.mark.real_server
def test_downstream_module_passes_against_the_real_server(pytester: pytest.Pytester) -> None:
    _write_downstream(pytester)
    result = pytester.runpytest_subprocess("-q", "--agent-server=real", timeout=300)
    result.assert_outcomes(passed=2)


def test_a_contract_violation_fails_the_test_naming_the_field(pytester: pytest.Pytester) -> None:
    _write_downstream(
        pytester,
        """
def test_server_sends_a_broken_event(agent_server):
    cid = agent_server.create_conversation("plain_reply")
    broken = {"source": "agent", "kind": "ActionEvent", "tool_name": "terminal", "thought": []}
    response = agent_server.http.post(f"/_mock/conversations/{cid}/events", json={"event": broken, "validate_event": False})
    assert response.status_code == 201
    agent_server.events(cid)  # the client reads it back through events/search
""",
    )
    result = pytester.runpytest_subprocess("-q", timeout=120)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*break the contract*", "*items.0: tool_call_id: Field required*"])


def test_marker_configures_the_mock(pytester: pytest.Pytester) -> None:
    _write_downstream(
        pytester,
        """
import time

import httpx
import pytest


@pytest.mark.agent_server(scenario="plain_reply", api_key="custom-key", faults={"omit_snapshot": 1})
def test_marker(agent_server):
    assert agent_server.api_key == "custom-key"
    assert httpx.get(agent_server.url + "/api/conversations/count").status_code == 401
    assert agent_server.http.get("/api/conversations/count").json() == 0
    cid = agent_server.create_conversation()
    agent_server.send_message(cid, "hi")
    assert agent_server.wait_for_status(cid, "finished") == "finished"
    agent_server.assert_event_sequence(cid, ["MessageEvent", "CSUE:execution_status", "MessageEvent", "CSUE:execution_status"])
    for _ in range(200):  # the run's end (and its omitted snapshot) follows the status by ~20 ms
        if agent_server.mock.faults.counters["omit_snapshot"] == 0:
            break
        time.sleep(0.01)
    assert agent_server.mock.faults.counters["omit_snapshot"] == 0


def test_isolated_from_the_previous_test(agent_server, agent_server_client):
    assert agent_server.api_key == "ohmock-test-key"
    assert agent_server_client.get("/api/conversations/count").json() == 0
    assert [e.path for e in agent_server.journal("http")] == ["/api/conversations/count"]
""",
    )
    result = pytester.runpytest_subprocess("-q", timeout=120)
    result.assert_outcomes(passed=2)
