"""Bounded waiting: every wait in this project ends, by a deadline measured on the monotonic clock."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

POLL_INTERVAL_S = 0.02


class WaitTimeout(TimeoutError):
    """A bounded wait ran out; the message says what was awaited and for how long."""


class Deadline:
    """A point in monotonic time ``seconds`` from now."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self.at - time.monotonic())

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.at


def wait_until[T](
    check: Callable[[], T | None], *, timeout_s: float, what: str, interval_s: float = POLL_INTERVAL_S
) -> T:
    """Call ``check`` until it returns something truthy, and return that; at most ``timeout_s``.

    Raises :class:`WaitTimeout` naming ``what`` (the last value seen is in the message).
    """
    deadline = Deadline(timeout_s)
    while True:
        value = check()
        if value:
            return value
        if deadline.expired:
            raise WaitTimeout(f"timed out after {timeout_s} s waiting for {what} (last: {value!r})")
        time.sleep(min(interval_s, deadline.remaining()))


async def await_until[T](
    check: Callable[[], Awaitable[T | None]], *, timeout_s: float, what: str, interval_s: float = POLL_INTERVAL_S
) -> T:
    """:func:`wait_until` for an async ``check``."""
    deadline = Deadline(timeout_s)
    while True:
        value = await check()
        if value:
            return value
        if deadline.expired:
            raise WaitTimeout(f"timed out after {timeout_s} s waiting for {what} (last: {value!r})")
        await asyncio.sleep(min(interval_s, deadline.remaining()))
