"""Parse and serialize any agent-server wire event by its ``kind``.

One entry point for REST event pages, WebSocket frames and the mock's own events. The server's
compatibility policy allows new event, action and observation kinds at any time, so an unknown
kind is never an exception here: it comes back as a :class:`WireEvent` whose ``unknown_kinds``
say what was not recognised, with the raw data kept intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

if TYPE_CHECKING:
    from contract.generated import models

from contract.spec.ws_protocol import FULL_STATE_KEY, STATE_UPDATE_KIND, TRANSIENT_KINDS

__all__ = [
    "FULL_STATE_KEY",
    "STATE_UPDATE_KIND",
    "TRANSIENT_KINDS",
    "EventValidationError",
    "WireEvent",
    "build_event",
    "dump_event",
    "known_event_kinds",
    "parse_event",
]


class EventValidationError(ValueError):
    """A known event kind whose fields break the contract (missing, extra or mistyped)."""

    def __init__(self, kind: str, errors: list[dict[str, Any]]):
        self.kind = kind
        self.errors = errors
        lines = [f"{'.'.join(str(p) for p in e['loc']) or '<event>'}: {e['msg']}" for e in errors]
        super().__init__(f"invalid {kind}:\n  " + "\n  ".join(lines))


@dataclass(frozen=True)
class WireEvent:
    """An event as it travels on the wire.

    ``model`` is the validated generated model, or None when the event (or a nested action or
    observation) has a kind this contract does not know; ``unknown_kinds`` then names them as
    ``"<path>: <kind>"``. ``raw`` is always the original JSON object.
    """

    raw: dict[str, Any]
    model: Any = None
    unknown_kinds: tuple[str, ...] = field(default=())

    @property
    def kind(self) -> str:
        return str(self.raw.get("kind", ""))

    @property
    def id(self) -> str | None:
        return self.raw.get("id")

    @property
    def is_state_update(self) -> bool:
        return self.kind == STATE_UPDATE_KIND

    @property
    def is_full_state(self) -> bool:
        return self.is_state_update and self.raw.get("key") == FULL_STATE_KEY

    @property
    def is_transient(self) -> bool:
        """True for frames the server never writes to the event log."""
        return self.is_full_state or self.kind in TRANSIENT_KINDS

    @property
    def is_known(self) -> bool:
        return self.model is not None


@cache
def _event_adapter() -> type[models.Event]:
    from contract.generated import models

    return models.Event


@cache
def known_event_kinds() -> frozenset[str]:
    """Every ``kind`` of the contract's Event union."""
    from contract.spec.documents import effective_spec

    mapping = effective_spec()["components"]["schemas"]["Event"]["discriminator"]["mapping"]
    return frozenset(mapping)


def _path(loc: tuple[Any, ...]) -> str:
    # loc[0] is the event union's tag (the event kind); nested union tags are class names too.
    return ".".join(str(p) for p in loc[1:] if not str(p)[:1].isupper())


def _unknown_tags(error: ValidationError) -> list[str]:
    return [
        f"{_path(item['loc']) or 'kind'}: {item.get('ctx', {}).get('tag', '?')}"
        for item in error.errors()
        if item["type"] == "union_tag_invalid"
    ]


def parse_event(data: dict[str, Any] | str | bytes) -> WireEvent:
    """Parse one event (a dict, or a JSON text such as a WebSocket frame).

    Raises :class:`EventValidationError` when a *known* kind carries invalid fields, and
    ``ValueError`` when the input is not a JSON object with a string ``kind``.
    """
    raw = json.loads(data) if isinstance(data, (str, bytes)) else data
    if not isinstance(raw, dict) or not isinstance(raw.get("kind"), str):
        raise ValueError("an event must be a JSON object with a string 'kind'")
    if raw["kind"] not in known_event_kinds():
        return WireEvent(raw=raw, unknown_kinds=(f"kind: {raw['kind']}",))
    try:
        root = _event_adapter().model_validate(raw)
    except ValidationError as exc:
        unknown = _unknown_tags(exc)
        if unknown and all(e["type"] == "union_tag_invalid" for e in exc.errors()):
            return WireEvent(raw=raw, unknown_kinds=tuple(unknown))
        errors = [
            {**e, "loc": tuple(_path(e["loc"]).split(".")) if _path(e["loc"]) else ()}
            for e in exc.errors(include_url=False)
        ]
        raise EventValidationError(raw["kind"], errors) from None
    return WireEvent(raw=raw, model=root.root)


def dump_event(event: Any, *, exclude_none: bool = True) -> dict[str, Any]:
    """Serialize an event the way the server does on the wire (``exclude_none`` by default).

    Accepts a generated model, a :class:`WireEvent` (its raw data is returned as is) or a dict.
    """
    if isinstance(event, WireEvent):
        return event.raw
    if isinstance(event, dict):
        return {k: v for k, v in event.items() if v is not None} if exclude_none else event
    dumped: dict[str, Any] = event.model_dump(mode="json", by_alias=True, exclude_none=exclude_none)
    return dumped


def build_event(data: dict[str, Any]) -> models.Event:
    """Validate ``data`` as a known event kind and return its model (raises on unknown kinds)."""
    wire = parse_event(data)
    if wire.model is None:
        raise EventValidationError(wire.kind, [{"loc": (), "msg": f"unknown {u}"} for u in wire.unknown_kinds])
    event: models.Event = wire.model
    return event
