"""The pinned spec, the overlay and the generated code: reproducible, consistent, documented."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from contract.codegen import MODELS, generate_models
from contract.overlay import OverlayError, apply_overlay, load_overlay
from contract.spec import EFFECTIVE_SPEC, OVERLAY, PINNED_SERVER_VERSION, UPSTREAM_SPEC, build_effective, export_from_package, serialize

TESTS_DIR = Path(__file__).parent


def test_pinned_spec_is_the_1_58_0_export() -> None:
    upstream = json.loads(UPSTREAM_SPEC.read_text())
    assert upstream["info"]["version"] == PINNED_SERVER_VERSION
    assert UPSTREAM_SPEC.read_text() == serialize(export_from_package())


def test_effective_spec_is_reproducible() -> None:
    assert EFFECTIVE_SPEC.read_text() == serialize(build_effective())


def test_generated_models_are_reproducible(tmp_path: Path) -> None:
    fresh = tmp_path / "models.py"
    generate_models(EFFECTIVE_SPEC, fresh)
    assert MODELS.read_text() == fresh.read_text(), "contract/generated/models.py drifted: run `ohmock spec build`"


def test_generated_models_are_marked_generated() -> None:
    assert MODELS.read_text().startswith("# GENERATED FILE, DO NOT EDIT.")


def _overlay_tests() -> set[str]:
    tree = ast.parse((TESTS_DIR / "test_overlay_real.py").read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_overlay_action_is_explained_and_proven() -> None:
    overlay = load_overlay(OVERLAY)
    real_tests = _overlay_tests()
    for index, action in enumerate(overlay["actions"]):
        assert action.get("description"), f"actions[{index}] has no reason"
        assert action.get("x-test") in real_tests, f"actions[{index}] names no test in test_overlay_real.py: {action.get('x-test')}"


def _kind_unions(schemas: dict) -> dict[str, dict]:
    return {n: s for n, s in schemas.items() if s.get("discriminator", {}).get("propertyName") == "kind"}


def test_every_discriminator_mapping_is_keyed_by_the_wire_kind() -> None:
    schemas = json.loads(EFFECTIVE_SPEC.read_text())["components"]["schemas"]
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
    paths = json.loads(EFFECTIVE_SPEC.read_text())["paths"]
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
        out = apply_overlay(doc, {"actions": [{"target": "$.p[?@.security].r", "update": {"401": "u"}}, {"target": "$.p.post", "remove": True}]})
        assert out == {"p": {"get": {"security": [1], "r": {"401": "u"}}}}

    def test_a_target_that_selects_nothing_is_an_error(self) -> None:
        with pytest.raises(OverlayError, match="selects nothing"):
            apply_overlay({"a": 1}, {"actions": [{"target": "$.missing", "update": {"x": 1}, "description": "gone upstream"}]})

    def test_malformed_overlay_files_are_rejected(self, tmp_path: Path) -> None:
        bad = tmp_path / "overlay.yaml"
        bad.write_text("overlay: 1.0.0\nactions:\n  - target: $.a\n")
        with pytest.raises(OverlayError, match="exactly one of update / remove"):
            load_overlay(bad)
