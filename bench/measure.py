"""The measurements: start-up, HTTP load, socket replay and fan-out, fixture overhead, imports.

Every load loop is bounded in count and time. Nothing here asserts: figures are reported, and
``render.py`` turns them into BENCHMARKS.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from servers import API_KEY, CONVERSATION_BODY, HEADERS, MockProcess, Target, TimedRealServer, log
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed

from contract.client.api import AgentServerClient
from contract.client.bodies import message_body
from contract.client.http import events_search_path, ws_url
from contract.client.paging import fetch_all
from contract.client.sockets import auth_frame
from contract.spec.ws_protocol import events_socket_path, is_full_state


@dataclass(frozen=True)
class Settings:
    quick: bool
    mock_starts: int  # process-start samples
    real_starts: int
    posts: int  # run:false messages in the big conversation (2 events each, plus the system prompt)
    populate_concurrency: int
    load_seconds: int  # one wrk/httpx window
    load_rounds: int  # windows per figure (median reported)
    replay_runs: int
    fanout_subscribers: int
    fanout_posts: int  # live events = 2 per post
    fixture_tests: int
    import_runs: int

    @classmethod
    def make(cls, quick: bool) -> Settings:
        if quick:
            return cls(
                quick=True,
                mock_starts=3,
                real_starts=1,
                posts=1000,
                populate_concurrency=4,
                load_seconds=2,
                load_rounds=1,
                replay_runs=1,
                fanout_subscribers=50,
                fanout_posts=100,
                fixture_tests=60,
                import_runs=3,
            )
        return cls(
            quick=False,
            mock_starts=5,
            real_starts=3,
            posts=5000,
            populate_concurrency=4,
            load_seconds=4,
            load_rounds=3,
            replay_runs=5,
            fanout_subscribers=50,
            fanout_posts=500,
            fixture_tests=200,
            import_runs=5,
        )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time a process has used so far, all threads (Linux /proc; else None).

    Wall times on a small shared machine move with whatever else runs; the server's own CPU
    time for the same work does not, so it is reported next to them."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def cpu_used(pid: int | None, before: float | None) -> float | None:
    after = cpu_seconds(pid)
    return None if after is None or before is None else after - before


def create_conversation(target: Target) -> str:
    with AgentServerClient.connect(target.url, API_KEY) as client:
        return str(client.create(CONVERSATION_BODY)["id"])


def all_event_ids(url: str, conversation: str) -> list[str]:
    """Every persisted event id, in log order."""
    with httpx.Client(base_url=url, headers=HEADERS, timeout=30) as client:
        return [item["id"] for item in fetch_all(client, events_search_path(conversation))]


def event_count(url: str, conversation: str) -> int:
    with AgentServerClient.connect(url, API_KEY) as client:
        return client.count(conversation)


async def post_messages(
    url: str, conversation: str, count: int, concurrency: int, prefix: str, deadline_s: float
) -> int:
    """POST ``count`` run:false messages with bounded concurrency; stop at the deadline."""
    deadline = time.monotonic() + deadline_s
    next_index = 0
    done = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=HEADERS, timeout=30, limits=limits) as client:

        async def worker() -> None:
            nonlocal next_index, done
            while next_index < count and time.monotonic() < deadline:
                index = next_index
                next_index += 1
                response = await client.post(
                    f"{url}/api/conversations/{conversation}/events", json=message_body(f"{prefix} {index}")
                )
                response.raise_for_status()
                done += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done


def populate(target: Target, settings: Settings) -> None:
    """The big conversation: ``posts`` run:false messages (a MessageEvent plus a state update
    each, and the system prompt first), posted the same way to both servers."""
    target.conversation = create_conversation(target)
    started = time.perf_counter()
    posted = asyncio.run(
        post_messages(
            target.url,
            target.conversation,
            settings.posts,
            settings.populate_concurrency,
            "benchmark message",
            deadline_s=300,
        )
    )
    target.events = event_count(target.url, target.conversation)
    with httpx.Client(headers=HEADERS, timeout=30) as client:
        page = client.get(f"{target.url}/api/conversations/{target.conversation}/events/search", params={"limit": 100})
        target.page_bytes = len(page.content)
        target.page_kinds = [item["kind"] for item in page.json()["items"]]
    log(f"{target.name}: {posted} messages posted in {time.perf_counter() - started:.1f} s -> {target.events} events")


@dataclass
class LoadResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unparsed wrk latency {text!r}")
    return float(match.group(1)) * _WRK_UNITS[match.group(2)]


def wrk_version() -> str:
    proc = subprocess.run(["wrk", "-v"], check=False, capture_output=True, text=True, timeout=10)
    match = re.search(r"wrk (?:\S+/)?(\d[\w.\-+]*)", proc.stdout + proc.stderr)
    return match.group(1) if match else "unknown"


def run_wrk(url: str, concurrency: int, seconds: int) -> LoadResult:
    header = f"X-Session-API-Key: {API_KEY}"
    command = ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s", "--latency", "-H", header, url]
    proc = subprocess.run(command, check=False, capture_output=True, text=True, timeout=seconds + 60)
    out = proc.stdout
    if proc.returncode != 0 or "Requests/sec" not in out:
        raise RuntimeError(f"wrk failed ({proc.returncode}):\n{out}\n{proc.stderr}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in match.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return LoadResult(rps, _wrk_ms(latency["50"]), _wrk_ms(latency["99"]), requests, errors)


async def _httpx_load(url: str, concurrency: int, seconds: float, max_requests: int) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=HEADERS, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        deadline = started + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline and len(latencies) + errors < max_requests:
                sent = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code < 400
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append((time.perf_counter() - sent) * 1000)
                else:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return LoadResult(
        len(latencies) / elapsed, percentile(latencies, 50), percentile(latencies, 99), len(latencies), errors
    )


def run_httpx(url: str, concurrency: int, seconds: int) -> LoadResult:
    return asyncio.run(_httpx_load(url, concurrency, seconds, max_requests=200_000))


def measure_load(tool: str, url: str, concurrency: int, settings: Settings) -> tuple[LoadResult, list[LoadResult]]:
    """Median-throughput round of ``load_rounds`` windows (after a 1 s warm-up)."""
    runner = run_wrk if tool == "wrk" else run_httpx
    runner(url, concurrency, 1)
    rounds = [runner(url, concurrency, settings.load_seconds) for _ in range(settings.load_rounds)]
    ranked = sorted(rounds, key=lambda r: r.rps)
    return ranked[len(ranked) // 2], rounds


@dataclass
class ReplayResult:
    seconds: float
    frames: int
    verified: bool
    server_cpu_s: float | None = None


async def _replay_once(url: str, conversation: str, expected_ids: list[str], timeout_s: float) -> ReplayResult:
    wanted = 1 + len(expected_ids)  # the connect snapshot, then the log
    frames: list[str | bytes] = []
    started = time.perf_counter()
    async with asyncio.timeout(timeout_s):
        async with ws_connect(
            ws_url(url, events_socket_path(conversation), {"resend_mode": "all"}),
            max_size=None,
            compression=None,
            ping_interval=None,
        ) as socket:
            await socket.send(auth_frame(API_KEY))
            while len(frames) < wanted:
                frames.append(await socket.recv())
            elapsed = time.perf_counter() - started
    # Verified after the clock stopped: snapshot first, then exactly the persisted log in order.
    events = [json.loads(frame) for frame in frames]
    ids = [event.get("id") for event in events[1:]]
    verified = is_full_state(events[0]) and ids == expected_ids
    return ReplayResult(elapsed, len(frames), verified)


def measure_replay(target: Target, settings: Settings) -> tuple[ReplayResult, list[ReplayResult]]:
    expected = all_event_ids(target.url, target.conversation)
    runs = []
    for _ in range(settings.replay_runs):
        before = cpu_seconds(target.pid)
        result = asyncio.run(_replay_once(target.url, target.conversation, expected, timeout_s=120))
        result.server_cpu_s = cpu_used(target.pid, before)
        runs.append(result)
    ranked = sorted(runs, key=lambda r: r.seconds)
    return ranked[len(ranked) // 2], runs


@dataclass
class FanoutResult:
    subscribers: int
    refused: int
    events: int
    seconds: float
    complete: int  # subscribers that got every event
    in_order: int  # subscribers whose sequence equals the persisted log
    extra_frames: int
    posted: int
    server_cpu_s: float | None = None
    client_cpu_s: float | None = None

    @property
    def frames_per_s(self) -> float:
        return self.subscribers * self.events / self.seconds if self.seconds else 0.0


async def _fanout(url: str, pid: int | None, settings: Settings) -> FanoutResult:
    target = Target("fanout", url)
    conversation = create_conversation(target)
    # One message first, so the lazily created system prompt is not part of the live traffic:
    # every later post then adds exactly two events.
    await post_messages(url, conversation, 1, 1, "fan-out warm-up", deadline_s=30)
    before = event_count(url, conversation)
    expected = 2 * settings.fanout_posts

    sockets = []
    refused = 0
    for _ in range(settings.fanout_subscribers):
        socket = await ws_connect(
            ws_url(url, events_socket_path(conversation)),
            max_size=None,
            compression=None,
            ping_interval=None,
            open_timeout=10,
        )
        try:
            await socket.send(auth_frame(API_KEY))
            first = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
            if not is_full_state(first):
                raise RuntimeError(f"unexpected first frame {first.get('kind')}")
            sockets.append(socket)
        except ConnectionClosed:  # the subscriber limit (close 1013)
            refused += 1
            await socket.close()
    frames: list[list[str | bytes]] = [[] for _ in sockets]
    finished_at = [0.0] * len(sockets)
    deadline = time.monotonic() + 300

    async def receive(index: int) -> None:
        # Raw frames only while the clock runs (parsed afterwards), so that the clients' JSON
        # decoding does not slow the figure down; snapshots are told apart by their key.
        socket, mine, live = sockets[index], frames[index], 0
        with contextlib.suppress(TimeoutError, ConnectionClosed):
            while live < expected:
                frame = await asyncio.wait_for(socket.recv(), timeout=max(0.1, deadline - time.monotonic()))
                mine.append(frame)
                live += '"full_state"' not in (frame if isinstance(frame, str) else frame.decode())
        finished_at[index] = time.perf_counter()

    receivers = [asyncio.create_task(receive(i)) for i in range(len(sockets))]
    server_before, client_before = cpu_seconds(pid), time.process_time()
    started = time.perf_counter()
    posted = await post_messages(url, conversation, settings.fanout_posts, 4, "fan-out", deadline_s=240)
    await asyncio.gather(*receivers)
    elapsed = max(finished_at, default=started) - started
    server_cpu, client_cpu = cpu_used(pid, server_before), time.process_time() - client_before
    for socket in sockets:
        await socket.close()
    persisted = all_event_ids(url, conversation)[before:]
    received, extra = [], 0
    for raw in frames:
        events = [json.loads(frame) for frame in raw]
        extra += sum(1 for event in events if is_full_state(event))
        received.append([event.get("id") for event in events if not is_full_state(event)])
    return FanoutResult(
        subscribers=len(sockets),
        refused=refused,
        events=len(persisted),
        seconds=elapsed,
        complete=sum(1 for ids in received if len(ids) >= len(persisted)),
        in_order=sum(1 for ids in received if ids == persisted),
        extra_frames=extra,
        posted=posted,
        server_cpu_s=server_cpu,
        client_cpu_s=client_cpu,
    )


def measure_fanout(target: Target, settings: Settings) -> FanoutResult:
    return asyncio.run(_fanout(target.url, target.pid, settings))


_TIMER_CONFTEST = """
import json
import os
import time

