"""Seams for watching the mock: what conversations publish and what sockets send and receive.

The journal, strict mode and the control API's recorders are :class:`Observer` subclasses
registered on one :class:`Observers` hub; nothing replaces methods or attributes of live objects. Observers run
synchronously on the event loop, in registration order, and must not block. An observer that
raises is logged and skipped, so a broken recorder never breaks the server it watches.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger("uvicorn.error")
_socket_ids = itertools.count(1)

Frame = dict[str, Any]


@dataclass(eq=False)
class SocketInfo:
    """One open socket, as observers see it.

    ``conversation_id`` is the conversation's id (dashed) for the events and session sockets and
    None for the bash socket; ``close`` closes the socket with a code (used by fault injection);
    ``drained`` returns once every frame queued so far has been written to the socket.
    """

    path: str
    conversation_id: str | None
    close: Callable[[int], Coroutine[Any, Any, None]]
    id: int = field(default_factory=lambda: next(_socket_ids))
    drained: Callable[[], Coroutine[Any, Any, None]] | None = None


class Observer:
    """Base of every observer: override the callbacks you need (the others do nothing)."""

    def published(self, conversation_id: str, frame: Frame, persisted: bool) -> None:
        """A conversation published ``frame`` (it has reached every subscriber's queue);
        ``persisted`` says whether it is in the event log."""

    def subscribed(self, socket: SocketInfo) -> None:
        """A socket started receiving its conversation's (or the bash log's) frames."""

    def unsubscribed(self, socket: SocketInfo) -> None:
        """A socket stopped receiving (it closed)."""

    def sending(self, socket: SocketInfo, frame: Frame) -> None:
        """``frame`` is about to be written to ``socket`` (called once per copy sent)."""

    def sent(self, socket: SocketInfo, frame: Frame) -> None:
        """``frame`` was written to ``socket`` (not called when the write failed)."""

    def received(self, socket: SocketInfo, frame: Any) -> None:
        """A client frame arrived: its decoded JSON, or the raw text or bytes if it is not JSON."""


class Observers:
    """The hub observers register on; it tells each of them about every publish and socket frame."""

    def __init__(self) -> None:
        self._observers: list[Observer] = []

    def add(self, observer: Observer) -> Callable[[], None]:
        """Register ``observer``; returns a function that removes it again."""
        self._observers.append(observer)

        def remove() -> None:
            if observer in self._observers:
                self._observers.remove(observer)

        return remove

    def _notify(self, method: str, *args: Any) -> None:
        for observer in list(self._observers):
            try:
                getattr(observer, method)(*args)
            except Exception:  # a broken observer must not break the mock
                logger.exception("observer %r failed in %s", observer, method)

    def published(self, conversation_id: str, frame: Frame, persisted: bool) -> None:
        self._notify("published", conversation_id, frame, persisted)

    def subscribed(self, socket: SocketInfo) -> None:
        self._notify("subscribed", socket)

    def unsubscribed(self, socket: SocketInfo) -> None:
        self._notify("unsubscribed", socket)

    def sending(self, socket: SocketInfo, frame: Frame) -> None:
        self._notify("sending", socket, frame)

    def sent(self, socket: SocketInfo, frame: Frame) -> None:
        self._notify("sent", socket, frame)

    def received(self, socket: SocketInfo, frame: Any) -> None:
        self._notify("received", socket, frame)
