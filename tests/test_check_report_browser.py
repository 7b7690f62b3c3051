"""The HTML report of a faulty ``ohmock check`` run, rendered in headless Chromium.

A reviewer's first questions: what broke (violations grouped by cause, a count and the first
reproducers each) and what was covered (operations × statuses, event kinds, state keys, close
codes, the execution-status transitions drawn as a graph). ``OHMOCK_DOCS_SCREENSHOTS=1`` also
writes the screenshots in ``docs/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contract.checker import Classification, Report, run_checks
from contract.checker.report import finding_groups, html_report
from contract.client.control import ControlClient
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning")

KEY = "report-key"
DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def faulty_report() -> Iterator[Report]:
    """REST and behaviour runs on a mock that leaks secrets, answers 200 to a second /run and 418 to searches."""
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        with ControlClient.connect(mock.endpoint) as control:
            control.set_faults(
                leak_secrets=True,
                run_conflict_ok=True,
                forced=[{"method": "GET", "path": "^/api/conversations/search$", "status": 418, "times": 0}],
            )
        yield run_checks(
            mock.url,
            api_key=KEY,
            phases=["rest", "behaviour"],
            budget_s=10,
            allow_writes=True,
            include_operations=["GET /api/conversations/search", "GET /api/conversations/count"],
        )


def test_the_report_of_a_faulty_run_shows_grouped_violations_and_coverage(
    faulty_report: Report, page: Any, tmp_path: Path
) -> None:
    violation_groups = [g for g in finding_groups(faulty_report.findings) if g["classification"] == "violation"]
    assert len(violation_groups) >= 3 and any(g["count"] > 1 for g in violation_groups)
    path = tmp_path / "report.html"
    path.write_text(html_report(faulty_report), encoding="utf-8")
    page.goto(path.as_uri())

    assert "VIOLATIONS" in page.locator("h1").inner_text()
    groups = page.locator("div.violation")
    assert groups.count() == len(violation_groups)
    shown = groups.locator("h3").all_inner_texts()
    for group in violation_groups:  # one heading per cause, with its count
        assert any(text.startswith(group["check"]) and f"×{group['count']}" in text for text in shown), group
    assert any(g["check"] == "behaviour.secrets_masked" for g in violation_groups)
    first = groups.first.locator("details").first
    assert not first.locator("pre").is_visible()
    first.locator("summary").click()  # a reproducer opens in place
    assert first.locator("pre").is_visible() and first.locator("pre").inner_text().strip()

    coverage = page.get_by_role("heading", name="Coverage", exact=True)
    coverage.scroll_into_view_if_needed()
    assert coverage.is_visible()
    graph = page.get_by_role("img", name="status transitions")
    box = graph.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200  # drawn, not an empty box
    nodes = set(graph.locator("circle + text").all_text_contents())
    assert {"idle", "running"} <= nodes, nodes
    assert page.locator("div.cov h3").all_inner_texts()[:3] == [
        "event kinds",
        "state-update keys",
        "WebSocket close codes",
    ]
    assert "execution_status" in page.locator("div.cov").nth(1).inner_text()

    top = page.screenshot()
    graph_section = page.locator("div.covs").screenshot()
    assert len(top) > 10_000 and len(graph_section) > 5_000  # PNGs with content
    if os.environ.get("OHMOCK_DOCS_SCREENSHOTS"):
        page.reload()  # every reproducer folded again
        (DOCS / "check-report.png").write_bytes(page.screenshot())
        (DOCS / "check-report-coverage.png").write_bytes(graph_section)


def test_a_known_finding_is_drawn_apart_from_violations(faulty_report: Report, page: Any, tmp_path: Path) -> None:
    """The same page with the violations reclassified as known: no violation block is left."""
    for finding in faulty_report.findings:
        finding.classification = Classification.SERVER_DEVIATION
    path = tmp_path / "report.html"
    path.write_text(html_report(faulty_report), encoding="utf-8")
    page.goto(path.as_uri())
    assert page.locator("div.violation").count() == 0
    assert page.locator("div.known").count() == len(finding_groups(faulty_report.findings))
