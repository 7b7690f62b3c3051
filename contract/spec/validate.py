"""Validate HTTP responses and WebSocket frames against the effective contract.

Responses are checked with JSON Schema (2020-12, which OpenAPI 3.1 schemas are) against the
operation's documented response for that status; frames go through :func:`parse_event` (the
generated models). Every problem comes back as one readable line naming the field.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from contract.spec.documents import effective_spec
from contract.spec.events import EventValidationError, known_event_kinds, parse_event
from contract.spec.ws_protocol import SESSION_FRAME_TYPES

SPEC_URI = "urn:ohmock:effective-spec"


@cache
def _registry() -> Registry[Any]:
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(effective_spec(), default_specification=DRAFT202012)
    )
    return registry


@cache
def _validator(pointer: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=_registry())


def _json_pointer_token(text: str) -> str:
    return text.replace("~", "~0").replace("/", "~1")


def response_problems(method: str, path_template: str, status: int, body: Any) -> list[str]:
    """Problems of one JSON response against the operation ``method path_template``.

    An undocumented status is itself a problem; an operation missing from the spec is not
    checked (it is not part of the contract).
    """
    operation = effective_spec()["paths"].get(path_template, {}).get(method.lower())
    if operation is None:
        return []
    responses = operation.get("responses", {})
    key = str(status) if str(status) in responses else ("default" if "default" in responses else None)
    where = f"{method.upper()} {path_template} -> {status}"
    if key is None:
        return [f"{where}: status {status} is not documented (documented: {', '.join(sorted(responses))})"]
    response = responses[key]
    if "$ref" in response:
        response = _resolve(response["$ref"])
    if "application/json" not in response.get("content", {}):
        return []
    pointer = (
        f"/paths/{_json_pointer_token(path_template)}/{method.lower()}/responses/{key}/content/application~1json/schema"
        if "$ref" not in responses[key]
        else responses[key]["$ref"].removeprefix("#") + "/content/application~1json/schema"
    )
    problems = []
    for error in sorted(_validator(pointer).iter_errors(body), key=lambda e: list(e.absolute_path)):
        location = ".".join(str(p) for p in error.absolute_path) or "<body>"
        # A oneOf miss on an event says nothing useful; the event parser names the field.
        detail = event_problems(error.instance, where=location) if _is_event(error.instance) else []
        problems += [f"{where}: {line}" for line in detail] or [f"{where}: {location}: {error.message}"]
    return problems


def _is_event(value: Any) -> bool:
    return isinstance(value, dict) and value.get("kind") in known_event_kinds()


def _resolve(ref: str) -> dict[str, Any]:
    node: Any = effective_spec()
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    resolved: dict[str, Any] = node
    return resolved


def event_problems(event: Any, *, where: str = "frame") -> list[str]:
    """Problems of one event (a WebSocket frame or an events/search item)."""
    try:
        wire = parse_event(event)
    except EventValidationError as exc:
        return [f"{where}: {line.strip()}" for line in str(exc).splitlines()[1:]] or [f"{where}: {exc}"]
    except ValueError as exc:
        return [f"{where}: {exc}"]
    if wire.unknown_kinds:
        return [f"{where}: unknown {u}" for u in wire.unknown_kinds]
    return []


def session_frame_problems(frame: Any) -> list[str]:
    """Problems of one ``/sockets/session`` envelope (and the event inside it)."""
    if not isinstance(frame, dict) or frame.get("type") not in SESSION_FRAME_TYPES:
        return [f"session frame: unknown envelope type {frame.get('type') if isinstance(frame, dict) else frame!r}"]
    if frame["type"] in ("durable", "transient"):
        problems = event_problems(frame.get("event"), where=f"{frame['type']} frame")
        if frame["type"] == "durable" and not isinstance(frame.get("seq"), int):
            problems.append("durable frame: seq must be an integer")
        return problems
    return []
