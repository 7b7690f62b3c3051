"""Play cases on the real server and on the mock, compare, explore with a seed, shrink, save.

Both targets are reached over HTTP only: the real server plays a case through the scripted LLM
(the case is registered there by name), the mock plays it itself (the case is loaded through its
control API and selected with the scenario tag). The caller starts both and hands them in as
:class:`Target` objects, so this module never imports the mock.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contract.client.control import ControlClient, MockEndpoint
from contract.differential.cases import dump_case, generate_cases, instantiate, make_case, tools_for
from contract.differential.compare import Divergence, differences
from contract.harness.driver import ClientScriptError, Transcript, arun_client_script
from contract.harness.real_server import RealServer
from contract.harness.scenario import ClientStep, ErrorTurn, ReplyTurn, Scenario, ToolTurn, Turn, conversation_body
from contract.harness.scripted_llm import ScriptedLLM

DEFAULT_TIMEOUT_S = 20.0
TIMING_CLASSES = ("ordering:",)
ORDERING_REPLAYS = 2
REAL_API_KEY = "differential-key"
MAX_SHRINK_RUNS = 24
CASES_DIR = Path("fixtures") / "differential"
"""Where a checkout keeps the shrunk cases (relative to the checkout root)."""


@dataclass
class Target:
    """A server a case can be played on."""

    name: str
    url: str
    api_key: str | None
    prepare: Callable[[Scenario], dict[str, Any]]
    """Makes the server able to play a scenario and returns the conversation's start body."""


def real_target(url: str, api_key: str | None, llm: ScriptedLLM) -> Target:
    """A real agent server whose agent LLM is ``llm``."""

    def prepare(scenario: Scenario) -> dict[str, Any]:
        llm.add_scenario(scenario)
        return conversation_body(llm.base_url, scenario)

    return Target("real", url, api_key, prepare)


@contextlib.contextmanager
def real_side(*, python: str | None = None) -> Iterator[tuple[Target, str]]:
    """A real agent server (in a throwaway directory) and the scripted LLM it calls: the target
    and the LLM's base URL (the mock's bodies name it too, so both get the same request)."""
    with ScriptedLLM() as llm, RealServer(api_key=REAL_API_KEY, python=python or sys.executable) as server:
        yield real_target(server.url, server.api_key, llm), llm.base_url


def mock_target(endpoint: MockEndpoint, llm_url: str) -> Target:
    """A mock server: the case is loaded through its control API and made the default scenario,
    so the mock gets the very body the real server gets (no selecting tag, the same LLM URL,
    which the mock never calls). Cases therefore run one at a time on a mock."""

    def prepare(scenario: Scenario) -> dict[str, Any]:
        with ControlClient.connect(endpoint) as control:
            control.load_scenario(scenario)
            control.select_default(scenario.name)
        return conversation_body(llm_url, scenario)

    return Target("mock", endpoint.url, endpoint.api_key, prepare)


@dataclass
class CaseOutcome:
    """One case played on both targets: each transcript (or why the script failed) and the divergences."""

    case: Scenario
    real: Transcript | str
    mock: Transcript | str
    divergences: list[Divergence]
    unconfirmed: list[Divergence] = field(default_factory=list)
    """Ordering divergences no replay showed again (the real server's own races)."""

    @property
    def classes(self) -> list[str]:
        return sorted({d.cls for d in self.divergences})


def _failure_class(message: str) -> str:
    return "hang" if "did not come to rest" in message or "no frame showed" in message else "script"


def compare_outcomes(real: Transcript | str, mock: Transcript | str) -> list[Divergence]:
    """Divergences of two results of one case (a string is a script failure)."""
    if isinstance(real, str) or isinstance(mock, str):
        if isinstance(real, str) and isinstance(mock, str):
            same = real.split(":", 1)[0] == mock.split(":", 1)[0]
            return [] if same else [Divergence("script", f"real: {real}\nmock: {mock}")]
        side, message = ("mock", mock) if isinstance(mock, str) else ("real", str(real))
        return [Divergence(f"{_failure_class(message)}:{side}", message)]
    return differences(real, mock)


@dataclass
class Report:
    """What an exploration found: every outcome, and the divergence classes with their counts."""

    seed: int
    outcomes: list[CaseOutcome] = field(default_factory=list)
    shrunk: dict[str, CaseOutcome] = field(default_factory=dict)

    @property
    def counts(self) -> Counter[str]:
        return Counter(cls for outcome in self.outcomes for cls in outcome.classes)

    @property
    def diverged(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.divergences)

    def render(self) -> str:
        identical = len(self.outcomes) - self.diverged
        lines = [f"seed {self.seed}: {len(self.outcomes)} cases, {identical} identical, {self.diverged} diverged"]
        for cls, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0])):
            example = self.shrunk.get(cls)
            where = (
                f" (shrunk: {example.case.name}, {len(example.case.turns)} turns, {len(example.case.client)} steps)"
                if example
                else ""
            )
            lines.append(f"  {count:4d}  {cls}{where}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "cases": len(self.outcomes),
            "diverged": self.diverged,
            "classes": dict(self.counts),
            "outcomes": [
                {
                    "case": o.case.name,
                    "classes": o.classes,
                    "divergences": [d.__dict__ for d in o.divergences],
                    "unconfirmed": [d.__dict__ for d in o.unconfirmed],
                }
                for o in self.outcomes
            ],
        }


