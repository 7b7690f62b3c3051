"""Child conversations on the mock: linked both ways, and they run their task."""

from __future__ import annotations

import time
from typing import Any

import httpx

from contract.client.bodies import UNREACHABLE_LLM_URL, start_conversation_body
from mockserver.config import MockConfig
from mockserver.runner import MockServer

KEY = "children-key"


def _wait_for(http: httpx.Client, conversation_id: str, status: str) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        info: dict[str, Any] = http.get(f"/api/conversations/{conversation_id}").json()
        if info["execution_status"] == status:
            return info
        time.sleep(0.05)
    raise AssertionError(f"{conversation_id} never reached {status}")


def test_a_child_plays_the_parents_scenario_on_its_task() -> None:
    with (
        MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock,
        httpx.Client(base_url=mock.url, headers={"X-Session-API-Key": KEY}, timeout=30) as http,
    ):
        body = start_conversation_body(UNREACHABLE_LLM_URL, "plain_reply", tag_scenario=True)
        parent = http.post("/api/conversations", json=body).json()
        answer = http.post(f"/api/conversations/{parent['id']}/children", json={"task": "sub task"})
        assert answer.status_code == 201
        child_id = answer.json()["conversation_id"]
        child = _wait_for(http, child_id, "finished")
        assert child["parent_conversation_id"] == parent["id"]
        assert http.get(f"/api/conversations/{parent['id']}").json()["sub_conversation_ids"] == [child_id]
        events = http.get(f"/api/conversations/{child_id}/events/search", params={"limit": 100}).json()["items"]
        messages = [
            (e["source"], e["llm_message"]["content"][0]["text"]) for e in events if e["kind"] == "MessageEvent"
        ]
        assert messages[0] == ("user", "sub task")
        assert [source for source, _ in messages] == ["user", "agent"]
        assert not any(
            e["kind"] == "MessageEvent"
            for e in http.get(f"/api/conversations/{parent['id']}/events/search").json()["items"]
        )  # the parent's history is its own
