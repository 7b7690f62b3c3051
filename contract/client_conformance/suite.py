"""Property-based client conformance: the real client against legal server behaviour.

Design: a *parametrized property runner*, not a ``RuleBasedStateMachine``. One hypothesis
example is a whole :class:`~contract.client_conformance.case.Case` (a program of client calls
and server variations, see ``strategies.py``); the harness executes it with the client under
test and checks every property after every step. Why not a state machine:

* the server variations that matter happen *inside* a blocking ``run()`` (anchored to frames of
  that run), so they are data of the run step, not rules between steps; the state machine would
  only add rule plumbing around the same ``run`` rule;
* a case is plain data, so hypothesis's shrunk example *is* the replayable case file; a state
  machine's shrunk example is a printed Python program;
* each property gets its own hypothesis search (its own shrinking, its own pass/fail in the
  report), and the searches share one execution cache keyed by the case: with the same explicit
  seed they generate the same examples, so a case (a second of real sockets and threads) runs
  once, not once per property. Only shrinking a failing property costs new executions, and that
  is bounded (``shrink_budget``).

Every property is a named check function over the execution :class:`Record`. Runs are judged
against what the server actually did (the mock's frame trace), never against what the case
planned, so any legal server behaviour the engine produces is judged correctly.

Forward-compatible additions (unknown kinds, unknown state keys) are judged differentially: when
a case containing them fails any property, the same case without them is executed too. A
failure that disappears without the additions is reported under ``unknown_kinds_tolerated``
(and not under the property that showed it); one that stays is the other property's.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings

from contract.client.control import MockEndpoint
from contract.client_conformance.case import Case, dump_case, load_case
from contract.client_conformance.client import ClientFactory, quiet_sdk_logs, sdk_client_factory, sdk_version
from contract.client_conformance.harness import Bounds, Harness, HarnessError, Record
from contract.client_conformance.properties import (
    PROPERTIES,
    PROPERTY_NAMES,
    check_unknown_kinds_tolerated,
    record_coverage,
)
from contract.client_conformance.strategies import cases

REPORT_FORMAT = "ohmock-client-conformance-report/1"

# -- evaluation, search, report ------------------------------------------------------------------


@dataclass
class Outcome:
    """The verdict of every property on one case."""

    case: Case
    failures: dict[str, list[str]]
    duration_s: float
    stopped: str | None = None
    stopped_at: int | None = None  # the step the program stopped at (a hang or a crash)
    inconclusive: str | None = None
    coverage: Counter = field(default_factory=Counter)
    fired: set[str] = field(default_factory=set)  # labels of the variations that took effect

    @property
    def failed(self) -> list[str]:
        return [name for name, found in self.failures.items() if found]


class PropertyViolation(AssertionError):
    def __init__(self, name: str, violations: list[str]):
        super().__init__(f"{name}: " + "; ".join(violations))
        self.name = name
        self.violations = violations


@dataclass
class _SearchProgress:
    """How one property's search went so far."""

    examples: int = 0
    fresh_after_failure: int = 0
    failing: Outcome | None = None


