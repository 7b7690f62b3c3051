"""Regenerate everything derived from the pinned spec: the effective spec and the models.

``ohmock spec build`` runs :func:`build_all` on a source checkout (the current directory by
default): it reads the checkout's ``openapi.json``, ``contract/spec/overlay.yaml`` and
``contract/spec/factory_defaults.json`` and writes
``contract/generated/``. The output is committed; a test regenerates it into a temporary
directory and fails when the committed copy has drifted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract.spec.documents import build_effective, write
from contract.spec.overlay import load_overlay
from contract.wire_rules import BASE_CLASS_MAP, COMPACT_BASE, SETTINGS_BASE_CLASS_MAP

HEADER = """\
# GENERATED FILE, DO NOT EDIT. Pydantic v2 models of the OpenHands agent-server API
# (openhands-agent-server 1.58.0 + contract/spec/overlay.yaml + factory_defaults.json), made by datamodel-code-generator.
# Regenerate with: ohmock spec build"""

# Fixed options: the builtin formatter keeps the output independent of black/isort versions.
CODEGEN_ARGS = [
    "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.12",
    "--use-annotated",
    "--strict-nullable",
    "--field-constraints",
    "--use-double-quotes",
    "--disable-timestamp",
    "--enum-field-as-literal", "all",
    "--use-schema-description",
    "--formatters", "builtin",
    "--base-class", "contract.wire_base.WireModel",
]  # fmt: skip
SETTINGS_HEADER = """\
# GENERATED FILE, DO NOT EDIT. Pydantic v2 models of the agent server's persisted settings
# (openhands-agent-server 1.58.0, contract/spec/settings_models.json), made by datamodel-code-generator.
# Regenerate with: ohmock spec build"""


class CheckoutError(ValueError):
    """The directory is not an ohmock source checkout."""


@dataclass(frozen=True)
class Checkout:
    """The files of a source checkout that the build reads and writes."""

    root: Path

    @property
    def pinned_spec(self) -> Path:
        return self.root / "openapi.json"

    @property
    def overlay(self) -> Path:
        return self.root / "contract" / "spec" / "overlay.yaml"

    @property
    def factory_defaults(self) -> Path:
        return self.root / "contract" / "spec" / "factory_defaults.json"

    @property
    def settings_schema(self) -> Path:
        return self.root / "contract" / "spec" / "settings_models.json"

    @property
    def settings_models(self) -> Path:
        return self.root / "contract" / "generated" / "settings_models.py"

    @property
    def effective_spec(self) -> Path:
        return self.root / "contract" / "generated" / "openapi.effective.json"

    @property
    def models(self) -> Path:
        return self.root / "contract" / "generated" / "models.py"

    @classmethod
    def at(cls, root: str | Path = ".") -> Checkout:
        """The checkout at ``root``; raises :class:`CheckoutError` when it is not one."""
        checkout = cls(Path(root).resolve())
        missing = [
            p
            for p in (
                checkout.pinned_spec,
                checkout.overlay,
                checkout.factory_defaults,
                checkout.settings_schema,
                checkout.models.parent,
            )
            if not p.exists()
        ]
        if missing:
            raise CheckoutError(
                f"{checkout.root} is not an ohmock source checkout (missing {', '.join(str(p) for p in missing)})"
            )
        return checkout


def generate_models(
    spec_path: Path,
    output: Path,
    *,
    input_type: str = "openapi",
    base_classes: dict[str, str] = BASE_CLASS_MAP,
    header: str = HEADER,
) -> None:
    """Run datamodel-code-generator on ``spec_path`` (an OpenAPI or JSON Schema document), writing ``output``."""
    try:
        import datamodel_code_generator  # noqa: F401  (dev dependency: fail with a hint, not a traceback)
    except ImportError:
        raise RuntimeError(
            "datamodel-code-generator is not installed; install the dev extra: pip install -e '.[dev]'"
        ) from None
    command = [
        sys.executable,
        "-m",
        "datamodel_code_generator",
        "--input",
        str(spec_path),
        "--output",
        str(output),
        *CODEGEN_ARGS,
        "--input-file-type",
        input_type,
        "--base-class-map",
        json.dumps(base_classes, sort_keys=True),
        "--custom-file-header",
        header,
    ]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"datamodel-code-generator failed:\n{proc.stderr[-4000:]}")


def settings_base_classes(schema: dict[str, Any]) -> dict[str, str]:
    """The bases of the settings models: the wire rules', plus the compact serializer where marked."""
    compact = {name: COMPACT_BASE for name, d in schema.get("$defs", {}).items() if d.get("x-drops-empty-fields")}
    return {**compact, **SETTINGS_BASE_CLASS_MAP}


def build_all(checkout: Checkout) -> list[Path]:
    """Rebuild the checkout's effective spec and models; return the paths whose content changed."""
    changed = []
    upstream = json.loads(checkout.pinned_spec.read_text(encoding="utf-8"))
    defaults = json.loads(checkout.factory_defaults.read_text(encoding="utf-8"))
    if write(build_effective(upstream, load_overlay(checkout.overlay), defaults), checkout.effective_spec):
        changed.append(checkout.effective_spec)
    with tempfile.TemporaryDirectory() as scratch:
        fresh, fresh_settings = Path(scratch) / "models.py", Path(scratch) / "settings_models.py"
        generate_models(checkout.effective_spec, fresh)
        generate_models(
            checkout.settings_schema,
            fresh_settings,
            input_type="jsonschema",
            base_classes=settings_base_classes(json.loads(checkout.settings_schema.read_text(encoding="utf-8"))),
            header=SETTINGS_HEADER,
        )
        for made, target in ((fresh, checkout.models), (fresh_settings, checkout.settings_models)):
            text = made.read_text(encoding="utf-8")
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                changed.append(target)
    return changed