import pytest

_TIMES = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    started = time.perf_counter()
    yield
    _TIMES.append(time.perf_counter() - started)


def pytest_sessionfinish(session, exitstatus):
    with open(os.environ["OHMOCK_BENCH_TIMES"], "w") as handle:
        json.dump(_TIMES, handle)
"""

# Used when mockserver.pytest_plugin is absent (or fails): what its fixture does, by hand.
_MOCK_EQUIVALENT = """
import httpx
import pytest

from mockserver.config import MockConfig
from mockserver.runner import MockServer

BODY = {body!r}
KEY = {key!r}


class _Handle:
    def __init__(self, server, client):
        self.server, self.client = server, client

    def create_conversation(self):
        response = self.client.post("/api/conversations", json=BODY)
        assert response.status_code == 201
        return response.json()["id"]


@pytest.fixture(scope="session")
def _served():
    with MockServer(MockConfig(api_keys=(KEY,))) as server:
        with httpx.Client(base_url=server.url, headers={{"X-Session-API-Key": KEY}}, timeout=30) as client:
            yield _Handle(server, client)


@pytest.fixture
def agent_server(_served):
    _served.server.state.reset()
    yield _served
"""

# The same fixture shape against the bench's real server (which has no reset).
_REAL_EQUIVALENT = """
import os

