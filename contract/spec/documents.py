"""The contract's documents, read from package data: pinned spec, overlay, effective spec, AsyncAPI.

Data flows one way: the pinned upstream export (``openapi.json``, shipped as
``contract/spec/openapi.json``) + the documented corrections (``contract/spec/overlay.yaml``) +
the server models' factory defaults exported with it (``contract/spec/factory_defaults.json``) →
the effective spec (``contract/generated/openapi.effective.json``) → generated models, the mock
server and the checks. Every reader goes through :mod:`importlib.resources`, so an installed
wheel works exactly like a checkout.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from contract.spec import PINNED_SERVER_VERSION
from contract.spec.defaults import apply_factory_defaults
from contract.spec.overlay import apply_overlay, parse_overlay

__all__ = [
    "PINNED_SERVER_VERSION",
    "asyncapi_document",
    "build_effective",
    "catalog",
    "effective_spec",
    "factory_defaults",
    "overlay",
    "pinned_spec",
    "serialize",
    "write",
]

PINNED_SPEC_FILE = "openapi.json"
OVERLAY_FILE = "overlay.yaml"
FACTORY_DEFAULTS_FILE = "factory_defaults.json"
CATALOG_FILE = "catalog.json"
ASYNCAPI_FILE = "asyncapi.yaml"
EFFECTIVE_SPEC_FILE = "openapi.effective.json"


def _text(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def pinned_spec_text() -> str:
    """The pinned upstream export, byte for byte (the repository's top-level ``openapi.json``)."""
    return _text("contract.spec", PINNED_SPEC_FILE)


@cache
def pinned_spec() -> dict[str, Any]:
    """The pinned upstream spec (read once per process; callers must not mutate it)."""
    document: dict[str, Any] = json.loads(pinned_spec_text())
    return document


def overlay_text() -> str:
    """The corrections overlay as shipped."""
    return _text("contract.spec", OVERLAY_FILE)


@cache
def overlay() -> dict[str, Any]:
    """The corrections overlay, parsed and shape-checked (callers must not mutate it)."""
    return parse_overlay(overlay_text(), f"contract/spec/{OVERLAY_FILE}")


def catalog_text() -> str:
    """The server's static catalogs as exported with the pinned spec."""
    return _text("contract.spec", CATALOG_FILE)


@cache
def catalog() -> dict[str, Any]:
    """``{"llm": {...}, "acp_credential_channels": {...}}`` (read once; callers must not mutate it)."""
    document: dict[str, Any] = json.loads(catalog_text())
    return document


def factory_defaults_text() -> str:
    """The server models' factory defaults as exported with the pinned spec."""
    return _text("contract.spec", FACTORY_DEFAULTS_FILE)


@cache
def factory_defaults() -> dict[str, dict[str, Any]]:
    """``{schema: {property: default}}`` (read once per process; callers must not mutate it)."""
    document: dict[str, dict[str, Any]] = json.loads(factory_defaults_text())
    return document


def effective_spec_text() -> str:
    """The committed effective spec, byte for byte."""
    return _text("contract.generated", EFFECTIVE_SPEC_FILE)


@cache
def effective_spec() -> dict[str, Any]:
    """The committed effective spec (read once per process; callers must not mutate it)."""
    document: dict[str, Any] = json.loads(effective_spec_text())
    return document


@cache
def asyncapi_document() -> dict[str, Any]:
    """The AsyncAPI 3.0 document of the three sockets (callers must not mutate it)."""
    document: dict[str, Any] = yaml.safe_load(_text("contract.spec", ASYNCAPI_FILE))
    return document


def build_effective(
    upstream: dict[str, Any] | None = None,
    corrections: dict[str, Any] | None = None,
    defaults: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Upstream spec + corrections overlay + factory defaults (the pinned ones unless given); a new document."""
    # Both steps work on copies, so the cached documents stay untouched.
    corrected = apply_overlay(
        pinned_spec() if upstream is None else upstream, overlay() if corrections is None else corrections
    )
    return apply_factory_defaults(corrected, factory_defaults() if defaults is None else defaults)


def serialize(document: dict[str, Any]) -> str:
    """Deterministic JSON, byte-compatible with upstream's ``serialize_openapi``."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(document: dict[str, Any], path: Path) -> bool:
    """Write ``document`` deterministically; return True when the file changed."""
    text = serialize(document)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
