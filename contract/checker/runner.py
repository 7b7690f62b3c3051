"""``run_checks``: probe the server, run the selected phases within the budget, clean up, report."""

from __future__ import annotations

import asyncio
import time
import traceback
from collections.abc import Iterable
from typing import Any

import httpx

from contract.checker import catalogue
from contract.checker.context import Context, Options, Progress, UnusableResponse
from contract.checker.model import CheckResult, PhaseResult, Report, Status
from contract.client.control import ControlClient

DEFAULT_BUDGET_S = 45.0
WEIGHTS = {"rest": 0.35, "behaviour": 0.25, "websocket": 0.15, "streams": 0.15, "reconnect": 0.10}
"""Share of the remaining budget each phase gets when it starts (unused time flows on)."""
ASYNC_GRACE_S = 15.0
"""Safety net above a phase's budget: every await inside is bounded on its own."""


def _phase_module(name: str) -> Any:
    from contract.checker import phase_behaviour, phase_reconnect, phase_rest, phase_streams, phase_websocket

    return {
        "rest": phase_rest,
        "behaviour": phase_behaviour,
        "websocket": phase_websocket,
        "streams": phase_streams,
        "reconnect": phase_reconnect,
    }[name]


def run_checks(
    base_url: str,
    *,
    api_key: str | None = None,
    phases: Iterable[str] | None = None,
    budget_s: float = DEFAULT_BUDGET_S,
    seed: int = 0,
    allow_writes: bool = False,
    scripted_llm: str | None = None,
    include_operations: Iterable[str] = (),
    request_timeout_s: float = 10.0,
    run_timeout_s: float = 30.0,
    ws_auth_timeout: bool | None = None,
    fail_fast: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Check the agent server at ``base_url`` against the contract; never raises for server faults.

    Args:
        api_key: the server's session key (``X-Session-API-Key`` / socket auth), if it has one.
        phases: any of ``rest``, ``behaviour``, ``websocket``, ``streams``, ``reconnect`` (default all).
        budget_s: total time to spend; phases share it and stop generating new cases when it is used.
        seed: seed for generated data (the same seed replays the same requests on the same server).
        allow_writes: run the phases that create conversations (they delete them again). Without
            it only read-only requests are sent.
        scripted_llm: ``HOST:PORT`` (or URL) where the scripted LLM serves, reachable from the
            server; started in-process there if nothing answers. Runs then follow scenarios.
        include_operations: restrict REST fuzzing (labels, paths or regexes; dangerous operations
            only by exact label or path).
        request_timeout_s, run_timeout_s: bounds on one HTTP request and on one run.
        ws_auth_timeout: run the 10 s silent-auth check (None: whenever the websocket phase runs).
        fail_fast: end the run at its first violation: what is in flight finishes, nothing new
            starts, and the checks not reached are reported as not covered.
        progress: ``callback(kind, data)`` for progress display.
    """
    selected = list(catalogue.PHASES if phases is None else phases)
    unknown = [p for p in selected if p not in catalogue.PHASES]
    if unknown:
        raise ValueError(f"unknown phase(s) {unknown}; known: {', '.join(catalogue.PHASES)}")
    started = time.monotonic()
    report = Report(base_url=base_url.rstrip("/"), seed=seed, allow_writes=allow_writes, budget_s=budget_s)
    for spec in catalogue.checks_for(set(selected)):
        report.checks[spec.id] = CheckResult(spec)
    llm_server = None
    llm_url = None
    if scripted_llm:
        from contract.checker.llm import ensure_scripted_llm

        llm_url, llm_server = ensure_scripted_llm(scripted_llm)
    options = Options(
        base_url=base_url,
        api_key=api_key,
        seed=seed,
        allow_writes=allow_writes,
        llm_url=llm_url,
        include_operations=tuple(include_operations),
        request_timeout_s=request_timeout_s,
        run_timeout_s=run_timeout_s,
        ws_auth_timeout=ws_auth_timeout,
        fail_fast=fail_fast,
    )
    ctx = Context(options, report, progress or (lambda kind, data: None))
    try:
        if _probe(ctx):
            for name in catalogue.PHASES:
                # A phase's waiting that needs nothing from earlier phases starts now, alongside them.
                begin = getattr(_phase_module(name), "begin", None)
                if name in selected and begin is not None:
                    ctx.begun[name] = begin(ctx)
            for name in catalogue.PHASES:
                if name not in selected:
                    continue
                if ctx.halted:
                    report.phases.append(PhaseResult(name, Status.SKIPPED, skip_reason=report.stopped_early))
                    continue
                if time.monotonic() >= started + budget_s:
                    # Nothing left to spend: starting the phase would overrun the budget.
                    report.phases.append(PhaseResult(name, Status.SKIPPED, skip_reason="budget exhausted"))
                    continue
                _run_phase(ctx, name, selected, started + budget_s)
        else:
            for name in selected:
                report.phases.append(PhaseResult(name, Status.SKIPPED, skip_reason="the check could not be made"))
    finally:
        try:
            ctx.cleanup()
        finally:
            if llm_server is not None:
                llm_server.stop()
    _finalize(report)
    report.duration_s = time.monotonic() - started
    checked = any(r.executions or r.findings for r in report.checks.values() if r.spec.phase != "server")
    if report.setup_error is None and not checked and not report.errors:
        report.setup_error = (
            f"no check was made within the {budget_s:g} s budget (the server answered too slowly, or every "
            "phase was skipped): nothing is known about its conformance"
        )
    return report


def _probe(ctx: Context) -> bool:
    """Reachable, key accepted, an agent server, and is it the mock? When not, the reason is the
    report's ``setup_error`` (the check cannot be made: exit 2, not a violation)."""
    report = ctx.report
    url = ctx.options.base_url.rstrip("/")
    try:
        with ctx.client() as http:
            health = http.get("/health")
            if health.status_code != 200:
                report.setup_error = f"not an agent server: GET {url}/health answered {health.status_code}"
                return False
            ctx.executed("server.reachable")
            count = http.get("/api/conversations/count")
            if count.status_code in (401, 403):
                report.setup_error = (
                    f"the server rejects {_key_words(ctx)} (GET /api/conversations/count answered {count.status_code})"
                )
                return False
            if not _is_json(count):
                report.setup_error = (
                    f"not an agent server: GET {url}/api/conversations/count answered "
                    f"{count.status_code} {count.headers.get('content-type') or 'without a content type'}"
                )
                return False
            ctx.executed("server.auth")
            ctx.is_mock = ControlClient(http).is_mock()
            info = http.get("/server_info")
            if info.status_code == 200 and _is_json(info) and isinstance(info.json(), dict):
                report.server_info = info.json()
            version = (report.server_info or {}).get("version")
    except httpx.TimeoutException as exc:
        report.setup_error = f"{url} did not answer within {ctx.options.request_timeout_s:g} s ({type(exc).__name__})"
        return False
    except httpx.HTTPError as exc:
        report.setup_error = f"{url} is unreachable: {type(exc).__name__}: {exc}"
        return False
    except (ValueError, AttributeError):
        version = None
    report.target = "mock" if ctx.is_mock else "agent-server"
    ctx.progress("target", {"target": report.target, "version": version, "llm": ctx.options.llm_url})
    return True


def _key_words(ctx: Context) -> str:
    return "the given key" if ctx.options.api_key else "requests without a key: pass --api-key"


def _is_json(response: httpx.Response) -> bool:
    try:
        response.json()
    except ValueError:
        return False
    return True


def _run_phase(ctx: Context, name: str, selected: list[str], run_deadline: float) -> None:
    report = ctx.report
    now = time.monotonic()
    remaining_weights = sum(
        WEIGHTS[p] for p in catalogue.PHASES if p in selected and p not in {r.name for r in report.phases}
    )
    budget = max(0.0, run_deadline - now) * WEIGHTS[name] / remaining_weights if remaining_weights else 0.0
    result = PhaseResult(name, budget_s=budget)
    report.phases.append(result)
    if name not in catalogue.READ_ONLY_PHASES and not ctx.options.allow_writes:
        result.status, result.skip_reason = Status.SKIPPED, "creates conversations: needs --allow-writes"
        return
    ctx.phase_deadline = now + budget
    ctx.responsive_check = f"{_check_prefix(name)}.responsive"
    ctx.progress("phase_start", {"phase": name, "budget_s": budget})
    module = _phase_module(name)
    try:
        if asyncio.iscoroutinefunction(module.run):
            try:
                asyncio.run(asyncio.wait_for(module.run(ctx), timeout=budget + ASYNC_GRACE_S))
            except TimeoutError:
                ctx.record(
                    f"{_check_prefix(name)}.responsive",
                    f"the {name} phase did not finish within its budget plus {ASYNC_GRACE_S} s",
                )
        else:
            module.run(ctx)
    except UnusableResponse as unusable:
        ctx.record_unusable(unusable)
    except Exception as exc:  # noqa: BLE001 - a checker bug must not hide the other phases
        result.status = Status.FAILED
        result.notes.append(f"checker error: {type(exc).__name__}: {exc}")
        result.notes.append("".join(traceback.format_exception(exc))[-2000:])
    result.duration_s = time.monotonic() - now
    ctx.progress("phase_end", {"phase": name, "duration_s": result.duration_s})


def _check_prefix(phase: str) -> str:
    return "ws" if phase == "websocket" else phase


def _finalize(report: Report) -> None:
    skipped_phases = {p.name: p.skip_reason for p in report.phases if p.status is Status.SKIPPED}
    for result in report.checks.values():
        if result.violations:
            result.status = Status.FAILED
        elif result.spec.phase in skipped_phases and not result.findings and not result.executions:
            result.status, result.skip_reason = Status.SKIPPED, result.skip_reason or skipped_phases[result.spec.phase]
        elif result.executions == 0 and not result.findings:
            result.status = Status.SKIPPED
            result.skip_reason = result.skip_reason or report.stopped_early or "not exercised in this run"
        else:
            result.status = Status.PASSED
    for phase in report.phases:
        if phase.status is Status.SKIPPED:
            continue
        phase_checks = [r for r in report.checks.values() if r.spec.phase == phase.name]
        if phase.status is Status.FAILED or any(r.status is Status.FAILED for r in phase_checks):
            phase.status = Status.FAILED
        elif phase_checks and all(r.status is Status.SKIPPED for r in phase_checks):
            # Ran, but reached none of its checks (budget gone, or nothing usable to build on).
            phase.status, phase.skip_reason = Status.SKIPPED, "checked nothing"
        else:
            phase.status = Status.PASSED
