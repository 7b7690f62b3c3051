"""The scripted LLM for driving runs on a real server: use the one at HOST:PORT, or serve it there."""

from __future__ import annotations

import httpx

from contract.harness.scripted_llm import ScriptedLLM


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


def ensure_scripted_llm(spec: str) -> tuple[str, ScriptedLLM | None]:
    """The OpenAI base URL (``.../v1``) of a scripted LLM at ``spec``, and the server we started (or None).

    If something at ``spec`` already answers the scripted LLM's ``/admin/requests``, it is used as
    is; otherwise the scripted LLM with the bundled scenarios is served there, in this process,
    until the run ends. ``HOST`` must be an address the agent server can reach.
    """
    url, host, port = _root(spec)
    try:
        if httpx.get(f"{url}/admin/requests", timeout=2.0).status_code == 200:
            return f"{url}/v1", None
    except httpx.HTTPError:
        pass
    try:
        served = ScriptedLLM(host=host, port=port, name="ohmock-check-scripted-llm").start()
    except (OSError, RuntimeError) as exc:
        raise RuntimeError(f"could not serve the scripted LLM on {host}:{port}: {exc}") from None
    return f"{url}/v1", served
