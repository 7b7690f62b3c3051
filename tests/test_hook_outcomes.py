"""The hook outcomes the mock reads off a command equal what the shell gives when it runs it.

The real server runs a hook command with ``bash -c``; the mock runs nothing and reads the
outcome off simple statements. For every form it claims to read, running the command must give
the same exit code, stdout and stderr.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from contract.harness.scenario import CommandAnswer
from mockserver.hook_events import blocking_reason
from mockserver.shell import outcome

COMMANDS = [
    "true",
    ":",
    "false",
    "exit 2",
    "exit 7",
    "exit 300",
    "exit",
    "echo hello world",
    "echo 'quoted  spaces'",
    "echo nope >&2; exit 2",
    "echo out; echo err >&2",
    "echo first; exit 3; echo never",
    "false; true",
    "true; false",
    "echo a; echo b",
    "",
    "pwd",
    "echo before; sleep 0.05; echo after; exit 4",
    "echo out; exit 3",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_outcome_is_what_bash_gives(command: str, tmp_path: Path) -> None:
    ran = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=10, check=False, cwd=tmp_path)
    got = outcome(command, cwd=str(tmp_path))
    assert (got.exit_code, got.stdout, got.stderr) == (ran.returncode, ran.stdout, ran.stderr)


def test_sleep_moves_the_clock_and_a_timeout_keeps_what_was_printed() -> None:
    got = outcome("echo before; sleep 2; echo after")
    assert got.duration_s == 2
    assert (got.exit_code, got.stdout) == (0, "before\nafter\n")
    cut = got.until(1)
    assert (cut.exit_code, cut.stdout, cut.duration_s) == (-1, "before\n", 1)


def test_a_scenario_rule_wins_over_the_statements() -> None:
    rules = [CommandAnswer(pattern=r"git status.*", stdout="clean\n", exit_code=0, duration_ms=1500)]
    got = outcome("git status --short", rules=rules)
    assert (got.exit_code, got.stdout, got.duration_s) == (0, "clean\n", 1.5)
    assert outcome("echo other", rules=rules).stdout == "other\n"


def test_the_blocking_reason_is_the_first_blocking_hooks_stderr() -> None:
    events = [
        {"blocked": False, "stderr": "ignored"},
        {"blocked": True, "stderr": "  denied\n"},
        {"blocked": True, "stderr": "second"},
    ]
    assert blocking_reason(events) == "denied"
    assert blocking_reason([{"blocked": True, "stderr": ""}]) == "Blocked by hook"
    assert blocking_reason([{"blocked": False}]) is None
