"""Turn a run's measurements into the generated part of BENCHMARKS.md.

BENCHMARKS.md is prose (how each figure is measured, what limits it) with one generated block
between ``<!-- bench:begin -->`` and ``<!-- bench:end -->``: the figures table, the machine and
the raw numbers of the run. ``write_report`` replaces only that block.
"""

from __future__ import annotations

import importlib.metadata
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from measure import FanoutResult, FixtureResult, ReplayResult, Settings

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


@dataclass
class Row:
    figure: str
    mock: str
    real: str
    ratio: str
    target: str
    met: str


def _ratio(mock: float | None, real: float | None) -> str:
    if mock is None or real is None or real == 0:
        return "—"
    return f"{mock / real:.2f}"


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**NO**")


def _ms(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f} ms"


def _s(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f} s"


def figure_rows(results: dict[str, Any], settings: Settings) -> tuple[list[Row], list[str]]:
    """The table's rows, and the notes of the run."""
    rows: list[Row] = []
    notes: list[str] = list(results["notes"])
    mock_start, real_start = results["start_mock"], results.get("start_real")
    mock_ready = statistics.median(mock_start)
    real_ready = statistics.median(real_start) if real_start else None
    rows.append(
        Row(
            "process start → `/health` ready (median)",
            _s(mock_ready, 2),
            _s(real_ready, 2),
            _ratio(mock_ready, real_ready),
            "≤ 0.5 s",
            _met(mock_ready <= 0.5),
        )
    )
    first_calls = [s for s in results.get("first_call_mock", []) if s is not None]
    rows.append(
        Row(
            "process start → first `POST /api/conversations` answered (median; the full app is built by then)",
            _s(statistics.median(first_calls), 2) if first_calls else "—",
            _s(real_ready, 2),
            _ratio(statistics.median(first_calls) if first_calls else None, real_ready),
            "",
            "—",
        )
    )

    loads = results["load"]
    for label, key in (
        ("`GET /api/conversations/{id}`", "conversation"),
        ("`GET …/events/search?limit=100`", "search"),
    ):
        for concurrency in (1, 8):
            mock = loads.get(("mock", key, concurrency))
            real = loads.get(("real", key, concurrency))
            target, met = "", None
            if key == "conversation":
                target = "≥ 3× real throughput"
                met = (mock.rps >= 3 * real.rps) if mock and real else None
            rows.append(
                Row(
                    f"{label}, c={concurrency}: throughput",
                    f"{mock.rps:,.0f} req/s" if mock else "—",
                    f"{real.rps:,.0f} req/s" if real else "—",
                    _ratio(mock.rps if mock else None, real.rps if real else None),
                    target,
                    _met(met),
                )
            )
            target, met = "", None
            if key == "search" and concurrency == 1:
                target = "p50 ≤ 2 ms"
                met = mock.p50_ms <= 2.0 if mock else None
            rows.append(
                Row(
                    f"{label}, c={concurrency}: p50 / p99",
                    f"{_ms(mock.p50_ms)} / {_ms(mock.p99_ms)}" if mock else "—",
                    f"{_ms(real.p50_ms)} / {_ms(real.p99_ms)}" if real else "—",
                    _ratio(mock.p50_ms if mock else None, real.p50_ms if real else None),
                    target,
                    _met(met),
                )
            )

    replay_mock, replay_real = results["replay"].get("mock"), results["replay"].get("real")
    events_mock = results["targets"]["mock"].events

    def replay_text(result: ReplayResult | None) -> str:
        return (
            "—"
            if result is None
            else _s(result.seconds) + ("" if result.verified else " (**frames differ from the log**)")
        )

    rows.append(
        Row(
            f"WebSocket replay of {events_mock:,} events, `resend_mode=all` (median wall time)",
            replay_text(replay_mock),
            replay_text(replay_real),
            _ratio(replay_mock.seconds, replay_real.seconds if replay_real else None),
            "< 0.3 s",
            _met(replay_mock.seconds < 0.3 and replay_mock.verified),
        )
    )
    rows.append(
        Row(
            "WebSocket replay: server CPU time (same run)",
            _s(replay_mock.server_cpu_s, 2),
            _s(replay_real.server_cpu_s if replay_real else None, 2),
            _ratio(replay_mock.server_cpu_s, replay_real.server_cpu_s if replay_real else None),
            "",
            "—",
        )
    )

    fan_mock, fan_real = results["fanout"].get("mock"), results["fanout"].get("real")

    def fan_delivery(result: FanoutResult | None) -> str:
        if result is None:
            return "—"
        return (
            f"{result.events:,} events × {result.subscribers} subscribers: complete {result.complete}/{result.subscribers}, "
            f"in order {result.in_order}/{result.subscribers}"
        )

    def fan_speed(result: FanoutResult | None) -> str:
        return "—" if result is None else f"{result.seconds:.2f} s ({result.frames_per_s:,.0f} frames/s)"

    fan_ok = (
        fan_mock.complete == fan_mock.subscribers == fan_mock.in_order and fan_mock.events == 2 * settings.fanout_posts
    )
    rows.append(
        Row(
            "WebSocket live fan-out: delivery",
            fan_delivery(fan_mock),
            fan_delivery(fan_real),
            "—",
            "no loss, no reordering",
            _met(fan_ok),
        )
    )
    rows.append(
        Row(
            "WebSocket live fan-out: first POST → last frame",
            fan_speed(fan_mock),
            fan_speed(fan_real),
            _ratio(fan_mock.frames_per_s, fan_real.frames_per_s if fan_real else None) + " (frames/s)",
            "",
            "—",
        )
    )
    rows.append(
        Row(
            "WebSocket live fan-out: server CPU time",
            _s(fan_mock.server_cpu_s, 2),
            _s(fan_real.server_cpu_s if fan_real else None, 2),
            _ratio(fan_mock.server_cpu_s, fan_real.server_cpu_s if fan_real else None),
            "",
            "—",
        )
    )

    fixture: FixtureResult = results["fixture"]

    def under_20(value: float | None) -> str:
        return _met(None if value is None else value < 20)

    rows.append(
        Row(
            "pytest fixture per test: plugin `agent_server` alone",
            _ms(fixture.plugin_alone_ms),
            "—",
            "—",
            "< 20 ms",
            under_20(fixture.plugin_alone_ms),
        )
    )
    rows.append(
        Row(
            "pytest fixture per test: plugin `agent_server` + `create_conversation()`",
            _ms(fixture.plugin_create_ms),
            _ms(fixture.plugin_real_ms),
            _ratio(fixture.plugin_create_ms, fixture.plugin_real_ms),
            "< 20 ms",
            under_20(fixture.plugin_create_ms),
        )
    )
    rows.append(
        Row(
            "pytest fixture per test: equivalent (reset, one shared HTTP client) + one create",
            _ms(fixture.equivalent_create_ms),
            _ms(fixture.equivalent_real_ms),
            _ratio(fixture.equivalent_create_ms, fixture.equivalent_real_ms),
            "< 20 ms" if not fixture.plugin else "",
            under_20(fixture.equivalent_create_ms) if not fixture.plugin else "—",
        )
    )

    imports = results["imports"]
    rows.append(
        Row(
            "`import contract` (best of runs)",
            _s(imports["contract"]),
            "—",
            "—",
            "< 0.3 s",
            _met(imports["contract"] < 0.3),
        )
    )
    rows.append(Row("`import contract.spec.events`", _s(imports["contract.spec.events"]), "—", "—", "", "—"))
    rows.append(
        Row(
            "`import contract.generated.models` (real: `import openhands.sdk`)",
            _s(imports["contract.generated.models"]),
            _s(imports.get("openhands.sdk")),
            _ratio(imports["contract.generated.models"], imports.get("openhands.sdk")),
            "",
            "—",
        )
    )
    return rows, notes


