"""The dependency rules of ARCHITECTURE.md hold, and the import-linter contracts that enforce them
catch a break: each mutation adds one forbidden import to a copy of the packages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# (module file, import to add, contract that must break)
MUTATIONS = {
    "contract imports mockserver": (
        "contract/spec/events.py",
        "import mockserver.store",
        "contract never imports mockserver",
    ),
    "a lower contract wing imports a higher one": (
        "contract/client/http.py",
        "import contract.harness.scenario",
        "contract wings are layers",
    ),
    "the engine imports the CLI": (
        "mockserver/engine.py",
        "import mockserver.cli",
        "mockserver layers, CLI and plugin on top",
    ),
    "the store imports the routes": (
        "mockserver/store.py",
        "import mockserver.routes.conversations",
        "mockserver layers, CLI and plugin on top",
    ),
    "a cycle between siblings": ("mockserver/clock.py", "import mockserver.journal", "no import cycles"),
}


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    # The copies come first on the path, so the linter analyses them, not the checkout.
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(CHECKOUT / "pyproject.toml"), "--no-cache"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for package in ("contract", "mockserver"):
        shutil.copytree(CHECKOUT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_packages_keep_every_contract(copy: Path) -> None:
    result = _lint(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_a_forbidden_import_breaks_its_contract(copy: Path, mutation: str) -> None:
    module, statement, contract = MUTATIONS[mutation]
    path = copy / module
    if mutation == "a cycle between siblings":
        (copy / "mockserver/journal.py").write_text(
            (copy / "mockserver/journal.py").read_text() + "\nimport mockserver.clock\n"
        )
    path.write_text(path.read_text() + f"\n{statement}\n")
    result = _lint(copy)
    assert result.returncode != 0, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout
