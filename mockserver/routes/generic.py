"""Every operation of the effective spec that the stateful routers leave out, answered generically.

Each route is built from its operation: path, query and header parameters typed from their schemas
and the JSON body typed with the generated model, so bad input gets FastAPI's 422 exactly as the
real server's routes give it. A valid request gets the documented success status with a body
synthesized from the response schema (deterministic, cached per operation). Nothing is executed:
bash, file and git routes answer canned bodies and never touch a shell or the filesystem.

Conversation-scoped operations check the mock's store first and answer the real server's 404 for
an unknown conversation; ``/{runtime_conversation_id}/…`` routes do so in a route dependency, as
the server's ``bind_local_conversation_runtime`` does (so that 404 beats query and body 422s).
"""

from __future__ import annotations

import enum
import inspect
import posixpath
import re
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any, Literal, Union

import annotated_types as at
from fastapi import APIRouter, Body, Depends, FastAPI, File, Header, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import StringConstraints
from starlette.routing import Match

from contract.generated import models
from contract.spec.documents import effective_spec
from mockserver.cors import WORKSPACE_SESSION_PATH
from mockserver.extension_sources import local_path, source_kind, unparseable

METHODS = ("get", "put", "post", "patch", "delete")
PATH_CONVERTERS = {"file_path": "path"}  # the real route is /workspace/{file_path:path}
EMPTY_BODIES = {"image/svg+xml": b'<svg xmlns="http://www.w3.org/2000/svg"/>'}
# 404 detail of an unknown {conversation_id}, where the real route words it differently.
NOT_FOUND = {
    ("post", "/api/conversations/{conversation_id}/children"): "Parent conversation not found",
    ("get", "/api/file/download-trajectory/{conversation_id}"): "Conversation not found",
}


def _goal_objective_not_blank(values: dict[str, Any]) -> None:
    """GoalController.__init__ (sdk/conversation/goal/controller.py), via the route's 400."""
    if not values["body"].objective.strip():
        raise HTTPException(400, detail="Goal objective must not be empty.")


VSCODE_DISABLED = "VSCode is disabled in configuration. Set enable_vscode=true to enable."


def _vscode_disabled(values: dict[str, Any]) -> None:
    """vscode_router.py: the mock runs no VS Code, as a server with enable_vscode=false."""
    raise HTTPException(503, detail=VSCODE_DISABLED)


NO_MARKETPLACES = (
    "No agent context available. Configure agent_context with registered_marketplaces to use load_plugin()."
)


def _plugin_marketplaces(values: dict[str, Any]) -> None:
    """``LocalConversation.load_plugin``: nothing to load from without registered marketplaces (the
    mock fetches none either, so with marketplaces it answers as if the plugin loaded)."""
    conversation = _store(values["mock_request__"]).get(values.get("conversation_id"))
    context = (conversation.state.get("agent") or {}).get("agent_context") if conversation else None
    if not (context or {}).get("registered_marketplaces"):
        raise HTTPException(400, detail=NO_MARKETPLACES)


ALWAYS_REFUSING: dict[Callable[[dict[str, Any]], None], str] = {}
"""Checks that refuse every request (what the mock lacks), and how ``/_mock/canned`` words them."""


def _nothing_installed(what: str, parameter: str) -> Callable[[dict[str, Any]], None]:
    """The mock installs nothing, so every installed-by-name route is the real 404."""

    def check(values: dict[str, Any]) -> None:
        raise HTTPException(404, detail=f"{what} '{values[parameter]}' is not installed")

    ALWAYS_REFUSING[check] = "404, as a server with nothing installed"
    return check


def _no_canvas_file(what: str) -> Callable[[dict[str, Any]], None]:
    """An extension's files (bundle, icon) exist only for an installed one."""

    def check(values: dict[str, Any]) -> None:
        raise HTTPException(404, detail=f"Canvas extension '{values['extension_name']}' {what} not found")

    ALWAYS_REFUSING[check] = "404, as a server with nothing installed"
    return check


def _unfetchable(what: str) -> Callable[[dict[str, Any]], None]:
    """Plugins and skills install only from a source the server can fetch; the mock fetches none."""

    def check(values: dict[str, Any]) -> None:
        raise HTTPException(400, detail=f"Failed to fetch {what} source. Check that the source is valid.")

    ALWAYS_REFUSING[check] = "400, as a server that can fetch no source"
    return check


def _canvas_source(values: dict[str, Any]) -> None:
    """``read_canvas_extension_source``: the refusal for the source's form (nothing is reachable)."""
    source = values["body"].source
    kind = source_kind(source)
    if kind is None:
        reason = unparseable(source)
    elif kind == "local":
        reason = f"Local extension path does not exist: {local_path(source)}"
    else:
        reason = f"Failed to fetch extension from {source}"
    raise HTTPException(400, detail=f"Could not read canvas extension source: {reason}")


def _plugin_fetch_source(values: dict[str, Any]) -> None:
    """``fetch_plugin_strict``: an unparseable source, or a local one without ``plugin.json`` (the
    mock has no files); a remote source is answered as fetched."""
    kind = source_kind(values["body"].source)
    if kind is None:
        raise HTTPException(422, detail={"code": "invalid_source", "message": "Invalid plugin source."})
    if kind == "local":
        raise HTTPException(422, detail={"code": "invalid_plugin", "message": "Invalid plugin: plugin.json not found."})


ALWAYS_REFUSING[_canvas_source] = "400, as a server that can read no source"


def _oauth_strategy(values: dict[str, Any]) -> None:
    """``start_mcp_oauth``: only an OAuth2-authenticated server starts a flow."""
    auth = getattr(values["body"].server, "auth", None)
    if getattr(auth, "strategy", None) != "oauth2":
        raise HTTPException(400, detail="MCP OAuth start requires auth.strategy='oauth2'")


def _no_oauth_job(values: dict[str, Any]) -> None:
    """No flow was started that could be waiting for this callback."""
    raise HTTPException(404, detail="MCP OAuth job not found")


def _no_device_login(values: dict[str, Any]) -> None:
    """No device login was started that this code could poll."""
    raise HTTPException(404, detail="Subscription device login not found or expired")


ALWAYS_REFUSING[_no_oauth_job] = "404, as a server with no OAuth flow started"
ALWAYS_REFUSING[_no_device_login] = "404, as a server with no device login started"


# Checks the real handler makes on a valid request before it does anything, per operation: the
# canned answer follows only when they pass.
HANDLER_CHECKS: dict[tuple[str, str], Callable[[dict[str, Any]], None]] = {
    ("post", "/api/conversations/{conversation_id}/goal"): _goal_objective_not_blank,
    ("get", "/api/vscode/url"): _vscode_disabled,
    ("post", "/api/conversations/{conversation_id}/load_plugin"): _plugin_marketplaces,
    ("get", "/api/conversations/{runtime_conversation_id}/vscode/url"): _vscode_disabled,
    ("post", "/api/plugins/install"): _unfetchable("plugin"),
    ("post", "/api/plugins/fetch"): _plugin_fetch_source,
    ("get", "/api/plugins/installed/{plugin_name}"): _nothing_installed("Plugin", "plugin_name"),
    ("patch", "/api/plugins/installed/{plugin_name}"): _nothing_installed("Plugin", "plugin_name"),
    ("delete", "/api/plugins/installed/{plugin_name}"): _nothing_installed("Plugin", "plugin_name"),
    ("post", "/api/plugins/installed/{plugin_name}/refresh"): _nothing_installed("Plugin", "plugin_name"),
    ("post", "/api/skills/install"): _unfetchable("skill"),
    ("get", "/api/skills/installed/{skill_name}"): _nothing_installed("Skill", "skill_name"),
    ("patch", "/api/skills/installed/{skill_name}"): _nothing_installed("Skill", "skill_name"),
    ("delete", "/api/skills/installed/{skill_name}"): _nothing_installed("Skill", "skill_name"),
    ("post", "/api/skills/installed/{skill_name}/refresh"): _nothing_installed("Skill", "skill_name"),
    ("post", "/api/canvas-extensions/install"): _canvas_source,
    ("get", "/api/canvas-extensions/installed/{extension_name}"): _nothing_installed(
        "Canvas extension", "extension_name"
    ),
    ("get", "/api/canvas-extensions/installed/{extension_name}/bundle"): _no_canvas_file("bundle"),
    ("get", "/api/canvas-extensions/installed/{extension_name}/icon"): _no_canvas_file("icon"),
    ("patch", "/api/canvas-extensions/installed/{extension_name}"): _nothing_installed(
        "Canvas extension", "extension_name"
    ),
    ("delete", "/api/canvas-extensions/installed/{extension_name}"): _nothing_installed(
        "Canvas extension", "extension_name"
    ),
    ("post", "/api/mcp/oauth/start"): _oauth_strategy,
    ("post", "/api/mcp/oauth/callback/{job_id}"): _no_oauth_job,
    ("get", "/api/mcp/oauth/status/{job_id}"): _no_oauth_job,
    ("post", "/api/llm/subscription/openai/device/poll"): _no_device_login,
}
_VSCODE_STATUS = {"running": False, "enabled": False, "message": "VSCode is disabled in configuration"}
# The real handler's own answer where it does not depend on state the mock lacks.
_NO_SKILLS = {
    "skills": [],
    "sources": dict.fromkeys(("sandbox", "registered_marketplaces", "sdk_base", "org", "project"), 0),
}


def _canvas_backend_missing(values: dict[str, Any]) -> dict[str, Any]:
    """``canvas_extensions_router``: the backend of an extension that is not installed."""
    return {
        "name": values["extension_name"],
        "state": "missing",
        "revision": None,
        "prepared_revision": None,
        "pid": None,
        "port": None,
        "detail": "Canvas App is not installed or its manifest is invalid",
    }


def _mcp_unreachable(values: dict[str, Any]) -> Any:
    """``POST /api/mcp/test`` of a URL server: the mock connects to nothing (a command server
    gets the canned answer: the mock runs no command)."""
    if getattr(values["body"].server, "url", None) is None:
        return None
    return {
        "ok": False,
        "error": "Client failed to connect: All connection attempts failed",
        "error_kind": "connection",
    }


_CANVAS_BACKEND = "/api/canvas-extensions/installed/{extension_name}/backend"
FIXED_ANSWERS: dict[tuple[str, str], Any] = {
    # The loaders read a project directory the mock does not have: they find nothing.
    ("post", "/api/hooks"): {"hook_config": None},
    ("get", _CANVAS_BACKEND): _canvas_backend_missing,
    ("delete", _CANVAS_BACKEND + "/data"): _canvas_backend_missing,
    ("post", _CANVAS_BACKEND + "/prepare"): _canvas_backend_missing,
    ("post", _CANVAS_BACKEND + "/start"): _canvas_backend_missing,
    ("post", _CANVAS_BACKEND + "/stop"): _canvas_backend_missing,
    ("post", "/api/conversations/{conversation_id}/runtime/reprovision"): {
        "runtime_status": "available",
        "can_resume": True,
        "runtime_error": None,
    },
    ("post", "/api/mcp/test"): _mcp_unreachable,
    ("post", "/api/skills"): _NO_SKILLS,
    ("get", "/api/vscode/status"): _VSCODE_STATUS,
    ("get", "/api/conversations/{runtime_conversation_id}/vscode/status"): _VSCODE_STATUS,
}
WORKSPACE_COOKIE = WORKSPACE_SESSION_PATH  # POST mints the cookie the workspace routes accept
CANDIDATE_STRINGS = ("mock", "/mock", "0" * 32, "0" * 64, "1", "1 B")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _model(name: str) -> type:
    """The generated class of a component schema (datamodel-code-generator's naming)."""
    model: type = getattr(models, "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", name)))
    return model


# -- response bodies ------------------------------------------------------------------------------


