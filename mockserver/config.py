"""Settings of one mock agent server instance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from contract.harness.scenarios import DEFAULT_SCENARIO
from contract.spec import PINNED_SERVER_VERSION
from mockserver.webhooks import WebhookSpec


@dataclass(frozen=True)
class MockConfig:
    """Everything ``ohmock serve``, the pytest plugin and tests can set.

    ``speed`` scales the simulated timing (the default LLM latency): 0 skips it, 1 is realistic.
    A turn's explicit ``llm_delay_ms`` and ``tool_duration_ms`` are part of the script and play
    as written at any speed, so pause/interrupt scenarios keep their window. ``seed`` makes ids and timestamps
    deterministic. The scenarios are the bundled pack (unless ``bundled_scenarios`` is False) plus
    every ``*.yaml`` in ``scenario_dirs``, later ones overriding earlier ones by name.

    The control API (``control_prefix``) takes ``control_keys`` when given, else the session
    ``api_keys``; it answers only requests whose ``Host`` is a loopback name or one of
    ``allowed_hosts``, and refuses cross-origin requests except from ``cors_origins``.
    """

    api_keys: tuple[str, ...] = ()
    speed: float = 0.0
    seed: int | None = None
    id_salt: int | None = None
    """With ``seed``: the salt mixed into ids (default: a new one per start, so ids never repeat)."""
    default_scenario: str = DEFAULT_SCENARIO
    scenario_dirs: tuple[Path, ...] = ()
    bundled_scenarios: bool = True
    server_version: str = PINNED_SERVER_VERSION
    cors_origins: tuple[str, ...] = ()
    max_concurrent_runs: int = 10
    max_subscribers: int = 50
    auth_timeout_s: float = 10.0
    control_prefix: str = "/_mock"
    control_keys: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()
    deferred_init: bool = False
    """Start dormant: the API answers 503 until ``POST /api/init`` (the server's ``deferred_init``)."""
    webhooks: tuple[WebhookSpec, ...] = ()
    """Where to post events and conversation changes (the server's ``webhooks``)."""
    secret_key: str | None = None
    """The key secrets are encrypted with for ``X-Expose-Secrets: encrypted`` (the server's
    ``OH_SECRET_KEY``); without it the first session key, as on the real server."""

    @property
    def session_key(self) -> str | None:
        """The first session key: what the server sends to its webhooks, and its default secret key."""
        return self.api_keys[0] if self.api_keys else None

    @property
    def cipher_key(self) -> str | None:
        """The key of the server's cipher, or None when it has none (no secret key, no session key)."""
        return self.secret_key or self.session_key

    @property
    def control_key_set(self) -> tuple[str, ...]:
        """The keys the control API accepts (empty: open, as the agent API then is too)."""
        return self.control_keys or self.api_keys

    extra: dict[str, str] = field(default_factory=dict)
