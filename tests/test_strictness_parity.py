"""Strictness parity with the real server: what a body may contain, and what is served back.

1. Sub-objects of a new conversation (workspace, confirmation policy, security analyzer, hooks,
   condenser, agent context, ...) come back through the response models with the real defaults,
   never echoed raw: the mock's ConversationInfo equals the real server's, field by field.
2. Hooks are stored in the state only at the lazy agent initialization (first message), with a
   state update before the system prompt, as ``LocalConversation._ensure_plugins_loaded`` does.
3. Schemathesis' negative coverage cases (wrong types, nulls, missing fields, out-of-range values,
   bad literals) go to both servers and must get the same status class.

One real server for the module (bad bodies leave it unhappy, so it is not the session's).
"""

from __future__ import annotations

import collections
import copy
import importlib.util
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis.generation import GenerationMode

from contract.harness.real_server import RealServer
from contract.harness.serving import ServedApp
from contract.spec.documents import effective_spec
from mockserver.app import create_app
from mockserver.config import MockConfig

pytestmark = [
    pytest.mark.real_server,
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
]

KEY = "parity-key"
AUTH = {"X-Session-API-Key": KEY}
LLM = {"model": "openai/unused", "base_url": "http://127.0.0.1:9/v1", "num_retries": 0}
AGENT = {"kind": "Agent", "llm": LLM}
MOCK_WORKSPACE = "/workspace/project"
HOOKS = {"pre_tool_use": [{"matcher": "*", "hooks": [{"command": "true"}]}]}
# Per-instance values: ids, clocks and the server's own paths.
UNCOMPARED = {"id", "created_at", "updated_at", "persistence_dir"}


@dataclass
class Servers:
    """Both servers, each with its base URL and the working directory conversations use."""

    real_url: str
    real_workspace: str
    mock_url: str

    def pairs(self) -> list[tuple[str, str, str]]:
        return [("real", self.real_url, self.real_workspace), ("mock", self.mock_url, MOCK_WORKSPACE)]


@pytest.fixture(scope="module")
def servers() -> Iterator[Servers]:
    if importlib.util.find_spec("openhands.agent_server") is None:
        pytest.skip("openhands-agent-server is not installed (install the 'test' extra)")
    with RealServer(api_key=KEY) as real, ServedApp(create_app(MockConfig(api_keys=(KEY,))).full) as mock:
        assert real.root is not None
        yield Servers(real.url, str(real.root / "run" / "workspace"), mock.url)


def _normalized(value: Any, workspace: str) -> Any:
    return json.loads(json.dumps(value).replace(workspace, "<workspace>"))


def _differences(real: Any, mock: Any, path: str = "") -> Iterator[str]:
    if type(real) is not type(mock):
        yield f"{path}: real {json.dumps(real)[:120]} mock {json.dumps(mock)[:120]}"
    elif isinstance(real, dict):
        for key in sorted(set(real) | set(mock)):
            if path == "" and key in UNCOMPARED:
                continue
            if key not in mock or key not in real:
                yield f"{path}.{key}: only {'real' if key in real else 'mock'}"
            else:
                yield from _differences(real[key], mock[key], f"{path}.{key}")
    elif isinstance(real, list) and len(real) == len(mock):
        for index, (a, b) in enumerate(zip(real, mock, strict=True)):
            yield from _differences(a, b, f"{path}[{index}]")
    elif real != mock:
        yield f"{path}: real {json.dumps(real)[:120]} mock {json.dumps(mock)[:120]}"


# -- 1. sub-objects served through the models ---------------------------------------------------

