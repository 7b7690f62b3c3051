"""The pinned agent-server OpenAPI document, its corrections overlay, and the effective spec.

Data flows one way: ``openapi.json`` (upstream export, pinned) + ``contract/overlay.yaml``
(documented corrections) → ``contract/generated/openapi.effective.json`` → generated models,
the mock server and the checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from contract.overlay import apply_overlay, load_overlay

PINNED_SERVER_VERSION = "1.58.0"
CONTRACT_DIR = Path(__file__).resolve().parent
REPO_DIR = CONTRACT_DIR.parent
UPSTREAM_SPEC = REPO_DIR / "openapi.json"
OVERLAY = CONTRACT_DIR / "overlay.yaml"
EFFECTIVE_SPEC = CONTRACT_DIR / "generated" / "openapi.effective.json"

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


def serialize(document: dict[str, Any]) -> str:
    """Deterministic JSON, byte-compatible with upstream's ``serialize_openapi``."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
        )
    if proc.returncode != 0:
        raise RuntimeError(f"exporting the spec failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def download(base_url: str, timeout: float = 30.0) -> dict[str, Any]:
    """Download ``/openapi.json`` from a running agent server."""
    response = httpx.get(base_url.rstrip("/") + "/openapi.json", timeout=timeout)
    response.raise_for_status()
    return response.json()


def build_effective(upstream: dict[str, Any] | None = None) -> dict[str, Any]:
    """Upstream spec + corrections overlay."""
    if upstream is None:
        upstream = json.loads(UPSTREAM_SPEC.read_text(encoding="utf-8"))
    return apply_overlay(upstream, load_overlay(OVERLAY))


@cache
def effective_spec() -> dict[str, Any]:
    """The committed effective spec (read once per process; callers must not mutate it)."""
    return json.loads(EFFECTIVE_SPEC.read_text(encoding="utf-8"))


def write(document: dict[str, Any], path: Path) -> bool:
    """Write ``document`` deterministically; return True when the file changed."""
    text = serialize(document)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
