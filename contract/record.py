"""Record real-server transcripts: ``python -m contract.record [names...]``.

Starts a scripted LLM and the real agent server, replays each scenario's client script against
the server and writes ``<out_dir>/<name>.real.jsonl``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from contract.driver import ClientScriptError, Transcript, run_client_script
from contract.real_server import RealServer, RealServerError, start_conversation_body
from contract.scenario import BUNDLED_DIR, ReplyTurn, Scenario, ScenarioError, load_directory
from contract.scripted_llm import ScriptedLLM

TRANSCRIPTS_DIR = BUNDLED_DIR.parent / "transcripts"
RECORD_API_KEY = "record-key"
# Terminal observations report where and as whom the command ran; none of it is part of the contract.
MACHINE_KEYS = frozenset({"hostname", "username", "py_interpreter_path"})
SERVER_ROOT = "<server-root>"
MACHINE_VALUE = "<machine>"


def _scrub(value: Any, root: str) -> Any:
    if isinstance(value, str):
        return value.replace(root, SERVER_ROOT)
    if isinstance(value, list):
        return [_scrub(item, root) for item in value]
    if isinstance(value, dict):
        return {
            key: MACHINE_VALUE if key in MACHINE_KEYS and isinstance(item, str) else _scrub(item, root)
            for key, item in value.items()
        }
    return value


def scrub_machine_details(transcript: Transcript, server_root: str | Path) -> Transcript:
    """Replace the server's temp dir and host details in recorded events, so fixtures are portable."""
    root = str(server_root)
    for frame in transcript.frames:
        frame.event = _scrub(frame.event, root)
    transcript.rest_events = [_scrub(event, root) for event in transcript.rest_events]
    return transcript


def conversation_body(llm_url: str, scenario: Scenario) -> dict[str, Any]:
    """The ``POST /api/conversations`` body that makes the real server play ``scenario``."""
    return start_conversation_body(
        llm_url,
        scenario.name,
        tools=scenario.tools,
        confirmation_policy=scenario.confirmation_policy,
        stream=any(isinstance(turn, ReplyTurn) and turn.stream for turn in scenario.turns),
    )


def record_transcripts(
    scenario_names: Iterable[str] | None,
    out_dir: str | Path = TRANSCRIPTS_DIR,
    *,
    scenario_dir: str | Path = BUNDLED_DIR,
    timeout_s: float = 60,
) -> list[Path]:
    """Record the named scenarios (all when None) against a fresh real server; the files written."""
    scenarios = load_directory(scenario_dir)
    names = sorted(scenarios) if scenario_names is None else list(scenario_names)
    if unknown := [name for name in names if name not in scenarios]:
        raise ScenarioError(f"unknown scenario(s): {', '.join(unknown)} (known: {', '.join(sorted(scenarios))})")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with ScriptedLLM(scenarios) as llm, RealServer(api_key=RECORD_API_KEY) as server:
        for name in names:
            scenario = scenarios[name]
            transcript = run_client_script(
                server.url, server.api_key, scenario, conversation_body(llm.base_url, scenario), timeout_s=timeout_s
            )
            assert server.root is not None
            scrub_machine_details(transcript, server.root)
            path = out_dir / f"{name}.real.jsonl"
            path.write_text(transcript.to_jsonl(), encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m contract.record", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="scenario names (default: all)")
    parser.add_argument("--out", default=str(TRANSCRIPTS_DIR), help="output directory")
    parser.add_argument("--scenarios", default=str(BUNDLED_DIR), help="scenario directory")
    parser.add_argument("--timeout", type=float, default=60, help="seconds each wait may take")
    args = parser.parse_args(argv)
    try:
        paths = record_transcripts(args.names or None, args.out, scenario_dir=args.scenarios, timeout_s=args.timeout)
    except (ScenarioError, RealServerError, ClientScriptError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
