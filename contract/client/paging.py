"""Following ``next_page_id``: the paging rule of ``events/search`` and ``conversations/search``.

The cursor is inclusive: ``next_page_id`` is the first item of the next page, and it is absent
(or null, or empty) on the last page. :class:`Pager` is the rule; :func:`fetch_all` and
:func:`afetch_all` drive it over a sync or async httpx client.
"""

from __future__ import annotations

from typing import Any

import httpx

DEFAULT_LIMIT = 100
"""The largest page the server serves (``limit`` is 1..100)."""
MAX_PAGES = 1_000
"""A bound on one read: 100,000 items at the default limit."""


class PagingError(RuntimeError):
    """A page could not be read, or the pages never ended; ``status`` is the HTTP status if any."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Pager:
    """State of one paged read: the query of the next request and the items so far."""

    def __init__(
        self, path: str, *, limit: int = DEFAULT_LIMIT, params: dict[str, Any] | None = None, max_pages: int = MAX_PAGES
    ) -> None:
        self.path = path
        self.items: list[Any] = []
        self.pages = 0
        self.max_pages = max_pages
        self._params: dict[str, Any] | None = {**(params or {}), "limit": limit}

    def next_request(self) -> dict[str, Any] | None:
        """Query parameters of the next page, or None when the read is complete."""
        if self._params is not None and self.pages >= self.max_pages:
            raise PagingError(f"{self.path}: still not done after {self.max_pages} pages")
        return None if self._params is None else dict(self._params)

    def take(self, response: httpx.Response) -> list[Any]:
        """Consume one page response; returns its items."""
        if response.status_code != 200:
            raise PagingError(
                f"GET {self.path} answered {response.status_code}: {response.text[:300]}", response.status_code
            )
        try:
            page = response.json()
        except ValueError:
            page = None
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            raise PagingError(f"GET {self.path}: not a page ({str(page)[:200]})", response.status_code)
        self.items += page["items"]
        self.pages += 1
        cursor = page.get("next_page_id")
        if cursor and self._params is not None:
            self._params["page_id"] = cursor
        else:
            self._params = None
        items: list[Any] = page["items"]
        return items


def fetch_all(
    http: httpx.Client,
    path: str,
    *,
    limit: int = DEFAULT_LIMIT,
    params: dict[str, Any] | None = None,
    max_pages: int = MAX_PAGES,
) -> list[Any]:
    """Every item of a paged ``path``."""
    pager = Pager(path, limit=limit, params=params, max_pages=max_pages)
    while (query := pager.next_request()) is not None:
        pager.take(http.get(path, params=query))
    return pager.items


async def afetch_all(
    http: httpx.AsyncClient,
    path: str,
    *,
    limit: int = DEFAULT_LIMIT,
    params: dict[str, Any] | None = None,
    max_pages: int = MAX_PAGES,
) -> list[Any]:
    """:func:`fetch_all` over an async client."""
    pager = Pager(path, limit=limit, params=params, max_pages=max_pages)
    while (query := pager.next_request()) is not None:
        pager.take(await http.get(path, params=query))
    return pager.items
