"""What a conformance run produces: findings, one result per check, and the report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from contract.checker.coverage import Coverage
from contract.spec import PINNED_SERVER_VERSION


class Classification(StrEnum):
    """What a finding means. Only :attr:`VIOLATION` fails a run; the others are explained."""

    VIOLATION = "violation"
    """Unexplained: the server breaks the contract (effective spec + WebSocket protocol)."""

    SERVER_DEVIATION = "server-deviates-from-spec"
    """Known: the real 1.58.0 server answers this way too, contrary to its documented spec."""

    SPEC_DEFECT = "spec-defect-overlay-corrects"
    """Known: the upstream spec is wrong here and ``contract/spec/overlay.yaml`` corrects it."""

    NONDETERMINISM = "inherent-nondeterminism"
    """Known: timing-dependent behaviour the contract allows (documented in §3, §9.1)."""


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass
class Finding:
    """One observation about the server, with a reproducer."""

    check: str
    message: str
    classification: Classification = Classification.VIOLATION
    reproducer: str = ""
    operation: str | None = None
    reason: str | None = None
    """For known findings: why it is not a violation (and where that is documented)."""
    count: int = 1
    """How often the same finding (same check, operation and message) was seen."""

    @property
    def is_violation(self) -> bool:
        return self.classification is Classification.VIOLATION

    def key(self) -> tuple[str, str | None, str]:
        return (self.check, self.operation, self.message)


@dataclass(frozen=True)
class CheckSpec:
    """A named check: one JUnit testcase."""

    id: str
    phase: str
    description: str


class _FindingViews:
    """Violations and known (classified) findings of whatever ``findings`` holds."""

    findings: list[Finding]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.is_violation]

    @property
    def known(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_violation]


@dataclass
class CheckResult(_FindingViews):
    spec: CheckSpec
    status: Status = Status.PASSED
    findings: list[Finding] = field(default_factory=list)
    skip_reason: str | None = None
    executions: int = 0
    """How many times the check was evaluated (requests validated, frames parsed, runs judged...)."""
    duration_s: float = 0.0


@dataclass
class PhaseResult:
    name: str
    status: Status = Status.PASSED
    duration_s: float = 0.0
    budget_s: float = 0.0
    notes: list[str] = field(default_factory=list)
    skip_reason: str | None = None


@dataclass
class Report(_FindingViews):
    base_url: str
    seed: int
    allow_writes: bool
    budget_s: float
    phases: list[PhaseResult] = field(default_factory=list)
    checks: dict[str, CheckResult] = field(default_factory=dict)
    duration_s: float = 0.0
    target: str = "unknown"
    """What the server looked like: ``mock`` (answers the control API), ``agent-server`` or ``unknown``."""
    coverage: Coverage = field(default_factory=Coverage)
    """What the run observed (operations × statuses, event kinds, state keys, transitions, close codes)."""
    server_info: dict[str, Any] | None = None
    """The server's ``/server_info`` (its version and capabilities), when it answered one."""
    setup_error: str | None = None
    """Why the check could not be made at all (unreachable, no answer, key rejected, not an agent
    server): nothing was checked, so this is neither a pass nor a violation."""
    stopped_early: str | None = None
    """Why the run ended before its budget (``--fail-fast`` after a violation), if it did."""

    @property
    def findings(self) -> list[Finding]:  # type: ignore[override]  # derived: every check's findings
        return [f for result in self.checks.values() for f in result.findings]

    @property
    def errors(self) -> list[str]:
        """Checker errors (bugs or environment problems), as opposed to server findings."""
        return [note for p in self.phases for note in p.notes if note.startswith("checker error")]

    @property
    def not_covered(self) -> list[CheckResult]:
        """Checks this run did not make, each with its reason (a phase skipped, a budget spent,
        nothing to build on): neither passes nor violations."""
        return [result for result in self.checks.values() if result.status is Status.SKIPPED]

    def server_summary(self) -> dict[str, Any]:
        """The checked server's version and capabilities, and whether the version is the one
        the contract describes."""
        info = self.server_info or {}
        version = info.get("version")
        return {
            "version": version,
            "capabilities": info.get("capabilities") or [],
            "contract_version": PINNED_SERVER_VERSION,
            "version_warning": (
                f"the server is {version}; the contract describes {PINNED_SERVER_VERSION}"
                if version is not None and version != PINNED_SERVER_VERSION
                else None
            ),
        }

    @property
    def ok(self) -> bool:
        return not self.violations and not self.errors and self.setup_error is None

    def to_dict(self) -> dict[str, Any]:
        def finding(f: Finding) -> dict[str, Any]:
            data = asdict(f)
            data["classification"] = f.classification.value
            return data

        return {
            "base_url": self.base_url,
            "target": self.target,
            "seed": self.seed,
            "allow_writes": self.allow_writes,
            "budget_s": self.budget_s,
            "duration_s": round(self.duration_s, 3),
            "ok": self.ok,
            "setup_error": self.setup_error,
            "stopped_early": self.stopped_early,
            "not_covered": [{"id": r.spec.id, "reason": r.skip_reason} for r in self.not_covered],
            "server": self.server_summary(),
            "coverage": self.coverage.to_dict(),
            "summary": {
                "checks": len(self.checks),
                "passed": sum(r.status is Status.PASSED for r in self.checks.values()),
                "failed": sum(r.status is Status.FAILED for r in self.checks.values()),
                "skipped": sum(r.status is Status.SKIPPED for r in self.checks.values()),
                "violations": len(self.violations),
                "known": len(self.known),
                "errors": len(self.errors),
            },
            "phases": [
                {
                    "name": p.name,
                    "status": p.status.value,
                    "duration_s": round(p.duration_s, 3),
                    "budget_s": round(p.budget_s, 3),
                    "notes": p.notes,
                    "skip_reason": p.skip_reason,
                }
                for p in self.phases
            ],
            "checks": [
                {
                    "id": r.spec.id,
                    "phase": r.spec.phase,
                    "description": r.spec.description,
                    "status": r.status.value,
                    "skip_reason": r.skip_reason,
                    "executions": r.executions,
                    "findings": [finding(f) for f in r.findings],
                }
                for r in self.checks.values()
            ],
        }
