"""Control knobs are validated, no value can wedge the mock, and ids never repeat across starts."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract.client.api import wait_healthy
from contract.client.bodies import message_body, start_conversation_body
from contract.harness.serving import free_port
from contract.spec.ws_protocol import announced_status, is_full_state
from mockserver.config import MockConfig
from mockserver.engine import STREAM_PIECE_MS, TOOL_MS
from mockserver.runner import MockServer
from mockserver.state import MockState

BAD_FAULTS: dict[str, tuple[str, str]] = {
    # name: (raw JSON body, a field the 422 must name)
    "infinite latency": ('{"latency_ms": {".*": Infinity}}', "latency_ms"),
    "NaN latency": ('{"latency_ms": {".*": NaN}}', "latency_ms"),
    "huge latency": ('{"latency_ms": {".*": 1e308}}', "latency_ms"),
    "negative latency": ('{"latency_ms": {".*": -1}}', "latency_ms"),
    "latency pattern that is no regex": ('{"latency_ms": {"(": 10}}', "latency_ms"),
    "huge frame delay": ('{"ws_delay_ms": 1e308}', "ws_delay_ms"),
    "forced path that is no regex": ('{"forced": [{"path": "(", "status": 500}]}', "path"),
    "forced 1xx status": ('{"forced": [{"path": ".*", "status": 101}]}', "status"),
    "forced status above 599": ('{"forced": [{"path": ".*", "status": 600}]}', "status"),
    "forced method that is no method": ('{"forced": [{"method": "get it", "path": ".*", "status": 500}]}', "method"),
    "reserved close code 1005": ('{"drop_sockets": 1005}', "drop_sockets"),
    "reserved close code 1006": ('{"drop_sockets": 1006}', "drop_sockets"),
    "reserved close code 1015": ('{"drop_sockets": 1015}', "drop_sockets"),
    "close code out of range": ('{"drop_sockets": 5000}', "drop_sockets"),
}


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(MockConfig()) as server:
        yield server


def _conversation(mock: MockServer) -> str:
    response = httpx.post(f"{mock.url}/api/conversations", json=start_conversation_body("http://127.0.0.1:9", "x"))
    return str(response.json()["id"])


@pytest.mark.parametrize("name", sorted(BAD_FAULTS))
def test_a_bad_fault_value_is_refused_naming_the_field(mock: MockServer, name: str) -> None:
    body, field = BAD_FAULTS[name]
    before = httpx.get(f"{mock.url}/_mock/faults").json()
    response = httpx.post(f"{mock.url}/_mock/faults", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert any(field in [str(part) for part in error["loc"]] for error in response.json()["detail"]), response.text
    assert httpx.get(f"{mock.url}/_mock/faults").json() == before, "a refused setting changes nothing"
    assert httpx.get(f"{mock.url}/health", timeout=5).status_code == 200


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"kind": 5},
        {"kind": ""},
        {"kind": "not a class"},
        {"kind": "PauseEvent", "id": 1},
        {"kind": "PauseEvent", "source": None},
    ],
    ids=["empty", "kind-not-a-string", "empty-kind", "kind-with-spaces", "id-not-a-string", "null-source"],
)
def test_an_unvalidated_injected_event_must_still_be_an_event(mock: MockServer, event: dict[str, Any]) -> None:
    cid = _conversation(mock)
    for path, body in (
        (f"/_mock/conversations/{cid}/events", {"event": event, "validate_event": False}),
        (f"/_mock/conversations/{cid}/act", {"do": {"emit": [event]}}),
    ):
        response = httpx.post(f"{mock.url}{path}", json=body)
        assert response.status_code == 422, (path, response.text)
    # The conversation is not poisoned: search by kind and a run still work.
    assert (
        httpx.get(f"{mock.url}/api/conversations/{cid}/events/search", params={"kind": "MessageEvent"}).status_code
        == 200
    )
    assert httpx.post(f"{mock.url}/api/conversations/{cid}/run").status_code == 200


def test_a_scenario_delay_is_bounded(mock: MockServer) -> None:
    response = httpx.post(
        f"{mock.url}/_mock/scenarios", json={"name": "forever", "turns": [{"reply": "x", "llm_delay_ms": 10**12}]}
    )
    assert response.status_code == 422
    assert "llm_delay_ms" in response.text


@pytest.mark.timeout(120)
def test_the_slowest_allowed_fault_cannot_keep_the_server_from_shutting_down(tmp_path: Path) -> None:
    """SIGTERM with a request held by the longest latency: the server still exits (graceful
    shutdown is bounded to 5 s); the bound here is a hang guard, not a speed figure."""
    port = free_port()
    ohmock = Path(sys.executable).with_name("ohmock")
    process = subprocess.Popen(
        [str(ohmock), "serve", "--port", str(port), "--speed", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, timeout_s=30, exit_code=process.poll)
        assert httpx.post(f"{url}/_mock/faults", json={"latency_ms": {"^/api/": 60_000}}).status_code == 200
        held = threading.Thread(target=lambda: httpx.get(f"{url}/api/conversations/count", timeout=90), daemon=True)
        held.start()
        held.join(0.5)
        assert held.is_alive()  # the request is held by the latency
        assert httpx.get(f"{url}/health", timeout=5).status_code == 200  # other routes are not
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) is not None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _ids(config: MockConfig) -> tuple[list[str], list[str]]:
    state = MockState(config)
    conversations = [
        str(state.create_conversation(None, {"agent": {"tools": []}, "workspace": {"working_dir": "w"}}).id)
        for _ in range(2)
    ]
    timestamps = [state.clock.event_timestamp() for _ in range(2)]
    return conversations, timestamps


def test_seeded_ids_never_repeat_across_starts_but_timestamps_reproduce() -> None:
    first, second = _ids(MockConfig(seed=7)), _ids(MockConfig(seed=7))
    assert set(first[0]).isdisjoint(second[0])
    assert first[1] == second[1]
    # With the salt as well, a run is reproducible to the byte.
    assert _ids(MockConfig(seed=7, id_salt=1)) == _ids(MockConfig(seed=7, id_salt=1))


def test_a_reset_does_not_reissue_ids() -> None:
    state = MockState(MockConfig(seed=3))
    before = state.create_conversation(None, {"agent": {"tools": []}, "workspace": {"working_dir": "w"}}).id
    state.reset()
    after = state.create_conversation(None, {"agent": {"tools": []}, "workspace": {"working_dir": "w"}}).id
    assert before != after


def _arrivals(mock: MockServer, scenario: str) -> list[tuple[float, dict[str, Any]]]:
    """Each frame of one run of ``scenario`` with the time it arrived (monotonic seconds)."""
    from websockets.sync.client import connect

    with httpx.Client(base_url=mock.url, timeout=10) as http:
        body = http.get(f"/_mock/scenarios/{scenario}/start").json()
        conversation_id = http.post("/api/conversations", json=body).json()["id"]
        frames: list[tuple[float, dict[str, Any]]] = []
        with connect(f"{mock.url.replace('http', 'ws', 1)}/sockets/events/{conversation_id}") as socket:
            socket.recv(timeout=10)  # the connect-time snapshot
            http.post(f"/api/conversations/{conversation_id}/events", json=message_body("go", run=True))
            while True:
                frame = json.loads(socket.recv(timeout=10))
                frames.append((time.monotonic(), frame))
                if is_full_state(frame) and announced_status(frame) in ("finished", "error"):
                    return frames


def test_at_speed_1_streamed_pieces_and_tools_take_time() -> None:
    """What a UI's streaming and spinners need: pieces spread out, a tool that runs a while.
    Lower bounds only (the mock sleeps at least this long); speed 0 sends the same frames."""
    kinds: dict[float, list[str]] = {}
    for speed in (0.0, 1.0):
        with MockServer(MockConfig(speed=speed)) as mock:
            streamed = _arrivals(mock, "streaming")
            tool = _arrivals(mock, "bash_then_finish")
        kinds[speed] = [f["kind"] for _, f in streamed + tool]
        if not speed:
            continue
        pieces = [at for at, frame in streamed if frame["kind"] == "StreamingDeltaEvent"]
        assert len(pieces) > 3
        assert pieces[-1] - pieces[0] >= 0.9 * (len(pieces) - 1) * STREAM_PIECE_MS / 1000
        action = next(at for at, frame in tool if frame["kind"] == "ActionEvent")
        observation = next(at for at, frame in tool if frame["kind"] == "ObservationEvent")
        assert observation - action >= 0.9 * TOOL_MS / 1000
    assert kinds[0.0] == kinds[1.0]
