"""An OpenAI-compatible chat-completions endpoint that answers from scenarios.

A real agent server is pointed at this endpoint (LLM model ``openai/<scenario name>``,
``base_url`` = ``<url>/v1``). Each agent LLM call gets the scenario turn whose index is the
number of assistant messages already in the request's history, so the same scenario produces
the same run on every server.

Routes:

* ``POST /v1/chat/completions`` (also ``/chat/completions``): JSON, or SSE when ``stream`` is true.
* ``POST /admin/scenarios``: register (or replace) one scenario given as JSON.
* ``GET /admin/requests``: the most recent request bodies received, oldest first.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Mapping
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from contract.harness.scenario import (
    FALLBACK_FINISH_MESSAGE,
    FALLBACK_REPLY,
    TITLE_REPLY,
    ErrorTurn,
    ReplyTurn,
    Scenario,
    ToolTurn,
    bundled_scenarios,
    parse_scenario,
)
from contract.harness.serving import ServedApp

TITLE_MARKER = "generates concise, descriptive titles"
MAX_RECORDED_REQUESTS = 500

_ERROR_TYPES = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("authentication_error", "invalid_api_key"),
    403: ("permission_error", "permission_denied"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
}


# --------------------------------------------------------------------------- request parsing


def _text_of(content: Any) -> str:
    """Plain text of a message ``content`` (a string or a list of content parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def is_title_request(body: Mapping[str, Any]) -> bool:
    """True for the server's auto-title LLM call (recognised by its system prompt)."""
    return any(
        message.get("role") == "system" and TITLE_MARKER in _text_of(message.get("content"))
        for message in body.get("messages") or []
        if isinstance(message, dict)
    )


def turn_index(body: Mapping[str, Any]) -> int:
    """Index of the turn to play: each consumed turn leaves one assistant message behind."""
    return sum(
        1 for message in body.get("messages") or [] if isinstance(message, dict) and message.get("role") == "assistant"
    )


def scenario_name(model: str) -> str:
    """The scenario a request's ``model`` designates (litellm strips ``openai/``; be lenient)."""
    return model.removeprefix("openai/")


def _tool_parameters(body: Mapping[str, Any], tool: str) -> dict[str, Any] | None:
    """JSON-schema ``properties`` of ``tool`` as offered in the request, or None if not offered."""
    for entry in body.get("tools") or []:
        function = entry.get("function") if isinstance(entry, dict) else None
        if isinstance(function, dict) and function.get("name") == tool:
            return (function.get("parameters") or {}).get("properties") or {}
    return None


def _tool_arguments(body: Mapping[str, Any], turn: ToolTurn) -> dict[str, Any]:
    """The turn's arguments plus the meta-parameters the agent's tool schema asks for."""
    arguments = dict(turn.arguments)
    properties = _tool_parameters(body, turn.tool) or {}
    if "security_risk" in properties:
        arguments.setdefault("security_risk", "LOW")
    if "summary" in properties:
        arguments.setdefault("summary", f"{turn.tool} call")
    return arguments


# --------------------------------------------------------------------------- answers


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4)


def _usage(body: Mapping[str, Any], message: Mapping[str, Any]) -> dict[str, int]:
    prompt = _estimate_tokens(json.dumps(body.get("messages") or []))
    completion = _estimate_tokens(json.dumps(message))
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def plan_answer(scenario: Scenario | None, body: Mapping[str, Any]) -> tuple[dict[str, Any], str] | ErrorTurn:
    """Decide the assistant message (and finish reason) for a request, or the error to return.

    ``scenario`` may be None only for title requests, which never consume a turn (the title is
    the scenario's, or :data:`TITLE_REPLY` for a model that names none).
    """
    if is_title_request(body):
        return {"role": "assistant", "content": scenario.title if scenario else TITLE_REPLY}, "stop"
    assert scenario is not None
    index = turn_index(body)
    turn = scenario.turns[index] if index < len(scenario.turns) else None
    if turn is None:
        # Past the script: finish so that a run always terminates.
        if _tool_parameters(body, "finish") is None:
            return {"role": "assistant", "content": FALLBACK_REPLY}, "stop"
        turn = ToolTurn(tool="finish", arguments={"message": FALLBACK_FINISH_MESSAGE})
    if isinstance(turn, ErrorTurn):
        return turn
    if isinstance(turn, ReplyTurn):
        return {"role": "assistant", "content": turn.reply}, "stop"
    tool_call = {
        "id": f"call_{index + 1}",
        "type": "function",
        "function": {"name": turn.tool, "arguments": json.dumps(_tool_arguments(body, turn))},
    }
    return {"role": "assistant", "content": turn.thought or None, "tool_calls": [tool_call]}, "tool_calls"


def planned_delay_ms(scenario: Scenario | None, body: Mapping[str, Any]) -> int:
    if scenario is None or is_title_request(body):
        return 0
    index = turn_index(body)
    return scenario.turns[index].llm_delay_ms if index < len(scenario.turns) else 0


def error_body(status: int, message: str) -> dict[str, Any]:
    """An OpenAI-style error body for an HTTP status."""
    error_type, code = _ERROR_TYPES.get(status, ("server_error", "server_error"))
    return {"error": {"message": message, "type": error_type, "code": code, "param": None}}


