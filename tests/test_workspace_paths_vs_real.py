"""Paths on every file and git route, on the real server and the mock: ``..`` steps (taken as the
kernel takes them: through existing directories only), relative paths, paths under a file, paths
leaving the workspace, host-level and in a conversation's runtime scope (which refuses anything
outside the conversation's working dir).

Everything here happens under the real server's throwaway directory, through the routes
themselves, so both servers hold the same tree. A host file outside it (``/etc/passwd``) is the
one thing they answer differently: the real server serves the host's file, the mock holds no
host files and answers as for a missing one (``test_workspace_tripwire`` proves it never looks).
"""

from __future__ import annotations

import io
import itertools
import tarfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract.client.bodies import start_conversation_body
from contract.harness.real_server import RealServer
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [pytest.mark.real_server, pytest.mark.timeout(300)]
KEY = "test-key"
HEADERS = {"X-Session-API-Key": KEY}
_fresh = itertools.count()


def _answer(response: httpx.Response) -> tuple[int, Any]:
    if response.headers.get("content-type", "").startswith("application/json"):
        return response.status_code, response.json()
    if response.headers.get("content-type") == "application/gzip":
        with tarfile.open(fileobj=io.BytesIO(response.content)) as tar:
            return response.status_code, sorted(member.name for member in tar.getmembers())
    return response.status_code, response.headers.get("content-type"), response.content


def _tree(client: httpx.Client, base: str) -> None:
    """The same small tree on both servers, made through the routes."""
    for path in (
        f"{base}/a/file.txt",
        f"{base}/a/deeper/inner.txt",
        f"{base}/.hidden/x.txt",
        f"{base}/B/y.txt",
        f"{base}/site/index.html",
        f"{base}/site/app.js",
        f"{base}/site/style.css",
    ):
        client.post("/api/file/upload", params={"path": path}, files={"file": path.encode()}).raise_for_status()


def _host_requests(base: str) -> list[tuple[str, str, dict[str, Any]]]:
    up = f"{base}/a/.."
    return [
        ("GET", "/api/file/download", {"path": f"{base}/a/../a/file.txt"}),
        ("GET", "/api/file/download", {"path": f"{base}/a/../../{Path(base).name}/a/file.txt"}),
        ("GET", "/api/file/download", {"path": f"{base}/nowhere/../a/file.txt"}),
        ("GET", "/api/file/download", {"path": f"{base}/a/file.txt/../file.txt"}),
        ("GET", "/api/file/download", {"path": "../../etc/passwd"}),
        ("GET", "/api/file/download", {"path": f"{base}/../../../../../../../no-such-ohmock-dir/x"}),
        ("GET", "/api/file/download", {"path": up}),
        ("POST", "/api/file/upload", {"path": f"{base}/a/../c/up.txt"}),
        ("GET", "/api/file/download", {"path": f"{base}/c/up.txt"}),
        ("POST", "/api/file/upload", {"path": "relative/up.txt"}),
        ("POST", "/api/file/upload", {"path": f"{base}/a/file.txt/under.txt"}),
        ("POST", "/api/file/upload", {"path": f"{base}/a"}),
        ("POST", "/api/file/create_directory", {"path": f"{base}/a/../d/e"}),
        ("POST", "/api/file/create_directory", {"path": f"{base}/a/file.txt"}),
        ("POST", "/api/file/create_directory", {"path": f"{base}/a/file.txt/sub"}),
        ("POST", "/api/file/create_directory", {"path": "d"}),
        ("GET", "/api/file/search_subdirs", {"path": base}),
        ("GET", "/api/file/search_subdirs", {"path": base, "include_hidden": True, "limit": 2}),
        ("GET", "/api/file/search_subdirs", {"path": base, "include_hidden": True, "limit": 2, "page_id": "a"}),
        ("GET", "/api/file/search_subdirs", {"path": f"{up}/"}),
        ("GET", "/api/file/search_subdirs", {"path": f"{base}/a/file.txt"}),
        ("GET", "/api/file/search_subdirs", {"path": f"{base}/nowhere"}),
        ("GET", "/api/file/search_subdirs", {"path": "a"}),
        ("GET", "/api/file/archive", {"path": up, "format": "tar.gz"}),
        ("GET", "/api/file/archive", {"path": f"{base}/nowhere/..", "format": "tar.gz"}),
        ("GET", "/api/file/archive", {"path": "relative"}),
        ("GET", "/api/file/archive", {"path": up}),
        ("GET", "/api/git/changes", {"path": f"{base}/../.."}),
        ("GET", "/api/git/diff", {"path": f"{base}/a/../a/file.txt"}),
        ("GET", "/api/git/diff", {"path": f"{base}/a/../a/missing.txt"}),
        ("GET", "/api/git/commits", {"path": up}),
    ]


