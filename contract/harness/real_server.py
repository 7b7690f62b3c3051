"""Start the real openhands-agent-server as a subprocess, on loopback, in a throwaway directory.

The server package is only needed in the interpreter that runs the subprocess; this module never
imports it. Request bodies for it are in :mod:`contract.client.bodies`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from contract.client.api import ServerNotReady, wait_healthy
from contract.harness.serving import free_port


class RealServerError(RuntimeError):
    """The real server could not be started."""


class RealServer:
    """The real agent server on a free loopback port, in a throwaway working dir and HOME.

    >>> with RealServer(api_key="k") as server:
    ...     httpx.get(f"{server.url}/health")
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        python: str = sys.executable,
        startup_timeout_s: float = 60.0,
        log_level: str = "WARNING",
        extra_env: Mapping[str, str] | None = None,
    ) -> None:
        self.api_key = api_key
        self.python = python
        self.startup_timeout_s = startup_timeout_s
        self.log_level = log_level
        self.extra_env = dict(extra_env or {})
        self.port = 0
        self.root: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL of the running server."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        """Where the server's stdout and stderr go."""
        if self.root is None:
            raise RealServerError("server not started")
        return self.root / "server.log"

    @property
    def headers(self) -> dict[str, str]:
        """Auth headers for ``/api/*`` requests."""
        return {"X-Session-API-Key": self.api_key} if self.api_key else {}

    def log_text(self, tail_chars: int = 8000) -> str:
        """The end of the server log."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail_chars:]
        except (OSError, RealServerError):
            return ""

    def _environment(self, root: Path) -> dict[str, str]:
        # A clean environment: nothing from the caller leaks into the server besides PATH
        # (it needs bash and tmux), so runs are reproducible.
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": str(root / "home"),
            "TMPDIR": str(root / "tmp"),
            "LANG": "C.UTF-8",
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            "OPENHANDS_SUPPRESS_BANNER": "1",
            "OH_ENABLE_VSCODE": "false",
            "OH_PRELOAD_TOOLS": "false",
            "OH_ENABLE_BROWSER": "false",
            "LOG_LEVEL": self.log_level,
        }
        if self.api_key:
            env["OH_SESSION_API_KEYS_0"] = self.api_key
        env.update(self.extra_env)
        return env

    def start(self) -> RealServer:
        """Start the server and wait (bounded) until ``/health`` answers 200."""
        self.root = Path(tempfile.mkdtemp(prefix="ohmock-real-"))
        for sub in ("run", "home", "tmp"):
            (self.root / sub).mkdir()
        self.port = free_port()
        command = [self.python, "-m", "openhands.agent_server", "--host", "127.0.0.1", "--port", str(self.port)]
        with self.log_path.open("wb") as log:
            try:
                self._process = subprocess.Popen(
                    command,
                    cwd=self.root / "run",
                    env=self._environment(self.root),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            except OSError as exc:
                self.stop()
                raise RealServerError(f"cannot start the agent server with {self.python}: {exc}") from None
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        assert self._process is not None
        try:
            wait_healthy(self.url, timeout_s=self.startup_timeout_s, exit_code=self._process.poll, interval_s=0.2)
        except ServerNotReady as exc:
            raise RealServerError(f"agent server: {exc}:\n{self.log_text()}") from None

    def stop(self) -> None:
        """Terminate the server (by PID, escalating to SIGKILL) and remove its temp dirs."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait(timeout=5)
            self._process = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> RealServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
