"""Settings of one mock agent server instance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from contract.harness.scenarios import DEFAULT_SCENARIO
from contract.spec import PINNED_SERVER_VERSION


@dataclass(frozen=True)
class MockConfig:
    """Everything ``ohmock serve``, the pytest plugin and tests can set.

    ``speed`` scales the simulated timing (default LLM latency, tool durations): 0 skips it, 1 is
    realistic. A turn's explicit ``llm_delay_ms`` is part of the script and plays as written at
    any speed, so pause/interrupt scenarios keep their window. ``seed`` makes ids and timestamps
    deterministic. The scenarios are the bundled pack (unless ``bundled_scenarios`` is False) plus
    every ``*.yaml`` in ``scenario_dirs``, later ones overriding earlier ones by name.
    """

    api_keys: tuple[str, ...] = ()
    speed: float = 0.0
    seed: int | None = None
    default_scenario: str = DEFAULT_SCENARIO
    scenario_dirs: tuple[Path, ...] = ()
    bundled_scenarios: bool = True
    server_version: str = PINNED_SERVER_VERSION
    cors_origins: tuple[str, ...] = ()
    max_concurrent_runs: int = 10
    max_subscribers: int = 50
    auth_timeout_s: float = 10.0
    control_prefix: str = "/_mock"
    extra: dict[str, str] = field(default_factory=dict)
