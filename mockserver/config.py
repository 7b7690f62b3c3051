"""Settings of one mock agent server instance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from contract.scenario import BUNDLED_DIR
from contract.spec import PINNED_SERVER_VERSION


@dataclass(frozen=True)
class MockConfig:
    """Everything ``ohmock serve``, the pytest plugin and tests can set.

    ``speed`` scales the scenario's timing: 0 runs instantly, 1 is realistic (LLM and tool
    latencies as the real server shows them). ``seed`` makes ids and timestamps deterministic.
    """

    api_keys: tuple[str, ...] = ()
    speed: float = 0.0
    seed: int | None = None
    default_scenario: str = "bash_then_finish"
    scenario_dirs: tuple[Path, ...] = (BUNDLED_DIR,)
    server_version: str = PINNED_SERVER_VERSION
    cors_origins: tuple[str, ...] = ()
    max_concurrent_runs: int = 10
    max_subscribers: int = 50
    auth_timeout_s: float = 10.0
    control_prefix: str = "/_mock"
    extra: dict[str, str] = field(default_factory=dict)
