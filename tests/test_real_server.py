"""Scenarios played end to end by the real agent server through the scripted LLM."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from contract.client.bodies import start_conversation_body
from contract.harness.driver import ClientScriptError, Transcript, run_client_script
from contract.harness.real_server import RealServer
from contract.harness.scenario import ClientStep, ErrorTurn, ReplyTurn, Scenario, bundled_scenarios, conversation_body
from contract.harness.scripted_llm import ScriptedLLM
from contract.spec.ws_protocol import is_transient_event

pytestmark = pytest.mark.real_server

RUN_AND_FINISH = [
    ClientStep(action="send", text="go", run=True),
    ClientStep(action="wait", status="finished"),
]


def _without_stats(skeleton: list[str]) -> list[str]:
    # The stats CSUE lands wherever the state lock frees up, so its position is not part of the contract.
    return [token for token in skeleton if token != "CSUE:stats"]


def _play(server: RealServer, llm: ScriptedLLM, scenario: Scenario, **body_options: Any) -> Transcript:
    llm.add_scenario(scenario)
    body = start_conversation_body(llm.base_url, scenario.name, tools=scenario.tools, **body_options)
    return run_client_script(server.url, server.api_key, scenario, body, timeout_s=30)


def test_server_requires_the_session_key(real_server: RealServer) -> None:
    assert httpx.get(f"{real_server.url}/health", timeout=5).status_code == 200
    assert httpx.get(f"{real_server.url}/api/conversations/search", timeout=5).status_code == 401
    ok = httpx.get(f"{real_server.url}/api/conversations/search", headers=real_server.headers, timeout=5)
    assert ok.status_code == 200


def test_bash_then_finish_end_to_end(real_server: RealServer, scripted_llm: ScriptedLLM) -> None:
    scenario = bundled_scenarios()["bash_then_finish"]

    transcript = run_client_script(
        real_server.url,
        real_server.api_key,
        scenario,
        conversation_body(scripted_llm.base_url, scenario),
        timeout_s=30,
    )

    assert _without_stats(transcript.skeleton()) == [
        "CSUE:full_state[T]",
        "SystemPromptEvent",
        "MessageEvent",
        "CSUE:last_user_message_id",
        "CSUE:execution_status=running",
        "ActionEvent",
        "ObservationEvent",
        "ActionEvent",
        "ObservationEvent",
        "CSUE:execution_status=finished",
        "CSUE:full_state[T]",
    ]
    initial = transcript.frames[0]
    assert initial.step is None and initial.event["value"]["execution_status"] == "idle"
    assert transcript.frames[-1].event["value"]["execution_status"] == "finished"

    actions = [f.event for f in transcript.frames if f.event["kind"] == "ActionEvent"]
    observations = [f.event for f in transcript.frames if f.event["kind"] == "ObservationEvent"]
    assert [a["tool_name"] for a in actions] == ["terminal", "finish"]
    assert actions[0]["action"]["command"] == "echo hi"
    assert actions[0]["thought"][0]["text"] == "I'll run echo."
    assert [o["tool_call_id"] for o in observations] == [a["tool_call_id"] for a in actions]
    terminal = observations[0]["observation"]
    assert terminal["exit_code"] == 0 and terminal["content"][0]["text"].strip() == "hi"
    assert observations[1]["observation"]["kind"] == "FinishObservation"

    # The persisted log is exactly the live stream minus transient frames.
    persisted = [f.event["id"] for f in transcript.frames if not is_transient_event(f.event)]
    assert [event["id"] for event in transcript.rest_events] == persisted

    calls = [(c.method, c.path, c.status) for c in transcript.rest_calls]
    assert calls == [
        ("POST", "/api/conversations", 201),
        ("POST", "/api/conversations/{id}/events", 200),
        ("POST", "/api/conversations/{id}/run", 200),
        ("GET", "/api/conversations/{id}/events/search", 200),
        ("DELETE", "/api/conversations/{id}", 200),
    ]
    assert Transcript.from_jsonl(transcript.to_jsonl()) == transcript


def test_llm_error_turn_ends_the_run_in_error(real_server: RealServer, scripted_llm: ScriptedLLM) -> None:
    scenario = Scenario(
        name=f"err_{uuid.uuid4().hex[:8]}",
        turns=[ErrorTurn(error=500, message="scripted outage")],
        client=[ClientStep(action="send", text="go", run=True), ClientStep(action="wait", status="error")],
    )

    transcript = _play(real_server, scripted_llm, scenario, autotitle=False)

    skeleton = _without_stats(transcript.skeleton())
    assert skeleton[skeleton.index("CSUE:execution_status=running") :] == [
        "CSUE:execution_status=running",
        "CSUE:execution_status=error",
        "ConversationErrorEvent",
        "CSUE:full_state[T]",
    ]
    error = next(f.event for f in transcript.frames if f.event["kind"] == "ConversationErrorEvent")
    assert "scripted outage" in error["detail"]


def test_streaming_reply_emits_deltas_before_the_message(real_server: RealServer, scripted_llm: ScriptedLLM) -> None:
    text = "Streaming works, in several chunks."
    scenario = Scenario(
        name=f"stream_{uuid.uuid4().hex[:8]}",
        turns=[ReplyTurn(reply=text, stream=True)],
        client=RUN_AND_FINISH,
    )

    transcript = _play(real_server, scripted_llm, scenario, autotitle=False, stream=True)

    skeleton = _without_stats(transcript.skeleton())
    after_run = skeleton[skeleton.index("CSUE:execution_status=running") + 1 :]
    deltas = [token for token in after_run if token == "StreamingDeltaEvent[T]"]
    assert len(deltas) > 1
    assert after_run[len(deltas) :] == ["MessageEvent", "CSUE:execution_status=finished", "CSUE:full_state[T]"]
    reply = [f.event for f in transcript.frames if f.event["kind"] == "MessageEvent"][-1]
    assert reply["source"] == "agent"
    assert reply["llm_message"]["content"][0]["text"] == text


def test_wait_timeout_names_the_step(real_server: RealServer, scripted_llm: ScriptedLLM) -> None:
    scenario = Scenario(
        name=f"never_{uuid.uuid4().hex[:8]}",
        turns=[ReplyTurn(reply="hi")],
        client=[*RUN_AND_FINISH, ClientStep(action="wait", status="paused")],
    )
    scripted_llm.add_scenario(scenario)
    body = start_conversation_body(scripted_llm.base_url, scenario.name, autotitle=False)

    with pytest.raises(ClientScriptError, match=r"step 2 wait\(paused\).*within 2"):
        run_client_script(real_server.url, real_server.api_key, scenario, body, timeout_s=2)


def test_rest_failure_names_the_call(real_server: RealServer, scripted_llm: ScriptedLLM) -> None:
    scenario = bundled_scenarios()["bash_then_finish"]
    body = conversation_body(scripted_llm.base_url, scenario)

    with pytest.raises(ClientScriptError, match=r"setup: POST /api/conversations -> 401"):
        run_client_script(real_server.url, "wrong-key", scenario, body, timeout_s=5)