def _completion(model: str, message: dict[str, Any], finish_reason: str, usage: dict[str, int]) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": usage,
    }


def _chunks(model: str, message: dict[str, Any], finish_reason: str, usage: dict[str, int]) -> list[dict[str, Any]]:
    """The streaming form of one answer: role, content pieces, tool calls, finish, usage."""
    base = {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
    }

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]}

    chunks = [chunk({"role": "assistant", "content": ""})]
    content = message.get("content") or ""
    # Small fixed-size pieces so streaming clients see several deltas.
    chunks += [chunk({"content": content[i : i + 8]}) for i in range(0, len(content), 8)]
    for position, call in enumerate(message.get("tool_calls") or []):
        chunks.append(chunk({"tool_calls": [{"index": position, **call}]}))
    chunks.append(chunk({}, finish_reason))
    chunks.append({**base, "choices": [], "usage": usage})
    return chunks


async def _sse(chunks: list[dict[str, Any]]) -> AsyncIterator[bytes]:
    for item in chunks:
        yield f"data: {json.dumps(item)}\n\n".encode()
    yield b"data: [DONE]\n\n"


# --------------------------------------------------------------------------- application


class _State:
    """Scenarios and the bounded request log shared by the routes."""

    def __init__(self, scenarios: Mapping[str, Scenario], max_requests: int) -> None:
        self.scenarios: dict[str, Scenario] = dict(scenarios)
        self.requests: deque[dict[str, Any]] = deque(maxlen=max_requests)


def create_app(
    scenarios: Mapping[str, Scenario] | None = None, *, max_requests: int = MAX_RECORDED_REQUESTS
) -> Starlette:
    """Build the scripted-LLM ASGI app (default scenarios: the bundled pack)."""
    state = _State(bundled_scenarios() if scenarios is None else scenarios, max_requests)

    async def chat_completions(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse(error_body(400, "request body is not JSON"), status_code=400)
        if not isinstance(body, dict):
            return JSONResponse(error_body(400, "request body must be an object"), status_code=400)
        state.requests.append(body)
        model = str(body.get("model", ""))
        scenario = state.scenarios.get(scenario_name(model))
        if scenario is None and not is_title_request(body):
            return JSONResponse(error_body(404, f"no scenario named {model!r}"), status_code=404)

        if delay := planned_delay_ms(scenario, body):
            await asyncio.sleep(delay / 1000)
        answer = plan_answer(scenario, body)
        if isinstance(answer, ErrorTurn):
            return JSONResponse(error_body(answer.error, answer.message), status_code=answer.error)
        message, finish_reason = answer
        usage = _usage(body, message)
        if body.get("stream"):
            return StreamingResponse(
                _sse(_chunks(model, message, finish_reason, usage)), media_type="text/event-stream"
            )
        return JSONResponse(_completion(model, message, finish_reason, usage))

    async def add_scenario(request: Request) -> Response:
        try:
            scenario = parse_scenario(await request.json(), "POST /admin/scenarios")
        except ValueError as exc:  # includes ScenarioError and malformed JSON
            return JSONResponse({"detail": str(exc)}, status_code=422)
        state.scenarios[scenario.name] = scenario
        return JSONResponse({"name": scenario.name}, status_code=201)

    async def list_requests(request: Request) -> Response:
        return JSONResponse(list(state.requests))

    app = Starlette(
        routes=[
            Route("/v1/chat/completions", chat_completions, methods=["POST"]),
            Route("/chat/completions", chat_completions, methods=["POST"]),
            Route("/admin/scenarios", add_scenario, methods=["POST"]),
            Route("/admin/requests", list_requests, methods=["GET"]),
        ]
    )
    app.state.scripted = state
    return app


# --------------------------------------------------------------------------- running it


class ScriptedLLM(ServedApp):
    """Runs the scripted LLM on a free loopback port in a background thread.

    >>> with ScriptedLLM(scenarios) as llm:
    ...     llm.base_url  # "http://127.0.0.1:<port>/v1", the agent LLM's base_url
    """

    def __init__(
        self,
        scenarios: Mapping[str, Scenario] | None = None,
        *,
        max_requests: int = MAX_RECORDED_REQUESTS,
        host: str = "127.0.0.1",
        port: int = 0,
        name: str = "scripted-llm",
        startup_timeout_s: float = 10.0,
    ) -> None:
        super().__init__(
            create_app(scenarios, max_requests=max_requests),
            name=name,
            host=host,
            port=port,
            startup_timeout_s=startup_timeout_s,
        )

    @property
    def base_url(self) -> str:
        """OpenAI base URL to configure as the agent LLM's ``base_url``."""
        return f"{self.url}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Request bodies received so far (bounded, oldest first)."""
        return list(self.app.state.scripted.requests)

    def add_scenario(self, scenario: Scenario) -> None:
        """Register or replace one scenario."""
        self.app.state.scripted.scenarios[scenario.name] = scenario

    def start(self) -> ScriptedLLM:
        super().start()
        return self

    def __enter__(self) -> ScriptedLLM:
        return self.start()


def serve(scenarios: Mapping[str, Scenario] | None = None, *, host: str = "127.0.0.1", port: int = 18050) -> None:
    """Serve ``scenarios`` (default: the bundled pack) until interrupted (blocking)."""
    uvicorn.run(create_app(scenarios), host=host, port=port, log_level="warning")
