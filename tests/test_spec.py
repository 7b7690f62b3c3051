"""The pinned spec, the overlay and the generated code: reproducible, consistent, documented."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from contract.spec.codegen import SETTINGS_HEADER, Checkout, CheckoutError, generate_models, settings_base_classes
from contract.spec.defaults import FactoryDefaultsError, apply_factory_defaults
from contract.spec.documents import (
    PINNED_SERVER_VERSION,
    build_effective,
    catalog_text,
    effective_spec,
    effective_spec_text,
    factory_defaults_text,
    overlay,
    pinned_spec,
    pinned_spec_text,
    serialize,
)
from contract.spec.export import PackageExport, export_from_package
from contract.spec.overlay import OverlayError, apply_overlay, load_overlay
from contract.wire_rules import BASE_CLASS_MAP, EXCLUDED_ON_DUMP

TESTS_DIR = Path(__file__).parent
CHECKOUT = Checkout.at(TESTS_DIR.parent)


@pytest.fixture(scope="module")
def exported() -> PackageExport:
    """One export from the installed openhands-agent-server (a subprocess, ~10 s)."""
    return export_from_package()


def test_pinned_spec_is_the_1_58_0_export(exported: PackageExport) -> None:
    assert pinned_spec()["info"]["version"] == PINNED_SERVER_VERSION
    assert pinned_spec_text() == serialize(exported.spec)


def test_factory_defaults_are_the_1_58_0_export(exported: PackageExport) -> None:
    assert factory_defaults_text() == serialize(exported.factory_defaults)
    # The ones the mock's strictness depends on (null rejected, real default served).
    assert exported.factory_defaults["SendMessageRequest"] == {"content": []}
    assert exported.factory_defaults["Agent-Input"]["tools"] == []
    # Ids and timestamps come from non-deterministic factories: not recorded.
    assert all("id" not in props and "timestamp" not in props for props in exported.factory_defaults.values())


def test_catalog_is_the_1_58_0_export(exported: PackageExport) -> None:
    assert catalog_text() == serialize(exported.catalog)
    llm = exported.catalog["llm"]
    assert "openai" in llm["providers"] and llm["models_by_provider"]["openai"]
    assert set(llm["models_by_provider"]) <= set(llm["providers"]) | set(llm["verified"])
    assert exported.catalog["acp_credential_channels"]["codex"]["api_key"] == "OPENAI_API_KEY"


def test_factory_defaults_make_null_a_validation_error() -> None:
    from pydantic import ValidationError

    from contract.generated import models

    assert models.SendMessageRequest.model_validate({}).content == []
    with pytest.raises(ValidationError, match="list_type"):
        models.SendMessageRequest.model_validate({"content": None})


def test_a_stale_factory_default_is_refused() -> None:
    spec = {"components": {"schemas": {"S": {"properties": {"a": {"type": "array"}, "r": {}}, "required": ["r"]}}}}
    assert apply_factory_defaults(spec, {"S": {"a": []}})["components"]["schemas"]["S"]["properties"]["a"] == {
        "type": "array",
        "default": [],
    }
    assert "default" not in spec["components"]["schemas"]["S"]["properties"]["a"]  # a copy
    for stale, message in (
        ({"T": {"a": []}}, "unknown schema 'T'"),
        ({"S": {"b": []}}, "unknown property S.b"),
        ({"S": {"r": []}}, "required property S.r"),
    ):
        with pytest.raises(FactoryDefaultsError, match=message):
            apply_factory_defaults(spec, stale)


def test_fields_excluded_on_dump_are_the_input_only_properties() -> None:
    """``wire_rules.EXCLUDED_ON_DUMP`` is the spec's evidence of ``exclude=True``, nothing more or less."""
    schemas = effective_spec()["components"]["schemas"]
    input_only = {}
    for name, schema in schemas.items():
        output = schemas.get(name.removesuffix("-Input") + "-Output") if name.endswith("-Input") else None
        if output is not None:
            # Output-only properties are computed fields (LLM.is_subscription): served, not excluded.
            only = sorted(set(schema.get("properties", {})) - set(output.get("properties", {})))
            if only:
                input_only[name.replace("-", "")] = tuple(only)
    # The settings models' own evidence: the export marks the real models' excluded fields.
    settings = json.loads(CHECKOUT.settings_schema.read_text(encoding="utf-8"))["$defs"]
    marked = {name: tuple(d["x-excluded-on-dump"]) for name, d in settings.items() if "x-excluded-on-dump" in d}
    assert not input_only.keys() & marked.keys()
    assert {**input_only, **marked} == EXCLUDED_ON_DUMP


def test_the_real_models_validators_are_bases_of_the_generated_classes() -> None:
    from contract.generated import models, settings_models

    for name, base in BASE_CLASS_MAP.items():
        assert f"{base.rsplit('.', 1)[-1]}" in {b.__name__ for b in getattr(models, name).__mro__}, name
    schema = json.loads(CHECKOUT.settings_schema.read_text(encoding="utf-8"))
    for name, base in settings_base_classes(schema).items():
        assert f"{base.rsplit('.', 1)[-1]}" in {b.__name__ for b in getattr(settings_models, name).__mro__}, name
    assert settings_models.MCPServer.__mro__[1].__name__ == "CompactModel"


def test_settings_schema_is_the_1_58_0_export(exported: PackageExport) -> None:
    assert CHECKOUT.settings_schema.read_text(encoding="utf-8") == serialize(exported.settings_models)
    definitions = exported.settings_models["$defs"]
    assert {"OpenHandsAgentSettings", "ACPAgentSettings", "ConversationSettings", "LLM"} <= definitions.keys()


