"""Judge every conversation the checker drove with the stream invariants (phase d applies everywhere)."""

from __future__ import annotations

from typing import Any

import httpx

from contract.checker.context import Context
from contract.checker.invariants import stream_problems
from contract.client.http import events_count_path, events_search_path
from contract.client.paging import PagingError, afetch_all, fetch_all

STREAM_CHECKS = (
    "streams.frame_schema",
    "streams.run_starts_running",
    "streams.run_ends_snapshot",
    "streams.action_answered",
    "streams.last_user_message_id",
    "streams.legal_transitions",
    "streams.timestamps_monotonic",
    "streams.ids_unique",
    "streams.rest_equals_ws",
    "streams.count_equals_search",
)
MAX_PAGES = 50
"""Event budget for reading a log back: 50 pages of 100."""


class LogUnavailable(RuntimeError):
    pass


def fetch_log(http: httpx.Client, conversation_id: str, limit: int = 100) -> tuple[list[dict[str, Any]], int | None]:
    """All persisted events (following next_page_id, bounded) and events/count."""
    try:
        events = fetch_all(http, events_search_path(conversation_id), limit=limit, max_pages=MAX_PAGES)
    except PagingError as exc:
        raise LogUnavailable(str(exc)) from None
    count = http.get(events_count_path(conversation_id))
    return events, (count.json() if count.status_code == 200 else None)


async def afetch_log(
    http: httpx.AsyncClient, conversation_id: str, limit: int = 100
) -> tuple[list[dict[str, Any]], int | None]:
    """:func:`fetch_log` over an async client."""
    try:
        events = await afetch_all(http, events_search_path(conversation_id), limit=limit, max_pages=MAX_PAGES)
    except PagingError as exc:
        raise LogUnavailable(str(exc)) from None
    count = await http.get(events_count_path(conversation_id))
    return events, (count.json() if count.status_code == 200 else None)


def judge(
    ctx: Context,
    frames: list[Any],
    log: list[dict[str, Any]] | None,
    count: int | None,
    *,
    settled: bool,
    reproducer: str,
    operation: str,
) -> None:
    """Record every stream-invariant problem of one recorded conversation."""
    ctx.report.coverage.frames(frames)
    for check in STREAM_CHECKS:
        ctx.executed(check)
    ctx.record_problems(
        stream_problems(frames, log, count=count, settled=settled), reproducer=reproducer, operation=operation
    )
