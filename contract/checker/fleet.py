"""``ohmock check URL URL ...``: several deployments checked at once, one combined verdict.

Each deployment is checked in its own process (the checker's generators keep process-wide
state), all within the same budget, at most ``workers`` at a time. The combined report has a
row per deployment (its verdict, violations, server version, why it could not be checked) and
each deployment's own JSON and HTML report. The exit code is 2 when any deployment could not be
checked (the verdict is incomplete), else 1 when any has violations, else 0.
"""

from __future__ import annotations

import html
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from contract.checker.console import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS


@dataclass(frozen=True)
class Deployment:
    """One server to check: its URL and session key (from the environment, never the file)."""

    url: str
    api_key: str | None = None


class TargetsError(ValueError):
    """A targets file line that names no deployment, or a key variable that is not set."""


def parse_targets(text: str, environ: Mapping[str, str] = os.environ) -> list[Deployment]:
    """A targets file: one deployment per line, ``URL [KEY_VARIABLE]`` (``#`` starts a comment);
    the key is read from the named environment variable."""
    deployments = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) > 2 or not words[0].startswith(("http://", "https://")):
            raise TargetsError(f"line {number}: expected 'URL [KEY_VARIABLE]', got {raw.strip()!r}")
        key = None
        if len(words) == 2:
            if words[1] not in environ:
                raise TargetsError(f"line {number}: the key variable {words[1]} is not set")
            key = environ[words[1]]
        deployments.append(Deployment(words[0], key))
    if not deployments:
        raise TargetsError("the targets file names no deployment")
    return deployments


def _check_one(deployment: Deployment, options: dict[str, Any]) -> dict[str, Any]:
    """In a child process: check one deployment; its verdict and reports."""
    from contract.checker.console import exit_code
    from contract.checker.report import html_report, junit_xml
    from contract.checker.runner import run_checks

    require_coverage = options.pop("require_coverage", False)
    report = run_checks(deployment.url, api_key=deployment.api_key, **options)
    data = report.to_dict()
    return {
        "url": deployment.url,
        "exit_code": exit_code(report, require_coverage=require_coverage),
        "report": data,
        "html": html_report(report),
        "junit": junit_xml(report),
    }


def check_many(deployments: list[Deployment], options: dict[str, Any], *, workers: int = 4) -> list[dict[str, Any]]:
    """Check every deployment concurrently (``options`` as for ``run_checks``); one result each,
    in the order given."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(deployments))), mp_context=context) as pool:
        futures = [pool.submit(_check_one, deployment, dict(options)) for deployment in deployments]
        return [future.result() for future in futures]


def combined_exit_code(results: list[dict[str, Any]]) -> int:
    codes = {result["exit_code"] for result in results}
    if EXIT_ERROR in codes:
        return EXIT_ERROR
    return EXIT_VIOLATIONS if EXIT_VIOLATIONS in codes else EXIT_OK


def row(result: dict[str, Any]) -> dict[str, Any]:
    """A deployment's line in the combined report."""
    report = result["report"]
    return {
        "url": result["url"],
        "exit_code": result["exit_code"],
        "verdict": {EXIT_OK: "conforms", EXIT_VIOLATIONS: "violations"}.get(result["exit_code"], "not checked"),
        "violations": report["summary"]["violations"],
        "version": report["server"]["version"],
        "setup_error": report["setup_error"],
        "not_covered": len(report["not_covered"]),
    }


def combined_json(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "exit_code": combined_exit_code(results),
        "deployments": [row(result) for result in results],
        "reports": [result["report"] for result in results],
    }


def combined_html(results: list[dict[str, Any]], pages: list[str]) -> str:
    """A table of the deployments, each linking to its own report page (``pages``, in order)."""
    e = html.escape
    rows = "".join(
        f"<tr><td><a href='{e(page)}'>{e(line['url'])}</a></td><td>{e(line['verdict'])}</td>"
        f"<td>{line['violations']}</td><td>{e(str(line['version'] or '—'))}</td>"
        f"<td>{e(line['setup_error'] or '')}</td><td>{line['not_covered']}</td></tr>"
        for line, page in zip((row(r) for r in results), pages, strict=True)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>ohmock check: deployments</title>"
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}td,th{border:1px solid #ddd;padding:4px 8px}"
        "table{border-collapse:collapse}</style></head><body><h1>ohmock check: "
        f"{len(results)} deployments</h1><table><tr><th>deployment</th><th>verdict</th><th>violations</th>"
        f"<th>server version</th><th>could not be checked</th><th>checks not covered</th></tr>{rows}</table></body></html>\n"
    )
