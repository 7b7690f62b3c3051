"""Write a :class:`Report` as JUnit XML (one testcase per check), JSON or a self-contained HTML page."""

from __future__ import annotations

import html
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from contract.checker.model import Classification, Finding, Report, Status


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
.covs{display:flex;flex-wrap:wrap;gap:2em}.cov ul{columns:2;column-gap:3em;padding-left:1.2em}
"""


_NOISE = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|'[^']*'|\"[^\"]*\"|\\d+"
)


def finding_groups(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings with the same check, classification and cause (the message with ids, quoted
    values and numbers blanked) as one group: a count, the operations, the first reproducers."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for finding in findings:
        cause = _NOISE.sub("…", finding.message)
        key = (finding.check, finding.classification.value, cause)
        group = groups.setdefault(
            key,
            {
                "check": finding.check,
                "classification": finding.classification.value,
                "cause": cause,
                "count": 0,
                "operations": [],
                "reason": finding.reason,
                "examples": [],
            },
        )
        group["count"] += finding.count
        if finding.operation and finding.operation not in group["operations"]:
            group["operations"].append(finding.operation)
        if len(group["examples"]) < 3:
            group["examples"].append({"message": finding.message, "reproducer": finding.reproducer})
    return sorted(groups.values(), key=lambda g: (g["classification"] != "violation", g["check"], -g["count"]))


ARROW_MARKER = (
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
    '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>'
)


def _transition_svg(transitions: list[dict[str, Any]]) -> str:
    """The execution-status transitions seen, as a graph: statuses on a circle, one arrow per
    transition, labelled with its count."""
    nodes = sorted({t["from"] for t in transitions} | {t["to"] for t in transitions})
    if not nodes:
        return "<p>no status transition observed</p>"
    size, radius = 460, 170
    centre = size / 2
    where = {
        node: (
            centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2),
        )
        for i, node in enumerate(nodes)
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" role="img" aria-label="status transitions">',
        ARROW_MARKER,
    ]
    for t in transitions:
        (x1, y1), (x2, y2) = where[t["from"]], where[t["to"]]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        # Shorten to the node circles and bend a little, so A→B and B→A do not overlap.
        sx, sy, ex, ey = x1 + dx / length * 34, y1 + dy / length * 34, x2 - dx / length * 34, y2 - dy / length * 34
        cx, cy = (sx + ex) / 2 - dy / length * 22, (sy + ey) / 2 + dx / length * 22
        parts.append(
            f'<path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" stroke="#555" marker-end="url(#arrow)"/>'
            f'<text x="{cx:.1f}" y="{cy:.1f}" font-size="11" fill="#333">{t["count"]}</text>'
        )
    for node, (x, y) in where.items():
        lines = _label_lines(node)
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 12}">{html.escape(line)}</tspan>' for i, line in enumerate(lines)
        )
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="32" fill="#eef3fb" stroke="#4a6fa5"/>'
            f'<text x="{x:.1f}" y="{y + 4 - 6 * (len(lines) - 1):.1f}" font-size="11" text-anchor="middle">{spans}</text>'
        )
    return "".join(parts) + "</svg>"


def _label_lines(status: str) -> list[str]:
    """A status name in one line, or two split at the underscore nearest its middle (fits the circle)."""
    if len(status) <= 10 or "_" not in status:
        return [status]
    cuts = [i for i, c in enumerate(status) if c == "_"]
    cut = min(cuts, key=lambda i: abs(i - len(status) / 2))
    return [status[: cut + 1], status[cut + 1 :]]


def _coverage_html(coverage: dict[str, Any]) -> str:
    e = html.escape
    operations = coverage["operations"]
    rows = "".join(
        f"<tr><td>{e(op)}</td><td>{e(', '.join(f'{s}×{n}' for s, n in entry['observed'].items()))}</td>"
        f"<td>{e(', '.join(entry['documented']))}</td>"
        f"<td class='{'failed' if entry['undocumented'] else 'passed'}'>{e(', '.join(entry['undocumented']) or '—')}</td></tr>"
        for op, entry in operations.items()
    )

    def counts(title: str, values: dict[str, int]) -> str:
        items = "".join(f"<li>{e(name)} ×{n}</li>" for name, n in values.items()) or "<li>none</li>"
        return f"<div class='cov'><h3>{e(title)}</h3><ul>{items}</ul></div>"

    return (
        f"<h2>Coverage</h2><p>{len(operations)} of {coverage['operations_total']} operations answered at least once.</p>"
        "<table><tr><th>operation</th><th>statuses observed</th><th>documented</th><th>undocumented</th></tr>"
        f"{rows}</table><div class='covs'>"
        + counts("event kinds", coverage["event_kinds"])
        + counts("state-update keys", coverage["state_keys"])
        + counts("WebSocket close codes", coverage["close_codes"])
        + f"<div class='cov'><h3>execution-status transitions</h3>{_transition_svg(coverage['transitions'])}</div></div>"
    )


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
    groups = []
    for group in finding_groups(report.findings):
        css = "violation" if group["classification"] == Classification.VIOLATION.value else "known"
        examples = "".join(
            f"<details><summary>{e(example['message'][:200])}</summary><pre>{e(example['reproducer'])}</pre></details>"
            for example in group["examples"]
        )
        operations = ", ".join(group["operations"][:6]) + (" …" if len(group["operations"]) > 6 else "")
        groups.append(
            f"<div class='{css}'><h3>{e(group['check'])}: {e(group['cause'])} <small>×{group['count']}</small></h3>"
            f"<p><b>{e(group['classification'])}</b>{' · ' + e(operations) if operations else ''}</p>"
            + (f"<p>{e(group['reason'])}</p>" if group["reason"] else "")
            + examples
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
    if report.stopped_early:
        setup += f"<p>{e(report.stopped_early)}</p>"
    server = data["server"]
    warning = f"<p class='failed'>{e(server['version_warning'])}</p>" if server["version_warning"] else ""
    capabilities = ", ".join(server["capabilities"]) or "none listed"
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>ohmock check {e(report.base_url)}</title><style>{_CSS}</style></head>
<body><h1>ohmock check: {e(report.base_url)} — {verdict}</h1>{setup}
<p>server {e(str(server["version"] or "unknown"))} (contract {e(server["contract_version"])}) · capabilities: {e(capabilities)}</p>{warning}
<p>target {e(report.target)} · seed {report.seed} · writes {"allowed" if report.allow_writes else "off"} · {report.duration_s:.1f} s of {report.budget_s:.0f} s ·
{summary["passed"]} passed, {summary["failed"]} failed, {summary["skipped"]} skipped · {summary["violations"]} violation(s), {summary["known"]} known finding(s)</p>
<h2>Findings, grouped by cause</h2>{"".join(groups) or "<p>none</p>"}
<h2>Phases</h2><ul>{phases}</ul>
<h2>Checks</h2><table><tr><th>phase</th><th>check</th><th>status</th><th>executions</th><th>violations</th><th>known</th><th>notes</th></tr>{"".join(rows)}</table>
{_coverage_html(data["coverage"])}
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
