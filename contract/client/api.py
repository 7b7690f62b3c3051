"""A small synchronous client of the agent-server conversation API (the mock or any real server)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx

from contract.client.bodies import message_body
from contract.client.http import (
    CONVERSATIONS,
    conversation_path,
    events_count_path,
    events_search_path,
    session_headers,
)
from contract.client.paging import DEFAULT_LIMIT, fetch_all
from contract.client.waiting import Deadline, wait_until

SETTLED_STATUSES = frozenset({"finished", "error", "stuck", "paused", "waiting_for_confirmation", "idle"})
"""Execution statuses in which no run is in progress."""


class AgentServerClient:
    """Conversation calls over an httpx client bound to the server's base URL.

    Every call raises ``httpx.HTTPStatusError`` on a non-2xx answer.
    """

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    @classmethod
    def connect(cls, url: str, api_key: str | None = None, *, timeout_s: float = 30.0) -> AgentServerClient:
        """A client with its own connection pool and the session key set (close it with :meth:`close`)."""
        return cls(httpx.Client(base_url=url, headers=session_headers(api_key), timeout=timeout_s))

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> AgentServerClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def create(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /api/conversations``; the ConversationInfo."""
        info: dict[str, Any] = self.http.post(CONVERSATIONS, json=dict(body)).raise_for_status().json()
        return info

    def get(self, conversation_id: object) -> dict[str, Any]:
        info: dict[str, Any] = self.http.get(conversation_path(conversation_id)).raise_for_status().json()
        return info

    def status(self, conversation_id: object) -> str:
        return str(self.get(conversation_id)["execution_status"])

    def send_message(self, conversation_id: object, text: str, *, run: bool = False) -> None:
        self.http.post(
            conversation_path(conversation_id, "events"), json=message_body(text, run=run)
        ).raise_for_status()

    def run(self, conversation_id: object) -> None:
        self.http.post(conversation_path(conversation_id, "run")).raise_for_status()

    def pause(self, conversation_id: object) -> None:
        self.http.post(conversation_path(conversation_id, "pause")).raise_for_status()

    def interrupt(self, conversation_id: object) -> None:
        self.http.post(conversation_path(conversation_id, "interrupt")).raise_for_status()

    def respond(self, conversation_id: object, *, accept: bool, reason: str | None = None) -> None:
        """``respond_to_confirmation``: accept (run) or reject the pending actions."""
        body: dict[str, Any] = {"accept": accept, **({"reason": reason} if reason is not None else {})}
        self.http.post(
            conversation_path(conversation_id, "events", "respond_to_confirmation"), json=body
        ).raise_for_status()

    def delete(self, conversation_id: object) -> None:
        self.http.delete(conversation_path(conversation_id)).raise_for_status()

    def events(self, conversation_id: object, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
        """The persisted event log, every page."""
        return fetch_all(self.http, events_search_path(conversation_id), limit=limit)

    def count(self, conversation_id: object) -> int:
        return int(self.http.get(events_count_path(conversation_id)).raise_for_status().json())

    def wait_for_status(
        self, conversation_id: object, statuses: Iterable[str] = SETTLED_STATUSES, *, timeout_s: float = 10.0
    ) -> str:
        """Poll until the conversation's execution status is one of ``statuses``; returns it."""
        wanted = frozenset(statuses)

        def reached() -> str | None:
            status = self.status(conversation_id)
            return status if status in wanted else None

        return wait_until(
            reached, timeout_s=timeout_s, what=f"conversation {conversation_id} to be {'/'.join(sorted(wanted))}"
        )


class ServerNotReady(RuntimeError):
    """A server did not answer ``/health`` in time, or its process exited first."""


def wait_healthy(
    url: str,
    *,
    timeout_s: float,
    exit_code: Callable[[], int | None] = lambda: None,
    interval_s: float = 0.05,
    client: httpx.Client | None = None,
) -> None:
    """Poll ``GET {url}/health`` until it answers 200 (bounded).

    ``exit_code`` reports the server process's exit code once it has exited (``Popen.poll``), so
    a server that dies at start-up fails at once instead of at the deadline. Pass ``client`` to
    time a start-up precisely: building one costs about 20 ms (its TLS context).
    """
    deadline = Deadline(timeout_s)
    poller = client or httpx.Client(timeout=2.0)
    try:
        while True:
            if (code := exit_code()) is not None:
                raise ServerNotReady(f"the server at {url} exited with code {code}")
            try:
                if poller.get(f"{url}/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if deadline.expired:
                raise ServerNotReady(f"{url}/health did not answer 200 within {timeout_s} s")
            time.sleep(min(interval_s, deadline.remaining()))
    finally:
        if client is None:
            poller.close()
