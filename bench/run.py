"""Benchmarks: the mock vs the real openhands-agent-server 1.58.0, side by side, with targets.

    .venv/bin/python bench/run.py [--quick] [--out BENCHMARKS.md]

Starts the mock (``ohmock serve --speed 0``, a subprocess) and the real server (via
``contract.real_server.RealServer``: a subprocess in throwaway dirs), both on 127.0.0.1 only,
and measures, in one run, each figure for both plus the ratio mock/real:

* process start -> ``/health`` ready;
* throughput and p50/p99 latency at concurrency 1 and 8 of ``GET /api/conversations/{id}`` and
  ``GET .../events/search?limit=100`` on a 10,000-event conversation (``wrk`` when installed,
  otherwise a bounded asyncio httpx loop; the report says which);
* WebSocket replay of the whole log (``resend_mode=all``) to one subscriber, and live fan-out of
  1,000 events to up to 50 subscribers, verified complete and in order;
* the per-test overhead of the pytest fixture (the ``agent_server`` plugin fixture when
  ``mockserver.pytest_plugin`` exists, otherwise its equivalent), against a per-test
  conversation on the real server;
* import times.

Every load loop is bounded in count and time. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed

from contract.client.bodies import start_conversation_body
from contract.harness.real_server import RealServer
from contract.harness.serving import free_port

REPO = Path(__file__).resolve().parents[1]

API_KEY = "bench-key"
HEADERS = {"X-Session-API-Key": API_KEY}
# No LLM is ever called (messages are posted with run:false, autotitle is off); nothing listens here.
UNUSED_LLM_URL = "http://127.0.0.1:9/v1"
CONVERSATION_BODY = start_conversation_body(UNUSED_LLM_URL, "bash_then_finish", autotitle=False)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- settings


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


# --------------------------------------------------------------------------- servers


def _wait_health(
    client: httpx.Client, url: str, is_alive: Callable[[], bool], timeout_s: float, poll_s: float = 0.005
) -> None:
    """Poll ``/health`` until it answers 200 (bounded). The client is made by the caller before
    its clock starts: building an ``httpx.Client`` takes ~20 ms (TLS context)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if client.get(f"{url}/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if not is_alive():
            raise RuntimeError(f"server at {url} exited before it was ready")
        if time.monotonic() > deadline:
            raise RuntimeError(f"server at {url} not ready after {timeout_s} s")
        time.sleep(poll_s)


class MockProcess:
    """``ohmock serve --speed 0`` as a subprocess on a free loopback port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.ready_s = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @staticmethod
    def command(port: int) -> list[str]:
        ohmock = Path(sys.executable).with_name("ohmock")
        base = [str(ohmock)] if ohmock.exists() else [sys.executable, "-m", "mockserver.cli"]
        return [*base, "serve", "--host", "127.0.0.1", "--port", str(port), "--speed", "0", "--api-key", API_KEY]

    def start(self) -> MockProcess:
        with httpx.Client(timeout=2.0) as client:
            started = time.perf_counter()
            self.process = process = subprocess.Popen(
                self.command(self.port), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            try:
                _wait_health(client, self.url, lambda: process.poll() is None, timeout_s=60)
            except BaseException:
                self.stop()
                raise
            self.ready_s = time.perf_counter() - started
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None


class TimedRealServer(RealServer):
    """RealServer whose readiness poll runs every 5 ms (its own polls every 200 ms), so the
    start -> ready figure has the same resolution as the mock's."""

    ready_s = 0.0
    _poll_client: httpx.Client | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> TimedRealServer:
        with httpx.Client(timeout=2.0) as self._poll_client:
            started = time.perf_counter()
            super().start()
            self.ready_s = time.perf_counter() - started
        return self

    def _wait_healthy(self) -> None:
        assert self._process is not None
        assert self._poll_client is not None
        process = self._process
        try:
            _wait_health(self._poll_client, self.url, lambda: process.poll() is None, timeout_s=self.startup_timeout_s)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{self.log_text()}") from None


@dataclass
class Target:
    """One server under test, with the conversations the benchmarks use."""

    name: str
    url: str
    pid: int | None = None  # the server process, for its CPU time
    conversation: str = ""  # the big conversation
    events: int = 0
    page_bytes: int = 0
    page_kinds: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


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
    with httpx.Client(headers=HEADERS, timeout=30) as client:
        response = client.post(f"{target.url}/api/conversations", json=CONVERSATION_BODY)
        response.raise_for_status()
        return response.json()["id"]


def message_body(text: str) -> dict[str, Any]:
    return {"role": "user", "content": [{"type": "text", "text": text}], "run": False}


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


def all_event_ids(url: str, conversation: str) -> list[str]:
    """Every persisted event id, in log order (events/search pages of 100; bounded)."""
    ids: list[str] = []
    page_id: str | None = None
    with httpx.Client(headers=HEADERS, timeout=30) as client:
        for _ in range(10_000):
            params: dict[str, Any] = {"limit": 100}
            if page_id:
                params["page_id"] = page_id
            response = client.get(f"{url}/api/conversations/{conversation}/events/search", params=params)
            response.raise_for_status()
            page = response.json()
            ids += [item["id"] for item in page["items"]]
            page_id = page.get("next_page_id")
            if not page_id:
                break
    return ids


def event_count(url: str, conversation: str) -> int:
    with httpx.Client(headers=HEADERS, timeout=30) as client:
        response = client.get(f"{url}/api/conversations/{conversation}/events/count")
        response.raise_for_status()
        return int(response.json())


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


# --------------------------------------------------------------------------- HTTP load


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


# --------------------------------------------------------------------------- WebSocket


def _ws_url(url: str, conversation: str, query: str = "") -> str:
    return url.replace("http://", "ws://", 1) + f"/sockets/events/{conversation}" + (f"?{query}" if query else "")


def _is_full_state(event: dict[str, Any]) -> bool:
    return event.get("kind") == "ConversationStateUpdateEvent" and event.get("key") == "full_state"


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
            _ws_url(url, conversation, "resend_mode=all"), max_size=None, compression=None, ping_interval=None
        ) as socket:
            await socket.send(json.dumps({"type": "auth", "session_api_key": API_KEY}))
            while len(frames) < wanted:
                frames.append(await socket.recv())
            elapsed = time.perf_counter() - started
    # Verified after the clock stopped: snapshot first, then exactly the persisted log in order.
    events = [json.loads(frame) for frame in frames]
    ids = [event.get("id") for event in events[1:]]
    verified = _is_full_state(events[0]) and ids == expected_ids
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
            _ws_url(url, conversation), max_size=None, compression=None, ping_interval=None, open_timeout=10
        )
        try:
            await socket.send(json.dumps({"type": "auth", "session_api_key": API_KEY}))
            first = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
            if not _is_full_state(first):
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
        extra += sum(1 for event in events if _is_full_state(event))
        received.append([event.get("id") for event in events if not _is_full_state(event)])
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