VARIANTS: dict[str, dict[str, Any]] = {
    "defaults only": {},
    "ConfirmRisky without threshold": {"confirmation_policy": {"kind": "ConfirmRisky"}},
    "AlwaysConfirm": {"confirmation_policy": {"kind": "AlwaysConfirm"}},
    "LLMSecurityAnalyzer": {"security_analyzer": {"kind": "LLMSecurityAnalyzer"}},
    "PatternSecurityAnalyzer (factory-default patterns)": {"security_analyzer": {"kind": "PatternSecurityAnalyzer"}},
    "hooks (pending until the first message)": {"hook_config": HOOKS},
    "LLM summarizing condenser": {
        "agent": {**AGENT, "condenser": {"kind": "LLMSummarizingCondenser", "llm": LLM, "max_size": 80}}
    },
    "agent context (current_datetime factory)": {"agent": {**AGENT, "agent_context": {"memory_context": "m"}}},
    "tools, mcp config, no system prompt kwargs": {
        "agent": {**AGENT, "tools": [{"name": "terminal"}], "mcp_config": {}}
    },
    "LLM fallback strategy (excluded from dumps)": {"agent": {**AGENT, "llm": {**LLM, "fallback_strategy": None}}},
    "GraySwan analyzer and API-based critic keys (masked)": {
        "agent": {**AGENT, "critic": {"kind": "APIBasedCritic", "api_key": "critic-secret"}},
        "security_analyzer": {"kind": "GraySwanAnalyzer", "api_key": "grayswan-secret"},
    },
    "limits, tags, autotitle": {"max_iterations": 3, "stuck_detection": False, "tags": {"a": "b"}, "autotitle": False},
}


def _create(url: str, workspace: str, extra: dict[str, Any]) -> tuple[int, Any, Any]:
    body = {"agent": AGENT, "workspace": {"working_dir": workspace}, **extra}
    created = httpx.post(f"{url}/api/conversations", json=body, headers=AUTH, timeout=60)
    if created.status_code != 201:
        return created.status_code, created.json(), None
    fetched = httpx.get(f"{url}/api/conversations/{created.json()['id']}", headers=AUTH, timeout=30)
    return created.status_code, created.json(), fetched.json()


def _datetime_shaped(info: Any) -> Any:
    """``agent_context.current_datetime`` is "now" on each server: compared by shape."""
    context = (info or {}).get("agent", {}).get("agent_context") if isinstance(info, dict) else None
    if isinstance(context, dict) and isinstance(context.get("current_datetime"), str):
        assert time.strptime(context["current_datetime"][:19], "%Y-%m-%dT%H:%M:%S")
        context["current_datetime"] = "<now>"
    return info


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
def test_sub_objects_are_served_as_the_real_server_serves_them(servers: Servers, variant: str) -> None:
    answers = {}
    for name, url, workspace in servers.pairs():
        status, created, fetched = _create(url, workspace, VARIANTS[variant])
        served = (_datetime_shaped(_normalized(body, workspace)) for body in (created, fetched))
        answers[name] = (status, *served)
    (real_status, real_created, real_fetched), (mock_status, mock_created, mock_fetched) = (
        answers["real"],
        answers["mock"],
    )
    assert mock_status == real_status, (real_created, mock_created)
    differences = [*_differences(real_created, mock_created), *_differences(real_fetched, mock_fetched)]
    assert not differences, "\n".join(differences)


# -- 2. hooks at the lazy initialization --------------------------------------------------------


def _hooks_after_first_message(url: str, workspace: str) -> dict[str, Any]:
    # No auto-title: its LLM call (unreachable here) lands at its own time on the real server.
    body = {"agent": AGENT, "workspace": {"working_dir": workspace}, "hook_config": HOOKS, "autotitle": False}
    with httpx.Client(base_url=url, headers=AUTH, timeout=60) as http:
        created = http.post("/api/conversations", json=body).json()
        conversation = f"/api/conversations/{created['id']}"
        message = {"role": "user", "content": [{"type": "text", "text": "hi"}], "run": False}
        assert http.post(f"{conversation}/events", json=message).status_code == 200
        events = http.get(f"{conversation}/events/search").json()["items"]
        return {
            "at create": created["hook_config"],
            "after the message": http.get(conversation).json()["hook_config"],
            "events": [(e["kind"], e.get("key")) for e in events],
            "state update value": next((e.get("value") for e in events if e.get("key") == "hook_config"), None),
        }


def test_hooks_enter_the_state_at_the_first_message(servers: Servers) -> None:
    real, mock = (_hooks_after_first_message(url, workspace) for _, url, workspace in servers.pairs())
    assert real["at create"] is None  # the premise: pending until the lazy initialization
    assert real["events"][:2] == [("ConversationStateUpdateEvent", "hook_config"), ("SystemPromptEvent", None)]
    assert mock == real


