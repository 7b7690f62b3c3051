"""The control API's guard: who may reach ``/_mock/*``.

The control API can turn the mock's authentication off, read everything it saw and wipe it, so
it is guarded more strictly than the agent API:

* a key: the control keys when configured, else the session keys (open only when the server
  has no keys at all);
* the ``Host`` header must be a loopback name or an allowed host, so a page that rebinds its own
  DNS name to 127.0.0.1 cannot reach it (DNS rebinding);
* a request from a browser page (``Origin``) must come from the mock itself or an origin listed
  with ``--cors-origin`` (``*`` does not count here), so a cross-site form post cannot reach it;
* a request body must be JSON.

The inspector page's files (``/_mock/ui``) are the one exception to the key: they hold no data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.config import MockConfig
from mockserver.control.inspector import is_page_request

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
KEY_HEADER = b"x-session-api-key"


def _hostname(host: str) -> str:
    """``host[:port]`` or ``[v6]:port`` → the bare name, lower-cased."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.index("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def refusal(
    config: MockConfig, method: str, headers: dict[bytes, bytes], *, needs_key: bool = True
) -> tuple[int, str] | None:
    """Why a control request is refused (status, detail), or None when it may proceed.

    ``needs_key`` is False only for the inspector page's static files (a browser cannot send a
    header when it navigates; every call the page then makes carries the key)."""
    host = headers.get(b"host", b"").decode("latin-1")
    if _hostname(host) not in LOOPBACK_HOSTS | {h.lower() for h in config.allowed_hosts}:
        return 403, f"the control API does not answer for host {host!r} (allow it with --allowed-host)"
    origin = headers.get(b"origin")
    if origin is not None:
        text = origin.decode("latin-1")
        same_origin = urlsplit(text).netloc.lower() == host.lower()
        listed = text in config.cors_origins and text != "*"
        if not (same_origin or listed):
            return 403, f"cross-origin control requests are refused (origin {text!r})"
    keys = config.control_key_set
    if needs_key and keys and headers.get(KEY_HEADER, b"").decode("latin-1") not in keys:
        return 401, "Unauthorized"
    has_body = headers.get(b"content-length", b"0") not in (b"0", b"") or b"transfer-encoding" in headers
    content_type = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
    if has_body and method in ("POST", "PUT", "PATCH", "DELETE") and content_type != b"application/json":
        return 415, "control requests take JSON bodies (Content-Type: application/json)"
    return None


class ControlGuardMiddleware:
    """Applies :func:`refusal` to every HTTP request under the control prefix."""

    def __init__(self, app: ASGIApp, config: Callable[[], MockConfig]):
        self.app = app
        self.config = config  # read per request: keys may change (reconfigure, POST /api/init)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        config = self.config()
        if scope["type"] != "http" or not scope["path"].startswith(config.control_prefix):
            await self.app(scope, receive, send)
            return
        headers = {name.lower(): value for name, value in scope.get("headers", [])}
        page = is_page_request(config.control_prefix, scope["method"], scope["path"])
        refused = refusal(config, scope["method"], headers, needs_key=not page)
        if refused is None:
            await self.app(scope, receive, send)
            return
        status, detail = refused
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