# --------------------------------------------------------------------------- pytest fixture overhead

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
    _served.server.app.state.mock.reset()
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
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
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


# --------------------------------------------------------------------------- imports


def import_seconds(module: str, runs: int, env: dict[str, str] | None = None) -> float:
    """Best-of-``runs`` wall time of ``import module`` in a fresh interpreter (measured inside it)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    samples = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120, env=env, cwd=REPO
        )
        if proc.returncode != 0:
            raise RuntimeError(f"import {module} failed:\n{proc.stderr[-2000:]}")
        samples.append(float(proc.stdout.strip().splitlines()[-1]))
    return min(samples)


# --------------------------------------------------------------------------- machine


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


# --------------------------------------------------------------------------- report


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


def render(results: dict[str, Any], settings: Settings, command: str) -> str:
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

    lines = [
        "# Benchmarks: mock vs real agent server",
        "",
        (
            f"The ohmock mock (`ohmock serve --speed 0`) and the real openhands-agent-server "
            f"{importlib.metadata.version('openhands-agent-server')}, side by side on one machine, loopback only. "
            "`mock/real` < 1 means the mock takes less time; > 1 on throughput means the mock serves more. "
            "Targets apply to the mock."
        ),
        "",
        "Regenerate with:",
        "",
        "```bash",
        command,
        "```",
        "",
        (
            f"Generated {datetime.now(UTC).strftime('%Y-%m-%d')}{' with `--quick` (smaller counts)' if settings.quick else ''}; "
            f"HTTP load measured with **{results['tool_label']}**."
        ),
        "",
        "| figure | mock | real | mock/real | target (mock) | met |",
        "|---|---|---|---|---|---|",
        *(f"| {r.figure} | {r.mock} | {r.real} | {r.ratio} | {r.target} | {r.met} |" for r in rows),
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in results["machine"]),
        "",
        (
            "The load generator, the clients and both servers share these cores, so all figures are lower bounds. "
            f"1-minute load average when the run started / ended: {results['loadavg'][0]:.2f} / {results['loadavg'][-1]:.2f}; "
            "anything else running on the machine shows up directly in these figures."
        ),
        "",
        "## How each figure is measured",
        "",
        *_method_notes(results, settings),
        "",
    ]
    missed = [
        text
        for figure, text in _LIMITS.items()
        if any(r.figure.startswith(figure) and r.met == _met(False) for r in rows)
    ]
    if missed:
        lines += [
            "## What limits the missed targets",
            "",
            "Found by profiling the mock (py-spy, pyinstrument) when this benchmark was written.",
            "",
            *(f"* {text}" for text in missed),
            "",
        ]
    if notes:
        lines += ["## Notes from this run", "", *(f"* {n}" for n in notes), ""]
    return "\n".join(lines)


# Causes of missed targets, by the start of the table's figure label; shown only while missed.
_LIMITS = {
    "process start": (
        "**Start → ready**: almost all of it is imports and app construction in the `ohmock serve` process: fastapi + uvicorn ≈ 0.3 s, "
        "`contract.generated.models` ≈ 0.42 s (540 pydantic classes; `defer_build` postpones only their validators), the other mock modules "
        "≈ 0.25 s, and `create_app` ≈ 0.18 s, four fifths of it `generic.build_router` (about 150 FastAPI routes, each checked against the "
        "routes before it) and most of the rest the scenario YAML read with the pure-Python loader. 0.5 s would need the generated models and "
        "the generic routes off the start-up path (`mockserver/app.py`, `rest.py`, `generic.py`)."
    ),
    "`GET /api/conversations/{id}`": (
        "**GET conversation ≥ 3×**: the route's own work is small (`Conversation.info()` ≈ 33 µs); the rest is the framework and two settings. "
        "The session-key dependency `_check_session_api_key` (`mockserver/app.py`) is a plain `def`, so FastAPI hands every request to the "
        "thread pool and back: about 30 % of the mock's CPU per request, and the 50–150 ms p99 at c=8. `ohmock serve` runs uvicorn with "
        '`log_level="info"` (`mockserver/cli.py`), which writes an access-log line per request: about 15 %. With the dependency made '
        "`async def` and the access log off, the same wrk runs gave 2,440–2,540 req/s at c=1 and 2,300–2,750 at c=8 (server CPU 370–380 "
        "instead of 570–610 µs per request) with a c=8 p99 of 5–11 ms: 2.9–3.5× the real server."
    ),
    "WebSocket replay": (
        "**Replay**: the wall time includes the Python WebSocket client, which shares the cores with the server; on a busy machine it "
        "doubles while the server's CPU time (the row below it) stays put. Per frame the server spends its time in the socket write "
        "(one `send` system call per frame, in uvicorn), JSON encoding and the journal entry."
    ),
}


def _method_notes(results: dict[str, Any], settings: Settings) -> list[str]:
    targets = results["targets"]
    mock, real = targets["mock"], targets.get("real")
    start_mock = ", ".join(f"{v:.2f}" for v in results["start_mock"])
    start_real = ", ".join(f"{v:.2f}" for v in results.get("start_real") or [])
    fan_mock, fan_real = results["fanout"].get("mock"), results["fanout"].get("real")
    loads = results["raw_load"]

    def rounds(name: str) -> str:
        return "; ".join(
            f"{key} c={c}: " + ", ".join(f"{r.rps:,.0f}" for r in runs)
            for (server, key, c), runs in loads.items()
            if server == name
        )

    replay_runs = {name: ", ".join(f"{r.seconds:.3f}" for r in runs) for name, runs in results["raw_replay"].items()}
    out = [
        (
            f"* **Start → ready**: wall time from spawning the process to the first `200` from `/health`, polled every 5 ms. "
            f"Mock: `ohmock serve --host 127.0.0.1 --port P --speed 0 --api-key K`, {len(results['start_mock'])} starts ({start_mock} s). "
            f"Real: `python -m openhands.agent_server` through `contract.real_server.RealServer` (throwaway cwd and HOME, the runbook's offline env), "
            f"{len(results.get('start_real') or [])} start(s) ({start_real} s)."
        ),
        f"* **Data**: one conversation per server, filled with {settings.posts:,} `POST …/events` `run:false` user messages "
        f"({settings.populate_concurrency} in flight), each adding a `MessageEvent` and a `ConversationStateUpdateEvent`, plus the system prompt: "
        f"mock {mock.events:,} events" + (f", real {real.events:,}" if real else "") + ". "
        f"The first `events/search?limit=100` page is {mock.page_bytes:,} bytes on the mock"
        + (
            f" and {real.page_bytes:,} on the real server; the kinds on it {'are identical' if real.page_kinds == mock.page_kinds else '**differ**'}."
            if real
            else "."
        ),
        f"* **HTTP load**: {results['tool_label']}, one connection per unit of concurrency, session key header, "
        f"a 1 s warm-up then {settings.load_rounds} window(s) of {settings.load_seconds} s per figure; the table shows the window with the median throughput "
        f"(and its latencies). Throughput per window (req/s), mock: {rounds('mock')}"
        + (f"; real: {rounds('real')}." if real else "."),
        f"* **Replay**: connect `/sockets/events/{{id}}?resend_mode=all`, first-frame auth, read the connect snapshot plus every persisted event; "
        f"timed from connect to the last frame, then verified (snapshot first, then exactly the ids of `events/search`, in order). "
        "Server CPU time: user + system time of the server process over the same run (`/proc/<pid>/stat`), which, unlike wall time, "
        "does not move with other load on the machine. "
        f"{settings.replay_runs} run(s): mock {replay_runs.get('mock', '—')} s"
        + (f"; real {replay_runs.get('real', '—')} s." if real else "."),
        (
            f"* **Fan-out**: a fresh conversation with one message already in it; subscribers connect one by one (first-frame auth, snapshot received) "
            f"up to {settings.fanout_subscribers}; then {settings.fanout_posts:,} `run:false` messages (4 in flight) produce "
            f"{2 * settings.fanout_posts:,} live events; timed from the first POST until the last subscriber has every event (clients keep raw "
            f"frames while the clock runs and parse them afterwards); each subscriber's sequence is then compared with the persisted log."
        ),
    ]
    if fan_mock:
        out.append(
            f"  Mock accepted {fan_mock.subscribers} subscribers (refused {fan_mock.refused}); extra snapshot frames: {fan_mock.extra_frames}; "
            f"CPU time of the benchmark process (all clients and the poster) during the run: {fan_mock.client_cpu_s:.2f} s."
        )
    if fan_real:
        out.append(
            f"  Real accepted {fan_real.subscribers} (refused {fan_real.refused} with close 1013): its limit of 50 per conversation also counts the "
            f"server's own subscribers (its activity tracker; also the auto-titler when `autotitle` is on, and telemetry or webhooks when configured), so {fan_real.subscribers} is its maximum here; "
            f"frames/s (events × subscribers / time) makes the two comparable. Extra snapshot frames: {fan_real.extra_frames}; benchmark-process CPU time: {fan_real.client_cpu_s:.2f} s."
        )
    fixture: FixtureResult = results["fixture"]
    out.append(
        "* **Fixture overhead**: generated test files run with pytest in a scratch directory. Plugin rows: `mockserver.pytest_plugin` "
        "(pytest11 entry point) with its defaults (`--agent-server=mock`: in-process mock, reset and reconfigured per test, strict checking on); "
        "the real column runs the same tests with `--agent-server=<the benchmark's real server URL>`. Equivalent row: a hand-written fixture "
        "(`MockServer` once per session, `app.state.mock.reset()` per test, one `httpx.Client` for the session); real column: the same "
        "fixture shape against the real server, which has no reset (a server start per test would cost the start-up time above). "
        + fixture.method
    )
    out.append(
        f"* **Imports**: `time.perf_counter()` around the import inside a fresh `python -c`, best of {settings.import_runs}; "
        "`import contract` alone loads only the empty package, `contract.spec.events` loads the generated models lazily on first parse; "
        "the real-side counterpart of the models is the SDK that defines the events (`import openhands.sdk`)."
    )
    return out


# --------------------------------------------------------------------------- main


def regenerate_command(args: argparse.Namespace) -> str:
    parts = [".venv/bin/python", "bench/run.py"]
    if args.quick:
        parts.append("--quick")
    out = Path(args.out)
    if out.name != "BENCHMARKS.md" or (out.is_absolute() and out.resolve().parent != REPO):
        with contextlib.suppress(ValueError):
            out = out.resolve().relative_to(REPO)
        parts += ["--out", out.as_posix() if not out.is_absolute() else out.name]
    if args.load_tool != "auto":
        parts += ["--load-tool", args.load_tool]
    return " ".join(parts)


@contextlib.contextmanager
def running(servers: list[Any]) -> Iterator[None]:
    try:
        yield
    finally:
        for server in servers:
            with contextlib.suppress(Exception):
                server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts and shorter windows (about 2 minutes)")
    parser.add_argument(
        "--out",
        default="BENCHMARKS.md",
        help="markdown file to write (default: BENCHMARKS.md in the current directory)",
    )
    parser.add_argument(
        "--load-tool",
        choices=("auto", "wrk", "httpx"),
        default="auto",
        help="HTTP load generator (auto: wrk when installed)",
    )
    args = parser.parse_args(argv)
    settings = Settings.make(args.quick)
    if importlib.util.find_spec("openhands.agent_server") is None:
        parser.error("openhands-agent-server is not installed in this interpreter (install the 'test' extra)")
    tool = "wrk" if args.load_tool == "wrk" or (args.load_tool == "auto" and shutil.which("wrk")) else "httpx"
    if tool == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk)")
    tool_label = (
        f"wrk {wrk_version()} (`wrk -t1 -cN -dDs --latency`)"
        if tool == "wrk"
        else "a bounded asyncio httpx loop (wrk not installed)"
    )
    overall = time.perf_counter()
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
        samples = []
        mock_process: MockProcess | None = None
        for index in range(settings.mock_starts):
            process = MockProcess().start()
            samples.append(process.ready_s)
            if index < settings.mock_starts - 1:
                process.stop()
            else:
                mock_process = process
                servers.append(process)
        results["start_mock"] = samples
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
        assert mock_process.process is not None
        targets = {
            "mock": Target("mock", mock_process.url, mock_process.process.pid),
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

    text = render(results, settings, regenerate_command(args))
    Path(args.out).write_text(text, encoding="utf-8")
    log(f"wrote {args.out} in {time.perf_counter() - overall:.0f} s total")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
