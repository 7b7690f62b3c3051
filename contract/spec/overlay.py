"""Apply an OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0).

Targets are RFC 9535 JSONPath expressions. ``update`` merges recursively into every selected
node: objects merge key by key, and a list merged into a list gains the items it lacks (so an
action can add ``"kind"`` to a ``required`` list without restating it). ``remove: true``
deletes the selected nodes. Actions apply in order; a target that selects nothing is an error,
because a correction that silently stops matching hides upstream drift.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonpath_rfc9535 as jsonpath
import yaml


class OverlayError(ValueError):
    """An overlay document is malformed or one of its actions selects nothing."""


def parse_overlay(text: str, source: str = "<overlay>") -> dict[str, Any]:
    """Parse and shape-check an overlay document (YAML or JSON text)."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise OverlayError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(document, dict) or not str(document.get("overlay", "")).startswith("1."):
        raise OverlayError(f"{source}: not an OpenAPI Overlay 1.x document")
    for index, action in enumerate(document.get("actions") or []):
        if not isinstance(action, dict) or "target" not in action:
            raise OverlayError(f"{source}: actions[{index}] has no target")
        if ("update" in action) == bool(action.get("remove")):
            raise OverlayError(f"{source}: actions[{index}] needs exactly one of update / remove")
    return document


def load_overlay(path: str | Path) -> dict[str, Any]:
    """Read and shape-check an overlay file (YAML or JSON)."""
    return parse_overlay(Path(path).read_text(encoding="utf-8"), str(path))


def _merge(target: Any, update: Any) -> Any:
    if isinstance(target, dict) and isinstance(update, dict):
        for key, value in update.items():
            target[key] = _merge(target[key], value) if key in target else copy.deepcopy(value)
        return target
    if isinstance(target, list) and isinstance(update, list):
        target.extend(copy.deepcopy(item) for item in update if item not in target)
        return target
    return copy.deepcopy(update)


def _container(document: Any, location: tuple[str | int, ...]) -> Any:
    if not location:
        raise OverlayError("an action cannot remove or replace the document root")
    node = document
    for key in location[:-1]:
        node = node[key]
    return node


def apply_overlay(document: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of ``document`` with every overlay action applied in order."""
    result = copy.deepcopy(document)
    for index, action in enumerate(overlay.get("actions") or []):
        nodes = list(jsonpath.finditer(action["target"], result))
        if not nodes:
            raise OverlayError(
                f"actions[{index}] target {action['target']!r} selects nothing "
                f"({action.get('description', 'no description')})"
            )
        if action.get("remove"):
            # Remove deepest-last list items first so earlier indices stay valid.
            for node in sorted(nodes, key=lambda n: n.location, reverse=True):
                container = _container(result, node.location)
                if isinstance(container, list):
                    container.pop(int(node.location[-1]))
                else:
                    del container[node.location[-1]]
            continue
        for node in nodes:
            merged = _merge(node.value, action["update"])
            if merged is not node.value:  # a scalar target: write the replacement back
                _container(result, node.location)[node.location[-1]] = merged
    return result
