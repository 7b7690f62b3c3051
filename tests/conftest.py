"""Shared pytest fixtures."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from contract.harness.real_server import RealServer
from contract.harness.scripted_llm import ScriptedLLM

REAL_SERVER_API_KEY = "test-key"


@pytest.fixture(scope="session")
def scripted_llm() -> Iterator[ScriptedLLM]:
    """The scripted LLM on a loopback port, serving the bundled scenarios."""
    with ScriptedLLM() as llm:
        yield llm


@pytest.fixture(scope="session")
def real_server() -> Iterator[RealServer]:
    """The real openhands-agent-server 1.58.0 (session key ``test-key``) in a throwaway dir.

    Use it from tests marked ``real_server``.
    """
    if importlib.util.find_spec("openhands.agent_server") is None:
        pytest.skip("openhands-agent-server is not installed (install the 'test' extra)")
    with RealServer(api_key=REAL_SERVER_API_KEY) as server:
        yield server


# -- a headless browser: the system Chromium, driven by Playwright ---------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps dialling out, which a closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
"""Screenshots of the page each failed browser test left (not committed)."""


_OUTCOMES = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    item.stash.setdefault(_OUTCOMES, {})[report.when] = report
    return report


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (``$OHMOCK_CHROMIUM``, else ``chromium`` on the PATH).

    Module-scoped on purpose: Playwright's sync API keeps an event loop running in this thread
    while it is open, so ``asyncio.run`` (the checker, the clients) fails until it is closed.
    Ask for fixtures that run asyncio code before ``page`` in a browser test's signature."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("OHMOCK_CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail("no Chromium: `./run tests` installs Debian's chromium package, or set OHMOCK_CHROMIUM")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page at a laptop's size; its screenshot is kept when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        yield page
    finally:
        call = request.node.stash.get(_OUTCOMES, {}).get("call")
        if call is not None and call.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
        context.close()
