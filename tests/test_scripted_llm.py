"""The scripted LLM answers chat-completion requests from scenarios."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import pytest

from contract.harness.scenario import ErrorTurn, ReplyTurn, Scenario, ToolTurn
from contract.harness.scripted_llm import TITLE_MARKER, TITLE_REPLY, ScriptedLLM, planned_delay_ms

TIMEOUT = httpx.Timeout(10.0)


def _tool(name: str, *params: str) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": name,
            "parameters": {"type": "object", "properties": {p: {"type": "string"} for p in params}},
        },
    }


TERMINAL_WITH_META = _tool("terminal", "command", "security_risk", "summary")
FINISH = _tool("finish", "message")


def _register(llm: ScriptedLLM, turns: list[dict[str, Any]]) -> str:
    """Register a fresh scenario through the admin route; its name."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    response = httpx.post(f"{llm.url}/admin/scenarios", json={"name": name, "turns": turns}, timeout=TIMEOUT)
    assert response.status_code == 201, response.text
    return name


def _history(assistant_messages: int) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "You are an agent."},
        {"role": "user", "content": [{"type": "text", "text": "go"}]},
    ]
    for n in range(assistant_messages):
        messages.append({"role": "assistant", "content": None, "tool_calls": [{"id": f"call_{n + 1}"}]})
        messages.append({"role": "tool", "tool_call_id": f"call_{n + 1}", "content": "ok"})
    return messages


def _complete(llm: ScriptedLLM, model: str, messages: list[dict[str, Any]], **extra: Any) -> httpx.Response:
    body = {"model": model, "messages": messages, **extra}
    return httpx.post(f"{llm.base_url}/chat/completions", json=body, timeout=TIMEOUT)


