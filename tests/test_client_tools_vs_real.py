"""Client-defined tools through the real SDK client, on the real server and on the mock.

``Conversation(..., client_tools=[ClientToolSpec(...)])`` registers a tool the client executes
itself. When the agent calls it, the server emits a ``ClientAction_<name>`` action, answers it
at once with the SDK's acknowledgment, and the run goes on. The same scenario played by the
real server (through the scripted LLM) and by the mock must give the SDK the same run.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("OPENHANDS_SUPPRESS_BANNER", "1")

from typing import Any

import pytest
from openhands.sdk import LLM, Agent, Conversation, Tool, Workspace
from openhands.sdk.tool.client_tool import ClientToolSpec
from openhands.tools.terminal import TerminalTool

from contract.client.bodies import scripted_llm_settings
from contract.client.control import ControlClient
from contract.harness.real_server import RealServer
from contract.harness.scenario import parse_scenario
from contract.harness.scripted_llm import ScriptedLLM
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [
    pytest.mark.real_server,
    pytest.mark.timeout(180),
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
]
KEY = "client-tools-key"
TOAST = {
    "name": "show_toast",
    "description": "Shows a short message in the client.",
    "parameters": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]},
}
SCENARIO = parse_scenario(
    {
        "name": "client_toast",
        "client_tools": [TOAST],
        "turns": [
            {"tool": "show_toast", "arguments": {"text": "hello"}, "thought": "Tell the user."},
            {"tool": "terminal", "arguments": {"command": "echo after"}, "observation": {"text": "after"}},
            {"tool": "finish", "arguments": {"message": "Toasted"}},
        ],
    }
)


def _run(base: str, key: str | None, llm_url: str) -> dict[str, Any]:
    conversation = Conversation(
        agent=Agent(llm=LLM(**scripted_llm_settings(llm_url, SCENARIO.name)), tools=[Tool(name=TerminalTool.name)]),
        workspace=Workspace(host=base, api_key=key),
        client_tools=[ClientToolSpec(**TOAST)],
        visualizer=None,
    )
    try:
        conversation.send_message("Say hello in the client")
        conversation.run(timeout=60)
        events = list(conversation.state.events)
        actions = [e for e in events if type(e).__name__ == "ActionEvent"]
        observations = [e for e in events if type(e).__name__ == "ObservationEvent"]
        return {
            "status": conversation.state.execution_status.value,
            "actions": [(e.tool_name, type(e.action).__name__, e.action.model_dump(exclude={"kind"})) for e in actions],
            "observations": [(e.tool_name, type(e.observation).__name__, e.observation.text) for e in observations],
            "agent tools": [tool.name for tool in conversation.agent.tools],
        }
    finally:
        conversation.close()


def test_client_tools_run_alike_on_the_real_server_and_the_mock(real_server: RealServer) -> None:
    with ScriptedLLM({SCENARIO.name: SCENARIO}) as llm:
        on_real = _run(real_server.url, real_server.api_key, llm.base_url)
        with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
            with ControlClient.connect(mock.endpoint) as control:
                control.load_scenario(SCENARIO)
                control.select_default(SCENARIO.name)
            on_mock = _run(mock.url, KEY, llm.base_url)
    assert on_real["status"] == "finished"
    assert on_real["actions"][0][:2] == ("show_toast", "ClientAction_show_toast")
    assert on_real["observations"][0] == ("show_toast", "ClientToolObservation", "Tool call dispatched to client.")
    assert on_mock == on_real
