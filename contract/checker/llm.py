"""The scripted LLM for driving runs on a real server: use the one at HOST:PORT, or serve it there."""

from __future__ import annotations

import threading
import time

import httpx
import uvicorn

STARTUP_TIMEOUT_S = 10.0


class _Served:
    def __init__(self, server: uvicorn.Server, thread: threading.Thread) -> None:
        self.server, self.thread = server, thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _root(spec: str) -> tuple[str, str, int]:
    url = spec if "://" in spec else f"http://{spec}"
    url = url.rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    host_port = url.split("://", 1)[1].split("/", 1)[0]
    host, _, port = host_port.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"--scripted-llm wants HOST:PORT, got {spec!r}")
    return url, host.strip("[]"), int(port)


def ensure_scripted_llm(spec: str) -> tuple[str, _Served | None]:
    """The OpenAI base URL (``.../v1``) of a scripted LLM at ``spec``, and the server we started (or None).

    If something at ``spec`` already answers the scripted LLM's ``/admin/requests``, it is used as
    is; otherwise ``contract.harness.scripted_llm`` with the bundled scenarios is served there, in this
    process, until the run ends. ``HOST`` must be an address the agent server can reach.
    """
    url, host, port = _root(spec)
    try:
        if httpx.get(f"{url}/admin/requests", timeout=2.0).status_code == 200:
            return f"{url}/v1", None
    except httpx.HTTPError:
        pass
    from contract.harness.scenario import bundled_scenarios
    from contract.harness.scripted_llm import create_app

    config = uvicorn.Config(create_app(bundled_scenarios()), host=host, port=port, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="ohmock-check-scripted-llm", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"could not serve the scripted LLM on {host}:{port}")
        time.sleep(0.01)
    return f"{url}/v1", _Served(server, thread)