class Synthesizer:
    """Smallest schema-valid JSON value of a schema: required properties, empty arrays, first branches."""

    def __init__(self, spec: dict[str, Any], key: str):
        self.spec, self.key, self.serial = spec, key, 0

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            node: Any = self.spec
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def value(self, schema: dict[str, Any], depth: int = 0) -> Any:
        if depth > 50:
            raise RecursionError(f"{self.key}: schema nests too deep to synthesize")
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return schema["enum"][0]
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                merged.update(self.value(part, depth + 1))
            return merged
        for key in ("oneOf", "anyOf"):
            if key in schema:
                mapping = (schema.get("discriminator") or {}).get("mapping")
                if mapping:
                    return self.value({"$ref": next(iter(mapping.values()))}, depth + 1)
                branches = [b for b in schema[key] if self.resolve(b).get("type") != "null"] or schema[key]
                return self.value(branches[0], depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((t for t in kind if t != "null"), "null")
        if kind == "object" or "properties" in schema:
            return self.object(schema, depth)
        if kind == "array":
            prefix, count = schema.get("prefixItems") or [], schema.get("minItems", 0)
            return [
                self.value(prefix[i] if i < len(prefix) else schema.get("items", {}), depth + 1) for i in range(count)
            ]
        if kind == "string":
            return self.string(schema)
        if kind in ("integer", "number"):
            return self.number(schema, integer=kind == "integer")
        if kind == "boolean":
            return False
        if kind == "null":
            return None
        return {}

    def object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties", {})
        # Required properties, plus constants: they carry the discriminator of a union branch.
        names = [n for n in properties if n in schema.get("required", []) or "const" in self.resolve(properties[n])]
        result = {name: self.value(properties[name], depth + 1) for name in names}
        # The server serializes every field of its response models: defaults are part of the body.
        for name, prop in properties.items():
            if name not in result and "default" in prop:
                result[name] = prop["default"]
        extra = schema.get("additionalProperties")
        if len(result) < schema.get("minProperties", 0) and isinstance(extra, dict):
            for name in (schema.get("propertyNames") or {}).get("enum") or ["mock"]:
                result.setdefault(name, self.value(extra, depth + 1))
                if len(result) >= schema["minProperties"]:
                    break
        return result

    def string(self, schema: dict[str, Any]) -> str:
        self.serial += 1
        fmt = schema.get("format")
        if fmt == "uuid":
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ohmock:{self.key}:{self.serial}"))
        if fmt == "date-time":
            return "2025-01-01T00:00:00Z"
        if fmt == "date":
            return "2025-01-01"
        if fmt in ("uri", "url"):
            return "http://127.0.0.1/"
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        for candidate in CANDIDATE_STRINGS:
            candidate = candidate.ljust(low, "x")[:high]
            if "pattern" not in schema or re.search(schema["pattern"], candidate):
                return candidate
        raise ValueError(f"{self.key}: no canned string matches pattern {schema['pattern']!r}")

    @staticmethod
    def number(schema: dict[str, Any], integer: bool) -> int | float:
        low, high = schema.get("minimum"), schema.get("maximum")
        xlow, xhigh = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        bounds = [b for b in (low, xlow, high, xhigh) if b is not None]
        candidates = [
            0,
            1,
            *bounds,
            *(b + 1 for b in bounds),
            *(b - 1 for b in bounds),
            sum(bounds) / max(len(bounds), 1),
        ]
        for value in candidates:
            value = int(value) if integer else float(value)
            if (
                (low is None or value >= low)
                and (high is None or value <= high)
                and (xlow is None or value > xlow)
                and (xhigh is None or value < xhigh)
            ):
                return value
        raise ValueError(f"no number fits {schema}")


# -- request parameter types ----------------------------------------------------------------------


class Types:
    """Python annotations for parameter and body schemas, so FastAPI validates as the server does."""

    def __init__(self, spec: dict[str, Any]):
        self.spec = spec
        self.enums: dict[str, Any] = {}  # enum classes made at run time

    def of(self, schema: dict[str, Any], body: bool = False) -> Any:
        if "$ref" in schema:
            name = _ref_name(schema["$ref"])
            target = self.spec["components"]["schemas"][name]
            if "enum" in target:  # a named server Enum: pydantic reports "enum", not "literal_error"
                if name not in self.enums:
                    self.enums[name] = enum.Enum(name, {f"V{i}": v for i, v in enumerate(target["enum"])}, type=str)
                return self.enums[name]
            return _model(name) if body else self.of(target)
        if "anyOf" in schema:
            return Union[tuple(self.of(branch, body) for branch in schema["anyOf"])]  # noqa: UP007
        if "enum" in schema:
            return Literal[tuple(schema["enum"])]
        kind = schema.get("type")
        if kind == "null":
            return type(None)
        if kind == "boolean":
            return bool
        if kind == "integer":
            return self._bounded(int, schema)
        if kind == "number":
            return self._bounded(float, schema)
        if kind == "array":
            item = self.of(schema.get("items", {}), body)
            return Annotated[list[item], at.Len(schema.get("minItems", 0), schema.get("maxItems"))]  # type: ignore[valid-type]  # built at run time
        if kind == "object":
            return dict[str, Any]
        if kind == "string":
            if schema.get("format") == "uuid":
                return uuid.UUID
            if schema.get("format") == "date-time":
                return datetime
            constraints = StringConstraints(
                min_length=schema.get("minLength"), max_length=schema.get("maxLength"), pattern=schema.get("pattern")
            )
            return Annotated[str, constraints]
        return Any

    @staticmethod
    def _bounded(base: type, schema: dict[str, Any]) -> Any:
        interval = at.Interval(
            gt=schema.get("exclusiveMinimum"),
            ge=schema.get("minimum"),
            lt=schema.get("exclusiveMaximum"),
            le=schema.get("maximum"),
        )
        return Annotated[base, interval]


# -- routes ---------------------------------------------------------------------------------------


def _store(request: Request) -> Any:
    return request.app.state.mock.store


def _inside(requested: str, root: str | None) -> bool:
    if not requested.startswith("/"):
        return False
    if not root or not root.startswith("/"):
        return True  # the server resolves a relative working_dir against its own cwd: unknowable here
    path, root = posixpath.normpath(requested), posixpath.normpath(root)
    return path == root or path.startswith(root.rstrip("/") + "/")


async def bind_runtime_conversation(request: Request, runtime_conversation_id: uuid.UUID) -> None:
    """runtime_router.py:bind_local_conversation_runtime, against the mock's store."""
    conversation = _store(request).get(runtime_conversation_id)
    if conversation is None:
        raise HTTPException(404, detail=f"Conversation not found: {runtime_conversation_id}")
    root = (conversation.state.get("workspace") or {}).get("working_dir")
    for name in ("path", "workspace_dir"):
        requested = request.path_params.get(name) or request.query_params.get(name)
        if requested is not None and not _inside(requested, root):
            raise HTTPException(422, detail=f"{name} must be inside the conversation workspace")
    trajectory = request.path_params.get("conversation_id")
    if trajectory is not None:
        try:
            matches = uuid.UUID(trajectory) == runtime_conversation_id
        except ValueError:
            raise HTTPException(422, detail="Invalid trajectory conversation id") from None
        if not matches:
            raise HTTPException(422, detail="Trajectory must belong to the selected conversation")


def auth_dependencies(
    spec: dict[str, Any], operation: dict[str, Any], auth: Callable[[Request], Awaitable[None]]
) -> list[Any]:
    """The session-key check for secured operations, accepting every scheme the operation lists."""
    schemes = {name for requirement in operation.get("security") or [] for name in requirement}
    if not schemes:
        return []
    if schemes == {"APIKeyHeader"}:
        return [Depends(auth)]
    cookie = spec["components"]["securitySchemes"]["APIKeyCookie"]["name"]

    async def check(request: Request) -> None:
        keys = request.app.state.mock.config.api_keys
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if "APIKeyCookie" in schemes and request.cookies.get(cookie) in keys:
            return
        if "HTTPBearer" in schemes and scheme.lower() == "bearer" and token in keys:
            return
        await auth(request)

    return [Depends(check)]


class Operation:
    """One spec operation turned into a FastAPI endpoint."""

    def __init__(self, spec: dict[str, Any], types: Types, method: str, path: str, operation: dict[str, Any]):
        self.spec, self.types, self.method, self.path, self.operation = spec, types, method, path, operation
        self.status = min(int(code) for code in operation["responses"] if code.startswith("2"))
        self._response: tuple[bytes | Any, str | None] | None = None

    @property
    def route_path(self) -> str:
        return re.sub(
            r"\{(\w+)\}",
            lambda m: f"{{{m[1]}:{PATH_CONVERTERS[m[1]]}}}" if m[1] in PATH_CONVERTERS else m[0],
            self.path,
        )

    def signature(self) -> inspect.Signature:
        params = [inspect.Parameter("mock_request__", inspect.Parameter.KEYWORD_ONLY, annotation=Request)]
        for param in self.operation.get("parameters", []):
            name, where, schema = param["name"], param["in"], param["schema"]
            if where == "path" and name == "runtime_conversation_id":
                continue  # validated by bind_runtime_conversation, as on the server
            python_name = re.sub(r"\W", "_", name).lower()
            marker = {"path": Path, "query": Query, "header": Header}[where]
            kwargs = {"alias": name} if python_name != name else {}
            default = inspect.Parameter.empty if param.get("required") else schema.get("default")
            params.append(
                inspect.Parameter(
                    python_name,
                    inspect.Parameter.KEYWORD_ONLY,
                    annotation=Annotated[self.types.of(schema), marker(**kwargs)],
                    default=default,
                )
            )
        body = self.operation.get("requestBody")
        if body:
            params.extend(self._body_parameters(body))
        return inspect.Signature(params)

    def _body_parameters(self, body: dict[str, Any]) -> list[inspect.Parameter]:
        media, content = next(iter(body["content"].items()))
        schema, keyword = content["schema"], inspect.Parameter.KEYWORD_ONLY
        default = inspect.Parameter.empty if body.get("required") else None
        if _ref_name(schema.get("$ref", "")).startswith("Body_"):
            # FastAPI's name for embedded body fields (``x: T = Body(embed=True)``, or files): one
            # parameter per field, so a missing field is reported at ("body", field) as on the server.
            target = self.spec["components"]["schemas"][_ref_name(schema["$ref"])]
            return [
                inspect.Parameter(
                    name,
                    keyword,
                    annotation=Annotated[UploadFile, File()]
                    if media == "multipart/form-data"
                    else Annotated[self.types.of(field, body=True), Body(embed=True)],
                    default=inspect.Parameter.empty if name in target.get("required", []) else None,
                )
                for name, field in target["properties"].items()
            ]
        annotation = Annotated[self.types.of(schema, body=True), Body()]  # type: ignore[valid-type]  # built at run time
        return [inspect.Parameter("body", keyword, annotation=annotation, default=default)]

    def response(self) -> Response:
        """The documented success response, synthesized once."""
        if self._response is None:
            content = self.operation["responses"][str(self.status)].get("content") or {}
            media = next((m for m in content if m != "application/json"), None) or next(iter(content), None)
            if media == "application/json":
                self._response = (
                    Synthesizer(self.spec, f"{self.method} {self.path}").value(content[media].get("schema", {})),
                    media,
                )
            else:
                self._response = (EMPTY_BODIES.get(media or "", b""), media)
        payload, media = self._response
        if media == "application/json":
            return JSONResponse(payload, status_code=self.status)
        return Response(payload, status_code=self.status, media_type=media)

    def endpoint(self) -> Callable[..., Any]:
        key = (self.method, self.path)

        async def endpoint(**values: Any) -> Response:
            request: Request = values["mock_request__"]
            conversation_id = values.get("conversation_id")
            scoped = "{conversation_id}" in self.path and "{runtime_conversation_id}" not in self.path
            if scoped and _store(request).get(conversation_id) is None:
                raise HTTPException(404, detail=NOT_FOUND.get(key, "Not Found").format(id=conversation_id))
            if key in HANDLER_CHECKS:
                HANDLER_CHECKS[key](values)
            fixed = FIXED_ANSWERS.get(key)
            if callable(fixed):  # an answer that depends on the request, or None for the canned one
                fixed = fixed(values)
            if fixed is not None:
                return JSONResponse(fixed, status_code=self.status)
            response = self.response()
            if self.path == WORKSPACE_COOKIE:
                _workspace_cookie(response, request, self.method, self.spec)
            return response

        endpoint.__signature__ = self.signature()  # type: ignore[attr-defined]
        endpoint.__name__ = self.operation.get("operationId", f"{self.method}_{self.path}")
        return endpoint


def _workspace_cookie(response: Response, request: Request, method: str, spec: dict[str, Any]) -> None:
    """auth_router.py: POST sets the session key as the workspace cookie, DELETE clears it."""
    name = spec["components"]["securitySchemes"]["APIKeyCookie"]["name"]
    options: dict[str, Any] = {"path": "/api/conversations", "secure": True, "httponly": True, "samesite": "none"}
    if method == "delete":
        response.delete_cookie(name, **options)
    else:
        key = request.headers.get("x-session-api-key", "")
        response.set_cookie(name, key, max_age=315360000, **options)  # the server adds Partitioned (Python 3.14+ here)


def _routed(app: FastAPI, method: str, path: str) -> bool:
    """Whether a route already in ``app`` answers ``method path`` (path parameters filled in)."""
    sample = re.sub(r"\{\w+\}", "00000000-0000-4000-8000-000000000000", path)
    scope = {
        "type": "http",
        "method": method.upper(),
        "path": sample,
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }
    return any(route.matches(scope)[0] == Match.FULL for route in app.router.routes)


def answer_kind(method: str, path: str) -> str:
    """How the mock answers a generic operation (what ``/_mock/canned`` reports)."""
    key = (method, path)
    if HANDLER_CHECKS.get(key) is _vscode_disabled:
        return "503, as a server with VS Code disabled"
    if key in HANDLER_CHECKS and HANDLER_CHECKS[key] in ALWAYS_REFUSING:
        return ALWAYS_REFUSING[HANDLER_CHECKS[key]]
    if key in FIXED_ANSWERS:
        return "the real handler's answer where the mock lacks what it reads (VS Code, a project directory, an installed extension, a reachable MCP server, a runtime to reprovision)"
    if key in HANDLER_CHECKS:
        return "the real handler's checks, then a body synthesized from the response schema"
    return "a body synthesized from the response schema"


def build_router(
    app: FastAPI, auth: Callable[[Request], Awaitable[None]], spec: dict[str, Any] | None = None
) -> APIRouter:
    """A router with every spec operation ``app`` does not route yet; include it after the others.

    The operations it answers are listed in ``app.state.generic_operations`` as (method, path),
    and described in ``app.state.canned_operations`` (what ``/_mock/canned`` serves).
    """
    spec = spec or effective_spec()
    types, router, answered = Types(spec), APIRouter(), []
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method not in item or _routed(app, method, path):
                continue
            op = Operation(spec, types, method, path, item[method])
            dependencies = auth_dependencies(spec, item[method], auth)
            if "{runtime_conversation_id}" in path:
                dependencies.append(Depends(bind_runtime_conversation))
            router.add_api_route(
                op.route_path,
                op.endpoint(),
                methods=[method.upper()],
                status_code=op.status,
                dependencies=dependencies,
                name=item[method].get("operationId"),
                response_model=None,
                include_in_schema=False,
            )
            answered.append((method, path))
    app.state.generic_operations = answered
    app.state.canned_operations = [
        {
            "method": method.upper(),
            "path": path,
            "operation_id": spec["paths"][path][method].get("operationId"),
            "answer": answer_kind(method, path),
        }
        for method, path in answered
    ]
    return router