def test_generated_settings_models_are_reproducible(tmp_path: Path) -> None:
    fresh = tmp_path / "settings_models.py"
    schema = json.loads(CHECKOUT.settings_schema.read_text(encoding="utf-8"))
    generate_models(
        CHECKOUT.settings_schema,
        fresh,
        input_type="jsonschema",
        base_classes=settings_base_classes(schema),
        header=SETTINGS_HEADER,
    )
    assert CHECKOUT.settings_models.read_text() == fresh.read_text(), (
        "contract/generated/settings_models.py drifted: run `ohmock spec build`"
    )
    assert CHECKOUT.settings_models.read_text().startswith("# GENERATED FILE, DO NOT EDIT.")


def test_the_shipped_documents_are_the_checkout_files() -> None:
    # contract/spec/openapi.json is the top-level openapi.json (a link), so there is one pinned file.
    assert pinned_spec_text() == CHECKOUT.pinned_spec.read_text(encoding="utf-8")
    assert effective_spec_text() == CHECKOUT.effective_spec.read_text(encoding="utf-8")
    assert overlay() == load_overlay(CHECKOUT.overlay)
    assert factory_defaults_text() == CHECKOUT.factory_defaults.read_text(encoding="utf-8")


def test_effective_spec_is_reproducible() -> None:
    assert effective_spec_text() == serialize(build_effective())


def test_generated_models_are_reproducible(tmp_path: Path) -> None:
    fresh = tmp_path / "models.py"
    generate_models(CHECKOUT.effective_spec, fresh)
    assert CHECKOUT.models.read_text() == fresh.read_text(), (
        "contract/generated/models.py drifted: run `ohmock spec build`"
    )


def test_generated_models_are_marked_generated() -> None:
    assert CHECKOUT.models.read_text().startswith("# GENERATED FILE, DO NOT EDIT.")


def test_a_directory_that_is_not_a_checkout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CheckoutError, match="not an ohmock source checkout"):
        Checkout.at(tmp_path)


def _overlay_tests() -> set[str]:
    tree = ast.parse((TESTS_DIR / "test_overlay_real.py").read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_overlay_action_is_explained_and_proven() -> None:
    document = overlay()
    real_tests = _overlay_tests()
    for index, action in enumerate(document["actions"]):
        assert action.get("description"), f"actions[{index}] has no reason"
        assert action.get("x-test") in real_tests, (
            f"actions[{index}] names no test in test_overlay_real.py: {action.get('x-test')}"
        )


def _kind_unions(schemas: dict) -> dict[str, dict]:
    return {n: s for n, s in schemas.items() if s.get("discriminator", {}).get("propertyName") == "kind"}


def test_every_discriminator_mapping_is_keyed_by_the_wire_kind() -> None:
    schemas = effective_spec()["components"]["schemas"]
    unions = _kind_unions(schemas)
    assert {"Event", "Action", "Observation", "ToolDefinition"} <= set(unions)
    for name, union in unions.items():
        mapping = union["discriminator"]["mapping"]
        assert len(mapping) == len(union["oneOf"]), name
        for kind, ref in mapping.items():
            target = schemas[ref.rsplit("/", 1)[-1]]
            assert target["properties"]["kind"]["const"] == kind, (name, kind)
            assert "kind" in target.get("required", []), (name, kind)


def test_event_search_and_create_are_corrected() -> None:
    paths = effective_spec()["paths"]
    search = paths["/api/conversations/{conversation_id}/events/search"]["get"]["responses"]["200"]
    assert search["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/EventPage"}
    assert {"200", "201"} <= set(paths["/api/conversations"]["post"]["responses"])
    secured = [op for item in paths.values() for op in item.values() if isinstance(op, dict) and op.get("security")]
    assert secured and all("401" in op["responses"] for op in secured)


class TestOverlayApplier:
    def test_update_merges_objects_and_lists(self) -> None:
        doc = {"a": {"required": ["x"], "b": 1}}
        out = apply_overlay(doc, {"actions": [{"target": "$.a", "update": {"required": ["x", "kind"], "c": 2}}]})
        assert out == {"a": {"required": ["x", "kind"], "b": 1, "c": 2}}
        assert doc == {"a": {"required": ["x"], "b": 1}}, "the input document must not change"

    def test_remove_and_filters(self) -> None:
        doc = {"p": {"get": {"security": [1], "r": {}}, "post": {"r": {}}}}
        out = apply_overlay(
            doc,
            {
                "actions": [
                    {"target": "$.p[?@.security].r", "update": {"401": "u"}},
                    {"target": "$.p.post", "remove": True},
                ]
            },
        )
        assert out == {"p": {"get": {"security": [1], "r": {"401": "u"}}}}

    def test_a_target_that_selects_nothing_is_an_error(self) -> None:
        with pytest.raises(OverlayError, match="selects nothing"):
            apply_overlay(
                {"a": 1}, {"actions": [{"target": "$.missing", "update": {"x": 1}, "description": "gone upstream"}]}
            )

    def test_malformed_overlay_files_are_rejected(self, tmp_path: Path) -> None:
        bad = tmp_path / "overlay.yaml"
        bad.write_text("overlay: 1.0.0\nactions:\n  - target: $.a\n")
        with pytest.raises(OverlayError, match="exactly one of update / remove"):
            load_overlay(bad)
