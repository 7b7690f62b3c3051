"""Write a :class:`Report` as JUnit XML (one testcase per check), JSON or a self-contained HTML page."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from contract.checker.model import Finding, Report, Status


def _finding_text(finding: Finding) -> str:
    lines = [
        f"[{finding.classification.value}] {finding.message}" + (f" (×{finding.count})" if finding.count > 1 else "")
    ]
    if finding.operation:
        lines.append(f"  operation: {finding.operation}")
    if finding.reason:
        lines.append(f"  why known: {finding.reason}")
    if finding.reproducer:
        lines.append("  reproduce:")
        lines += [f"    {line}" for line in finding.reproducer.splitlines()]
    return "\n".join(lines)


def junit_xml(report: Report) -> str:
    """JUnit XML: a testsuite per phase, a testcase per check (failure = violations, skipped = not run)."""
    root = ET.Element("testsuites", name="ohmock check", tests=str(len(report.checks)), time=f"{report.duration_s:.3f}")
    root.set("failures", str(sum(r.status is Status.FAILED for r in report.checks.values())))
    by_phase: dict[str, list] = {}
    for result in report.checks.values():
        by_phase.setdefault(result.spec.phase, []).append(result)
    phase_time = {p.name: p.duration_s for p in report.phases}
    for phase, results in by_phase.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"ohmock.check.{phase}",
            tests=str(len(results)),
            failures=str(sum(r.status is Status.FAILED for r in results)),
            skipped=str(sum(r.status is Status.SKIPPED for r in results)),
            errors="0",
            time=f"{phase_time.get(phase, 0.0):.3f}",
        )
        properties = ET.SubElement(suite, "properties")
        for name, value in (
            ("base_url", report.base_url),
            ("target", report.target),
            ("seed", str(report.seed)),
            ("allow_writes", str(report.allow_writes).lower()),
        ):
            ET.SubElement(properties, "property", name=name, value=value)
        for result in results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"ohmock.check.{phase}",
                name=result.spec.id,
                time=f"{result.duration_s:.3f}",
            )
            if result.status is Status.FAILED:
                violations = result.violations
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(violations)} violation(s): {violations[0].message}"[:500],
                    type="ContractViolation",
                )
                failure.text = "\n\n".join(_finding_text(f) for f in violations)
            elif result.status is Status.SKIPPED:
                ET.SubElement(case, "skipped", message=result.skip_reason or "skipped")
            out = [result.spec.description, f"executions: {result.executions}"]
            out += [_finding_text(f) for f in result.known]
            ET.SubElement(case, "system-out").text = "\n".join(out)
    if report.setup_error is not None:
        suite = ET.SubElement(root, "testsuite", name="ohmock.check.setup", tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="ohmock.check.setup", name="server.checkable")
        ET.SubElement(case, "error", message=report.setup_error[:500], type="CheckNotMade")
        root.set("errors", "1")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_report(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}
.passed{color:#176f2c}.failed{color:#b00020;font-weight:bold}.skipped{color:#777}
pre{background:#f6f8fa;padding:8px;overflow-x:auto;white-space:pre-wrap}
.violation{border-left:4px solid #b00020;padding-left:8px}.known{border-left:4px solid #d6a000;padding-left:8px}
"""


def html_report(report: Report) -> str:
    e = html.escape
    data = report.to_dict()
    summary = data["summary"]
    rows = []
    for result in report.checks.values():
        rows.append(
            f"<tr><td>{e(result.spec.phase)}</td><td>{e(result.spec.id)}</td><td class='{result.status.value}'>{result.status.value}</td>"
            f"<td>{result.executions}</td><td>{len(result.violations)}</td><td>{len(result.known)}</td><td>{e(result.skip_reason or result.spec.description)}</td></tr>"
        )
    findings = []
    for finding in report.findings:
        css = "violation" if finding.is_violation else "known"
        findings.append(
            f"<div class='{css}'><h3>{e(finding.check)}: {e(finding.message)}</h3>"
            f"<p><b>{e(finding.classification.value)}</b>{' · ' + e(finding.operation) if finding.operation else ''}"
            f"{' · seen ' + str(finding.count) + '×' if finding.count > 1 else ''}</p>"
            + (f"<p>{e(finding.reason)}</p>" if finding.reason else "")
            + (f"<pre>{e(finding.reproducer)}</pre>" if finding.reproducer else "")
            + "</div>"
        )
    phases = "".join(
        f"<li><b>{e(p.name)}</b>: {e(p.status.value)} in {p.duration_s:.1f} s (budget {p.budget_s:.1f} s)"
        + (f" — {e(p.skip_reason)}" if p.skip_reason else "")
        + "".join(f"<br><small>{e(n[:300])}</small>" for n in p.notes[:12])
        + "</li>"
        for p in report.phases
    )
    verdict = "conforms" if report.ok else "NOT CHECKED" if report.setup_error else "VIOLATIONS"
    setup = f"<p class='failed'>The check could not be made: {e(report.setup_error)}</p>" if report.setup_error else ""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>ohmock check {e(report.base_url)}</title><style>{_CSS}</style></head>
<body><h1>ohmock check: {e(report.base_url)} — {verdict}</h1>{setup}
<p>target {e(report.target)} · seed {report.seed} · writes {"allowed" if report.allow_writes else "off"} · {report.duration_s:.1f} s of {report.budget_s:.0f} s ·
{summary["passed"]} passed, {summary["failed"]} failed, {summary["skipped"]} skipped · {summary["violations"]} violation(s), {summary["known"]} known finding(s)</p>
<h2>Phases</h2><ul>{phases}</ul>
<h2>Checks</h2><table><tr><th>phase</th><th>check</th><th>status</th><th>executions</th><th>violations</th><th>known</th><th>notes</th></tr>{"".join(rows)}</table>
<h2>Findings</h2>{"".join(findings) or "<p>none</p>"}
</body></html>
"""


def write_reports(
    report: Report,
    *,
    junit: str | Path | None = None,
    json_path: str | Path | None = None,
    html_path: str | Path | None = None,
) -> None:
    for path, render in ((junit, junit_xml), (json_path, json_report), (html_path, html_report)):
        if path is not None:
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render(report), encoding="utf-8")
