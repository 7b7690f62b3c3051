"""Everything one running mock server holds: config, clock, scenarios, stores, engine, faults, journal."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from contract.harness.scenario import Scenario, ScenarioError, WorkspaceSeed, load_scenarios
from mockserver.agent_profile_store import AgentProfiles, AgentProfileStore
from mockserver.bash_log import BashLog
from mockserver.cipher import cipher_for
from mockserver.clock import Clock
from mockserver.config import MockConfig
from mockserver.deferred_init import Initialization
from mockserver.engine import Engine
from mockserver.faults import Faults
from mockserver.journal import Journal
from mockserver.meta_profile_store import MetaProfileStore
from mockserver.observers import Observers, SocketInfo
from mockserver.profile_store import ProfileStore
from mockserver.provider_connection_store import ProviderConnectionStore
from mockserver.secrets_store import SecretsStore
from mockserver.settings_store import SettingsStore
from mockserver.store import Conversation, Store
from mockserver.webhooks import Webhooks
from mockserver.workspace import absolute

GIT_INIT_BRANCH = "master"
"""The branch ``git init`` names without an ``init.defaultBranch`` setting."""

SCENARIO_TAG = "scenario"
"""A conversation picks its scenario with this tag at creation (e.g. ``tags: {"scenario": "llm_error"}``)."""


@dataclass
class MockState:
    """The mutable world behind one mock server app.

    ``observers`` is the seam for watching it (the journal is one observer); ``on_reset`` holds
    what else must be forgotten when the mock is reset (recorders, for instance).
    """

    config: MockConfig
    observers: Observers = field(default_factory=Observers)
    journal: Journal = field(default_factory=Journal)
    faults: Faults = field(default_factory=Faults)
    sockets: dict[int, SocketInfo] = field(default_factory=dict)
    """Open sockets by id, so faults can drop them."""
    strict: bool = False
    """Validate every response and frame against the contract."""
    violations: list[str] = field(default_factory=list)
    """What strict mode found since the last reset."""
    on_reset: list[Callable[[], None]] = field(default_factory=list)
    scenarios: dict[str, Scenario] = field(init=False)
    default_scenario: str = field(init=False)
    clock: Clock = field(init=False)
    store: Store = field(init=False)
    bash: BashLog = field(init=False)
    engine: Engine = field(init=False)
    settings: SettingsStore = field(init=False)
    secrets: SecretsStore = field(init=False)
    profiles: ProfileStore = field(init=False)
    provider_connections: ProviderConnectionStore = field(init=False)
    meta_profiles: MetaProfileStore = field(init=False)
    agent_profiles: AgentProfiles = field(init=False)
    initialization: Initialization = field(init=False)
    """Dormant until ``POST /api/init`` when started with deferred init (a reset keeps it)."""
    webhooks: Webhooks = field(init=False)
    """Posts events and conversation changes to the configured webhooks (an observer)."""
    _remove_webhooks: Callable[[], None] = field(init=False)

    def __post_init__(self) -> None:
        self.initialization = Initialization(deferred=self.config.deferred_init)
        self.scenarios = load_scenarios(*self.config.scenario_dirs, bundled=self.config.bundled_scenarios)
        self.default_scenario = self._known(self.config.default_scenario, "default scenario")
        self.observers.add(self.journal)
        self._fresh_world()

    def _known(self, name: str, what: str = "scenario") -> str:
        if name not in self.scenarios:
            raise ScenarioError(f"unknown {what} {name!r}; known: {', '.join(sorted(self.scenarios))}")
        return name

    def _fresh_world(self) -> None:
        self.clock = Clock(self.config.seed, self.config.id_salt)
        self.store = Store(self.clock, self.observers, leaks_secrets=lambda: self.faults.leak_secrets)
        for scenario in self.scenarios.values():
            self._seed_rooted(scenario)
        self.bash = BashLog(
            rules=lambda: self.scenarios[self.default_scenario].commands, files=self.store.workspace.files
        )
        self._runtime_bash: dict[str, BashLog] = {}
        self.settings = SettingsStore(self.clock, cipher_for(self.config.cipher_key))
        self.secrets = SecretsStore()
        self._install_webhooks()
        self.provider_connections = ProviderConnectionStore()
        self.profiles = ProfileStore(self.provider_connections)
        self.meta_profiles = MetaProfileStore()
        self.agent_profiles = AgentProfiles(AgentProfileStore(self.clock.uuid), self.settings, self.profiles)
        self.engine = Engine(
            speed=self.config.speed, max_concurrent_runs=self.config.max_concurrent_runs, faults=self.faults
        )

    def reset(self) -> None:
        """Forget every conversation, fault and journal entry (scenarios stay loaded)."""
        self.store.clear()
        self.faults.clear()
        self.journal.clear()
        self.violations.clear()
        for forget in list(self.on_reset):
            forget()
        self._fresh_world()

    def initialize(self, **changes: Any) -> None:
        """``POST /api/init``: apply the delivered configuration without forgetting anything
        (a dormant server holds nothing yet); the server is ready from now on."""
        self.config = dataclasses.replace(self.config, **changes)
        self.settings.cipher = cipher_for(self.config.cipher_key)
        self.engine.max_concurrent_runs = self.config.max_concurrent_runs
        self._install_webhooks()
        self.initialization.state = "ready"

    def _install_webhooks(self) -> None:
        """The webhook observer for the current configuration, in place of the previous one."""
        previous = getattr(self, "webhooks", None)  # not set yet on the first call
        if previous is not None:
            previous.forget()
            self._remove_webhooks()
        self.webhooks = Webhooks(self.config.webhooks, self.config.session_key)
        self._remove_webhooks = self.observers.add(self.webhooks)

    def reconfigure(self, **changes: Any) -> None:
        """Reset, then apply ``MockConfig`` changes (api_keys, speed, default_scenario, ...)."""
        config = dataclasses.replace(self.config, **changes)
        self.default_scenario = self._known(config.default_scenario)
        self.config = config
        self.reset()

    def runtime_bash(self, conversation_id: object) -> BashLog:
        """A conversation's runtime-scope bash log, made on first use (as the server makes its
        bash service): commands run in the conversation's working dir, answered by its scenario."""
        key = str(conversation_id)
        if key not in self._runtime_bash:
            conversation = self.store.get(uuid.UUID(key))
            if conversation is None:
                raise KeyError(key)
            working_dir = (conversation.state.get("workspace") or {}).get("working_dir")
            self._runtime_bash[key] = BashLog(
                default_cwd=working_dir,
                rules=lambda: conversation.run.scenario.commands,
                files=self.store.workspace.files,
            )
        return self._runtime_bash[key]

    def add_scenario(self, scenario: Scenario) -> None:
        """Load (or replace) a scenario; a workspace it seeds at a fixed root is created now."""
        self.scenarios[scenario.name] = scenario
        self._seed_rooted(scenario)

    def _seed_rooted(self, scenario: Scenario) -> None:
        if scenario.workspace is not None and scenario.workspace.root is not None:
            self._seed(scenario.workspace.root, scenario.workspace)

    def _seed(self, root: str, seed: WorkspaceSeed) -> None:
        """Create ``root`` as ``seed`` describes it, unless it already exists (first seed wins)."""
        workspace = self.store.workspace
        if workspace.exists(root):
            return
        workspace.seed(root, seed.files)
        if seed.git is not None:
            committed = seed.files if seed.git.committed is None else seed.git.committed
            workspace.init_repo(root, committed, branch=seed.git.branch, subject=seed.git.message)

    def _prepare_working_dir(self, path: str) -> None:
        """What the server does when a conversation starts (``EventService.start``): create the
        working dir and, unless it lies in a repository already, ``git init`` it (no commit)."""
        workspace = self.store.workspace
        try:
            workspace.make_directory(path)
        except (FileExistsError, NotADirectoryError):
            return
        if workspace.repo_of(path) is None:
            workspace.init_repo(path, None, branch=GIT_INIT_BRANCH)

    def scenario_for(self, request: dict[str, Any]) -> Scenario:
        name = (request.get("tags") or {}).get(SCENARIO_TAG) or self.default_scenario
        return self.scenarios[self._known(name)]

    def scenario_named_by_model(self, model: str | None) -> Scenario:
        """The scenario an LLM model names as the scripted LLM reads it (``openai/<scenario>``),
        else the default one."""
        name = (model or "").removeprefix("openai/")
        return self.scenarios.get(name) or self.scenarios[self.default_scenario]

    def create_conversation(
        self, conversation_id: uuid.UUID | None, request: dict[str, Any], *, scenario: Scenario | None = None
    ) -> Conversation:
        """A new conversation playing ``scenario`` (default: the one its tags select)."""
        scenario = scenario or self.scenario_for(request)
        conversation = self.store.create(conversation_id, request, scenario)
        working_dir = (conversation.state.get("workspace") or {}).get("working_dir")
        if isinstance(working_dir, str):
            directory = absolute(working_dir)
            if scenario.workspace is not None and scenario.workspace.root is None:
                self._seed(directory, scenario.workspace)
            self._prepare_working_dir(directory)
        if scenario.confirmation_policy != "NeverConfirm" and not request.get("confirmation_policy"):
            conversation.state["confirmation_policy"] = {"kind": scenario.confirmation_policy}
        return conversation
