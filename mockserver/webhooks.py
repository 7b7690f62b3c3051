"""Webhooks: what the server posts to the URLs of its ``webhooks`` configuration.

Mirrors ``conversation_service.py``'s ``WebhookSubscriber`` and ``ConversationWebhookSubscriber``:

* every event a conversation publishes (persisted or not, starting with the ``full_state``
  snapshot a new subscriber gets) is queued per conversation and posted as a JSON list to
  ``{base_url}/events/{conversation_id.hex}``: when ``event_buffer_size`` events are queued, or
  ``flush_delay`` seconds after the first queued one (the timer is not reset by later events),
  and what is left when the conversation is deleted;
* the conversation's info (its REST form) is posted to ``{base_url}/conversations`` at once
  when it starts, is updated (title, tags), paused, interrupted and deleted (status
  ``deleting``);
* every post carries the spec's headers and the first session key (``X-Session-API-Key``), is
  retried ``num_retries`` times ``retry_delay`` seconds apart, and a failed event batch is put
  back at the head of the queue.

:class:`Webhooks` is an observer (it sees what conversations publish); the routes tell it about
conversation lifecycle changes. Posting runs in tasks on the server's loop, never in a request.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import httpx

from contract.spec.events import EventValidationError, build_event, dump_event
from mockserver.observers import Frame, Observer

logger = logging.getLogger("uvicorn.error")
POST_TIMEOUT_S = 30.0  # the server's per-request timeout


@dataclass(frozen=True)
class WebhookSpec:
    """``config.py::WebhookSpec``, with the server's defaults."""

    base_url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    event_buffer_size: int = 5
    flush_delay: float = 30.0
    num_retries: int = 3
    retry_delay: float = 5.0
    max_queue_size: int = 1000
    max_batch_bytes: int = 5 * 1024 * 1024

    def __post_init__(self) -> None:
        problems = []
        if not self.base_url.startswith(("http://", "https://")):
            problems.append(f"base_url must be an http(s) URL, got {self.base_url!r}")
        if self.event_buffer_size < 1 or self.max_queue_size < 1 or self.max_batch_bytes < 1:
            problems.append("event_buffer_size, max_queue_size and max_batch_bytes must be at least 1")
        if self.flush_delay <= 0:
            problems.append("flush_delay must be greater than 0")
        if self.num_retries < 0 or self.retry_delay < 0:
            problems.append("num_retries and retry_delay must not be negative")
        if problems:
            raise ValueError("; ".join(problems))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> WebhookSpec:
        """A spec from the server's JSON form (unknown keys are refused, as pydantic would not be)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known - {"max_queue_bytes"})
        if unknown:
            raise ValueError(f"unknown webhook settings: {', '.join(unknown)}")
        if "base_url" not in data:
            raise ValueError("a webhook needs a base_url")
        values = {k: v for k, v in data.items() if k in known}
        if "headers" in values and not isinstance(values["headers"], Mapping):
            raise ValueError("webhook headers must be an object")
        return cls(**values)


def as_posted(frame: Frame) -> Frame:
    """An event as a webhook gets it: the full model dump (``model_dump(mode="json")``, nulls and
    defaults included), where sockets and REST drop the nulls."""
    try:
        return dump_event(build_event(frame), exclude_none=False)
    except (EventValidationError, ValueError):  # an event the models do not know (control API): as is
        return frame


def _size(event: Frame) -> int:
    return len(json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode())


Post = Callable[[str, Any], Awaitable[bool]]
"""Posts a body to a URL (with the webhook's headers and retries); True when it went through."""


class EventBatcher:
    """One conversation's event queue for one webhook."""

    def __init__(self, spec: WebhookSpec, url: str, post: Post):
        self.spec, self.url, self._post = spec, url, post
        self.queue: list[Frame] = []
        self._timer: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._closed = False

    def _full(self) -> bool:
        return len(self.queue) >= self.spec.event_buffer_size

    async def add(self, event: Frame) -> None:
        """``WebhookSubscriber.__call__``: queue ``event``; post when the buffer is full, else
        make sure the flush timer runs."""
        self.queue.append(event)
        del self.queue[: max(0, len(self.queue) - self.spec.max_queue_size)]  # oldest dropped
        if self._full():
            if self._lock.locked():
                self._start_timer()
                return
            self._cancel_timer()
            await self.flush()
        elif self.queue:
            self._start_timer()

    async def flush(self) -> None:
        """``_post_events``: bounded batches, serially, until what was queued is posted (and more
        while the buffer refills during a post) or a post fails (its batch goes back first)."""
        async with self._lock:
            remaining = len(self.queue)
            while remaining:
                batch = self._take_batch(remaining)
                if not await self._post(self.url, batch):
                    self.queue[:0] = batch
                    self._start_timer()
                    return
                remaining -= len(batch)
                if not remaining and self._full():
                    remaining = len(self.queue)
            if not self.queue:
                self._cancel_timer()

    def _take_batch(self, limit: int) -> list[Frame]:
        size, count = 2, 0  # the JSON array's brackets
        for event in self.queue:
            size += _size(event) + (1 if count else 0)
            if count and size > self.spec.max_batch_bytes:
                break
            count += 1
            if count >= min(self.spec.event_buffer_size, limit):
                break
        batch, self.queue = self.queue[:count], self.queue[count:]
        return batch

    def _start_timer(self) -> None:
        if not self._closed and self._timer is None:
            self._timer = asyncio.get_running_loop().create_task(self._flush_later())

    def _cancel_timer(self) -> None:
        if self._timer is not None and not self._timer.done() and self._timer is not asyncio.current_task():
            self._timer.cancel()
        self._timer = None

    async def _flush_later(self) -> None:
        try:
            await asyncio.sleep(self.spec.flush_delay)
            self._timer = None
            if self.queue:
                await self.flush()
        except asyncio.CancelledError:
            pass

    async def close(self) -> None:
        self._closed = True
        self._cancel_timer()
        if self.queue:
            await self.flush()


class Webhooks(Observer):
    """Every configured webhook, for every conversation of one mock server."""

    def __init__(self, specs: tuple[WebhookSpec, ...], session_key: str | None):
        self.specs, self.session_key = specs, session_key
        self._batchers: dict[str, list[EventBatcher]] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    def _headers(self, spec: WebhookSpec) -> dict[str, str]:
        headers = dict(spec.headers)
        if self.session_key:
            headers["X-Session-API-Key"] = self.session_key
        return headers

    def _poster(self, spec: WebhookSpec) -> Post:
        async def post(url: str, body: Any) -> bool:
            return await self._post(spec, url, body)

        return post

    async def _post(self, spec: WebhookSpec, url: str, body: Any) -> bool:
        headers = self._headers(spec)
        for attempt in range(spec.num_retries + 1):
            try:
                async with httpx.AsyncClient() as client:
                    response = await client.post(url, json=body, headers=headers, timeout=POST_TIMEOUT_S)
                    response.raise_for_status()
                    return True
            except Exception as exc:  # noqa: BLE001 - any failure is retried, as on the server
                logger.warning("webhook post attempt %d to %s failed: %s", attempt + 1, url, exc)
                if attempt < spec.num_retries:
                    await asyncio.sleep(spec.retry_delay)
        logger.error("failed to post to webhook %s after %d attempts", url, spec.num_retries + 1)
        return False

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- what the server tells it ------------------------------------------------------------

    def opened(self, conversation_id: str, snapshot: Frame) -> None:
        """A conversation's event service started (created or forked): its queues open with the
        ``full_state`` snapshot every new subscriber gets."""
        if not self.specs:
            return
        hex_id = conversation_id.replace("-", "")
        batchers = [
            EventBatcher(spec, f"{spec.base_url.rstrip('/')}/events/{hex_id}", self._poster(spec))
            for spec in self.specs
        ]
        self._batchers[conversation_id] = batchers
        event = as_posted(snapshot)
        for batcher in batchers:
            self._spawn(batcher.add(event))

    def changed(self, info: dict[str, Any]) -> None:
        """Post a conversation's info to every webhook (started, updated, paused, interrupted)."""
        for spec in self.specs:
            self._spawn(self._post(spec, f"{spec.base_url.rstrip('/')}/conversations", info))

    def deleted(self, conversation_id: str, info: dict[str, Any]) -> None:
        """The conversation is going: its info (status ``deleting``), then what is still queued."""
        self.changed({**info, "execution_status": "deleting"})
        for batcher in self._batchers.pop(conversation_id, []):
            self._spawn(batcher.close())

    def published(self, conversation_id: str, frame: Frame, persisted: bool) -> None:
        batchers = self._batchers.get(conversation_id, [])
        if batchers:
            event = as_posted(frame)
            for batcher in batchers:
                self._spawn(batcher.add(event))

    def forget(self) -> None:
        """Drop every queue and pending post (a mock reset)."""
        for task in list(self._tasks):
            task.cancel()
        self._tasks.clear()
        self._batchers.clear()
