"""Webhooks: the posts a receiver gets from the real server and from the mock, for the same flow.

Both servers are configured the real server's way (``OH_WEBHOOKS_0_*``; the mock through
:func:`mockserver.server_env.config_from_env`, as ``ohmock serve`` reads it) and run one
conversation: create, a ``bash_then_finish`` run, a title change, pause, delete. Compared:

* the conversation posts (``/conversations``) in order: status, title, body keys, headers;
* the event posts (``/events/{id.hex}``): the events in order, each batch at most
  ``event_buffer_size`` long, the same keys per kind, headers.

Documented nondeterminism: where a batch ends depends on timing (the flush timer) and on the
``stats`` state updates, of which the real server emits one more per run than the mock; so the
batches are compared as one sequence, without ``stats`` updates. Whether an event post or a
conversation post arrives first is timing too, so the two streams are compared apart.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from contract.client.waiting import wait_until
from contract.harness.real_server import RealServer
from contract.harness.scenario import bundled_scenarios, conversation_body
from contract.harness.scripted_llm import ScriptedLLM
from contract.harness.webhook_receiver import WebhookPost, WebhookReceiver
from mockserver.config import MockConfig
from mockserver.runner import MockServer
from mockserver.server_env import config_from_env

pytestmark = [pytest.mark.real_server, pytest.mark.timeout(180)]
KEY = "hook-key"
BUFFER = 5
CSU = "ConversationStateUpdateEvent"


def _env(receiver: WebhookReceiver) -> dict[str, str]:
    return {
        "OH_WEBHOOKS_0_BASE_URL": f"{receiver.url}/hooks",
        "OH_WEBHOOKS_0_FLUSH_DELAY": "0.5",
        "OH_WEBHOOKS_0_RETRY_DELAY": "0",
        "OH_WEBHOOKS_0_HEADERS": '{"X-Tenant": "acme"}',
    }


def _status(http: httpx.Client, cid: str) -> str:
    status: str = http.get(f"/api/conversations/{cid}").json()["execution_status"]
    return status


def _flow(base: str, llm_url: str, receiver: WebhookReceiver) -> str:
    scenario = bundled_scenarios()["bash_then_finish"]
    with httpx.Client(base_url=base, headers={"X-Session-API-Key": KEY}, timeout=30) as http:
        cid: str = http.post("/api/conversations", json=conversation_body(llm_url, scenario, tag_scenario=True)).json()[
            "id"
        ]
        receiver.wait_for(lambda posts: len(posts) >= 1, timeout_s=30)
        message = {"role": "user", "content": [{"type": "text", "text": "run echo"}], "run": True}
        http.post(f"/api/conversations/{cid}/events", json=message).raise_for_status()
        wait_until(lambda: _status(http, cid) == "finished", timeout_s=60, what="the run to finish")
        hex_id = cid.replace("-", "")

        def run_posted(posts: list[WebhookPost]) -> bool:
            events = [e for p in posts if p.path.endswith(hex_id) for e in p.body]
            return any(e.get("key") == "full_state" and e["value"]["execution_status"] == "finished" for e in events)

        receiver.wait_for(run_posted, timeout_s=30)
        http.patch(f"/api/conversations/{cid}", json={"title": "Renamed"}).raise_for_status()
        http.post(f"/api/conversations/{cid}/pause").raise_for_status()
        time.sleep(1.0)  # the pause's snapshot is flushed by the timer (0.5 s)
        http.delete(f"/api/conversations/{cid}").raise_for_status()
        receiver.wait_for(
            lambda posts: any(
                p.path.endswith("/conversations") and p.body["execution_status"] == "deleting" for p in posts
            ),
            timeout_s=30,
        )
    return hex_id


def _summary(posts: list[WebhookPost], hex_id: str) -> dict[str, Any]:
    conversation_posts = [p for p in posts if p.path == "/hooks/conversations"]
    event_posts = [p for p in posts if p.path == f"/hooks/events/{hex_id}"]
    events = [e for p in event_posts for e in p.body]
    return {
        "paths": sorted({p.path.replace(hex_id, "{hex}") for p in posts}),
        "headers": sorted({(p.headers.get("x-session-api-key"), p.headers.get("x-tenant")) for p in posts}),
        "conversations": [(p.body["execution_status"], p.body["title"]) for p in conversation_posts],
        "conversation keys": sorted({tuple(sorted(p.body)) for p in conversation_posts}),
        "events": [(e["kind"], e.get("key")) for e in events if e.get("key") != "stats"],
        "keys by kind": {e["kind"]: sorted(e) for e in events if e.get("key") != "stats"},
        "batches within the buffer": all(1 <= len(p.body) <= BUFFER for p in event_posts),
        "first event is the subscriber snapshot": events[0].get("key") == "full_state",
    }


def test_webhook_posts_match_the_real_server() -> None:
    with WebhookReceiver() as receiver, ScriptedLLM() as llm:
        with RealServer(api_key=KEY, extra_env=_env(receiver)) as real:
            hex_id = _flow(real.url, llm.base_url, receiver)
        real_summary = _summary(receiver.posts, hex_id)
        receiver.clear()
        with MockServer(MockConfig(api_keys=(KEY,), **config_from_env(_env(receiver)))) as mock:
            hex_id = _flow(mock.url, "http://127.0.0.1:9/v1", receiver)
        mock_summary = _summary(receiver.posts, hex_id)
    assert real_summary["conversations"][-1] == ("deleting", "Renamed")  # the flow reached the end
    for name, real_value in real_summary.items():
        assert mock_summary[name] == real_value, name


def test_a_failed_post_is_retried_as_on_the_real_server() -> None:
    """The receiver refuses the first two posts (the conversation's); with retry_delay 0 both
    servers post it again at once, then the events."""
    outcomes = []
    with WebhookReceiver() as receiver, ScriptedLLM() as llm:
        for start in ("real", "mock"):
            receiver.clear()
            receiver.fail_next(2)
            body = conversation_body(llm.base_url, bundled_scenarios()["plain_reply"], tag_scenario=True)
            if start == "real":
                with RealServer(api_key=KEY, extra_env=_env(receiver)) as real:
                    httpx.post(f"{real.url}/api/conversations", json=body, headers={"X-Session-API-Key": KEY})
                    posts = receiver.wait_for(lambda p: len(p) >= 4, timeout_s=30)
            else:
                with MockServer(MockConfig(api_keys=(KEY,), **config_from_env(_env(receiver)))) as mock:
                    httpx.post(f"{mock.url}/api/conversations", json=body, headers={"X-Session-API-Key": KEY})
                    posts = receiver.wait_for(lambda p: len(p) >= 4, timeout_s=30)
            outcomes.append(sorted(p.path.split("/")[2] for p in posts))
    # The conversation post fails twice and goes through on the third attempt; then the events.
    assert outcomes[0] == outcomes[1] == ["conversations", "conversations", "conversations", "events"]
