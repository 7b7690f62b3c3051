"""The ``ohmock`` command line: serve the mock, maintain the contract, record transcripts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from contract.spec import PINNED_SERVER_VERSION

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


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    api_key: Annotated[Optional[list[str]], typer.Option("--api-key", help="Session API key (repeatable); none = open server.")] = None,
    scenario: Annotated[str, typer.Option(help="Default scenario for new conversations.")] = "bash_then_finish",
    scenarios_dir: Annotated[Optional[list[Path]], typer.Option("--scenarios-dir", help="Extra directory of scenario YAML files (repeatable).")] = None,
    cors_origin: Annotated[Optional[list[str]], typer.Option("--cors-origin", help="Allowed CORS origin (repeatable), e.g. http://localhost:3000 or *.")] = None,
    speed: Annotated[float, typer.Option(min=0.0, help="Timing factor: 0 = instant, 1 = realistic.")] = 1.0,
    seed: Annotated[Optional[int], typer.Option(help="Seed for deterministic ids and timestamps.")] = None,
    server_version: Annotated[str, typer.Option(help="Version /server_info reports.")] = PINNED_SERVER_VERSION,
) -> None:
    """Run the stateful mock agent server (REST + WebSocket) with the bundled scenario pack."""
    import uvicorn

    from contract.scenario import BUNDLED_DIR, ScenarioError
    from mockserver.app import create_app
    from mockserver.config import MockConfig

    config = MockConfig(
        api_keys=tuple(api_key or ()),
        speed=speed,
        seed=seed,
        default_scenario=scenario,
        scenario_dirs=(BUNDLED_DIR, *(scenarios_dir or ())),
        server_version=server_version,
        cors_origins=tuple(cors_origin or ()),
    )
    try:
        application = create_app(config)
    except ScenarioError as exc:
        _fail(str(exc))
    state = application.state.mock
    url = f"http://{host}:{port}"
    key = config.api_keys[0] if config.api_keys else None
    console.print(f"[bold]ohmock[/bold] mock agent server {server_version} on [cyan]{url}[/cyan]  (speed {speed}, {len(state.scenarios)} scenarios, default {scenario!r})")
    console.print(f"  SDK:       Workspace(host={url!r}, api_key={key!r})  then Conversation(agent, workspace=...)")
    console.print(f"  Browser:   REST {url}/api/conversations, WebSocket {url.replace('http', 'ws')}/sockets/events/<id>" + ("" if not config.cors_origins else f", CORS {', '.join(config.cors_origins)}"))
    console.print(f"  Scenarios: tag a conversation with {{\"scenario\": \"<name>\"}}; list at {url}{config.control_prefix}/scenarios")
    uvicorn.run(application, host=host, port=port, log_level="info")


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
