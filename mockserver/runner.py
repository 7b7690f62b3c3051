"""The mock agent server in-process: real HTTP and WebSocket on a free loopback port."""

from __future__ import annotations

from contract.client.control import MockEndpoint
from contract.harness.serving import ServedApp
from mockserver.app import MockApp, create_app
from mockserver.config import MockConfig
from mockserver.state import MockState


class MockServer(ServedApp):
    """``with MockServer(MockConfig(...)) as mock: mock.url`` serves the mock until the block ends.

    The application is built before the server starts listening, so the first request is as
    fast as any other (``ohmock serve`` builds it in the background instead).
    """

    def __init__(self, config: MockConfig | None = None, *, startup_timeout_s: float = 10.0) -> None:
        self.config = config or MockConfig()
        self.app: MockApp
        super().__init__(create_app(self.config), name="ohmock-server", startup_timeout_s=startup_timeout_s)

    @property
    def api_key(self) -> str | None:
        return self.config.api_keys[0] if self.config.api_keys else None

    @property
    def endpoint(self) -> MockEndpoint:
        """Where this mock listens, for clients of its control API."""
        control = self.config.control_keys[0] if self.config.control_keys else None
        return MockEndpoint(self.url, self.api_key, self.config.control_prefix, control)

    @property
    def state(self) -> MockState:
        """The mock's store, engine, faults and journal (for assertions and resets)."""
        return self.app.state

    def start(self) -> MockServer:
        _ = self.app.full
        super().start()
        return self

    def __enter__(self) -> MockServer:
        return self.start()
