"""What a tool the mock simulates on a conversation's own state reports for one call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ToolAnswer:
    """An observation's text, whether the call failed, the observation's own fields (None: the
    builder derives them from the call's arguments), and a command's exit code (None: the
    script's)."""

    text: str
    is_error: bool = False
    fields: dict[str, Any] | None = None
    exit_code: int | None = None
