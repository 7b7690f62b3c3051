"""The ``ohmock`` command line: serve the mock, maintain the contract, record transcripts."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from contract.spec import PINNED_SERVER_VERSION

app = typer.Typer(
    name="ohmock",
    help="Contract tests and a stateful mock server for the OpenHands agent-server API.",
    no_args_is_help=True,
    add_completion=False,
)
spec_app = typer.Typer(
    help="Maintain the pinned spec, its corrections overlay and the generated models.", no_args_is_help=True
)
app.add_typer(spec_app, name="spec")
console = Console(stderr=True)


def _fail(message: str) -> NoReturn:
    console.print(f"[red]error:[/red] {message}", soft_wrap=True)
    raise typer.Exit(code=2)


@spec_app.command("export")
def spec_export(
    from_url: Annotated[str | None, typer.Option(help="Download /openapi.json from a running server instead.")] = None,
    python: Annotated[
        str | None, typer.Option(help="Python interpreter with openhands-agent-server installed.")
    ] = None,
    output: Annotated[Path, typer.Option(help="Where to write the spec.")] = Path("openapi.json"),
    defaults_output: Annotated[
        Path, typer.Option(help="Where to write the server models' factory defaults (not with --from-url).")
    ] = Path("contract/spec/factory_defaults.json"),
    settings_output: Annotated[
        Path, typer.Option(help="Where to write the persisted settings' JSON schema (not with --from-url).")
    ] = Path("contract/spec/settings_models.json"),
    catalog_output: Annotated[
        Path, typer.Option(help="Where to write the server's LLM and ACP catalogs (not with --from-url).")
    ] = Path("contract/spec/catalog.json"),
) -> None:
    """Re-export the upstream spec, its models' factory defaults and the settings schema (pinned files)."""
    from contract.spec.documents import write
    from contract.spec.export import download, export_from_package

    defaults: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    catalog: dict[str, Any] | None = None
    try:
        if from_url:
            document = download(from_url)
        else:
            exported = export_from_package(python)
            document, defaults, settings = exported.spec, exported.factory_defaults, exported.settings_models
            catalog = exported.catalog
    except Exception as exc:  # noqa: BLE001 - report any export failure as a CLI error
        _fail(str(exc))
    version = document.get("info", {}).get("version")
    if version != PINNED_SERVER_VERSION:
        console.print(
            f"[yellow]warning:[/yellow] spec version {version} differs from the pinned {PINNED_SERVER_VERSION}"
        )
    changed = write(document, output)
    console.print(f"{output}: {'updated' if changed else 'unchanged'} ({len(document.get('paths', {}))} paths)")
    if defaults is None:
        console.print(f"{defaults_output}: unchanged (a running server does not expose its models' factory defaults)")
    else:
        changed = write(defaults, defaults_output)
        fields = sum(len(props) for props in defaults.values())
        console.print(f"{defaults_output}: {'updated' if changed else 'unchanged'} ({fields} fields)")
    if settings is not None:
        changed = write(settings, settings_output)
        console.print(f"{settings_output}: {'updated' if changed else 'unchanged'} ({len(settings['$defs'])} models)")
    if catalog is not None:
        changed = write(catalog, catalog_output)
        models = len(catalog["llm"]["models"])
        console.print(f"{catalog_output}: {'updated' if changed else 'unchanged'} ({models} LLM models)")


@spec_app.command("build")
def spec_build(
    checkout: Annotated[Path, typer.Option(help="The ohmock source checkout to rebuild.")] = Path("."),
) -> None:
    """Apply the overlay and factory defaults to openapi.json; regenerate contract/generated/ (effective spec + models)."""
    from contract.spec.codegen import Checkout, CheckoutError, build_all
    from contract.spec.defaults import FactoryDefaultsError
    from contract.spec.overlay import OverlayError

    try:
        changed = build_all(Checkout.at(checkout))
    except (CheckoutError, OverlayError, FactoryDefaultsError, RuntimeError) as exc:
        _fail(str(exc))
    for path in changed:
        console.print(f"updated {path}")
    if not changed:
        console.print("contract/generated is up to date")


