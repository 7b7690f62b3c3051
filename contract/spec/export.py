"""Re-export the upstream spec: from an installed openhands-agent-server, or from a running server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from typing import Any

import httpx

# The server module imports litellm and tools; these keep it offline and quiet while exporting.
_QUIET_SERVER_ENV = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "OPENHANDS_SUPPRESS_BANNER": "1",
    "OH_ENABLE_VSCODE": "false",
    "OH_PRELOAD_TOOLS": "false",
    "OH_ENABLE_BROWSER": "false",
    "LOG_LEVEL": "ERROR",
}

_EXPORT_SCRIPT = """
import sys
from openhands.agent_server.api import create_app
from openhands.agent_server.openapi import serialize_openapi
sys.stdout.write(serialize_openapi(create_app().openapi()))
"""


def export_from_package(python: str | None = None) -> dict[str, Any]:
    """Export ``create_app().openapi()`` from an installed openhands-agent-server.

    Runs in a subprocess with a throwaway working directory and HOME, because building the app
    creates directories relative to both.
    """
    with tempfile.TemporaryDirectory(prefix="ohmock-export-") as scratch:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": scratch,
            "LANG": "C.UTF-8",
            **_QUIET_SERVER_ENV,
        }
        proc = subprocess.run(
            [python or sys.executable, "-c", _EXPORT_SCRIPT],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"exporting the spec failed:\n{proc.stderr[-4000:]}")
    document: dict[str, Any] = json.loads(proc.stdout)
    return document


def download(base_url: str, timeout: float = 30.0) -> dict[str, Any]:
    """Download ``/openapi.json`` from a running agent server."""
    response = httpx.get(base_url.rstrip("/") + "/openapi.json", timeout=timeout)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    return document
