"""Every bundled scenario, played by the mock, must reproduce the real server's recorded transcript.

The recordings (``fixtures/transcripts/<name>.real.jsonl``) come from the real agent server
1.58.0 driven by the scripted LLM (``python -m contract.harness.record``). Here the same client script
runs against the in-process mock (speed 0, session key set) and the two transcripts are compared
with :func:`contract.transcript.transcript_differences`, which only tolerates the real server's
documented nondeterminism.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract.harness.driver import Transcript, arun_client_script
from contract.harness.record import TRANSCRIPTS_DIR
from contract.harness.scenario import Scenario, bundled_scenarios, conversation_body
from contract.harness.transcript import comparable_frames, persisted_event_differences, transcript_differences
from contract.spec.ws_protocol import is_transient_event
from mockserver.config import MockConfig
from mockserver.runner import MockServer
from mockserver.state import SCENARIO_TAG

MOCK_API_KEY = "mock-key"
# The mock plays the scenario itself and never calls the agent's LLM; the URL only fills the body.
UNUSED_LLM_URL = "http://127.0.0.1:9/v1"
SCENARIOS = bundled_scenarios()
CHECKOUT = Path(__file__).resolve().parent.parent
# Every wait of a client script is bounded by this (the slowest scenario takes ~3 s).
STEP_TIMEOUT_S = 15
CONCURRENT_SCRIPTS = 8


def recorded(name: str) -> Transcript:
    return Transcript.from_jsonl((CHECKOUT / TRANSCRIPTS_DIR / f"{name}.real.jsonl").read_text(encoding="utf-8"))


def mock_body(scenario: Scenario) -> dict:
    """The body the recorder sent to the real server, plus the tag that selects the mock's scenario."""
    body = conversation_body(UNUSED_LLM_URL, scenario)
    body["tags"] = {SCENARIO_TAG: scenario.name}
    return body


@pytest.fixture(scope="module")
def mock_transcripts() -> Iterator[dict[str, Transcript | BaseException]]:
    """All scenarios played concurrently against one mock; a failed script yields its exception."""

    # Each script has at most one active run; stay below the server's run capacity (10, as
    # on the real server), which would otherwise answer /run with 429.
    slots = asyncio.Semaphore(CONCURRENT_SCRIPTS)

    async def play(url: str, scenario: Scenario) -> Transcript:
        async with slots:
            return await arun_client_script(url, MOCK_API_KEY, scenario, mock_body(scenario), timeout_s=STEP_TIMEOUT_S)

    async def play_all(url: str) -> list[Transcript | BaseException]:
        return await asyncio.gather(*(play(url, s) for s in SCENARIOS.values()), return_exceptions=True)

    with MockServer(MockConfig(api_keys=(MOCK_API_KEY,), speed=0)) as mock:
        results = asyncio.run(play_all(mock.url))
    return dict(zip(SCENARIOS, results, strict=False))


def test_the_pack_has_the_canonical_scenarios() -> None:
    canonical = {
        "bash_then_finish",
        "plain_reply",
        "second_message",
        "pause_resume",
        "confirmation_reject",
        "confirmation_accept",
        "llm_error",
        "interrupt",
        "message_during_run",
        "stuck",
        "streaming",
        "think_then_finish",
        "file_editor",
    }
    assert canonical <= set(SCENARIOS)
    assert all(scenario.client for scenario in SCENARIOS.values()), "every scenario needs a client script"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_scenario_has_a_real_recording(name: str) -> None:
    transcript = recorded(name)
    assert transcript.scenario == name
    # A recording ends at rest: its last frame is an end-of-run snapshot, except after a
    # rejection, which leaves the conversation idle without one.
    last = transcript.frames[-1].event
    assert is_transient_event(last) or last["kind"] == "UserRejectObservation"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_mock_reproduces_the_real_transcript(
    name: str, mock_transcripts: dict[str, Transcript | BaseException]
) -> None:
    result = mock_transcripts[name]
    if isinstance(result, BaseException):
        raise result
    differences = transcript_differences(result, recorded(name), labels=("real", "mock"))
    assert not differences, f"{name}: the mock deviates from the real server\n" + "\n".join(differences)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_mock_events_match_the_real_events_field_by_field(
    name: str, mock_transcripts: dict[str, Transcript | BaseException]
) -> None:
    """Beyond the skeleton: every persisted event's fields (ids compared as links, see
    :func:`persisted_event_differences` for the few volatile fields)."""
    result = mock_transcripts[name]
    if isinstance(result, BaseException):
        raise result
    differences = persisted_event_differences(result, recorded(name))
    assert not differences, f"{name}: persisted events differ from the real server's\n" + "\n".join(differences)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_mock_persists_exactly_its_non_transient_frames(
    name: str, mock_transcripts: dict[str, Transcript | BaseException]
) -> None:
    """Invariant 9.3 #6: events/search == live frames minus transient ones, same ids, same order."""
    result = mock_transcripts[name]
    if isinstance(result, BaseException):
        raise result
    live = [frame.event["id"] for frame in result.frames if not is_transient_event(frame.event)]
    assert [event["id"] for event in result.rest_events] == live
    timestamps = [event["timestamp"] for event in result.rest_events]
    assert timestamps == sorted(timestamps)


