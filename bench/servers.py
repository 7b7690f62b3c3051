"""The two servers the benchmarks compare, started the same way and timed to the same resolution."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from contract.client.api import ServerNotReady, wait_healthy
from contract.client.bodies import UNREACHABLE_LLM_URL, start_conversation_body
from contract.client.http import session_headers
from contract.harness.real_server import RealServer
from contract.harness.serving import free_port

API_KEY = "bench-key"
HEADERS = session_headers(API_KEY)
# No LLM is ever called (messages are posted with run:false, autotitle is off).
CONVERSATION_BODY = start_conversation_body(UNREACHABLE_LLM_URL, "bash_then_finish", autotitle=False)
POLL_S = 0.005
"""How often start-up is polled: the resolution of the start -> ready figures."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class MockProcess:
    """``ohmock serve --speed 0`` as a subprocess on a free loopback port.

    ``ready_s``: spawn -> first 200 from ``/health``; ``first_call_s``: spawn -> first answered
    ``POST /api/conversations`` (the full application built), when asked for.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.ready_s = 0.0
        self.first_call_s: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def command(self) -> list[str]:
        ohmock = Path(sys.executable).with_name("ohmock")
        base = [str(ohmock)] if ohmock.exists() else [sys.executable, "-m", "mockserver.cli"]
        return [*base, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--speed", "0", "--api-key", API_KEY]

    def start(self, *, first_call: bool = False) -> MockProcess:
        with httpx.Client(timeout=30.0, headers=HEADERS) as client:
            started = time.perf_counter()
            self.process = process = subprocess.Popen(
                self.command(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            try:
                wait_healthy(self.url, timeout_s=60, exit_code=process.poll, interval_s=POLL_S, client=client)
                self.ready_s = time.perf_counter() - started
                if first_call:
                    client.post(f"{self.url}/api/conversations", json=CONVERSATION_BODY).raise_for_status()
                    self.first_call_s = time.perf_counter() - started
            except BaseException:
                self.stop()
                raise
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None


class TimedRealServer(RealServer):
    """RealServer whose readiness poll runs every 5 ms (its own polls every 200 ms), so the
    start -> ready figure has the same resolution as the mock's."""

    ready_s = 0.0
    _poll_client: httpx.Client | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> TimedRealServer:
        with httpx.Client(timeout=2.0) as self._poll_client:
            started = time.perf_counter()
            super().start()
            self.ready_s = time.perf_counter() - started
        return self

    def _wait_healthy(self) -> None:
        assert self._process is not None
        try:
            wait_healthy(
                self.url,
                timeout_s=self.startup_timeout_s,
                exit_code=self._process.poll,
                interval_s=POLL_S,
                client=self._poll_client,
            )
        except ServerNotReady as exc:
            raise RuntimeError(f"{exc}\n{self.log_text()}") from None


@dataclass
class Target:
    """One server under test, with the conversation the benchmarks use."""

    name: str
    url: str
    pid: int | None = None  # the server process, for its CPU time
    conversation: str = ""  # the big conversation
    events: int = 0
    page_bytes: int = 0
    page_kinds: list[str] = field(default_factory=list)