class ConformanceSuite:
    """The properties, a running mock server and a client factory (``with`` opens the harness)."""

    def __init__(
        self,
        mock: MockEndpoint,
        factory: ClientFactory | None = None,
        *,
        bounds: Bounds | None = None,
        client_name: str | None = None,
    ):
        self.mock = mock
        self.factory = factory or sdk_client_factory()
        self.client_name = client_name or sdk_version()
        self.bounds = bounds or Bounds()
        self.harness: Harness | None = None
        self.cache: dict[str, Outcome] = {}
        self.executions = 0
        self._quiet: Any = None

    def __enter__(self) -> ConformanceSuite:
        self.harness = Harness(self.mock, self.factory, self.bounds, client_name=self.client_name)
        # The SDK logs every skipped frame and failed poll with a stack trace, also from its
        # threads after a case ended: quiet for the suite's whole lifetime.
        self._quiet = quiet_sdk_logs()
        self._quiet.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._quiet is not None:
            self._quiet.__exit__(None, None, None)
            self._quiet = None
        if self.harness is not None:
            self.harness.close()
            self.harness = None

    # -- one case ----------------------------------------------------------------------------------

    def cached(self, case: Case) -> Outcome | None:
        return self.cache.get(case.key())

    def evaluate(self, case: Case) -> Outcome:
        """Execute ``case`` (once; later calls hit the cache) and judge every property."""
        key = case.key()
        if key in self.cache:
            return self.cache[key]
        assert self.harness is not None, "use the suite as a context manager"
        started = time.monotonic()
        record: Record | None = None
        problem = None
        for _attempt in range(2):
            try:
                record = self.harness.execute(case)
                self.executions += 1
                break
            except HarnessError as exc:
                problem = str(exc)
        if record is None:
            outcome = Outcome(
                case, {name: [] for name in PROPERTY_NAMES}, time.monotonic() - started, inconclusive=problem
            )
            self.cache[key] = outcome
            return outcome
        failures = {p.name: p.check(record) for p in PROPERTIES if p.check is not None}

        def without_additions() -> dict[str, list[str]]:
            return self.evaluate(case.without_forward_compatible()).failures

        tolerated, caused = check_unknown_kinds_tolerated(record, failures, without_additions)
        for name in caused:
            failures[name] = []
        failures["unknown_kinds_tolerated"] = tolerated
        stopped_at = len(record.steps) - 1 if record.stopped and record.steps else None
        outcome = Outcome(
            case,
            failures,
            time.monotonic() - started,
            stopped=record.stopped,
            stopped_at=stopped_at,
            coverage=record_coverage(record),
            fired=record.fired_labels(),
        )
        self.cache[key] = outcome
        return outcome

    # -- one property's search ---------------------------------------------------------------------

    def search(self, name: str, *, seed_value: int, max_examples: int, shrink_budget: int) -> dict[str, Any]:
        """Hypothesis search for a counterexample to ``name``; shrinks it within ``shrink_budget``
        new executions. Returns the property's report entry (the failing Case under ``case``)."""
        started = time.monotonic()
        progress = _SearchProgress()

        @seed(seed_value)
        @settings(
            max_examples=max_examples,
            database=None,
            deadline=None,
            derandomize=False,
            phases=(Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
            verbosity=Verbosity.quiet,
            print_blob=False,
        )
        @given(cases())
        def holds(case: Case) -> None:
            outcome = self.cached(case)
            if outcome is None:
                if progress.failing is not None:
                    if progress.fresh_after_failure >= shrink_budget:
                        return  # shrink budget spent: candidates not yet executed count as passing
                    progress.fresh_after_failure += 1
                outcome = self.evaluate(case)
            progress.examples += 1
            if outcome.failures[name]:
                progress.failing = outcome
                raise PropertyViolation(name, outcome.failures[name])

        failure = None
        try:
            holds()
        except Exception:
            failing = progress.failing
            if failing is None:
                raise
            failing = self._prune(failing, name)
            failure = {"violations": failing.failures[name], "case": failing.case, "stopped": failing.stopped}
        prop = next(p for p in PROPERTIES if p.name == name)
        return {
            "name": name,
            "description": prop.description,
            "passed": failure is None,
            "examples": progress.examples,
            "shrink_executions": progress.fresh_after_failure,
            "duration_s": round(time.monotonic() - started, 2),
            "failure": failure,
        }

    def _prune(self, failing: Outcome, name: str) -> Outcome:
        """Tidy the shrunk case without changing what happened: drop the steps after the one the
        program stopped at (they never ran) and the variations that never took effect (their
        anchor never came). Kept only if the property still fails: one more execution at most."""
        case = failing.case
        if failing.stopped_at is not None and failing.stopped_at + 1 < len(case.steps):
            case = case.model_copy(update={"steps": case.steps[: failing.stopped_at + 1]})
        case = case.keeping(failing.fired)
        if case == failing.case:
            return failing
        pruned = self.evaluate(case)
        return pruned if pruned.failures[name] else failing

    def run(
        self,
        *,
        seed_value: int = 0,
        max_examples: int = 25,
        shrink_budget: int = 20,
        properties: list[str] | None = None,
    ) -> dict[str, Any]:
        """Search every property; returns the report (failing cases as Case objects)."""
        started = time.monotonic()
        entries = [
            self.search(name, seed_value=seed_value, max_examples=max_examples, shrink_budget=shrink_budget)
            for name in (properties or PROPERTY_NAMES)
        ]
        coverage: Counter = Counter()
        for outcome in self.cache.values():
            coverage.update(outcome.coverage)
        inconclusive = [o.inconclusive for o in self.cache.values() if o.inconclusive]
        return {
            "format": REPORT_FORMAT,
            "client": self.client_name,
            "seed": seed_value,
            "max_examples": max_examples,
            "shrink_budget": shrink_budget,
            "passed": all(e["passed"] for e in entries),
            "duration_s": round(time.monotonic() - started, 1),
            "cases_executed": self.executions,
            "inconclusive": inconclusive,
            "coverage": dict(sorted(coverage.items())),
            "properties": entries,
        }


def write_report(report: dict[str, Any], path: str | Path) -> dict[str, Any]:
    """Write the JSON report; each failing property's shrunk case goes next to it as
    ``<report stem>.<property>.yaml`` (a replayable case file). Returns the JSON document."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = json.loads(json.dumps({k: v for k, v in report.items() if k != "properties"}))
    document["properties"] = []
    for entry in report["properties"]:
        entry = dict(entry)
        failure = entry.get("failure")
        if failure is not None:
            case_path = path.with_name(f"{path.stem}.{entry['name']}.yaml")
            dump_case(
                failure["case"],
                case_path,
                property=entry["name"],
                failure=failure["violations"],
                client=report["client"],
                seed=report["seed"],
            )
            entry["failure"] = {
                "violations": failure["violations"],
                "stopped": failure.get("stopped"),
                "case_file": str(case_path),
            }
        document["properties"].append(entry)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    written: dict[str, Any] = document
    return written


def replay(
    path: str | Path, mock: MockEndpoint, factory: ClientFactory | None = None, *, bounds: Bounds | None = None
) -> Outcome:
    """Execute a case file once with the client against ``mock`` and judge every property."""
    case = load_case(path)
    with ConformanceSuite(mock, factory, bounds=bounds) as suite:
        return suite.evaluate(case)


def run_suite(
    mock: MockEndpoint,
    factory: ClientFactory | None = None,
    *,
    seed_value: int = 0,
    max_examples: int = 25,
    shrink_budget: int = 20,
    properties: list[str] | None = None,
    bounds: Bounds | None = None,
) -> dict[str, Any]:
    """Search every property (or those named) against ``mock``; the report."""
    with ConformanceSuite(mock, factory, bounds=bounds) as suite:
        return suite.run(
            seed_value=seed_value, max_examples=max_examples, shrink_budget=shrink_budget, properties=properties
        )