# -- the comparison itself --------------------------------------------------------------------


def test_comparison_tolerates_stats_placement_and_count() -> None:
    real = recorded("bash_then_finish")
    stats = [f for f in real.frames if f.event.get("key") == "stats"]
    others = [f for f in real.frames if f.event.get("key") != "stats"]
    assert stats, "the recording should contain stats updates"

    moved, without = copy.deepcopy(real), copy.deepcopy(real)
    moved.frames = stats + others
    without.frames = others
    assert transcript_differences(moved, real) == []
    assert transcript_differences(without, real) == []


def test_comparison_tolerates_one_or_two_paused_snapshots() -> None:
    real = recorded("interrupt")
    assert comparable_frames(real)[-1] == "CSUE:full_state=paused[T]"
    single = copy.deepcopy(real)
    del single.frames[-1]  # the interrupt recording has two adjacent paused snapshots
    assert transcript_differences(single, real) == []


def test_comparison_flags_order_kind_and_snapshot_status() -> None:
    real = recorded("bash_then_finish")

    swapped = copy.deepcopy(real)
    kinds = [f.event["kind"] for f in swapped.frames]
    action, observation = kinds.index("ActionEvent"), kinds.index("ObservationEvent")
    swapped.frames[action], swapped.frames[observation] = swapped.frames[observation], swapped.frames[action]
    assert any("websocket frames differ" in line for line in transcript_differences(swapped, real))

    wrong_status = copy.deepcopy(real)
    wrong_status.frames[-1].event["value"]["execution_status"] = "paused"
    assert transcript_differences(wrong_status, real)

    doubled = copy.deepcopy(real)
    doubled.frames.append(copy.deepcopy(doubled.frames[-1]))  # a second *finished* snapshot is a deviation
    assert transcript_differences(doubled, real)

    fewer_events = copy.deepcopy(real)
    fewer_events.rest_events = fewer_events.rest_events[:-1]
    assert any("persisted events differ" in line for line in transcript_differences(fewer_events, real))

    other_status = copy.deepcopy(real)
    other_status.rest_calls[-1].status = 404
    assert any("rest calls differ" in line for line in transcript_differences(other_status, real))


def test_field_comparison_follows_links_not_ids() -> None:
    real = recorded("confirmation_reject")
    renamed = copy.deepcopy(real)
    # Fresh ids everywhere (and in every reference): the same log, as another server would write it.
    text = json.dumps(renamed.rest_events)
    for position, event in enumerate(real.rest_events):
        text = text.replace(event["id"], f"00000000-0000-4000-8000-{position:012d}")
    renamed.rest_events = json.loads(text)
    assert persisted_event_differences(renamed, real) == []

    relinked = copy.deepcopy(real)
    reject = next(e for e in relinked.rest_events if e["kind"] == "UserRejectObservation")
    reject["action_id"] = relinked.rest_events[0]["id"]  # points at the system prompt instead
    assert any("action_id" in line for line in persisted_event_differences(relinked, real))

    changed = copy.deepcopy(real)
    next(e for e in changed.rest_events if e["kind"] == "UserRejectObservation")["rejection_source"] = "hook"
    assert any("rejection_source" in line for line in persisted_event_differences(changed, real))