def test_tool_turn_becomes_a_tool_call_with_requested_meta_arguments(scripted_llm: ScriptedLLM) -> None:
    name = _register(scripted_llm, [{"tool": "terminal", "arguments": {"command": "ls"}, "thought": "Listing."}])

    response = _complete(scripted_llm, name, _history(0), tools=[TERMINAL_WITH_META, FINISH])

    assert response.status_code == 200
    choice = response.json()["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] == "Listing."
    [call] = choice["message"]["tool_calls"]
    assert call["id"] == "call_1"
    assert call["type"] == "function"
    assert call["function"]["name"] == "terminal"
    assert json.loads(call["function"]["arguments"]) == {
        "command": "ls",
        "security_risk": "LOW",
        "summary": "terminal call",
    }
    usage = response.json()["usage"]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_meta_arguments_are_added_only_when_the_schema_declares_them(scripted_llm: ScriptedLLM) -> None:
    name = _register(scripted_llm, [{"tool": "terminal", "arguments": {"command": "ls"}}])

    response = _complete(scripted_llm, name, _history(0), tools=[_tool("terminal", "command")])

    call = response.json()["choices"][0]["message"]["tool_calls"][0]
    assert json.loads(call["function"]["arguments"]) == {"command": "ls"}


def test_turn_index_is_the_number_of_assistant_messages(scripted_llm: ScriptedLLM) -> None:
    name = _register(
        scripted_llm,
        [{"tool": "terminal", "arguments": {"command": "one"}}, {"tool": "terminal", "arguments": {"command": "two"}}],
    )

    response = _complete(scripted_llm, f"openai/{name}", _history(1), tools=[TERMINAL_WITH_META])

    call = response.json()["choices"][0]["message"]["tool_calls"][0]
    assert call["id"] == "call_2"
    assert json.loads(call["function"]["arguments"])["command"] == "two"


def test_reply_turn_is_plain_text(scripted_llm: ScriptedLLM) -> None:
    name = _register(scripted_llm, [{"reply": "Hello there."}])

    response = _complete(scripted_llm, name, _history(0), tools=[FINISH])

    choice = response.json()["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert choice["message"] == {"role": "assistant", "content": "Hello there."}


@pytest.mark.parametrize("status", [400, 401, 429, 500])
def test_error_turn_returns_openai_style_error(scripted_llm: ScriptedLLM, status: int) -> None:
    name = _register(scripted_llm, [{"error": status, "message": "boom"}])

    response = _complete(scripted_llm, name, _history(0))

    assert response.status_code == status
    error = response.json()["error"]
    assert error["message"] == "boom"
    assert isinstance(error["type"], str) and error["type"]
    assert isinstance(error["code"], str) and error["code"]


def test_llm_delay_is_applied_before_answering(scripted_llm: ScriptedLLM) -> None:
    turns = [{"reply": "slow", "llm_delay_ms": 400}, {"reply": "fast"}]
    name = _register(scripted_llm, turns)
    scenario = Scenario.model_validate({"name": name, "turns": turns})

    # Each turn's own delay, nothing for the others and nothing for the title call.
    assert planned_delay_ms(scenario, {"messages": _history(0)}) == 400
    assert planned_delay_ms(scenario, {"messages": _history(1)}) == 0
    assert planned_delay_ms(scenario, {"messages": [{"role": "system", "content": TITLE_MARKER}]}) == 0

    started = time.monotonic()
    slow = _complete(scripted_llm, name, _history(0))
    slow_s = time.monotonic() - started  # a lower bound holds on any machine, however busy
    fast = _complete(scripted_llm, name, _history(1))

    assert slow.json()["choices"][0]["message"]["content"] == "slow"
    assert fast.json()["choices"][0]["message"]["content"] == "fast"
    assert slow_s >= 0.4


def test_past_the_script_answers_finish_or_done(scripted_llm: ScriptedLLM) -> None:
    name = _register(scripted_llm, [{"reply": "only turn"}])

    with_finish = _complete(scripted_llm, name, _history(1), tools=[TERMINAL_WITH_META, FINISH])
    without_finish = _complete(scripted_llm, name, _history(1), tools=[TERMINAL_WITH_META])

    [call] = with_finish.json()["choices"][0]["message"]["tool_calls"]
    assert call["function"]["name"] == "finish"
    assert "message" in json.loads(call["function"]["arguments"])
    message = without_finish.json()["choices"][0]["message"]
    assert message == {"role": "assistant", "content": "done"}


def test_title_request_gets_a_title_and_consumes_no_turn(scripted_llm: ScriptedLLM) -> None:
    # Turn 0 fails: a title request must not be answered from it, nor move the agent past it.
    name = _register(scripted_llm, [{"error": 500}])
    title_messages = [
        {"role": "system", "content": [{"type": "text", "text": f"You are a helpful assistant that {TITLE_MARKER}."}]},
        {"role": "user", "content": "Generate a title"},
    ]

    title = _complete(scripted_llm, name, title_messages)
    agent = _complete(scripted_llm, name, _history(0))

    assert title.status_code == 200
    assert title.json()["choices"][0]["message"]["content"] == TITLE_REPLY
    assert agent.status_code == 500


def test_unknown_scenario_is_a_404_error(scripted_llm: ScriptedLLM) -> None:
    response = _complete(scripted_llm, "no_such_scenario", _history(0))

    assert response.status_code == 404
    assert "no_such_scenario" in response.json()["error"]["message"]


def test_bundled_scenarios_are_served_by_default(scripted_llm: ScriptedLLM) -> None:
    response = _complete(scripted_llm, "bash_then_finish", _history(0), tools=[TERMINAL_WITH_META, FINISH])

    call = response.json()["choices"][0]["message"]["tool_calls"][0]
    assert json.loads(call["function"]["arguments"])["command"] == "echo hi"


def _sse_events(response: httpx.Response) -> list[Any]:
    events = []
    for line in response.text.splitlines():
        if line.startswith("data: "):
            data = line.removeprefix("data: ")
            events.append(data if data == "[DONE]" else json.loads(data))
    return events


def test_streaming_reply_is_sse_chunks(scripted_llm: ScriptedLLM) -> None:
    text = "A streamed reply that is longer than one chunk."
    name = _register(scripted_llm, [{"reply": text, "stream": True}])

    response = _complete(scripted_llm, name, _history(0), stream=True)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = _sse_events(response)
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert all(chunk["object"] == "chat.completion.chunk" for chunk in chunks)
    deltas = [c["choices"][0]["delta"] for c in chunks if c["choices"]]
    assert "".join(d.get("content") or "" for d in deltas) == text
    assert sum(1 for d in deltas if d.get("content")) > 1
    assert [c["choices"][0]["finish_reason"] for c in chunks if c["choices"]][-1] == "stop"
    assert chunks[-1]["usage"]["completion_tokens"] > 0


def test_streaming_tool_call(scripted_llm: ScriptedLLM) -> None:
    name = _register(scripted_llm, [{"tool": "terminal", "arguments": {"command": "pwd"}}])

    events = _sse_events(_complete(scripted_llm, name, _history(0), stream=True, tools=[TERMINAL_WITH_META]))

    calls = [
        d["tool_calls"][0] for c in events[:-1] if c["choices"] for d in [c["choices"][0]["delta"]] if "tool_calls" in d
    ]
    assert len(calls) == 1
    assert calls[0]["id"] == "call_1" and calls[0]["function"]["name"] == "terminal"
    assert json.loads(calls[0]["function"]["arguments"])["command"] == "pwd"


def test_admin_rejects_invalid_scenario(scripted_llm: ScriptedLLM) -> None:
    response = httpx.post(f"{scripted_llm.url}/admin/scenarios", json={"name": "bad", "turns": []}, timeout=TIMEOUT)

    assert response.status_code == 422
    assert "turns" in response.json()["detail"]


def test_admin_requests_lists_request_bodies(scripted_llm: ScriptedLLM) -> None:
    name = _register(scripted_llm, [{"reply": "x"}])
    marker = uuid.uuid4().hex

    _complete(scripted_llm, name, [{"role": "user", "content": marker}])
    recorded = httpx.get(f"{scripted_llm.url}/admin/requests", timeout=TIMEOUT).json()

    assert recorded[-1]["model"] == name
    assert recorded[-1]["messages"][0]["content"] == marker


def test_request_log_is_bounded() -> None:
    scenario = Scenario(name="bounded", turns=[ReplyTurn(reply="x")])
    with ScriptedLLM({"bounded": scenario}, max_requests=3) as llm:
        for n in range(5):
            _complete(llm, "bounded", [{"role": "user", "content": str(n)}])
        recorded = httpx.get(f"{llm.url}/admin/requests", timeout=TIMEOUT).json()

    assert [r["messages"][0]["content"] for r in recorded] == ["2", "3", "4"]


def test_context_manager_serves_given_scenarios_and_stops() -> None:
    scenario = Scenario(
        name="in_process",
        turns=[ToolTurn(tool="think", arguments={"thought": "hmm"}), ErrorTurn(error=503)],
    )
    with ScriptedLLM({"in_process": scenario}) as llm:
        assert llm.url.startswith("http://127.0.0.1:")
        first = _complete(llm, "in_process", _history(0))
        second = _complete(llm, "in_process", _history(1))
        url = llm.url

    assert first.json()["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "think"
    assert second.status_code == 503
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/admin/requests", timeout=2.0)
