"""The hook outcomes the mock reads off a command equal what the shell gives when it runs it.

The real server runs a hook command with ``bash -c``; the mock runs nothing and reads the
outcome off simple statements. For every form it claims to read, running the command must give
the same exit code, stdout and stderr.
"""

from __future__ import annotations

import subprocess

import pytest

from mockserver.hook_events import Outcome, blocking_reason, outcome

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
]


@pytest.mark.parametrize("command", COMMANDS)
def test_outcome_is_what_bash_gives(command: str) -> None:
    ran = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=10, check=False)
    assert outcome(command) == Outcome(ran.returncode, ran.stdout, ran.stderr)


def test_the_blocking_reason_is_the_first_blocking_hooks_stderr() -> None:
    events = [
        {"blocked": False, "stderr": "ignored"},
        {"blocked": True, "stderr": "  denied\n"},
        {"blocked": True, "stderr": "second"},
    ]
    assert blocking_reason(events) == "denied"
    assert blocking_reason([{"blocked": True, "stderr": ""}]) == "Blocked by hook"
    assert blocking_reason([{"blocked": False}]) is None
