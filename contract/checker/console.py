"""The ``ohmock check`` front end: rich progress while running, a summary, reports, the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from contract.checker.model import Classification, Report, Status

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def run_and_report(
    base_url: str,
    *,
    console: Console,
    junit_xml: Path | None = None,
    json_path: Path | None = None,
    html_path: Path | None = None,
    require_coverage: bool = False,
    **options: Any,
) -> int:
    """Run the checks with a live progress display, print the summary, write reports; the exit code."""
    from contract.checker.report import write_reports
    from contract.checker.runner import run_checks

    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        tasks: dict[str, Any] = {}
        counts = {"violation": 0, "known": 0}

        def on_event(kind: str, data: dict[str, Any]) -> None:
            if kind == "target":
                console.print(
                    f"checking [cyan]{base_url}[/cyan]: {data['target']} {data.get('version') or ''}"
                    + (f", scripted LLM {data['llm']}" if data.get("llm") else "")
                )
            elif kind == "phase_start":
                tasks[data["phase"]] = progress.add_task(
                    data["phase"], total=None, info=f"budget {data['budget_s']:.0f} s"
                )
                tasks["current"] = data["phase"]
            elif kind == "phase_total" and tasks.get("current") in tasks:
                progress.update(tasks[tasks["current"]], total=data["total"], completed=0)
            elif kind == "advance" and tasks.get("current") in tasks:
                progress.advance(tasks[tasks["current"]])
            elif kind == "phase_end" and data["phase"] in tasks:
                task = tasks[data["phase"]]
                total = progress.tasks[task].total or 1
                progress.update(task, total=total, completed=total, info=f"{data['duration_s']:.1f} s")
            elif kind == "finding":
                counts["violation" if data["classification"] == Classification.VIOLATION.value else "known"] += 1
                if tasks.get("current") in tasks:
                    progress.update(
                        tasks[tasks["current"]], info=f"{counts['violation']} violation(s), {counts['known']} known"
                    )

        report = run_checks(base_url, progress=on_event, **options)
    if report.setup_error is not None:
        console.print(
            f"[red]error:[/red] the check could not be made: {report.setup_error}", highlight=False, soft_wrap=True
        )
    else:
        print_summary(report, console)
    write_reports(report, junit=junit_xml, json_path=json_path, html_path=html_path)
    for label, path in (("JUnit XML", junit_xml), ("JSON", json_path), ("HTML", html_path)):
        if path is not None:
            console.print(f"{label} report: {path}")
    code = exit_code(report, require_coverage=require_coverage)
    if code == EXIT_VIOLATIONS and report.ok:
        console.print(
            f"[red]not covered[/red] ({len(report.not_covered)} check(s), --require-coverage): "
            + "; ".join(f"{r.spec.id} ({r.skip_reason})" for r in report.not_covered),
            soft_wrap=True,
        )
    return code


def exit_code(report: Report, *, require_coverage: bool = False) -> int:
    """0 conforms, 1 violations (or, with ``require_coverage``, checks left out), 2 the check
    could not be made or the checker failed."""
    if report.errors or report.setup_error is not None:
        return EXIT_ERROR
    if not report.ok or (require_coverage and report.not_covered):
        return EXIT_VIOLATIONS
    return EXIT_OK


def print_summary(report: Report, console: Console) -> None:
    table = Table(
        title=f"ohmock check {report.base_url} ({report.target}, seed {report.seed}, {report.duration_s:.1f} s)"
    )
    for column in ("phase", "status", "checks", "violations", "known", "time"):
        table.add_column(column)
    style = {Status.PASSED: "green", Status.FAILED: "red", Status.SKIPPED: "dim"}
    for phase in [*report.phases]:
        results = [r for r in report.checks.values() if r.spec.phase == phase.name]
        table.add_row(
            phase.name,
            f"[{style[phase.status]}]{phase.status.value}[/]"
            + (f" ({phase.skip_reason})" if phase.skip_reason else ""),
            f"{sum(r.status is Status.PASSED for r in results)}/{len(results)}",
            str(sum(len(r.violations) for r in results)),
            str(sum(len(r.known) for r in results)),
            f"{phase.duration_s:.1f} s",
        )
    console.print(table)
    for note in report.errors:
        console.print(f"[red]{note}[/red]")
    for finding in report.violations:
        console.print(
            f"[red]✗ {finding.check}[/red] {finding.operation or ''} {finding.message}"
            + (f" (×{finding.count})" if finding.count > 1 else "")
        )
        if finding.reproducer:
            console.print(
                "  " + finding.reproducer.replace("\n", "\n  "), markup=False, highlight=False, soft_wrap=True
            )
    by_class: dict[str, int] = {}
    for finding in report.known:
        by_class[finding.classification.value] = by_class.get(finding.classification.value, 0) + 1
    if by_class:
        console.print(
            "known (explained) findings: "
            + ", ".join(f"{n} {name}" for name, n in sorted(by_class.items()))
            + " — see the JSON/HTML report"
        )
    skipped = [r for r in report.checks.values() if r.status is Status.SKIPPED]
    if skipped:
        console.print(
            f"[dim]{len(skipped)} check(s) skipped: "
            + "; ".join(f"{r.spec.id} ({r.skip_reason})" for r in skipped[:6])
            + ("…" if len(skipped) > 6 else "")
            + "[/dim]"
        )
    if report.stopped_early:
        console.print(f"[yellow]{report.stopped_early}[/yellow]", soft_wrap=True)
    verdict = "[green]conforms[/green]" if report.ok else "[red]does not conform[/red]"
    console.print(
        f"{report.base_url} {verdict}: {len(report.violations)} violation(s), {len(report.known)} known finding(s)"
    )
