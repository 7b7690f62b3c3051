"""What a shell command gives, without running it: hooks, the bash routes and the terminal tool.

The mock starts no process. A command's outcome comes from, in this order:

1. the scenario's ``commands`` table: the first rule whose pattern matches the whole command
   gives its stdout, stderr, exit code and duration;
2. simple statements separated by ``;``, read the way bash runs them: ``true``, ``:``,
   ``false``, ``exit N``, ``echo WORDS`` (``>&2`` for stderr), ``pwd``, ``sleep N``, and
   ``cat FILE...`` on the mock's in-memory files (a missing file or a directory fails as
   coreutils' cat fails);
3. anything else: a success with no output (what ``true`` would give).

Output carries the time it is printed at (``sleep`` moves the clock), so a command cut short by
its timeout reports what it printed before, as the server's bash service does.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from contract.harness.scenario import CommandAnswer
from mockserver.workspace import absolute


@dataclass(frozen=True)
class Printed:
    """Output printed ``at_s`` seconds after the command started."""

    at_s: float
    stdout: str = ""
    stderr: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a command gives: its exit code, its output in order, how long it takes."""

    exit_code: int = 0
    printed: tuple[Printed, ...] = ()
    duration_s: float = 0.0

    @property
    def stdout(self) -> str:
        return "".join(p.stdout for p in self.printed)

    @property
    def stderr(self) -> str:
        return "".join(p.stderr for p in self.printed)

    def until(self, seconds: float) -> Outcome:
        """What had been printed ``seconds`` in: a command stopped then (a timeout) exits -1."""
        return Outcome(-1, tuple(p for p in self.printed if p.at_s <= seconds), seconds)


@dataclass
class _Run:
    cwd: str
    files: Mapping[str, str]
    clock: float = 0.0
    exit_code: int = 0
    printed: list[Printed] = field(default_factory=list)

    def print(self, stdout: str = "", stderr: str = "") -> None:
        self.printed.append(Printed(self.clock, stdout, stderr))


def _statements(command: str) -> list[list[str]] | None:
    """The command's ``;``-separated statements as words (None when it does not tokenize)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";&>")
    lexer.whitespace_split = True
    try:
        words = list(lexer)
    except ValueError:
        return None
    statements: list[list[str]] = [[]]
    for word in words:
        if word == ";":
            statements.append([])
        else:
            statements[-1].append(word)
    return [statement for statement in statements if statement]


def _statement(words: list[str], run: _Run) -> bool:
    """Play one statement; whether the command goes on."""
    name = words[0]
    if words in (["true"], [":"]):
        run.exit_code = 0
    elif words == ["false"]:
        run.exit_code = 1
    elif name == "exit" and len(words) <= 2:
        try:
            run.exit_code = int(words[1]) % 256 if len(words) == 2 else run.exit_code
        except ValueError:
            run.exit_code = 2
            run.print(stderr=f"exit: {words[1]}: numeric argument required\n")
        return False
    elif name == "echo":
        to_stderr = words[-2:] == [">&", "2"]
        text = " ".join(words[1:-2] if to_stderr else words[1:]) + "\n"
        run.print(stderr=text) if to_stderr else run.print(stdout=text)
        run.exit_code = 0
    elif words == ["pwd"]:
        run.print(stdout=run.cwd + "\n")
        run.exit_code = 0
    elif name == "cat" and len(words) > 1 and not any(word.startswith("-") for word in words[1:]):
        _cat(words[1:], run)
    elif name == "sleep" and len(words) == 2 and re.fullmatch(r"\d+(\.\d+)?", words[1]):
        run.clock += float(words[1])
        run.exit_code = 0
    else:
        run.exit_code = 0  # a command the mock does not run
    return True


def _cat(names: list[str], run: _Run) -> None:
    run.exit_code = 0
    for name in names:
        path = absolute(posixpath.join(run.cwd, name))
        if path in run.files:
            run.print(stdout=run.files[path])
            continue
        is_dir = any(other.startswith(path.rstrip("/") + "/") for other in run.files)
        run.print(stderr=f"cat: {name}: {'Is a directory' if is_dir else 'No such file or directory'}\n")
        run.exit_code = 1


def outcome(
    command: str, *, cwd: str = "", rules: Sequence[CommandAnswer] = (), files: Mapping[str, str] | None = None
) -> Outcome:
    """What ``command`` gives (see the module docstring); ``files`` are the files ``cat`` reads."""
    for rule in rules:
        if re.fullmatch(rule.pattern, command, flags=re.DOTALL):
            seconds = rule.duration_ms / 1000
            printed = (Printed(seconds, rule.stdout, rule.stderr),) if rule.stdout or rule.stderr else ()
            return Outcome(rule.exit_code, printed, seconds)
    run = _Run(cwd, {} if files is None else files)
    for words in _statements(command) or []:
        if not _statement(words, run):
            break
    return Outcome(run.exit_code, tuple(run.printed), run.clock)