def _runtime_requests(base: str, runtime_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    prefix = f"/api/conversations/{runtime_id}"
    outside = [f"{base}/../elsewhere.txt", "/etc/passwd", f"{base}/a/../../x"]
    requests = [("GET", f"{prefix}/file/download", {"path": f"{base}/a/file.txt"})]
    site = f"/api/conversations/{runtime_id}/workspace"
    for page in ("", "/", "/site", "/site/", "/site/app.js", "/site/style.css", "/a", "/a/file.txt", "/nothing"):
        requests.append(("GET", site + page, {}))
    requests += [("GET", site + "/a/%2e%2e/%2e%2e/elsewhere", {}), ("GET", site + "/a/%2e%2e/site/index.html", {})]
    requests += [("COOKIE", site + "/site/app.js", {}), ("ANONYMOUS", site + "/site/app.js", {})]
    for path in outside:
        requests += [
            ("GET", f"{prefix}/file/download", {"path": path}),
            ("POST", f"{prefix}/file/upload", {"path": path}),
            ("POST", f"{prefix}/file/create_directory", {"path": path}),
            ("GET", f"{prefix}/file/archive", {"path": path}),
            ("GET", f"{prefix}/git/changes", {"path": path}),
            ("GET", f"{prefix}/git/diff", {"path": path}),
        ]
    return requests


def _send(client: httpx.Client, method: str, path: str, params: dict[str, Any]) -> tuple[int, Any]:
    if method in ("COOKIE", "ANONYMOUS"):  # the static site takes the workspace-session cookie
        cookie = {"Cookie": f"oh_workspace_session_key={KEY}"} if method == "COOKIE" else {}
        return _answer(httpx.get(str(client.base_url).rstrip("/") + path, headers=cookie))
    if method == "POST" and path.endswith("/upload"):
        return _answer(client.post(path, params=params, files={"file": b"uploaded\n"}))
    return _answer(client.request(method, path, params=params))


def _outcomes(url: str, base: str) -> list[tuple[str, str, dict[str, Any], tuple[int, Any]]]:
    with httpx.Client(base_url=url, headers=HEADERS, timeout=60) as client:
        _tree(client, base)
        body = start_conversation_body("http://127.0.0.1:9/v1", "plain_reply", working_dir=base)
        runtime_id = client.post("/api/conversations", json=body).json()["id"]
        requests = _host_requests(base) + _runtime_requests(base, runtime_id)
        return [
            (method, path.replace(runtime_id, "{id}"), params, _send(client, method, path, params))
            for method, path, params in requests
        ]


def test_paths_answer_alike_on_every_file_and_git_route(real_server: RealServer) -> None:
    assert real_server.root is not None
    base = str(real_server.root / "run" / f"paths{next(_fresh)}")
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        on_mock = _outcomes(mock.url, base)
    on_real = _outcomes(real_server.url, base)
    statuses = {answer[0] for *_, answer in on_real}
    assert {200, 400, 404, 422} <= statuses, "the cases must reach every kind of answer"
    assert [answer[0] for method, *_, answer in on_real if method in ("COOKIE", "ANONYMOUS")] == [200, 401]
    differing = [(m[:3], m[3], r[3]) for m, r in zip(on_mock, on_real, strict=True) if m != r]
    assert differing == [], "\n".join(map(repr, differing))


def test_a_host_file_outside_the_mock_is_missing_there(real_server: RealServer) -> None:
    """The one divergence by design: the real server serves any host file it can read."""
    with MockServer(MockConfig(api_keys=(KEY,), speed=0)) as mock:
        on_mock = httpx.get(f"{mock.url}/api/file/download", params={"path": "/etc/passwd"}, headers=HEADERS)
    on_real = httpx.get(f"{real_server.url}/api/file/download", params={"path": "/etc/passwd"}, headers=HEADERS)
    assert on_real.status_code == 200 and b"root:" in on_real.content
    assert (on_mock.status_code, on_mock.json()) == (404, {"detail": "File not found"})
