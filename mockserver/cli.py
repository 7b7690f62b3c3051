"""The ``ohmock`` command line: serve the mock, maintain the contract, record transcripts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(
    name="ohmock",
    help="Contract tests and a stateful mock server for the OpenHands agent-server API.",
    no_args_is_help=True,
    add_completion=False,
)
spec_app = typer.Typer(help="Maintain the pinned spec, its corrections overlay and the generated models.", no_args_is_help=True)
app.add_typer(spec_app, name="spec")
console = Console(stderr=True)


def _fail(message: str) -> None:
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code=2)


@spec_app.command("export")
def spec_export(
    from_url: Annotated[Optional[str], typer.Option(help="Download /openapi.json from a running server instead.")] = None,
    python: Annotated[Optional[str], typer.Option(help="Python interpreter with openhands-agent-server installed.")] = None,
    output: Annotated[Path, typer.Option(help="Where to write the spec.")] = Path("openapi.json"),
) -> None:
    """Re-export the upstream spec (pinned file: openapi.json)."""
    from contract.spec import PINNED_SERVER_VERSION, download, export_from_package, write

    try:
        document = download(from_url) if from_url else export_from_package(python)
    except Exception as exc:  # noqa: BLE001 - report any export failure as a CLI error
        _fail(str(exc))
    version = document.get("info", {}).get("version")
    if version != PINNED_SERVER_VERSION:
        console.print(f"[yellow]warning:[/yellow] spec version {version} differs from the pinned {PINNED_SERVER_VERSION}")
    changed = write(document, output)
    console.print(f"{output}: {'updated' if changed else 'unchanged'} ({len(document.get('paths', {}))} paths)")


@spec_app.command("build")
def spec_build() -> None:
    """Apply contract/overlay.yaml and regenerate contract/generated/ (effective spec + models)."""
    from contract.codegen import build_all
    from contract.overlay import OverlayError

    try:
        changed = build_all()
    except (OverlayError, RuntimeError) as exc:
        _fail(str(exc))
    for path in changed:
        console.print(f"updated {path.name}")
    if not changed:
        console.print("contract/generated is up to date")


@app.command("scripted-llm")
def scripted_llm(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 18050,
    scenarios: Annotated[Optional[Path], typer.Option(help="Directory of scenario YAML files.")] = None,
) -> None:
    """Serve the scripted OpenAI-compatible LLM that drives a real agent server through scenarios."""
    from contract.scripted_llm import serve_scripted_llm

    serve_scripted_llm(host, port, scenarios)


@app.command("validate-scenario")
def validate_scenario(paths: list[Path]) -> None:
    """Check scenario files; print every problem with its location."""
    from contract.scenario import ScenarioError, load_scenario

    failed = False
    for path in paths:
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            failed = True
            console.print(f"[red]{exc}[/red]")
        else:
            console.print(f"{path}: ok ({scenario.name}, {len(scenario.turns)} turns)")
    if failed:
        raise typer.Exit(code=1)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()


__all__ = ["app", "main"]