@app.command("canned")
def canned(
    readme: Annotated[
        Path | None, typer.Option(help="Rewrite the list between the canned markers of this README instead.")
    ] = None,
) -> None:
    """List the operations the mock answers without state (a Markdown table, as in the README)."""
    from contract.spec.control_api import CannedReport, replace_canned_block
    from mockserver.assembly import build_app
    from mockserver.config import MockConfig

    application = build_app(MockConfig(), started=0.0)
    table = CannedReport(operations=application.state.canned_operations).markdown()
    if readme is None:
        print(table)
        return
    try:
        updated = replace_canned_block(readme.read_text(encoding="utf-8"), table)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    readme.write_text(updated, encoding="utf-8")
    console.print(f"{readme}: canned list updated ({len(application.state.canned_operations)} operations)")


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    api_key: Annotated[
        list[str] | None,
        typer.Option(
            "--api-key",
            help="Session API key (repeatable; default: OH_SESSION_API_KEYS_<n> or SESSION_API_KEY; none = open server).",
        ),
    ] = None,
    scenario: Annotated[str, typer.Option(help="Default scenario for new conversations.")] = "bash_then_finish",
    scenarios_dir: Annotated[
        list[Path] | None, typer.Option("--scenarios-dir", help="Extra directory of scenario YAML files (repeatable).")
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            help="Extra allowed CORS origin (repeatable; default: OH_ALLOW_CORS_ORIGINS_<n>); localhost and 127.0.0.1 are always allowed.",
        ),
    ] = None,
    webhook: Annotated[
        list[str] | None,
        typer.Option(
            "--webhook",
            help="Post events and conversation changes to this base URL, as the server's webhooks do "
            "(repeatable; default: OH_WEBHOOKS_<n>_BASE_URL and the other OH_WEBHOOKS variables).",
        ),
    ] = None,
    speed: Annotated[float, typer.Option(min=0.0, help="Timing factor: 0 = instant, 1 = realistic.")] = 1.0,
    seed: Annotated[
        int | None,
        typer.Option(help="Seed for reproducible timestamps and id sequences (ids still never repeat across starts)."),
    ] = None,
    server_version: Annotated[str, typer.Option(help="Version /server_info reports.")] = PINNED_SERVER_VERSION,
    control_key: Annotated[
        list[str] | None,
        typer.Option("--control-key", help="Key of the control API /_mock (repeatable; default: the --api-key keys)."),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host", help="Host name the control API answers for besides loopback (repeatable; dev proxies)."
        ),
    ] = None,
    access_log: Annotated[
        bool,
        typer.Option(
            help="Log every request (costs ~15% throughput; the journal at /_mock/journal records them anyway)."
        ),
    ] = False,
) -> None:
    """Run the stateful mock agent server (REST + WebSocket) with the bundled scenario pack."""
    import uvicorn

    from mockserver.app import create_app
    from mockserver.config import MockConfig
    from mockserver.server_env import ServerEnvError, config_from_env
    from mockserver.webhooks import WebhookSpec

    names = _scenario_names(scenarios_dir or [])
    if scenario not in names:
        _fail(f"unknown default scenario {scenario!r}; known: {', '.join(sorted(names))}")
    try:
        from_env = config_from_env(os.environ)  # the real server's variables; options override them
    except ServerEnvError as exc:
        _fail(str(exc))
    if api_key:
        from_env["api_keys"] = tuple(api_key)
    if cors_origin:
        from_env["cors_origins"] = tuple(cors_origin)
    if webhook:
        try:
            from_env["webhooks"] = tuple(WebhookSpec(url) for url in webhook)
        except ValueError as exc:
            _fail(f"--webhook: {exc}")
    config = MockConfig(
        speed=speed,
        seed=seed,
        default_scenario=scenario,
        scenario_dirs=tuple(scenarios_dir or ()),
        server_version=server_version,
        control_keys=tuple(control_key or ()),
        allowed_hosts=tuple(allowed_host or ()),
        **from_env,
    )
    application = create_app(config)  # built in the background once the server listens
    url = f"http://{host}:{port}"
    # The key itself is never printed: banners end up in logs and screenshots.
    key = "<your --api-key>" if config.api_keys else None
    console.print(
        f"[bold]ohmock[/bold] mock agent server {server_version} on [cyan]{url}[/cyan]  (speed {speed}, {len(names)} scenarios, default {scenario!r})"
    )
    console.print(f"  SDK:       Workspace(host={url!r}, api_key={key!r})  then Conversation(agent, workspace=...)")
    if config.control_key_set:
        console.print(
            f"  Control:   {url}{config.control_prefix}/* takes the {'--control-key' if config.control_keys else '--api-key'} in X-Session-API-Key"
        )
    console.print(
        f"  Browser:   REST {url}/api/conversations, WebSocket {url.replace('http', 'ws')}/sockets/events/<id>"
        + ("" if not config.cors_origins else f", CORS {', '.join(config.cors_origins)}")
    )
    console.print(
        f'  Scenarios: tag a conversation with {{"scenario": "<name>"}}; list at {url}{config.control_prefix}/scenarios'
    )
    from mockserver.redact import install_access_log_redaction

    install_access_log_redaction()
    uvicorn.run(application, host=host, port=port, log_level="info", access_log=access_log, timeout_graceful_shutdown=5)


