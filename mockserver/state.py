"""Everything one running mock server holds: config, clock, scenarios, store, engine, faults, journal."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from typing import Any

from contract.scenario import Scenario, ScenarioError, load_directory
from mockserver.bash import BashLog
from mockserver.clock import Clock
from mockserver.config import MockConfig
from mockserver.engine import Engine
from mockserver.faults import Faults
from mockserver.journal import Journal
from mockserver.store import Conversation, Store

# A conversation picks its scenario with this tag at creation (e.g. tags: {"scenario": "llm_error"}).
SCENARIO_TAG = "scenario"


@dataclass
class MockState:
    """The mutable world behind one mock server app."""

    config: MockConfig
    clock: Clock = field(init=False)
    scenarios: dict[str, Scenario] = field(init=False)
    store: Store = field(init=False)
    engine: Engine = field(init=False)
    faults: Faults = field(default_factory=Faults)
    journal: Journal = field(default_factory=Journal)
    sockets: dict[int, Any] = field(default_factory=dict)  # open event sockets, for fault injection
    strict: bool = False  # validate every response and frame against the contract
    violations: list[str] = field(default_factory=list)  # what strict mode found since the last reset
    default_scenario: str = field(init=False)

    def __post_init__(self) -> None:
        self.scenarios = {}
        for directory in self.config.scenario_dirs:
            self.scenarios.update(load_directory(directory))
        if self.config.default_scenario not in self.scenarios:
            raise ScenarioError(f"unknown default scenario {self.config.default_scenario!r}; known: {', '.join(sorted(self.scenarios))}")
        self.default_scenario = self.config.default_scenario
        self.reset()

    def reset(self) -> None:
        """Forget every conversation, fault and journal entry (scenarios stay loaded)."""
        if hasattr(self, "store"):
            self.store.clear()
        self.clock = Clock(self.config.seed)
        self.store = Store(self.clock)
        self.bash = BashLog()
        self.faults.clear()
        self.journal.clear()
        self.violations.clear()
        self.engine = Engine(speed=self.config.speed, max_concurrent_runs=self.config.max_concurrent_runs, faults=self.faults)

    def reconfigure(self, **changes: Any) -> None:
        """Reset, then apply ``MockConfig`` changes (api_keys, speed, default_scenario, ...)."""
        self.config = dataclasses.replace(self.config, **changes)
        if self.config.default_scenario not in self.scenarios:
            raise ScenarioError(f"unknown scenario {self.config.default_scenario!r}; known: {', '.join(sorted(self.scenarios))}")
        self.default_scenario = self.config.default_scenario
        self.reset()

    def scenario_for(self, request: dict[str, Any]) -> Scenario:
        name = (request.get("tags") or {}).get(SCENARIO_TAG) or self.default_scenario
        scenario = self.scenarios.get(name)
        if scenario is None:
            raise ScenarioError(f"unknown scenario {name!r}; known: {', '.join(sorted(self.scenarios))}")
        return scenario

    def create_conversation(self, conversation_id: uuid.UUID | None, request: dict[str, Any]) -> Conversation:
        scenario = self.scenario_for(request)
        conversation = self.store.create(conversation_id, request, scenario)
        if scenario.confirmation_policy != "NeverConfirm" and not request.get("confirmation_policy"):
            conversation.state["confirmation_policy"] = {"kind": scenario.confirmation_policy}
        return conversation
