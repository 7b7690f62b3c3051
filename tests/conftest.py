"""Shared pytest fixtures."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

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
