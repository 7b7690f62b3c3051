"""Regenerate everything derived from the pinned spec: the effective spec and the models.

``ohmock spec build`` runs :func:`build_all`. The output is committed; a test regenerates it
into a temporary directory and fails when the committed copy has drifted.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from contract.spec import CONTRACT_DIR, EFFECTIVE_SPEC, build_effective, write

MODELS = CONTRACT_DIR / "generated" / "models.py"

HEADER = """\
# GENERATED FILE, DO NOT EDIT. Pydantic v2 models of the OpenHands agent-server API
# (openhands-agent-server 1.58.0 + contract/overlay.yaml), made by datamodel-code-generator.
# Regenerate with: ohmock spec build"""

# Fixed options: the builtin formatter keeps the output independent of black/isort versions.
CODEGEN_ARGS = [
    "--input-file-type", "openapi",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.12",
    "--use-annotated",
    "--field-constraints",
    "--use-double-quotes",
    "--disable-timestamp",
    "--enum-field-as-literal", "all",
    "--use-schema-description",
    "--formatters", "builtin",
    "--base-class", "contract.wire_base.WireModel",
    "--custom-file-header", HEADER,
]


def generate_models(spec_path: Path, output: Path) -> None:
    """Run datamodel-code-generator on ``spec_path``, writing ``output``."""
    try:
        import datamodel_code_generator  # noqa: F401  (dev dependency: fail with a hint, not a traceback)
    except ImportError:
        raise RuntimeError(
            "datamodel-code-generator is not installed; install the test extra: pip install -e '.[test]'"
        ) from None
    command = [sys.executable, "-m", "datamodel_code_generator", "--input", str(spec_path), "--output", str(output), *CODEGEN_ARGS]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"datamodel-code-generator failed:\n{proc.stderr[-4000:]}")


def build_all(effective_path: Path = EFFECTIVE_SPEC, models_path: Path = MODELS) -> list[Path]:
    """Rebuild the effective spec and the models; return the paths whose content changed."""
    changed = []
    if write(build_effective(), effective_path):
        changed.append(effective_path)
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "models.py"
        generate_models(effective_path, fresh)
        text = fresh.read_text(encoding="utf-8")
    if not models_path.exists() or models_path.read_text(encoding="utf-8") != text:
        models_path.write_text(text, encoding="utf-8")
        changed.append(models_path)
    return changed
