"""Record real-server transcripts (``ohmock record [NAMES]``).

Starts a scripted LLM and the real agent server, replays each scenario's client script against
the server and writes ``<out_dir>/<name>.real.jsonl`` (in a checkout: ``fixtures/transcripts``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from contract.harness.driver import Transcript, run_client_script
from contract.harness.real_server import RealServer
from contract.harness.scenario import ScenarioError, conversation_body, load_scenarios
from contract.harness.scripted_llm import ScriptedLLM

TRANSCRIPTS_DIR = Path("fixtures") / "transcripts"
"""Where a checkout keeps the recordings (relative to the checkout root)."""
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


def record_transcripts(
    scenario_names: Iterable[str] | None,
    out_dir: str | Path = TRANSCRIPTS_DIR,
    *,
    scenario_dirs: tuple[str | Path, ...] = (),
    timeout_s: float = 60,
) -> list[Path]:
    """Record the named scenarios (all when None) against a fresh real server; the files written.

    The scenarios are the bundled pack plus ``scenario_dirs``.
    """
    scenarios = load_scenarios(*scenario_dirs)
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
