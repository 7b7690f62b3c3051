"""A scenario's ``workspace:`` section made real on disk, for the real server to work in.

The mock seeds the same section in memory (``mockserver.state``); tests start the real server's
conversations in the directory this writes, so both sides hold the same files and the same git
baseline.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from contract.harness.scenario import WorkspaceSeed

GIT_IDENTITY = ("-c", "user.name=ohmock", "-c", "user.email=ohmock@localhost", "-c", "commit.gpgsign=false")


def _git(directory: Path, *args: str) -> None:
    subprocess.run(["git", *GIT_IDENTITY, *args], cwd=directory, check=True, capture_output=True, timeout=60)


def _write(directory: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8", "surrogateescape"))


def materialize(seed: WorkspaceSeed, directory: Path) -> Path:
    """Write ``seed`` into ``directory`` (created; it must not hold files yet): the committed
    baseline first, then the working tree on top of it. Returns ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty")
    if seed.git is None:
        _write(directory, seed.files)
        return directory
    committed = seed.files if seed.git.committed is None else seed.git.committed
    _git(directory, "init", "-q", "-b", seed.git.branch)
    _write(directory, committed)
    _git(directory, "add", "-A")
    _git(directory, "commit", "-q", "--allow-empty", "-m", seed.git.message)
    for rel in committed:
        if rel not in seed.files:
            (directory / rel).unlink()
    _write(directory, seed.files)
    return directory
