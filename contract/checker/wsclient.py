"""The checker's sockets: the client toolkit's bounded sockets with the checker's bounds.

Each socket that completes a handshake (or is refused with an HTTP status) counts as one
execution of the current phase's ``responsive`` check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from contract.checker.context import Context
from contract.client.http import ws_url
from contract.client.sockets import EventSocketRecorder, Outcome, SocketOptions, SyncEventSocketRecorder
from contract.client.sockets import exchange as _exchange
from contract.spec.ws_protocol import events_socket_path

__all__ = ["Outcome", "Recorder", "SyncRecorder", "exchange", "socket_options"]


def socket_options(ctx: Context, max_frames: int | None = None) -> SocketOptions:
    """The checker's bounds for one socket."""
    timeout = ctx.options.request_timeout_s
    return SocketOptions(
        open_timeout_s=timeout,
        send_timeout_s=timeout,
        close_timeout_s=2.0,
        max_frames=max_frames or ctx.options.max_frames,
    )


def _responded(ctx: Context, failure: Outcome | None) -> None:
    if failure is None or failure.opened or failure.handshake_status is not None:
        ctx.executed(ctx.responsive_check)


async def exchange(
    ctx: Context,
    path: str,
    *,
    query: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    send: Sequence[str | bytes] = (),
    until: Callable[[list[Any]], bool] = bool,
    timeout_s: float = 5.0,
    max_frames: int | None = None,
) -> Outcome:
    """Open, send ``send``, read until ``until(frames)`` or close or ``timeout_s``; then close."""
    outcome = await _exchange(
        ws_url(ctx.base_url, path, query),
        headers=headers,
        send=send,
        until=until,
        timeout_s=timeout_s,
        options=socket_options(ctx, max_frames),
    )
    _responded(ctx, outcome)
    ctx.report.coverage.frames(outcome.frames)
    ctx.report.coverage.close(outcome.close_code)
    return outcome


class Recorder(EventSocketRecorder):
    """A long-lived events/session socket of the checker (first-message auth with the checker's key)."""

    def __init__(
        self, ctx: Context, path: str, *, query: Mapping[str, Any] | None = None, authenticate: bool = True
    ) -> None:
        super().__init__(
            ws_url(ctx.base_url, path, query),
            api_key=ctx.options.api_key if authenticate else None,
            options=socket_options(ctx),
        )
        self.ctx = ctx

    async def start(self) -> Outcome | None:
        failure = await super().start()
        _responded(self.ctx, failure)
        return failure


class SyncRecorder(SyncEventSocketRecorder):
    """The events socket of one conversation, for the synchronous behaviour state machine."""

    def __init__(self, ctx: Context, conversation_id: str) -> None:
        url = ws_url(ctx.base_url, events_socket_path(conversation_id))
        super().__init__(
            url, api_key=ctx.options.api_key, options=socket_options(ctx), name=f"ohmock-check-ws-{conversation_id[:8]}"
        )
