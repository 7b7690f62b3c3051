"""The inspector page (``/_mock/ui``) in headless Chromium, driven as a frontend developer would.

Load the page (it asks for the session key), start a conversation from the UI, watch its events
arrive over the real events socket, pause it mid-run, arm a fault, read the journal, inject an
event and force a status; every effect is also checked on the mock itself. A failed test leaves
a screenshot in ``test-artifacts/``; ``OHMOCK_DOCS_SCREENSHOTS=1`` rewrites ``docs/inspector.png``.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning")

KEY = "inspector-key"
DOCS = Path(__file__).resolve().parents[1] / "docs"
WAIT_MS = 15_000
"""Upper bound on any one wait for the page (a failure, never a pace the test relies on)."""


@pytest.fixture
def mock() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as server:
        yield server


def _open(page: Any, mock: MockServer) -> None:
    page.set_default_timeout(WAIT_MS)
    page.goto(mock.url + "/_mock/ui")
    page.get_by_role("textbox", name="Key").fill(KEY)  # the mock has keys: the page asks for one
    page.get_by_role("button", name="Use key").click()
    page.get_by_text("ready").or_(page.get_by_text("key set")).first.wait_for()


def _start(page: Any, scenario: str, message: str = "Hello") -> str:
    page.get_by_label("Scenario", exact=True).select_option(scenario)
    page.get_by_label("First message").fill(message)
    page.get_by_role("button", name="Start").click()
    page.get_by_text("conversation started").wait_for()
    return str(page.locator("#conversation-id").inner_text())


def test_a_conversation_started_paused_and_faulted_from_the_page(mock: MockServer, page: Any) -> None:
    _open(page, mock)
    # message_during_run: the first LLM call takes 1.5 s, long enough to pause mid-run.
    conversation_id = _start(page, "message_during_run")
    timeline = page.locator("#timeline")
    timeline.locator(".kind", has_text="MessageEvent").first.wait_for()
    page.locator("#conversation-status", has_text="running").wait_for()
    assert timeline.locator(".persisted").count() >= 1  # the user's message
    assert timeline.locator(".transient", has_text="transient").count() >= 1  # the connect-time full_state
    if os.environ.get("OHMOCK_DOCS_SCREENSHOTS"):
        opened = timeline.locator("details").nth(2).locator("summary")
        opened.click()  # the user's message, opened
        page.screenshot(path=DOCS / "inspector.png")
        opened.click()

    page.get_by_role("button", name="Pause", exact=True).click()
    page.locator("#conversation-status", has_text="paused").wait_for()
    timeline.locator(".what", has_text='execution_status = "paused"').first.wait_for()
    live = mock.state.store.get(uuid.UUID(conversation_id))
    assert live is not None and live.state["execution_status"] == "paused"
    assert '"execution_status": "paused"' in page.locator("#state").inner_text()  # the state view follows

    # An event's JSON opens in place.
    first = timeline.locator("details").first
    first.locator("summary").click()
    assert '"kind"' in first.locator("pre").inner_text()

    # A fault armed from the Faults tab is in force on the mock.
    page.get_by_role("tab", name="Faults").click()
    page.get_by_label("Preset").select_option(label="search takes 2 s")
    page.get_by_role("button", name="Arm faults").click()
    page.get_by_text("faults armed").wait_for()
    assert mock.state.faults.latency_ms == {"^/api/conversations/search$": 2000.0}
    assert "/api/conversations/search" in page.locator("#faults").inner_text()
    page.get_by_role("button", name="Clear faults").click()
    page.get_by_text("faults cleared").wait_for()
    assert not mock.state.faults.latency_ms

    # The journal shows the requests the page made and the frames the mock sent.
    page.get_by_role("tab", name="Journal").click()
    journal = page.locator("#journal")
    journal.locator("tr", has_text="POST").filter(has_text="/api/conversations").first.wait_for()
    assert journal.locator("tr.channel-ws").count() >= 1


def test_injected_events_and_forced_statuses_reach_the_page(mock: MockServer, page: Any) -> None:
    _open(page, mock)
    conversation_id = _start(page, "plain_reply")
    page.locator("#conversation-status", has_text="finished").wait_for()
    page.get_by_role("button", name="Inject").click()
    page.locator("#timeline .what", has_text="Injected from the inspector").wait_for()
    live = mock.state.store.get(uuid.UUID(conversation_id))
    assert live is not None
    assert any("Injected from the inspector" in str(event) for event in live.events)

    page.get_by_label("Status").select_option("stuck")
    page.get_by_role("button", name="Force status").click()
    page.locator("#conversation-status", has_text="stuck").wait_for()
    assert live.state["execution_status"] == "stuck"

    # A message sent from the page, with the keyboard only: Enter submits the form.
    page.get_by_label("Message", exact=True).fill("typed, not clicked")
    page.get_by_label("Message", exact=True).press("Enter")
    page.locator("#timeline .what", has_text="typed, not clicked").wait_for()

    page.get_by_role("button", name="Delete").click()
    page.get_by_text("conversation deleted").wait_for()
    assert mock.state.store.get(uuid.UUID(conversation_id)) is None
    assert page.locator("#conversations button").count() == 0


def test_the_tabs_follow_the_arrow_keys(mock: MockServer, page: Any) -> None:
    _open(page, mock)
    faults = page.get_by_role("tab", name="Faults")
    faults.focus()
    faults.press("ArrowRight")
    assert page.get_by_role("tab", name="Journal").get_attribute("aria-selected") == "true"
    assert page.locator("#panel-journal").is_visible() and not page.locator("#panel-faults").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.locator("#panel-scenarios").is_visible()
    assert page.locator("#scenario-list dt", has_text=re.compile(r"\(default\)")).count() == 1


def test_the_page_needs_no_key_but_everything_it_reads_does(mock: MockServer) -> None:
    with httpx.Client(base_url=mock.url, timeout=10) as http:
        page = http.get("/_mock/ui")
        assert page.status_code == 200 and "ohmock inspector" in page.text
        assert http.get("/_mock/ui/inspector.js").headers["content-type"].startswith("text/javascript")
        assert http.get("/_mock/ui/nothing.js").status_code == 404
        assert http.get("/_mock/journal").status_code == 401
        assert http.get("/_mock/scenarios/plain_reply/start").status_code == 401
        # The page keeps the control guard's host check (DNS rebinding).
        assert http.get("/_mock/ui", headers={"Host": "evil.example"}).status_code == 403
        body = http.get("/_mock/scenarios/plain_reply/start", headers={"X-Session-API-Key": KEY}).json()
        assert body["tags"] == {"scenario": "plain_reply"}
        created = http.post("/api/conversations", json=body, headers={"X-Session-API-Key": KEY})
        assert created.status_code == 201
