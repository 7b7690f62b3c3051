"""The OpenAI-compatible gateway through the OpenAI client, on the real server and on the mock.

After saving an LLM profile, ``GET /v1/models`` lists it; a chat completion (plain, continued
with ``X-OpenHands-ServerConversation-ID``, streamed) and a Responses call run the server's
default agent on that profile's LLM and answer its final response. The real server's LLM is the
scripted LLM playing ``plain_reply``; the mock plays the scenario the profile's model names.
Token counts are each server's own and are compared by presence only.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from typing import Any

import httpx
import openai
import pytest

from contract.client.bodies import scripted_llm_settings
from contract.harness.real_server import RealServer
from contract.harness.scripted_llm import ScriptedLLM
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [pytest.mark.real_server, pytest.mark.timeout(180)]
KEY = "gateway-key"
HEADER = "X-OpenHands-ServerConversation-ID"


def _conversation(base: str, conversation_id: str) -> dict[str, Any]:
    headers = {"X-Session-API-Key": KEY}
    info = httpx.get(f"{base}/api/conversations/{conversation_id}", headers=headers, timeout=30).json()
    events = httpx.get(f"{base}/api/conversations/{conversation_id}/events/search", headers=headers, timeout=30)
    agent = info["agent"]
    agent_profiles = httpx.get(f"{base}/api/agent-profiles", headers=headers, timeout=30).json()
    return {
        "launched by the active agent profile": info["launched_agent_profile"]["agent_profile_id"]
        == agent_profiles["active_agent_profile_id"],
        "agent profiles": [(p["name"], p["llm_profile_ref"]) for p in agent_profiles["profiles"]],
        "status": info["execution_status"],
        "title": info["title"],
        "tags": info["tags"],
        "workspace": info["workspace"],
        "tools": agent["tools"],
        "default tools": agent["include_default_tools"],
        "llm": {k: agent["llm"][k] for k in ("model", "usage_id", "stream", "num_retries")},
        "condenser": (
            agent["condenser"]["kind"],
            agent["condenser"]["llm"]["usage_id"],
            agent["condenser"]["llm"]["stream"],
        ),
        "agent context": {k: agent["agent_context"][k] for k in ("load_project_skills", "system_message_suffix")},
        "launched": {k: v for k, v in info["launched_agent_profile"].items() if k != "agent_profile_id"},
        "tree": [e["kind"] for e in events.json()["items"] if e["kind"] != "ConversationStateUpdateEvent"],
    }


def _outcomes(base: str, llm_url: str) -> dict[str, Any]:
    client = openai.OpenAI(base_url=f"{base}/v1", api_key=KEY, max_retries=0, timeout=120)
    out: dict[str, Any] = {"models before": [m.id for m in client.models.list()]}
    try:
        client.chat.completions.create(model="openhands_fast", messages=[{"role": "user", "content": "hi"}])
    except openai.APIStatusError as exc:
        out["profile missing"] = (exc.status_code, exc.body)
    httpx.post(
        f"{base}/api/profiles/fast",
        headers={"X-Session-API-Key": KEY},
        json={"llm": scripted_llm_settings(llm_url, "plain_reply")},
        timeout=30,
    ).raise_for_status()
    out["models"] = [(m.id, m.object, m.owned_by) for m in client.models.list()]
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}]
    raw = client.chat.completions.with_raw_response.create(model="openhands_fast", messages=messages)
    completion = raw.parse()
    conversation_id = raw.headers[HEADER]
    out["completion"] = (completion.object, completion.model, completion.choices[0].finish_reason)
    out["reply"] = completion.choices[0].message.content
    out["usage"] = bool(completion.usage and completion.usage.total_tokens > 0)
    out["conversation"] = _conversation(base, conversation_id)
    again = client.chat.completions.with_raw_response.create(
        model="openhands_fast", messages=[{"role": "user", "content": "again"}], extra_headers={HEADER: conversation_id}
    )
    out["continued"] = (again.headers[HEADER] == conversation_id, again.parse().choices[0].message.content)
    out["continued tree"] = _conversation(base, conversation_id)["tree"]
    stream = client.chat.completions.create(
        model="openhands_fast",
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    out["stream"] = (
        len(chunks),
        "".join(c.choices[0].delta.content or "" for c in chunks if c.choices),
        [c.choices[0].finish_reason for c in chunks if c.choices],
        chunks[-1].usage is not None,
    )
    response = client.responses.create(model="openhands_fast", input="hi")
    out["response"] = (response.object, response.status, response.output_text, response.model)
    for name, call in (
        (
            "unknown model",
            lambda: client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}]),
        ),
        (
            "no user message",
            lambda: client.chat.completions.create(
                model="openhands_fast", messages=[{"role": "system", "content": "x"}]
            ),
        ),
        ("stored response", lambda: client.responses.create(model="openhands_fast", input="x", store=True)),
        ("empty input", lambda: client.responses.create(model="openhands_fast", input="")),
    ):
        try:
            call()
        except openai.APIStatusError as exc:
            out[name] = (exc.status_code, exc.body)
    unauthorized = openai.OpenAI(base_url=f"{base}/v1", api_key="wrong", max_retries=0)
    try:
        unauthorized.models.list()
    except openai.APIStatusError as exc:
        out["wrong key"] = exc.status_code
    return out


def test_gateway_through_the_openai_client_matches_the_real_server() -> None:
    with ScriptedLLM() as llm, RealServer(api_key=KEY) as real:
        real_outcomes = _outcomes(real.url, llm.base_url)
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        mock_outcomes = _outcomes(mock.url, "http://127.0.0.1:9/v1")
    assert real_outcomes["reply"] and real_outcomes["models"] == [("openhands_fast", "model", "openhands")]
    for name, real_value in real_outcomes.items():
        assert mock_outcomes.get(name) == real_value, name