# -- 3. negative cases: the same status class ---------------------------------------------------

# Operations left out, each for a reason.
EXCLUDED_PATHS = {
    # They execute on the real host: never fuzzed.
    "/bash": "executes",
    "/file": "executes",
    "/git": "executes",
    "/workspace": "executes",
    "/vscode": "executes",
    "/desktop": "executes",
    "/children": "isolation=worktree runs git in the workspace",
    # They reach the network or start external processes (offline here: the real answer is that failure).
    "/api/acp": "starts ACP agent processes",
    "/api/canvas-extensions": "installs and starts extension backends",
    "/api/plugins/install": "fetches from the network",
    "/api/skills/install": "fetches from the network",
    "/api/llm/subscription": "calls the provider's device-code endpoint",
    # Canned in the mock: state the real server keeps and the mock does not yet (unknown ids 404 there).
    "/api/settings": "canned",
    "/api/profiles": "canned",
    "/api/agent-profiles": "canned",
    "/api/secrets": "canned",
    "/api/llm/provider-connections": "canned",
    "/api/mcp/oauth": "canned",
    # Without deferred init the real server has no init service.
    "/api/init": "unreachable",
    "/sockets": "WebSocket routes",
}
CASES_PER_OPERATION = 40


def _negative_cases(live: str) -> list[schemathesis.Case]:
    """Up to ``CASES_PER_OPERATION`` negative cases per operation, conversation ids pinned to ``live``."""
    schema = schemathesis.openapi.from_dict(copy.deepcopy(effective_spec()), config=schemathesis.Config())
    cases = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if any(part in operation.path for part in EXCLUDED_PATHS):
            continue
        generated = schema.iter_coverage_cases(
            operation,
            generation_modes=[GenerationMode.NEGATIVE],
            generation_config=schema.config.generation_for(operation=operation),
        )
        for index, case in enumerate(generated):
            if index >= CASES_PER_OPERATION:
                break
            for name in ("conversation_id", "runtime_conversation_id"):
                if name in (case.path_parameters or {}):
                    case.path_parameters[name] = live
            cases.append(case)
    return cases


def _send(case: schemathesis.Case, url: str, http: httpx.Client) -> tuple[int, str]:
    kwargs = case.as_transport_kwargs(base_url=url, headers={**AUTH, "Connection": "close"})
    allowed = ("method", "url", "headers", "params", "content", "json", "data", "files")
    if kwargs.get("cookies"):  # per-request cookies are deprecated in httpx: a header instead
        kwargs["headers"]["Cookie"] = "; ".join(f"{k}={v}" for k, v in kwargs["cookies"].items())
    response = http.request(**{k: v for k, v in kwargs.items() if k in allowed})
    return response.status_code, response.text[:200]


@pytest.mark.timeout(900)  # ~1400 requests; the real server spends seconds on some (PATCH, ask_agent)
def test_negative_cases_get_the_real_status_class(servers: Servers) -> None:
    live = str(uuid.uuid4())
    cases = _negative_cases(live)
    assert len(cases) > 300  # the premise: a real sample, not a handful
    answers: dict[str, list[tuple[int, str]]] = {}
    for name, url, workspace in servers.pairs():
        body = {"conversation_id": live, "agent": AGENT, "workspace": {"working_dir": workspace}}
        with httpx.Client(timeout=30) as http:
            assert http.post(f"{url}/api/conversations", json=body, headers=AUTH).status_code == 201
            answers[name] = [_send(case, url, http) for case in cases]
    mismatches = collections.Counter()
    examples = {}
    for case, (real, real_body), (mock, mock_body) in zip(cases, answers["real"], answers["mock"], strict=True):
        if real // 100 != mock // 100:
            what = f"{case.method.upper()} {case.operation.path}: real {real // 100}xx, mock {mock // 100}xx"
            mismatches[what] += 1
            examples.setdefault(what, f"real {real} {real_body!r}, mock {mock} {mock_body!r}")
    assert not mismatches, "\n".join(f"{n} × {what}\n    e.g. {examples[what]}" for what, n in mismatches.most_common())