import httpx
import pytest

BODY = {body!r}


class _Handle:
    def __init__(self, client):
        self.client = client

    def create_conversation(self):
        response = self.client.post("/api/conversations", json=BODY)
        assert response.status_code == 201
        return response.json()["id"]


@pytest.fixture(scope="session")
def _served():
    headers = {{"X-Session-API-Key": os.environ["OHMOCK_BENCH_REAL_KEY"]}}
    with httpx.Client(base_url=os.environ["OHMOCK_BENCH_REAL_URL"], headers=headers, timeout=30) as client:
        yield _Handle(client)


@pytest.fixture
def agent_server(_served):
    yield _served
"""

_BODIES = {"alone": "pass", "create": "agent_server.create_conversation()"}


def plugin_status() -> tuple[bool, list[str]]:
    """Whether ``mockserver.pytest_plugin`` exists, and the pytest args that load it."""
    if importlib.util.find_spec("mockserver.pytest_plugin") is None:
        return False, []
    registered = any(
        ep.value.split(":")[0] == "mockserver.pytest_plugin" for ep in importlib.metadata.entry_points(group="pytest11")
    )
    return True, [] if registered else ["-p", "mockserver.pytest_plugin"]


@dataclass
class PytestRun:
    per_test_ms: float | None  # median time of one test's whole protocol (setup, call, teardown)
    wall_s: float
    output: str


def _run_pytest(
    directory: Path, name: str, prelude: str, body: str | None, tests: int, extra_args: list[str], env: dict[str, str]
) -> PytestRun:
    """Run ``tests`` generated tests; ``body`` None means tests without the fixture."""
    signature, statement = ("", "pass") if body is None else ("agent_server", body)
    cases = "\n".join(f"def test_{i:04d}({signature}):\n    {statement}\n" for i in range(tests))
    path = directory / f"test_{name}.py"
    path.write_text(f"{prelude}\n\n{cases}", encoding="utf-8")
    times_path = directory / f"{name}.json"
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-c",
        str(directory / "pytest.ini"),
        "--rootdir",
        str(directory),
        *extra_args,
        str(path),
    ]
    started = time.perf_counter()
    proc = subprocess.run(
        command,
        check=False,
        cwd=directory,
        env={**env, "OHMOCK_BENCH_TIMES": str(times_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    wall = time.perf_counter() - started
    output = (proc.stdout + proc.stderr)[-3000:]
    if proc.returncode != 0 or not times_path.exists():
        return PytestRun(None, wall, output)
    times = json.loads(times_path.read_text(encoding="utf-8"))
    if len(times) != tests:
        return PytestRun(None, wall, output)
    # The first test pays the session setup (server start), the last the session teardown.
    return PytestRun(statistics.median(times[1:-1]) * 1000, wall, output)


@dataclass
class FixtureResult:
    plugin_alone_ms: float | None  # None: no plugin, or its run failed
    plugin_create_ms: float | None
    plugin_real_ms: float | None
    equivalent_create_ms: float | None
    equivalent_real_ms: float | None
    baseline_ms: float
    plugin: bool
    method: str
    notes: list[str]


def measure_fixture(real_url: str, settings: Settings) -> FixtureResult:
    """Per-test cost of the plugin's fixture (when present) and of a hand-written equivalent
    that keeps one HTTP client for the session, each also against the real server."""
    notes: list[str] = []
    env = dict(os.environ)
    real_env = {**env, "OHMOCK_BENCH_REAL_URL": real_url, "OHMOCK_BENCH_REAL_KEY": API_KEY}
    tests = settings.fixture_tests
    body_text = {"body": CONVERSATION_BODY, "key": API_KEY}
    runs: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory(prefix="ohmock-bench-") as scratch:
        directory = Path(scratch)
        (directory / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        (directory / "conftest.py").write_text(_TIMER_CONFTEST, encoding="utf-8")
        baseline = _run_pytest(directory, "baseline", "", None, tests, [], env)
        base_ms = baseline.per_test_ms or 0.0

        def measure(name: str, prelude: str, statement: str, args: list[str], run_env: dict[str, str]) -> None:
            run = _run_pytest(directory, name, prelude, statement, tests, args, run_env)
            if run.per_test_ms is None:
                notes.append(f"the `{name}` run failed:\n" + textwrap.indent(run.output[-800:], "    "))
            runs[name] = None if run.per_test_ms is None else run.per_test_ms - base_ms

        exists, plugin_args = plugin_status()
        if exists:
            measure("plugin_alone", "", _BODIES["alone"], plugin_args, env)
            measure("plugin_create", "", _BODIES["create"], plugin_args, env)
            measure(
                "plugin_real",
                "",
                _BODIES["create"],
                [*plugin_args, f"--agent-server={real_url}", f"--agent-server-api-key={API_KEY}"],
                env,
            )
        else:
            notes.append("`mockserver.pytest_plugin` is not installed: only the hand-written equivalent was measured")
        measure("equivalent_create", _MOCK_EQUIVALENT.format(**body_text), _BODIES["create"], [], env)
        measure("equivalent_real", _REAL_EQUIVALENT.format(**body_text), _BODIES["create"], [], real_env)
    method = (
        f"{tests} generated tests per run, each timed around pytest's whole per-test protocol (setup, call, teardown) by a conftest hook; "
        f"figure = median per test minus the median of a test without the fixture ({base_ms:.2f} ms); the first and last tests, "
        "which pay the session's server start and stop, are left out."
    )
    return FixtureResult(
        runs.get("plugin_alone"),
        runs.get("plugin_create"),
        runs.get("plugin_real"),
        runs.get("equivalent_create"),
        runs.get("equivalent_real"),
        base_ms,
        exists,
        method,
        notes,
    )


def import_seconds(module: str, runs: int, env: dict[str, str] | None = None) -> float:
    """Best-of-``runs`` wall time of ``import module`` in a fresh interpreter (measured inside it)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    samples = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120, env=env
        )
        if proc.returncode != 0:
            raise RuntimeError(f"import {module} failed:\n{proc.stderr[-2000:]}")
        samples.append(float(proc.stdout.strip().splitlines()[-1]))
    return min(samples)


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    system = f"{platform.system()} {platform.release()}"
    with contextlib.suppress(OSError):
        pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', Path("/etc/os-release").read_text(), re.M)
        if pretty:
            system = f"{pretty.group(1)} (kernel {platform.release()})"

    def version(package: str) -> str:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    packages = [
        "ohmock",
        "openhands-agent-server",
        "openhands-sdk",
        "fastapi",
        "starlette",
        "uvicorn",
        "pydantic",
        "websockets",
        "wsproto",
        "httpx",
    ]
    return [
        ("CPU", f"{os.cpu_count()} logical cores, {cpu}"),
        ("Memory", memory),
        ("OS", system),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Packages", ", ".join(f"{p} {version(p)}" for p in packages)),
    ]


