"""Minimal reproducers for findings: a curl line for REST, a few lines of Python for sockets.

The session key never appears in a reproducer: it is read from ``$OH_SESSION_API_KEY``.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Mapping
from typing import Any

from contract.client.http import KEY_HEADER, ws_url

KEY_ENV = "OH_SESSION_API_KEY"
KEY_PLACEHOLDER = "${" + KEY_ENV + "}"


def mask(text: str, api_key: str | None) -> str:
    """Put the ``$OH_SESSION_API_KEY`` placeholder where the session key (or schemathesis' filter) was."""
    quoted = f'"{KEY_HEADER}: {KEY_PLACEHOLDER}"'
    text = text.replace(f"'{KEY_HEADER}: [Filtered]'", quoted)
    if api_key:
        text = text.replace(shlex.quote(f"{KEY_HEADER}: {api_key}"), quoted)
        text = text.replace(f"{KEY_HEADER}: {api_key}", f"{KEY_HEADER}: {KEY_PLACEHOLDER}")
        if len(api_key) >= 8:  # a short key would match inside unrelated text
            text = text.replace(api_key, KEY_PLACEHOLDER)
    return text


def curl(
    method: str,
    url: str,
    *,
    api_key: str | None = None,
    with_key: bool = True,
    headers: Mapping[str, str] | None = None,
    json_body: Any = None,
    params: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
) -> str:
    """One curl line; the key header (when the server has one) uses ``$OH_SESSION_API_KEY``."""
    if params:
        from urllib.parse import urlencode

        items = params.items() if isinstance(params, Mapping) else params
        url = f"{url}?{urlencode([(k, v) for k, v in items], doseq=True)}"
    parts = ["curl", "-sS", "-i"]
    if method.upper() != "GET" or json_body is not None:
        parts += ["-X", method.upper()]
    line = " ".join(shlex.quote(p) for p in parts) + " " + shlex.quote(url)
    if api_key and with_key:
        line += f' -H "{KEY_HEADER}: {KEY_PLACEHOLDER}"'
    for name, value in (headers or {}).items():
        line += " -H " + shlex.quote(f"{name}: {value}")
    if json_body is not None:
        line += " -H 'Content-Type: application/json' --data " + shlex.quote(
            json.dumps(json_body, separators=(",", ":"))
        )
    return line


def python_ws(
    url: str,
    *,
    send: Iterable[str] = (),
    auth_frame: bool = False,
    headers: Mapping[str, str] | None = None,
    read: int = 5,
    note: str = "",
) -> str:
    """A short script that opens the socket, sends ``send`` and prints what comes back (and the close)."""
    lines = ["import asyncio, json, os", "from websockets.asyncio.client import connect", "", "async def main():"]
    header_arg = ""
    if headers:
        shown = {k: (KEY_PLACEHOLDER if k == KEY_HEADER else v) for k, v in headers.items()}
        header_arg = ", additional_headers=" + repr(shown).replace(repr(KEY_PLACEHOLDER), f'os.environ["{KEY_ENV}"]')
    lines.append(f"    async with connect({url!r}{header_arg}) as ws:")
    if auth_frame:
        lines.append(
            f'        await ws.send(json.dumps({{"type": "auth", "session_api_key": os.environ["{KEY_ENV}"]}}))'
        )
    for frame in send:
        lines.append(f"        await ws.send({frame!r})")
    lines += [
        f"        for _ in range({read}):",
        "            print(await asyncio.wait_for(ws.recv(), 5))",
        "",
        "asyncio.run(main())  # a close shows as ConnectionClosed(code, reason)",
    ]
    if note:
        lines.insert(0, f"# {note}")
    return "\n".join(lines)


def python_run(base_url: str, body: Mapping[str, Any], steps: Iterable[tuple[str, str, Any]], *, note: str = "") -> str:
    """A script that creates a conversation, records its socket while doing ``steps``, prints every frame.

    ``steps`` are ``(method, path under the conversation, json body or None)``.
    """
    socket = ws_url(base_url, "/sockets/events/")
    step_lines = [
        f'        http.request({method!r}, f"/api/conversations/{{cid}}{path}", json={payload!r}); await asyncio.sleep(0.5)'
        for method, path, payload in steps
    ]
    lines = [
        "import asyncio, json, os, httpx",
        "from websockets.asyncio.client import connect",
        "",
        "async def main():",
        f'    key = os.environ.get("{KEY_ENV}")',
        f'    http = httpx.Client(base_url={base_url.rstrip("/")!r}, headers={{"{KEY_HEADER}": key}} if key else {{}}, timeout=30)',
        f"    cid = http.post('/api/conversations', json={json.loads(json.dumps(body))!r}).json()['id']",
        f"    async with connect({socket!r} + cid) as ws:",
        '        if key: await ws.send(json.dumps({"type": "auth", "session_api_key": key}))',
        "        reader = asyncio.create_task(read(ws))",
        *step_lines,
        "        await asyncio.sleep(3); reader.cancel()",
        "    print(json.dumps(http.get(f'/api/conversations/{cid}/events/search').json(), indent=1))",
        "",
        "async def read(ws):",
        "    async for frame in ws: print('frame', frame[:300])",
        "",
        "asyncio.run(main())",
    ]
    if note:
        lines.insert(0, f"# {note}")
    return "\n".join(lines)
