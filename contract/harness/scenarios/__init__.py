"""The bundled scenario pack: one ``<name>.yaml`` per scenario (package data).

The file stem is the scenario's name (a test keeps it so), so the names are known without
parsing anything, which keeps ``ohmock serve`` off pydantic and YAML until the mock is built.
"""

from __future__ import annotations

from importlib import resources

DEFAULT_SCENARIO = "bash_then_finish"
"""What a conversation runs when nothing selects a scenario."""


def bundled_names() -> frozenset[str]:
    """The names of the bundled scenarios."""
    return frozenset(
        p.name.removesuffix(".yaml") for p in resources.files(__name__).iterdir() if p.name.endswith(".yaml")
    )