@contextlib.contextmanager
def running(servers: list[Any]) -> Iterator[None]:
    try:
        yield
    finally:
        for server in servers:
            with contextlib.suppress(Exception):
                server.stop()


def collect(settings: Settings, tool: str, tool_label: str) -> dict[str, Any]:
    """Every measurement of one run, mock and real server side by side."""
    results: dict[str, Any] = {
        "notes": [],
        "tool": tool,
        "tool_label": tool_label,
        "machine": machine(),
        "load": {},
        "raw_load": {},
        "replay": {},
        "raw_replay": {},
        "fanout": {},
    }
    log(f"load tool: {tool_label}")
    results["loadavg"] = [os.getloadavg()[0]]

    servers: list[Any] = []
    with running(servers):
        # -- start -> ready
        samples, first_calls = [], []
        mock_process: MockProcess | None = None
        for index in range(settings.mock_starts):
            process = MockProcess().start(first_call=True)
            samples.append(process.ready_s)
            first_calls.append(process.first_call_s)
            if index < settings.mock_starts - 1:
                process.stop()
            else:
                mock_process = process
                servers.append(process)
        results["start_mock"] = samples
        results["first_call_mock"] = first_calls
        log(f"mock ready in {', '.join(f'{s:.2f}' for s in samples)} s")
        samples = []
        real_server: TimedRealServer | None = None
        for index in range(settings.real_starts):
            server = TimedRealServer(api_key=API_KEY, startup_timeout_s=120)
            servers.append(server)
            server.start()
            samples.append(server.ready_s)
            if index < settings.real_starts - 1:
                server.stop()
                servers.remove(server)
            else:
                real_server = server
        results["start_real"] = samples
        log(f"real ready in {', '.join(f'{s:.2f}' for s in samples)} s")

        assert mock_process is not None
        assert real_server is not None
        targets = {
            "mock": Target("mock", mock_process.url, mock_process.pid),
            "real": Target("real", real_server.url, real_server.pid),
        }
        results["targets"] = targets

        # -- data
        for target in targets.values():
            populate(target, settings)
        if targets["mock"].page_kinds != targets["real"].page_kinds:
            results["notes"].append("the first events/search page has different kinds on the two servers")

        # -- HTTP load, one server at a time (the other idles)
        for key, path in (("conversation", ""), ("search", "/events/search?limit=100")):
            for concurrency in (1, 8):
                for name, target in targets.items():
                    url = f"{target.url}/api/conversations/{target.conversation}{path}"
                    chosen, rounds = measure_load(tool, url, concurrency, settings)
                    results["load"][(name, key, concurrency)] = chosen
                    results["raw_load"][(name, key, concurrency)] = rounds
                    if any(r.errors for r in rounds):
                        results["notes"].append(
                            f"{name} {key} c={concurrency}: {sum(r.errors for r in rounds)} failed requests"
                        )
                    log(
                        f"{name} {key} c={concurrency}: {chosen.rps:,.0f} req/s, p50 {chosen.p50_ms:.2f} ms, p99 {chosen.p99_ms:.2f} ms"
                    )

        # -- WebSocket
        for name, target in targets.items():
            chosen, runs = measure_replay(target, settings)
            results["replay"][name] = chosen
            results["raw_replay"][name] = runs
            log(
                f"{name} replay of {target.events} events: {', '.join(f'{r.seconds:.3f}' for r in runs)} s, verified {all(r.verified for r in runs)}"
            )
            if not all(r.verified for r in runs):
                results["notes"].append(f"{name}: a replay did not match the persisted log")
        for name, target in targets.items():
            fan = measure_fanout(target, settings)
            results["fanout"][name] = fan
            log(
                f"{name} fan-out: {fan.events} events x {fan.subscribers} subscribers (refused {fan.refused}) in {fan.seconds:.2f} s; complete {fan.complete}, in order {fan.in_order}"
            )

        # -- fixture
        fixture = results["fixture"] = measure_fixture(targets["real"].url, settings)
        log(
            f"fixture per test (ms): plugin alone {fixture.plugin_alone_ms}, plugin + create {fixture.plugin_create_ms}, on real {fixture.plugin_real_ms}; "
            f"equivalent + create {fixture.equivalent_create_ms}, on real {fixture.equivalent_real_ms}"
        )
        results["notes"] += results["fixture"].notes

    # -- imports (servers stopped, so they compete with nothing)
    sdk_env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True", "OPENHANDS_SUPPRESS_BANNER": "1"}
    results["imports"] = {
        module: import_seconds(module, settings.import_runs, sdk_env if module.startswith("openhands") else None)
        for module in ("contract", "contract.spec.events", "contract.generated.models", "openhands.sdk")
    }
    log("imports: " + ", ".join(f"{m} {s:.3f} s" for m, s in results["imports"].items()))
    results["loadavg"].append(os.getloadavg()[0])
    return results
