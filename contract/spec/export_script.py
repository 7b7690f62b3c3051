"""Runs inside an interpreter that has openhands-agent-server installed; prints one JSON object.

``{"openapi": <create_app().openapi()>, "factory_defaults": {schema: {property: value}},
"settings_models": <JSON schema>, "catalog": {"llm": ..., "acp_credential_channels": ...}}``

It imports nothing from this project (that interpreter need not have it), only the server and
pydantic, so :mod:`contract.spec.export` runs it by path.

Factory defaults: pydantic writes no ``default`` into the JSON schema of a field whose default
comes from a ``default_factory`` (``tools: list[Tool] = Field(default_factory=list)``), so the
export loses both the default and the fact that ``null`` is not accepted there. This script asks
the server's own models: for every schema property that is optional, has no default and cannot
hold null, the model field's factory is called, and its value recorded when it is deterministic (two calls
agree, so ids and timestamps are left out) and JSON-serializable.
"""

from __future__ import annotations

import datetime
import json
import sys
import uuid
from typing import Any

from openhands.agent_server.api import create_app

try:
    # The contract describes a server on a host without a browser. The browser tool's usability
    # check looks for Chromium at fixed paths (/usr/bin/chromium, which the browser tests'
    # Debian package installs), so such a host would add browser_tool_set to
    # ServerInfo.usable_tools; this throwaway export process never sees one.
    from openhands.tools.browser_use.impl import BrowserToolExecutor

    BrowserToolExecutor.check_chromium_available = staticmethod(lambda: None)
except ImportError:  # openhands-tools without the browser tool
    pass
from openhands.agent_server.openapi import serialize_openapi
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import to_jsonable_python

_VARIANT_SUFFIXES = ("-Input", "-Output")  # pydantic's names for a model's validation/serialization schemas
_ADDED_BY_SERVER = {"kind"}
_PER_INSTANCE = (
    datetime.date,
    datetime.time,
    uuid.UUID,
)  # datetime is a date  # the discriminated-union mixin adds `kind` to the schema, not to model_fields


def _all_models() -> dict[str, list[type[BaseModel]]]:
    by_name: dict[str, list[type[BaseModel]]] = {}
    seen: set[type[BaseModel]] = set()
    stack: list[type[BaseModel]] = [BaseModel]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
                by_name.setdefault(sub.__name__, []).append(sub)
    return by_name


def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {(info.alias or name): info for name, info in model.model_fields.items()}


def _factory_value(info: FieldInfo | None) -> str | None:
    """The field's factory default as canonical JSON, or None when there is no usable one."""
    factory = None if info is None else info.default_factory
    if factory is None or info is None or info.default_factory_takes_validated_data:
        return None
    try:
        raw = factory()  # type: ignore[call-arg]
        first, second = to_jsonable_python(raw), to_jsonable_python(factory())  # type: ignore[call-arg]
    except Exception:  # noqa: BLE001 - a factory that needs context is simply not recorded
        return None
    if isinstance(raw, _PER_INSTANCE) or _is_clock_reading(raw):  # two calls may agree on a clock tick
        return None
    return json.dumps(first, sort_keys=True) if first == second else None


def _is_clock_reading(value: object) -> bool:
    """A timestamp rendered as a string (``CondensationRequest.timestamp``'s factory)."""
    if not isinstance(value, str) or len(value) < 10:
        return False
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _admits_null(schema: dict[str, Any]) -> bool:
    """An untyped property or one with a null branch.

    Such a field can hold ``null``, which the server's ``exclude_none`` dumps drop: an absent value
    means null there (``ConversationStateUpdateEvent.value``), not the factory's default.
    """
    typed = ("type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const")
    if not any(key in schema for key in typed):
        return True
    branches = schema.get("anyOf") or schema.get("oneOf") or []
    return schema.get("type") == "null" or any(branch.get("type") == "null" for branch in branches)