def _scenario_names(directories: list[Path]) -> frozenset[str]:
    """The scenarios ``serve`` will know. The bundled pack's names are its file names, so the
    default start-up reads nothing; extra directories are validated in full before serving."""
    from contract.harness.scenarios import bundled_names

    if not directories:
        return bundled_names()
    from contract.harness.scenario import ScenarioError, load_scenarios

    try:
        return frozenset(load_scenarios(*directories))
    except ScenarioError as exc:
        _fail(str(exc))


@app.command("scripted-llm")
def scripted_llm(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 18050,
    scenarios_dir: Annotated[
        list[Path] | None, typer.Option("--scenarios-dir", help="Extra directory of scenario YAML files (repeatable).")
    ] = None,
) -> None:
    """Serve the scripted OpenAI-compatible LLM that drives a real agent server through scenarios."""
    from contract.harness.scenario import ScenarioError, load_scenarios
    from contract.harness.scripted_llm import serve

    try:
        scenarios = load_scenarios(*(scenarios_dir or ()))
    except ScenarioError as exc:
        _fail(str(exc))
    url = f"http://{host}:{port}/v1"
    console.print(f"[bold]ohmock[/bold] scripted LLM on [cyan]{url}[/cyan] ({len(scenarios)} scenarios)")
    console.print(f"  agent LLM: model='openai/<scenario>', base_url={url!r}, api_key='sk-scripted', num_retries=0")
    serve(scenarios, host=host, port=port)


@app.command("record")
def record(
    names: Annotated[list[str] | None, typer.Argument(help="Scenario names (default: every scenario).")] = None,
    out: Annotated[Path, typer.Option(help="Output directory.")] = Path("fixtures/transcripts"),
    scenarios_dir: Annotated[
        list[Path] | None, typer.Option("--scenarios-dir", help="Extra directory of scenario YAML files (repeatable).")
    ] = None,
    timeout: Annotated[float, typer.Option(min=1.0, help="Seconds each wait may take.")] = 60.0,
) -> None:
    """Record real-server transcripts of scenarios (starts the real server and the scripted LLM)."""
    from contract.harness.driver import ClientScriptError
    from contract.harness.real_server import RealServerError
    from contract.harness.record import record_transcripts
    from contract.harness.scenario import ScenarioError

    try:
        paths = record_transcripts(names or None, out, scenario_dirs=tuple(scenarios_dir or ()), timeout_s=timeout)
    except (ScenarioError, RealServerError, ClientScriptError) as exc:
        _fail(str(exc))
    for path in paths:
        console.print(str(path))


