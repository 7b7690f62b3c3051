"""Re-export the upstream spec: from an installed openhands-agent-server, or from a running server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
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


@dataclass(frozen=True)
class PackageExport:
    """What an installed server package yields: its OpenAPI document, its models' factory defaults,
    the JSON schema of its persisted settings (which the spec types as raw dicts) and its static
    catalogs (LLM providers and models, ACP credential channels)."""

    spec: dict[str, Any]
    factory_defaults: dict[str, dict[str, Any]]
    settings_models: dict[str, Any]
    catalog: dict[str, Any]


def export_from_package(python: str | None = None) -> PackageExport:
    """Export ``create_app().openapi()`` and the factory defaults from an installed openhands-agent-server.

    Runs :mod:`contract.spec.export_script` in a subprocess (``python``, default this interpreter)
    with a throwaway working directory and HOME, because building the app creates directories
    relative to both.
    """
    with (
        tempfile.TemporaryDirectory(prefix="ohmock-export-") as scratch,
        resources.as_file(resources.files("contract.spec").joinpath("export_script.py")) as script,
    ):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": scratch,
            "LANG": "C.UTF-8",
            **_QUIET_SERVER_ENV,
        }
        proc = subprocess.run(
            [python or sys.executable, str(script)],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"exporting the spec failed:\n{proc.stderr[-4000:]}")
    exported = json.loads(proc.stdout)
    return PackageExport(
        spec=exported["openapi"],
        factory_defaults=exported["factory_defaults"],
        settings_models=exported["settings_models"],
        catalog=exported["catalog"],
    )


def download(base_url: str, timeout: float = 30.0) -> dict[str, Any]:
    """Download ``/openapi.json`` from a running agent server."""
    response = httpx.get(base_url.rstrip("/") + "/openapi.json", timeout=timeout)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    return document