def run_details(results: dict[str, Any], settings: Settings) -> list[str]:
    """The raw numbers behind each figure (the prose around the block says how they are taken)."""
    targets = results["targets"]
    mock, real = targets["mock"], targets.get("real")
    fan_mock, fan_real = results["fanout"].get("mock"), results["fanout"].get("real")
    fixture: FixtureResult = results["fixture"]

    def listed(values: list[float | None], digits: int = 2) -> str:
        return ", ".join("—" if v is None else f"{v:.{digits}f}" for v in values)

    def windows(name: str) -> str:
        return "; ".join(
            f"{key} c={c}: " + ", ".join(f"{r.rps:,.0f}" for r in runs)
            for (server, key, c), runs in results["raw_load"].items()
            if server == name
        )

    out = [
        (
            f"* Start → ready, {len(results['start_mock'])} mock starts: {listed(results['start_mock'])} s; "
            f"first REST call answered: {listed(results.get('first_call_mock', []))} s; "
            f"{len(results.get('start_real') or [])} real start(s): {listed(results.get('start_real') or [])} s."
        ),
        f"* Data: {settings.posts:,} messages posted ({settings.populate_concurrency} in flight): mock {mock.events:,} events"
        + (f", real {real.events:,}" if real else "")
        + f"; first page {mock.page_bytes:,} bytes on the mock"
        + (
            f", {real.page_bytes:,} on the real server, kinds {'identical' if real.page_kinds == mock.page_kinds else '**different**'}."
            if real
            else "."
        ),
        f"* HTTP load: {settings.load_rounds} window(s) of {settings.load_seconds} s per figure after a 1 s warm-up; req/s per window, "
        f"mock: {windows('mock')}" + (f"; real: {windows('real')}." if real else "."),
        f"* Replay, {settings.replay_runs} run(s): "
        + "; ".join(f"{name} {listed([r.seconds for r in runs], 3)} s" for name, runs in results["raw_replay"].items())
        + ".",
    ]
    for name, fan in (("mock", fan_mock), ("real", fan_real)):
        if fan is not None:
            out.append(
                f"* Fan-out, {name}: {fan.subscribers} subscribers accepted, {fan.refused} refused; {fan.extra_frames} extra snapshot "
                f"frame(s); benchmark-process CPU time {fan.client_cpu_s:.2f} s."
            )
    out.append(
        f"* Fixture: {settings.fixture_tests} tests per run; baseline (a test without the fixture) {fixture.baseline_ms:.2f} ms."
    )
    out.append(f"* Imports: best of {settings.import_runs} fresh interpreters.")
    return out