@app.command("diff")
def diff(
    cases: Annotated[int, typer.Option("--cases", min=0, help="Generated cases to play on both servers.")] = 20,
    seed: Annotated[int, typer.Option(help="Hypothesis seed: the same seed generates the same cases.")] = 0,
    case_files: Annotated[
        list[Path] | None, typer.Option("--case", help="A saved case (scenario YAML) to play as well (repeatable).")
    ] = None,
    shrink: Annotated[bool, typer.Option(help="Shrink one diverging case per divergence class.")] = True,
    save: Annotated[
        Path | None, typer.Option(help="Save each shrunk case and both its transcripts in this directory.")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the report as JSON here.")] = None,
    python: Annotated[
        str | None, typer.Option(help="Python interpreter with openhands-agent-server installed (default: this one).")
    ] = None,
    timeout: Annotated[float, typer.Option(min=1.0, help="Seconds each wait of a client script may take.")] = 20.0,
) -> None:
    """Play generated cases on the real server and on the mock, and report where they diverge.

    Starts the real agent server (with the scripted LLM) and an in-process mock; exits 0 when
    every case is identical on both, 1 on divergences, 2 when the check could not be made.
    """
    import json

    from contract.differential.cases import load_case
    from contract.differential.runner import Differential, mock_target, real_side, save_outcome
    from contract.harness.real_server import RealServerError
    from contract.harness.scenario import ScenarioError
    from mockserver.config import MockConfig
    from mockserver.runner import MockServer

    try:
        saved = [load_case(path) for path in case_files or []]
    except ScenarioError as exc:
        _fail(str(exc))
    try:
        with real_side(python=python) as (real, llm_url), MockServer(MockConfig(api_keys=("diff-key",))) as mock:
            engine = Differential(real, mock_target(mock.endpoint, llm_url), timeout_s=timeout)
            report = engine.explore(cases, seed, shrink=shrink) if cases else engine.play([], seed)
            report.outcomes += engine.play(saved).outcomes
    except RealServerError as exc:
        _fail(str(exc))
    for outcome in report.outcomes:
        console.print(f"{'diverged ' if outcome.divergences else 'identical'} {outcome.case.name}")
    if save is not None:
        for outcome in report.shrunk.values():
            console.print(f"saved {save_outcome(outcome, save)}")
    if json_out is not None:
        json_out.write_text(json.dumps(report.to_json(), indent=1), encoding="utf-8")
    typer.echo(report.render())
    raise typer.Exit(code=1 if report.diverged else 0)


@app.command("validate-scenario")
def validate_scenario(paths: list[Path]) -> None:
    """Check scenario files; print every problem with its location."""
    from contract.harness.scenario import ScenarioError, load_scenario

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


@app.command("check-client")
def check_client(
    seed: Annotated[int, typer.Option(help="Hypothesis seed: the same seed and budget generate the same cases.")] = 0,
    max_examples: Annotated[
        int, typer.Option(min=1, help="Generated cases per property (executions are shared between properties).")
    ] = 40,
    shrink_budget: Annotated[
        int, typer.Option(min=0, help="New executions allowed to shrink each failing property's counterexample.")
    ] = 40,
    report: Annotated[
        Path | None,
        typer.Option(
            help="Write a JSON report here; each failing property's shrunk case goes next to it as <stem>.<property>.yaml."
        ),
    ] = None,
    property_name: Annotated[
        list[str] | None, typer.Option("--property", help="Check only this property (repeatable).")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option(help="Instead of searching, execute this case file once and judge every property.")
    ] = None,
) -> None:
    """Property-based conformance of the installed openhands-sdk client against legal server behaviour."""
    from rich.markup import escape

    try:
        from contract.client_conformance.case import CaseError
        from contract.client_conformance.properties import PROPERTY_NAMES
        from contract.client_conformance.suite import replay as replay_case
        from contract.client_conformance.suite import run_suite, write_report
    except ImportError as exc:
        _fail(f"check-client needs the client under test, openhands-sdk (install the 'test' extra): {exc}")
    from mockserver.config import MockConfig
    from mockserver.runner import MockServer

    unknown = sorted(set(property_name or ()) - set(PROPERTY_NAMES))
    if unknown:
        _fail(f"unknown property {', '.join(unknown)}; known: {', '.join(PROPERTY_NAMES)}")
    with MockServer(MockConfig(speed=0)) as mock:
        if replay is not None:
            try:
                outcome = replay_case(replay, mock.endpoint)
            except CaseError as exc:
                _fail(str(exc))
            for name in property_name or PROPERTY_NAMES:
                violations = outcome.failures[name]
                console.print(f"{'[red]FAIL[/red]' if violations else '[green]pass[/green]'}  {name}")
                for violation in violations:
                    console.print(f"      {escape(violation)}")
            if outcome.inconclusive:
                console.print(f"[yellow]inconclusive:[/yellow] {escape(outcome.inconclusive)}")
            raise typer.Exit(code=1 if any(outcome.failures[n] for n in property_name or PROPERTY_NAMES) else 0)
        result = run_suite(
            mock.endpoint,
            seed_value=seed,
            max_examples=max_examples,
            shrink_budget=shrink_budget,
            properties=property_name,
        )
    document = write_report(result, report) if report is not None else None
    console.print(
        f"[bold]{result['client']}[/bold]: seed {seed}, {result['cases_executed']} cases executed in {result['duration_s']} s"
    )
    for index, entry in enumerate(result["properties"]):
        console.print(
            f"{'[green]pass[/green]' if entry['passed'] else '[red]FAIL[/red]'}  {entry['name']}  ({entry['examples']} examples)"
        )
        if not entry["passed"]:
            for violation in entry["failure"]["violations"]:
                console.print(f"      {escape(violation)}")
            if document is not None:
                console.print(f"      shrunk case: {document['properties'][index]['failure']['case_file']}")
    for problem in result["inconclusive"]:
        console.print(f"[yellow]inconclusive case:[/yellow] {escape(problem)}")
    if report is not None:
        console.print(f"report: {report}")
    raise typer.Exit(code=0 if result["passed"] else 1)


def _deployments(urls: list[str], targets: Path | None, api_key: str | None) -> list[Any]:
    """The deployments named on the command line (all with ``--api-key``) and in ``--targets``."""
    from contract.checker.fleet import Deployment, TargetsError, parse_targets

    deployments = [Deployment(url, api_key) for url in urls]
    if targets is not None:
        try:
            deployments += parse_targets(targets.read_text(encoding="utf-8"))
        except (OSError, TargetsError) as exc:
            _fail(f"{targets}: {exc}")
    if not deployments:
        _fail("name a server to check (a URL, or --targets FILE)")
    return deployments


def _numbered(path: Path, number: int) -> Path:
    return path.with_name(f"{path.stem}-{number}{path.suffix}")


def _check_fleet(
    deployments: list[Any],
    options: dict[str, Any],
    workers: int,
    junit_xml: Path | None,
    json_report: Path | None,
    html_report: Path | None,
) -> int:
    """Check several deployments at once; print a row each, write the combined reports."""
    from rich.table import Table

    from contract.checker.fleet import check_many, combined_exit_code, combined_html, combined_json, row

    console.print(f"checking {len(deployments)} deployments, {workers} at a time, {options['budget_s']:g} s each")
    results = check_many(deployments, options, workers=workers)
    table = Table(title="ohmock check: deployments")
    for column in ("deployment", "verdict", "violations", "server version", "could not be checked"):
        table.add_column(column)
    for line in (row(result) for result in results):
        table.add_row(
            line["url"],
            line["verdict"],
            str(line["violations"]),
            str(line["version"] or "—"),
            line["setup_error"] or "",
        )
    console.print(table)
    if json_report is not None:
        json_report.write_text(json.dumps(combined_json(results), indent=1), encoding="utf-8")
    if html_report is not None:
        pages = []
        for number, result in enumerate(results, start=1):
            page = _numbered(html_report, number)
            page.write_text(result["html"], encoding="utf-8")
            pages.append(page.name)
        html_report.write_text(combined_html(results, pages), encoding="utf-8")
    if junit_xml is not None:
        for number, result in enumerate(results, start=1):
            _numbered(junit_xml, number).write_text(result["junit"], encoding="utf-8")
    return combined_exit_code(results)


@app.command("check")
def check(
    base_urls: Annotated[
        list[str] | None,
        typer.Argument(help="The agent server(s) to check, e.g. http://127.0.0.1:8000 (several: checked at once)."),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key", envvar="OH_SESSION_API_KEY", help="The server's session key (env OH_SESSION_API_KEY)."
        ),
    ] = None,
    phase: Annotated[
        list[str] | None,
        typer.Option("--phase", help="rest, behaviour, websocket, streams or reconnect (repeatable; default all)."),
    ] = None,
    budget: Annotated[float, typer.Option("--budget", min=1.0, help="Seconds to spend in total.")] = 45.0,
    seed: Annotated[int, typer.Option(help="Seed for generated requests and rule sequences.")] = 0,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Run the phases that create (and delete) conversations.")
    ] = False,
    scripted_llm: Annotated[
        str | None,
        typer.Option(
            "--scripted-llm",
            help="HOST:PORT of the scripted LLM, reachable from the server (served there if nothing answers).",
        ),
    ] = None,
    include_operation: Annotated[
        list[str] | None,
        typer.Option(
            "--include-operation",
            help="Fuzz only these operations (label, path or regex; dangerous ones only by exact label). Repeatable.",
        ),
    ] = None,
    request_timeout: Annotated[
        float, typer.Option(min=0.1, help="Bound on one HTTP request or socket handshake (s).")
    ] = 10.0,
    run_timeout: Annotated[
        float, typer.Option(min=1.0, help="Bound on one run, start to end-of-run snapshot (s).")
    ] = 30.0,
    ws_auth_timeout: Annotated[
        bool, typer.Option("--ws-auth-timeout/--no-ws-auth-timeout", help="Check the 10 s silent-auth close (4001).")
    ] = True,
    junit_xml: Annotated[
        Path | None, typer.Option("--junit-xml", help="Write a JUnit XML report (one testcase per check).")
    ] = None,
    json_report: Annotated[Path | None, typer.Option("--json", help="Write a JSON report.")] = None,
    html_report: Annotated[Path | None, typer.Option("--html", help="Write an HTML report.")] = None,
    require_coverage: Annotated[
        bool, typer.Option("--require-coverage", help="A check this run could not make fails the run (exit 1).")
    ] = False,
    targets: Annotated[
        Path | None,
        typer.Option(help="A file of deployments, one 'URL [KEY_VARIABLE]' per line (the key from the environment)."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Deployments checked at the same time.")] = 4,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="End the run at its first violation (what is in flight finishes).")
    ] = False,
) -> None:
    """Check any agent server (mock, local real server, deployment) against the contract, REST and WebSocket.

    Read-only unless --allow-writes. Exit 0 = conforms, 1 = violations (each with a reproducer), 2 = checker error.
    """
    import importlib.util

    missing = [name for name in ("schemathesis", "hypothesis") if importlib.util.find_spec(name) is None]
    if missing:
        _fail(f"check needs {' and '.join(missing)} (install the 'test' extra)")
    from contract.checker.catalogue import PHASES
    from contract.checker.console import run_and_report

    unknown = sorted(set(phase or ()) - set(PHASES))
    if unknown:
        _fail(f"unknown phase {', '.join(unknown)}; known: {', '.join(PHASES)}")
    deployments = _deployments(base_urls or [], targets, api_key)
    options: dict[str, Any] = {  # run_checks' options, the same for every deployment
        "phases": phase or None,
        "budget_s": budget,
        "seed": seed,
        "allow_writes": allow_writes,
        "scripted_llm": scripted_llm,
        "include_operations": tuple(include_operation or ()),
        "request_timeout_s": request_timeout,
        "run_timeout_s": run_timeout,
        "ws_auth_timeout": None if ws_auth_timeout else False,
        "fail_fast": fail_fast,
    }
    if len(deployments) > 1:
        fleet_options = {**options, "require_coverage": require_coverage}
        raise typer.Exit(code=_check_fleet(deployments, fleet_options, workers, junit_xml, json_report, html_report))
    code = run_and_report(
        deployments[0].url,
        console=Console(),
        junit_xml=junit_xml,
        json_path=json_report,
        html_path=html_report,
        require_coverage=require_coverage,
        api_key=deployments[0].api_key,
        **options,
    )
    raise typer.Exit(code=code)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()


__all__ = ["app", "main"]