def factory_defaults(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{schema name: {property: factory default}}`` for the optional properties without a default."""
    models = _all_models()
    found: dict[str, dict[str, Any]] = {}
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        properties = schema.get("properties") or {}
        required = set(schema.get("required", []))
        wanted = [
            p for p, sub in properties.items() if p not in required and "default" not in sub and not _admits_null(sub)
        ]
        if not wanted:
            continue
        base = name
        for suffix in _VARIANT_SUFFIXES:
            base = base.removesuffix(suffix)
        candidates = {id(m): m for m in models.get(schema.get("title", base), []) + models.get(base, [])}.values()
        # The classes of that name whose fields cover the schema's properties (names repeat across packages).
        matching = [
            m
            for m in candidates
            if set(properties) - _ADDED_BY_SERVER - set(m.model_computed_fields) <= set(_fields(m))
        ]
        defaults = {}
        for prop in wanted:
            values = {_factory_value(_fields(m).get(prop)) for m in matching}
            if len(values) == 1 and (value := values.pop()) is not None:
                defaults[prop] = json.loads(value)
        if defaults:
            found[name] = defaults
    return found


def settings_models() -> dict[str, Any]:
    """The JSON schema of the persisted settings (``/api/settings``), which the spec serves as raw dicts.

    Its ``$defs`` get the models' factory defaults, as the spec does at build time, and each one
    names the fields its model never serializes (``x-excluded-on-dump``) or says that its dump
    drops null and empty-object fields (``x-drops-empty-fields``).
    """
    from openhands.sdk.settings import ConversationSettings
    from openhands.sdk.settings.model import AgentSettingsConfig

    class SettingsModels(BaseModel):
        agent_settings: AgentSettingsConfig
        conversation_settings: ConversationSettings

    schema = SettingsModels.model_json_schema(mode="validation")
    definitions = schema.get("$defs", {})
    for name, properties in factory_defaults({"components": {"schemas": definitions}}).items():
        for prop, value in properties.items():
            definitions[name]["properties"][prop]["default"] = value
    models = _all_models()
    for name, definition in definitions.items():
        excluded = sorted(
            {field for model in models.get(name, []) for field, info in _fields(model).items() if info.exclude}
            & set(definition.get("properties") or {})
        )
        if excluded:
            definition["x-excluded-on-dump"] = excluded
        if any(base.__name__ == "_MCPBaseModel" for model in models.get(name, []) for base in model.__mro__):
            definition["x-drops-empty-fields"] = True  # the MCP models' compact serializer
    return schema


def catalog() -> dict[str, Any]:
    """The server's static catalogs: what ``/api/llm`` lists (LiteLLM's providers and models, per
    provider as the route filters them, the verified models, the ChatGPT-subscription models),
    what ``/api/tools`` lists, and each ACP server's credential channels (what materializing an
    ACP profile reports)."""
    import asyncio

    from openhands.agent_server import llm_router, tool_router
    from openhands.sdk.settings.acp_providers import ACP_PROVIDERS
    from openhands.sdk.tool import BROWSER_TOOL_NAME
    from openhands.sdk.tool.registry import list_tool_catalog

    providers = asyncio.run(llm_router.list_providers()).providers
    by_provider = {}
    for provider in sorted(set(providers) | set(llm_router.VERIFIED_MODELS)):
        found = asyncio.run(llm_router.list_models(provider=provider)).models
        if found:
            by_provider[provider] = found
    return {
        "llm": {
            "providers": providers,
            "models": asyncio.run(llm_router.list_models(provider=None)).models,
            "models_by_provider": by_provider,
            "verified": to_jsonable_python(asyncio.run(llm_router.list_verified_models()).models),
            "subscription_openai": asyncio.run(llm_router.list_openai_subscription_models()).model_dump(mode="json"),
        },
        "tools": {
            "registered": asyncio.run(tool_router.list_available_tools()),
            # As a server without a browser lists them (OH_ENABLE_BROWSER=false, the mock's case).
            "catalog": [
                {**entry.model_dump(mode="json"), **({"usable": False} if entry.name == BROWSER_TOOL_NAME else {})}
                for entry in list_tool_catalog(check_usable=True)
            ],
        },
        "acp_credential_channels": {
            key: {
                "api_key": info.api_key_env_var,
                "base_url": info.base_url_env_var,
                "files": [spec.secret_name for spec in info.file_secrets],
            }
            for key, info in ACP_PROVIDERS.items()
        },
    }


def main() -> None:
    spec = json.loads(serialize_openapi(create_app().openapi()))
    json.dump(
        {
            "openapi": spec,
            "factory_defaults": factory_defaults(spec),
            "settings_models": settings_models(),
            "catalog": catalog(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
