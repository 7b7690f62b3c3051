"""The server models' factory defaults (``contract/spec/factory_defaults.json``), applied to a spec.

Pydantic omits ``default`` for fields whose default comes from a factory, so the upstream export
shows ``tools`` of an Agent as an optional list with no default; the generated models would then
accept ``null`` there (the real server answers 422) and serve ``null`` where the real server
serves ``[]``. The export records those defaults from the server's own models
(:mod:`contract.spec.export_script`); the build writes them into the effective spec.
"""

from __future__ import annotations

import copy
from typing import Any


class FactoryDefaultsError(ValueError):
    """A recorded default names a schema or property the spec does not have (a stale file)."""


def apply_factory_defaults(document: dict[str, Any], defaults: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``document`` with each recorded default set on its (optional, default-less) property."""
    result = copy.deepcopy(document)
    schemas = result.get("components", {}).get("schemas", {})
    for schema_name, properties in sorted(defaults.items()):
        schema = schemas.get(schema_name)
        if schema is None:
            raise FactoryDefaultsError(f"factory default for unknown schema {schema_name!r}")
        for prop, value in sorted(properties.items()):
            target = (schema.get("properties") or {}).get(prop)
            if target is None:
                raise FactoryDefaultsError(f"factory default for unknown property {schema_name}.{prop}")
            if prop in schema.get("required", []):
                raise FactoryDefaultsError(f"factory default for required property {schema_name}.{prop}")
            target.setdefault("default", copy.deepcopy(value))
    return result
