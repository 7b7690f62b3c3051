"""The differential engine (``contract.differential``, ``ohmock diff``) and what it found.

(i) Generation is deterministic per seed, every generated case is a valid scenario, and saved
    cases round-trip through YAML.
(ii) The comparison names each kind of divergence it is given (unit tests on recorded
     transcripts, no server).
(iii) A budgeted differential pass on a fixed seed, plus every saved case under
      ``fixtures/differential``, plays identically on the real server and on the mock.
(iv) Mutation tests: with a fix reverted in the in-process mock, the engine reports the
     divergence class that fix removed.
(v) Regressions the engine found: a tool the agent lacks, an unknown scenario tag.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from contract.client.bodies import start_conversation_body
from contract.client.control import ControlClient
from contract.differential.cases import dump_case, generate_cases, load_case
from contract.differential.compare import NORMALIZATIONS, Divergence, differences
from contract.differential.runner import CaseOutcome, Differential, Target, compare_outcomes, mock_target, real_target
from contract.harness.driver import ClientScriptError, Frame, RestCall, Transcript, arun_client_script
from contract.harness.real_server import RealServer
from contract.harness.record import TRANSCRIPTS_DIR
from contract.harness.scenario import ScenarioError, bundled_scenarios, parse_scenario
from contract.harness.scripted_llm import ScriptedLLM
from mockserver import engine as mock_engine
from mockserver import sockets as mock_sockets
from mockserver.assembly import FramesBeforeResponse
from mockserver.cli import app as cli
from mockserver.config import MockConfig
from mockserver.file_editor import VirtualFiles
from mockserver.routes import conversations as mock_routes
from mockserver.runner import MockServer

pytestmark = pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning")

CHECKOUT = Path(__file__).resolve().parent.parent
SAVED_CASES = sorted((CHECKOUT / "fixtures" / "differential").glob("*.yaml"))
CI_SEED = 20261207
CI_CASES = 24
MOCK_KEY = "differential-mock-key"


def recorded(name: str) -> Transcript:
    return Transcript.from_jsonl((CHECKOUT / TRANSCRIPTS_DIR / f"{name}.real.jsonl").read_text(encoding="utf-8"))


# -- (i) generation ---------------------------------------------------------------------------


def test_generation_is_deterministic_per_seed() -> None:
    first, again, other = generate_cases(12, 7), generate_cases(12, 7), generate_cases(12, 8)
    assert [c.name for c in first] == [c.name for c in again]
    assert len({c.name for c in first}) == 12
    assert [c.name for c in first] != [c.name for c in other]


def test_generated_cases_are_valid_scenarios_that_round_trip(tmp_path: Path) -> None:
    for case in generate_cases(20, 3):
        assert case.client and case.client[0].action == "send"
        path = tmp_path / f"{case.name}.yaml"
        path.write_text(dump_case(case), encoding="utf-8")
        assert load_case(path) == case


def test_scenarios_reject_a_tool_their_agent_lacks() -> None:
    with pytest.raises(ScenarioError, match=r"turns\.1\.tool: 'termnial' is not a tool"):
        parse_scenario({"name": "typo", "turns": [{"tool": "think"}, {"tool": "termnial"}]}, "typo.yaml")
    declared = parse_scenario({"name": "ok", "tools": ["terminal", "file_editor"], "turns": [{"tool": "file_editor"}]})
    assert declared.tools == ["terminal", "file_editor"]


def test_every_normalization_says_why() -> None:
    assert all(len(reason) > 80 for reason in NORMALIZATIONS.values())


# -- (ii) the comparison ----------------------------------------------------------------------


def _with_info(transcript: Transcript) -> Transcript:
    transcript = copy.deepcopy(transcript)
    transcript.info = {"id": "x", "title": "Scripted conversation", "execution_status": "finished"}
    return transcript


def test_identical_transcripts_do_not_diverge() -> None:
    real = _with_info(recorded("streaming"))
    assert differences(real, copy.deepcopy(real)) == []


def test_comparison_names_each_divergence_class() -> None:
    real = _with_info(recorded("streaming"))

    no_deltas = copy.deepcopy(real)
    no_deltas.frames = [f for f in no_deltas.frames if f.event["kind"] != "StreamingDeltaEvent"]
    assert "frames:StreamingDeltaEvent" in {d.cls for d in differences(real, no_deltas)}

    fewer_stats = copy.deepcopy(real)
    fewer_stats.rest_events = [e for e in fewer_stats.rest_events if e.get("key") != "stats"]
    assert "stats-count" in {d.cls for d in differences(real, fewer_stats)}

    other_title = copy.deepcopy(real)
    assert other_title.info is not None
    other_title.info["title"] = "Stream me a reply"
    assert "info:title" in {d.cls for d in differences(real, other_title)}

    late = copy.deepcopy(real)
    for frame in late.frames:  # the message's own frames now arrive after its response
        frame.pending = False
    early = copy.deepcopy(real)
    for frame in early.frames:
        frame.pending = True
    assert any(d.cls.startswith("ordering:") for d in differences(early, late))

    refused = copy.deepcopy(real)
    refused.rest_calls[1].status = 409
    assert any(d.cls.startswith("rest:") for d in differences(real, refused))

    other_state = copy.deepcopy(real)
    last_snapshot = [f for f in other_state.frames if f.event.get("key") == "full_state"][-1]
    last_snapshot.event["value"]["max_iterations"] = 7
    assert "snapshot:max_iterations" in {d.cls for d in differences(real, other_state)}

    other_text = copy.deepcopy(real)
    delta = next(f for f in other_text.frames if f.event["kind"] == "StreamingDeltaEvent" and f.event["content"])
    delta.event["content"] = delta.event["content"].upper()
    assert "deltas" in {d.cls for d in differences(real, other_text)}

    answered = copy.deepcopy(real)
    answered.rest_calls[0].response = {"id": "a", "created_at": "t1", "max_iterations": 500}
    other_answer = copy.deepcopy(answered)
    other_answer.rest_calls[0].response = {"id": "b", "created_at": "t2", "max_iterations": 7}
    assert {d.cls for d in differences(answered, other_answer)} == {"response:POST /api/conversations:max_iterations"}

    changed = copy.deepcopy(real)
    message = next(e for e in changed.rest_events if e["kind"] == "MessageEvent" and e["source"] == "agent")
    message["llm_message"]["content"][0]["text"] = "something else"
    assert any(d.cls.startswith("field:MessageEvent") for d in differences(real, changed))


class _Scripted(Differential):
    """A differential whose plays are given: checks the replay rule without servers."""

    def __init__(self, plays: list[list[Divergence]]) -> None:
        super().__init__(Target("real", "", None, dict), Target("mock", "", None, dict))
        self.plays = plays

    def _play_once(self, case: Any) -> CaseOutcome:
        return CaseOutcome(case, "", "", self.plays.pop(0))


def test_an_ordering_divergence_counts_only_when_a_replay_shows_it_again() -> None:
    case = generate_cases(1, 1)[0]
    ordering, fields = Divergence("ordering:POST x", "late"), Divergence("field:x", "differs")
    unconfirmed = _Scripted([[ordering], [], []]).run_case(case)
    assert (unconfirmed.divergences, unconfirmed.unconfirmed) == ([], [ordering])
    assert _Scripted([[ordering], [], [ordering]]).run_case(case).divergences == [ordering]
    other = _Scripted([[ordering, fields]])  # anything else is never replayed away
    assert other.run_case(case).divergences == [ordering, fields] and other.plays == []


def test_one_or_two_paused_snapshots_before_a_pause_response_are_the_same_ordering() -> None:
    snapshot = {"kind": "ConversationStateUpdateEvent", "key": "full_state", "value": {"execution_status": "paused"}}
    once, twice = Transcript("x"), Transcript("x")
    for transcript, copies in ((once, 1), (twice, 2)):
        transcript.rest_calls = [RestCall("POST", "/api/conversations/{id}/pause", 200)]
        transcript.frames = [Frame(dict(snapshot), 0, 0, 0.0, pending=True) for _ in range(copies)]
    assert not [d for d in differences(twice, once) if d.cls.startswith("ordering")]


def test_a_script_that_hangs_on_one_side_is_a_divergence() -> None:
    real = recorded("plain_reply")
    found = compare_outcomes(real, "step 1 settle: the conversation did not come to rest within 20 s")
    assert [d.cls for d in found] == ["hang:mock"]


# -- (iii) the differential pass against the real server ---------------------------------------


@pytest.fixture(scope="module")
def mock_server() -> Iterator[MockServer]:
    with MockServer(MockConfig(api_keys=(MOCK_KEY,), speed=0)) as mock:
        yield mock


@pytest.fixture(scope="module")
def differential(real_server: RealServer, mock_server: MockServer) -> Iterator[Differential]:
    with ScriptedLLM() as llm:
        yield Differential(
            real_target(real_server.url, real_server.api_key, llm), mock_target(mock_server.endpoint, llm.base_url)
        )


def _explain(report_lines: list[str]) -> str:
    return "\n".join(report_lines)


@pytest.mark.real_server
@pytest.mark.timeout(900)
def test_generated_cases_play_identically(differential: Differential) -> None:
    report = differential.explore(CI_CASES, CI_SEED, shrink=False)
    details = [
        f"{o.case.name}: {d.cls}\n{d.detail}\n{dump_case(o.case)}" for o in report.outcomes for d in o.divergences
    ]
    assert len(report.outcomes) == CI_CASES
    assert report.diverged == 0, report.render() + "\n" + _explain(details)


@pytest.mark.real_server
@pytest.mark.timeout(600)
@pytest.mark.parametrize("path", SAVED_CASES, ids=[p.stem for p in SAVED_CASES])
def test_saved_case_plays_identically(differential: Differential, path: Path) -> None:
    outcome = differential.run_case(load_case(path))
    details = [f"{d.cls}\n{d.detail}" for d in outcome.divergences]
    assert not outcome.divergences, _explain(details)


def test_the_saved_cases_cover_the_fixed_divergences() -> None:
    assert {p.stem for p in SAVED_CASES} >= {
        "rerun_after_llm_error",
        "streamed_tool_call_text",
        "interrupt_running_tool",
        "autotitle_stats",
        "ordering_of_own_frames",
        "message_and_pause_during_tool",
        "file_editor_edits",
        "client_tool_call",
    }


# -- (iv) mutation tests: each fix reverted, the engine catches it -------------------------------


def _classes(differential: Differential, name: str) -> set[str]:
    """The divergence classes of a saved case, and their aspects (``frames``, ``ordering``...)."""
    outcome = differential.run_case(load_case(CHECKOUT / "fixtures" / "differential" / f"{name}.yaml"))
    return {d.cls for d in outcome.divergences} | {d.cls.split(":")[0] for d in outcome.divergences}


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_rerun_consumes_the_failed_turn(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    fail = mock_engine.Engine._fail

    def consuming(self: mock_engine.Engine, conversation: Any, turn: Any) -> None:
        conversation.run.turn += 1  # the old behaviour: the failed call used up its turn
        fail(self, conversation, turn)

    monkeypatch.setattr(mock_engine.Engine, "_fail", consuming)
    assert {"frames", "persisted"} <= _classes(differential, "rerun_after_llm_error")


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_only_replies_stream(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mock_engine.Engine, "_streams", staticmethod(lambda conversation: False))
    assert "frames" in _classes(differential, "streamed_tool_call_text")


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_tools_take_no_time(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    execute = mock_engine.Engine._execute

    async def instant(self: mock_engine.Engine, conversation: Any, action: Any, turn: Any = None) -> None:
        await execute(self, conversation, action, turn.model_copy(update={"tool_duration_ms": 0}) if turn else None)

    monkeypatch.setattr(mock_engine.Engine, "_execute", instant)
    assert "frames" in _classes(differential, "interrupt_running_tool")


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_title_without_llm_call(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    def from_message(self: mock_engine.Engine, conversation: Any, content: Any) -> None:
        conversation.meta.title = content[0]["text"][:50]  # the old title: the message, no LLM call

    monkeypatch.setattr(mock_engine.Engine, "_autotitle", from_message)
    assert {"stats-count", "info:title"} <= _classes(differential, "autotitle_stats")


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_run_frames_before_the_response(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    start_run = mock_engine.Engine.start_run

    def eager(self: mock_engine.Engine, conversation: Any) -> Any:
        release = start_run(self, conversation)
        conversation.set_state("execution_status", "running")  # the run announced before the response
        return release

    monkeypatch.setattr(mock_engine.Engine, "start_run", eager)
    assert "ordering" in _classes(differential, "ordering_of_own_frames")


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_own_frames_after_the_response(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    async def unordered(self: FramesBeforeResponse, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)  # the response no longer waits for the sockets

    async def slow_writer(*args: Any) -> None:
        await asyncio.sleep(0.5)  # a socket that takes a moment to write, as a loaded server's does
        await write_frames(*args)

    write_frames = mock_sockets._write_frames
    monkeypatch.setattr(FramesBeforeResponse, "__call__", unordered)
    monkeypatch.setattr(mock_sockets, "_write_frames", slow_writer)
    # The real server can be late too on a busy machine: caught once in five tries is caught
    # (the tries stop at the first catch, so an idle machine plays one).
    assert any("ordering" in _classes(differential, "ordering_of_own_frames") for _ in range(5))


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_agent_echoed_as_posted(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    def as_posted(agent: Any, settings: Any, clock: Any) -> dict[str, Any]:
        posted: dict[str, Any] = agent.root.model_dump(mode="json", exclude_unset=True)
        return posted

    monkeypatch.setattr(mock_routes, "_agent_as_served", as_posted)
    assert any(cls.startswith("info:agent") for cls in _classes(differential, "autotitle_stats"))


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_message_during_tool_does_not_wait(
    differential: Differential, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def at_once(self: mock_engine.Engine, conversation: Any, content: Any) -> Any:
        return self.append_user_message(conversation, content)

    monkeypatch.setattr(mock_engine.Engine, "receive_message", at_once)
    assert "persisted" in _classes(differential, "message_and_pause_during_tool")


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_file_edits_from_the_script(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(VirtualFiles, "apply", lambda self, arguments, scripted: None)  # the script's answer
    assert "field" in _classes(differential, "file_editor_edits")


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_mutation_client_tools_unknown(differential: Differential, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mock_engine.Engine, "_is_client_tool", staticmethod(lambda conversation, tool: False))
    assert _classes(differential, "client_tool_call") & {"frames", "field", "hang:mock", "persisted"}


@pytest.mark.real_server
@pytest.mark.timeout(600)
def test_a_divergence_shrinks_to_a_smaller_case_of_the_same_class(
    differential: Differential, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail = mock_engine.Engine._fail

    def consuming(self: mock_engine.Engine, conversation: Any, turn: Any) -> None:
        conversation.run.turn += 1
        fail(self, conversation, turn)

    monkeypatch.setattr(mock_engine.Engine, "_fail", consuming)
    big = parse_scenario(
        {
            "name": "shrink_me",
            "llm_stream": True,
            "turns": [
                {"tool": "think", "arguments": {"thought": "First."}},
                {"error": 500},
                {"reply": "Never reached on the real server.", "stream": True},
            ],
            "client": [
                {"action": "send", "text": "Please", "run": True},
                {"action": "settle"},
                {"action": "run"},
                {"action": "settle"},
                {"action": "rename", "text": "Renamed"},
            ],
        }
    )
    # A short wait bound: a candidate whose script can no longer come to rest fails fast.
    quick = Differential(differential.real, differential.mock, timeout_s=4)
    outcome = quick.run_case(big)
    target = next(d.cls for d in outcome.divergences if d.cls.startswith("persisted"))
    shrunk = quick.shrink(outcome, target, max_runs=8)
    assert target in shrunk.classes
    size = len(shrunk.case.turns) + len(shrunk.case.client)
    assert size < len(big.turns) + len(big.client), dump_case(shrunk.case)


def test_cli_diff_refuses_a_bad_case_file_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nturns: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", "--cases", "0", "--case", str(bad)])
    assert result.exit_code == 2
    assert "invalid scenario" in result.output


def test_cli_diff_without_a_server_interpreter_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", "--cases", "1", "--python", str(tmp_path / "no-python")])
    assert result.exit_code == 2, result.output


@pytest.mark.real_server
@pytest.mark.timeout(600)
def test_cli_diff_reports_identical_cases_with_exit_0(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    saved = str(CHECKOUT / "fixtures" / "differential" / "rerun_after_llm_error.yaml")
    result = CliRunner().invoke(cli, ["diff", "--cases", "2", "--seed", "5", "--case", saved, "--json", str(report)])
    assert result.exit_code == 0, result.output
    assert "3 cases, 3 identical, 0 diverged" in result.output
    assert json.loads(report.read_text())["diverged"] == 0


# -- (v) regressions --------------------------------------------------------------------------


def _play(url: str, key: str | None, body: dict[str, Any], scenario_name: str) -> Transcript | str:
    scenario = bundled_scenarios()[scenario_name]
    try:
        return asyncio.run(arun_client_script(url, key, scenario, body, timeout_s=20, strict=False))
    except ClientScriptError as exc:
        return str(exc)


@pytest.mark.real_server
@pytest.mark.timeout(300)
def test_a_tool_the_agent_lacks_is_an_agent_error_not_a_hang(real_server: RealServer, mock_server: MockServer) -> None:
    """Divergence 8: the bundled file_editor scenario played by an agent that has only the
    terminal. The real server reports each call to the missing tool and goes on; the mock used
    to crash its run task and stay ``running`` for good."""
    with ScriptedLLM() as llm:
        body = start_conversation_body(llm.base_url, "file_editor", tools=["terminal"])
        real = _play(real_server.url, real_server.api_key, body, "file_editor")
        with ControlClient.connect(mock_server.endpoint) as control:
            control.select_default("file_editor")  # the same body on both servers: no selecting tag
            mock = _play(mock_server.url, MOCK_KEY, body, "file_editor")
    assert not isinstance(real, str), real
    errors = [e["error"] for e in real.rest_events if e["kind"] == "AgentErrorEvent"]
    assert errors and errors[0] == "Tool 'file_editor' not found. Available: ['terminal', 'finish', 'think']"
    assert compare_outcomes(real, mock) == []


def test_an_unknown_scenario_tag_is_refused_with_the_known_names(mock_server: MockServer) -> None:
    body = start_conversation_body("http://127.0.0.1:9/v1", "nope", tag_scenario=True)
    response = httpx.post(f"{mock_server.url}/api/conversations", json=body, headers={"X-Session-API-Key": MOCK_KEY})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "tags", "scenario"]
    assert "unknown scenario 'nope'" in error["msg"] and "bash_then_finish" in error["msg"]
    count = httpx.get(f"{mock_server.url}/api/conversations/count", headers={"X-Session-API-Key": MOCK_KEY})
    assert count.json() == 0