def generated_block(results: dict[str, Any], settings: Settings, command: str) -> str:
    rows, notes = figure_rows(results, settings)
    quick = " with `--quick` (smaller counts)" if settings.quick else ""
    lines = [
        BEGIN,
        "",
        (
            f"Generated {datetime.now(UTC).strftime('%Y-%m-%d')}{quick} with `{command}`: the mock (`ohmock serve --speed 0`) and the real "
            f"openhands-agent-server {importlib.metadata.version('openhands-agent-server')}; HTTP load measured with **{results['tool_label']}**."
        ),
        "",
        "| figure | mock | real | mock/real | target (mock) | met |",
        "|---|---|---|---|---|---|",
        *(f"| {r.figure} | {r.mock} | {r.real} | {r.ratio} | {r.target} | {r.met} |" for r in rows),
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in results["machine"]),
        "",
        f"1-minute load average when the run started / ended: {results['loadavg'][0]:.2f} / {results['loadavg'][-1]:.2f}.",
        "",
        "Raw numbers of this run:",
        "",
        *run_details(results, settings),
    ]
    if notes:
        lines += ["", "Notes from this run:", "", *(f"* {n}" for n in notes)]
    return "\n".join([*lines, "", END])


def write_report(path: Path, results: dict[str, Any], settings: Settings, command: str) -> str:
    """Replace the generated block of ``path`` (appended if the file has none); returns the block."""
    block = generated_block(results, settings, command)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks: mock vs real agent server\n\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
    return block
