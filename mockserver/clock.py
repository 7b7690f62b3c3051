"""Ids and timestamps, random by default and reproducible with a seed."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

# A seeded mock starts its clock here so transcripts are byte-for-byte reproducible.
_SEEDED_EPOCH = datetime(2026, 1, 5, 10, 0, 0)


class Clock:
    """Issues event ids and the server's timestamp formats.

    Event timestamps are naive server-local ISO strings with microseconds (the server compares
    them as strings), strictly increasing so the log order equals timestamp order.
    Conversation timestamps are UTC with a trailing ``Z``.

    With a ``seed`` the timestamps and the sequence of ids are reproducible, but the ids are
    mixed with a ``salt`` drawn anew for every clock, so a restarted (or reset) mock never
    issues an id an earlier one did: a browser tab left open cannot silently attach to another
    conversation. Give the salt too for byte-for-byte identical ids.
    """

    def __init__(self, seed: int | None = None, salt: int | None = None):
        self._rng = random.Random(seed) if seed is not None else None
        self._salt = salt if salt is not None else random.SystemRandom().getrandbits(128)
        self._last = datetime.min
        self._ticks = 0

    @property
    def seeded(self) -> bool:
        return self._rng is not None

    def uuid(self) -> uuid.UUID:
        if self._rng is None:
            return uuid.uuid4()
        return uuid.UUID(int=self._rng.getrandbits(128) ^ self._salt, version=4)

    def event_id(self) -> str:
        return str(self.uuid())

    def _now_local(self) -> datetime:
        if self._rng is not None:
            self._ticks += 1
            return _SEEDED_EPOCH + timedelta(milliseconds=self._ticks)
        return datetime.now()

    def event_timestamp(self) -> str:
        now = max(self._now_local(), self._last + timedelta(microseconds=1))
        self._last = now
        return now.isoformat(timespec="microseconds")

    def utc_timestamp(self) -> str:
        if self._rng is not None:
            return (_SEEDED_EPOCH + timedelta(milliseconds=self._ticks)).isoformat(timespec="microseconds") + "Z"
        return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
