"""The two forms a ConversationState field leaves the server in.

The store keeps each field in its REST form: the response model's dump, by alias, nulls kept
(``ConversationInfo``). Sockets carry ``ConversationState.model_dump(mode="json",
exclude_none=True)``: nulls dropped at every model level and field names instead of aliases
(``HookDefinition.async_``). :func:`socket_form` converts through the generated models, so
both forms come from one stored value.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError


@functools.cache
def _adapter(key: str) -> TypeAdapter[Any] | None:
    from contract.generated import models  # heavy: imported on first use, off the start-up path

    field = models.ConversationInfo.model_fields.get(key)
    if field is None or field.annotation is None:
        return None
    return TypeAdapter(field.annotation)


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def socket_form(key: str, value: Any) -> Any:
    """``value`` of state field ``key`` as a state-update frame or ``full_state`` carries it."""
    adapter = _adapter(key)
    if adapter is None or value is None:
        return value
    try:
        return adapter.dump_python(adapter.validate_python(value), mode="json", exclude_none=True)
    except ValidationError:
        # A value the models do not describe (set through the control API): nulls still go.
        return _drop_nulls(value)
