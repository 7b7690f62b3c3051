"""Which fields of a request body must never be ``null``: the required properties of its
top-level object schema whose own schema admits no ``null`` (after ``$ref``\\ s)."""

from __future__ import annotations

from typing import Any


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in schema and seen < 20:
        node: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema, seen = node, seen + 1
    return schema


def admits_null(spec: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Whether ``null`` can validate against ``schema`` (as far as its shape says)."""
    schema = _resolve(spec, schema)
    if not schema:
        return True  # {} accepts anything
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    if "const" in schema:
        return schema["const"] is None
    if "enum" in schema:
        return None in schema["enum"]
    for union in ("anyOf", "oneOf"):
        if union in schema and any(admits_null(spec, option) for option in schema[union]):
            return True
    if "allOf" in schema:
        return all(admits_null(spec, part) for part in schema["allOf"])
    return kind is None and "properties" not in schema and "items" not in schema  # an unconstrained schema


def required_non_nullable(spec: dict[str, Any], path: str, method: str) -> list[str]:
    """The body fields of ``method path`` that are required and may not be ``null``."""
    operation = spec["paths"].get(path, {}).get(method.lower(), {})
    content = (operation.get("requestBody") or {}).get("content") or {}
    schema = (content.get("application/json") or {}).get("schema")
    if schema is None:
        return []
    body = _resolve(spec, schema)
    properties = body.get("properties") or {}
    return [
        name for name in body.get("required") or [] if name in properties and not admits_null(spec, properties[name])
    ]