class Differential:
    """Plays cases on a real server and the mock and compares what a client sees on each."""

    def __init__(self, real: Target, mock: Target, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.real = real
        self.mock = mock
        self.timeout_s = timeout_s
        self._executions = itertools.count(1)

    async def _play(self, target: Target, case: Scenario) -> Transcript | str:
        try:
            body = target.prepare(case)
            return await arun_client_script(
                target.url, target.api_key, case, body, timeout_s=self.timeout_s, strict=False
            )
        except ClientScriptError as exc:
            return str(exc)

    def run_case(self, case: Scenario) -> CaseOutcome:
        """Play ``case`` on both targets at once and compare.

        A divergence in REST/WebSocket ordering alone is a race on a busy real server too (it
        publishes from executor threads), so it counts only when a replay shows it again: the
        case is replayed up to :data:`ORDERING_REPLAYS` times and keeps the first outcome that
        confirms it (the mock's ordering does not vary).
        """
        outcome = self._play_once(case)
        if not outcome.divergences or not all(d.cls.startswith(TIMING_CLASSES) for d in outcome.divergences):
            return outcome
        for _ in range(ORDERING_REPLAYS):
            replay = self._play_once(case)
            if any(d.cls.startswith(TIMING_CLASSES) for d in replay.divergences):
                return outcome
        return CaseOutcome(case, outcome.real, outcome.mock, [], unconfirmed=outcome.divergences)

    def _play_once(self, case: Scenario) -> CaseOutcome:
        execution = instantiate(case, f"r{next(self._executions)}")

        async def both() -> tuple[Transcript | str, Transcript | str]:
            real, mock = await asyncio.gather(self._play(self.real, execution), self._play(self.mock, execution))
            return real, mock

        real, mock = asyncio.run(both())
        return CaseOutcome(case, real, mock, compare_outcomes(real, mock))

    def explore(
        self,
        count: int,
        seed_value: int,
        *,
        shrink: bool = True,
        on_outcome: Callable[[CaseOutcome], None] | None = None,
    ) -> Report:
        """Generate ``count`` cases from ``seed_value``, play each, and shrink one case per class."""
        report = self.play(generate_cases(count, seed_value), seed_value, on_outcome=on_outcome)
        if shrink:
            for cls in sorted(report.counts):
                first = next(o for o in report.outcomes if cls in o.classes)
                report.shrunk[cls] = self.shrink(first, cls)
        return report

    def play(
        self, cases: list[Scenario], seed_value: int = 0, *, on_outcome: Callable[[CaseOutcome], None] | None = None
    ) -> Report:
        """Play the given cases (generated or saved) once each."""
        report = Report(seed_value)
        for case in cases:
            outcome = self.run_case(case)
            report.outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        return report

    def shrink(self, outcome: CaseOutcome, cls: str, *, max_runs: int = MAX_SHRINK_RUNS) -> CaseOutcome:
        """A smaller case that still shows divergence class ``cls`` (greedy, at most ``max_runs`` plays)."""
        best, runs = outcome, 0
        progress = True
        while progress and runs < max_runs:
            progress = False
            for candidate in _simpler(best.case):
                if runs >= max_runs:
                    break
                runs += 1
                tried = self.run_case(candidate)
                if cls in tried.classes:
                    best, progress = tried, True
                    break
        return best


# -- shrinking ------------------------------------------------------------------------------


def _rebuilt(case: Scenario, **changes: Any) -> Scenario:
    turns: list[Turn] = changes.get("turns", list(case.turns))
    client: list[ClientStep] = changes.get("client", list(case.client))
    return make_case(
        turns,
        client,
        tools=tools_for(turns),
        confirmation_policy=changes.get("confirmation_policy", case.confirmation_policy),
        llm_stream=changes.get("llm_stream", case.llm_stream),
    )


def _plain(turn: Turn) -> Turn:
    update: dict[str, Any] = {"llm_delay_ms": 0}
    if isinstance(turn, ToolTurn):
        update |= {"thought": "", "tool_duration_ms": 0}
    if isinstance(turn, ReplyTurn):
        update["stream"] = False
    if isinstance(turn, ErrorTurn):
        return turn.model_copy(update={"llm_delay_ms": 0})
    return turn.model_copy(update=update)


def _simpler(case: Scenario) -> Iterator[Scenario]:
    """Candidates one step simpler than ``case``, most aggressive first."""
    turns, client = list(case.turns), list(case.client)
    for index in range(len(client)):
        if len(client) > 1:
            yield _rebuilt(case, client=client[:index] + client[index + 1 :])
    for index in range(len(turns)):
        if len(turns) > 1:
            yield _rebuilt(case, turns=turns[:index] + turns[index + 1 :])
    if case.llm_stream:
        yield _rebuilt(case, llm_stream=False)
    if case.confirmation_policy != "NeverConfirm":
        yield _rebuilt(case, confirmation_policy="NeverConfirm")
    for index, turn in enumerate(turns):
        plain = _plain(turn)
        if plain != turn:
            yield _rebuilt(case, turns=[*turns[:index], plain, *turns[index + 1 :]])


# -- files ----------------------------------------------------------------------------------


def save_outcome(outcome: CaseOutcome, directory: str | Path) -> Path:
    """Write a case (scenario YAML) and both transcripts beside it; the YAML's path."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{outcome.case.name}.yaml"
    path.write_text(dump_case(outcome.case), encoding="utf-8")
    for side, result in (("real", outcome.real), ("mock", outcome.mock)):
        text = result.to_jsonl() if isinstance(result, Transcript) else json.dumps({"failure": result}) + "\n"
        (folder / f"{outcome.case.name}.{side}.jsonl").write_text(text, encoding="utf-8")
    return path
