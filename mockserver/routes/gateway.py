"""The OpenAI-compatible gateway: ``GET /v1/models``, ``POST /v1/chat/completions``, ``POST /v1/responses``.

Follows ``openhands/agent_server/openai/`` (router.py, service.py): a model is
``openhands_<LLM profile>``; a completion starts a conversation with the server's default agent
(the profile's LLM, the default tools, a summarizing condenser on the same LLM), sends the latest
user message, waits for the run and answers the agent's final response, with the conversation's
id in ``X-OpenHands-ServerConversation-ID`` (sent back, it continues that conversation). Streaming
chat completions replay the finished response as SSE chunks, as the server does.

The conversation plays the scenario the profile's model names (``openai/<scenario>``, as with the
scripted LLM), else the default scenario. Token counts are the mock's (it calls no LLM).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import JSONResponse, StreamingResponse

from contract.generated import models
from mockserver.profile_store import PROFILE_NOT_FOUND
from mockserver.routes.conversations import open_conversation, reserve_run, served_request
from mockserver.settings_store import dump
from mockserver.state import MockState
from mockserver.store import Conversation

router = APIRouter()
MODEL_PREFIX = "openhands_"
CONVERSATION_HEADER = "X-OpenHands-ServerConversation-ID"
GATEWAY_TIMEOUT_S = 120.0  # _GATEWAY_TIMEOUT_SECONDS
DEFAULT_TOOLS = ("terminal", "file_editor", "task_tracker")


def _state(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


@router.get("/v1/models")
async def list_gateway_models(request: Request) -> JSONResponse:
    """One model per stored profile, sorted by id."""
    data = [
        {"id": f"{MODEL_PREFIX}{name}", "object": "model", "created": 0, "owned_by": "openhands"}
        for name in _state(request).profiles.names()
    ]
    return JSONResponse({"object": "list", "data": sorted(data, key=lambda model: model["id"])})


# -- what the request asks -------------------------------------------------------------------------


def _profile_llm(state: MockState, model: str) -> tuple[str, dict[str, Any]]:
    """``_profile_name_from_model`` and ``_require_llm_profile``: the profile and its LLM."""
    if not (model.startswith(MODEL_PREFIX) and len(model) > len(MODEL_PREFIX)):
        raise HTTPException(404, detail=f"Unknown OpenHands model '{model}'. Use GET /v1/models.")
    name = model[len(MODEL_PREFIX) :]
    llm = state.profiles.load(name)
    if llm is None:
        raise HTTPException(404, detail=PROFILE_NOT_FOUND.format(name))
    return name, dump(llm)


def _chat_parts(content: Any) -> list[dict[str, Any]]:
    """``_content_to_sdk_parts`` for a chat message."""
    if content is None:
        return []
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    parts: list[dict[str, Any]] = []
    for part in content:
        if part.get("type") == "text":
            if part.get("text"):
                parts.append({"type": "text", "text": part["text"]})
        elif part.get("type") == "image_url":
            url = part.get("image_url")
            url = url.get("url") if isinstance(url, dict) else url
            if not url:
                raise HTTPException(400, detail="image_url content part is missing a url")
            parts.append({"type": "image", "image_urls": [url]})
        else:
            raise HTTPException(400, detail=f"Unsupported content part type: {part.get('type')}")
    return parts


def _texts(parts: list[dict[str, Any]]) -> str:
    return "\n".join(p["text"] for p in parts if p["type"] == "text")


def _chat_request(body: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """The latest user message's content and the system text (``_system_text``)."""
    messages = body.get("messages") or []
    user = next((m for m in reversed(messages) if m.get("role") == "user"), None)
    if user is None:
        raise HTTPException(400, detail="At least one user message is required")
    system = [_texts(_chat_parts(m.get("content"))) for m in messages if m.get("role") in ("system", "developer")]
    return _chat_parts(user.get("content")), "\n\n".join(t for t in system if t)


def _response_parts(message: dict[str, Any]) -> list[dict[str, Any]]:
    content = message.get("content")
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    parts: list[dict[str, Any]] = []
    for part in content or []:
        kind = part.get("type")
        if kind in ("input_text", "output_text"):
            if part.get("text"):
                parts.append({"type": "text", "text": part["text"]})
        elif kind == "input_image":
            if not part.get("image_url"):
                raise HTTPException(400, detail="input_image content part is missing an image_url")
            parts.append({"type": "image", "image_urls": [part["image_url"]]})
        else:
            raise HTTPException(400, detail=f"Unsupported Responses content part type: {kind}")
    return parts


def _responses_request(body: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """``_response_user_content`` and ``_response_system_text``."""
    system = [body["instructions"].strip()] if body.get("instructions") else []
    given = body.get("input")
    if isinstance(given, str):
        if not given:
            raise HTTPException(400, detail="Responses input must not be empty")
        return [{"type": "text", "text": given}], "\n\n".join(t for t in system if t)
    messages = [m for m in given or [] if m.get("role") not in ("system", "developer")]
    system += [_texts(_response_parts(m)) for m in given or [] if m.get("role") in ("system", "developer")]
    if not any(m.get("role") == "user" for m in messages):
        raise HTTPException(400, detail="Responses input must include a user message")
    if len(messages) == 1:
        return _response_parts(messages[0]), "\n\n".join(t for t in system if t)
    parts: list[dict[str, Any]] = []
    for message in messages:
        parts.append({"type": "text", "text": f'<message role="{message.get("role")}">'})
        parts.extend(_response_parts(message))
        parts.append({"type": "text", "text": "</message>"})
    return parts, "\n\n".join(t for t in system if t)


# -- the run ---------------------------------------------------------------------------------------


def _start_request(llm: dict[str, Any], system_text: str) -> dict[str, Any]:
    """The conversation the server's default agent profile launches for a profile's LLM."""
    agent_llm = {**llm, "usage_id": "agent", "stream": True}
    return {
        "agent": {
            "kind": "Agent",
            "llm": agent_llm,
            "tools": [{"name": name} for name in DEFAULT_TOOLS],
            "include_default_tools": ["FinishTool", "ThinkTool", "SwitchLLMTool"],
            "condenser": {"kind": "LLMSummarizingCondenser", "llm": {**llm, "usage_id": "condenser"}},
            "agent_context": {"load_project_skills": True, "system_message_suffix": system_text or None},
        },
        "workspace": {"working_dir": "workspace/project"},
        "autotitle": False,
    }


async def _run(
    state: MockState, model: str, content: list[dict[str, Any]], system_text: str, reuse: uuid.UUID | None
) -> Conversation:
    """``_run_agent``: a new conversation (or the one named by the header), its run awaited."""
    profile, llm = _profile_llm(state, model)
    agent_profile = state.agent_profiles.active()  # activating (and seeding) ``default`` if none is
    if agent_profile is None:
        raise HTTPException(409, detail="No active Agent Profile; activate one to use the gateway")
    conversation = state.store.get(reuse) if reuse is not None else None
    if conversation is None:
        start = models.StartConversationRequest.model_validate(
            {**_start_request(llm, system_text), "conversation_id": str(reuse) if reuse else None}
        )
        scenario = state.scenario_named_by_model(llm.get("model"))
        conversation = open_conversation(state, served_request(state, start), scenario)
        conversation.meta.launched_agent_profile = {
            "agent_profile_id": str(agent_profile.id),
            "revision": agent_profile.revision,
            "secret_refs": agent_profile.secret_refs,
            "llm_profile_ref": profile if agent_profile.agent_kind == "openhands" else None,
        }
        state.webhooks.changed(conversation.info(created=True))
    starter = reserve_run(state, conversation)
    state.engine.append_user_message(conversation, content)
    task = conversation.run.task
    await starter()
    if task is not None:
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=GATEWAY_TIMEOUT_S)
        except TimeoutError:
            raise HTTPException(504, detail="Agent run timed out") from None
    status = conversation.status
    if status in ("error", "stuck"):
        raise HTTPException(500, detail=f"Agent run ended with status: {status}")
    if status in ("paused", "waiting_for_confirmation"):
        raise HTTPException(409, detail=f"Agent run ended with status: {status}")
    if status != "finished":
        raise HTTPException(500, detail=f"Agent run ended with unexpected status: {status}")
    return conversation


def _tokens(conversation: Conversation) -> tuple[int, int]:
    """The combined token usage of every LLM of the conversation (prompt, completion)."""
    usages = [m.get("accumulated_token_usage") or {} for m in conversation.state["stats"]["usage_to_metrics"].values()]
    return sum(u.get("prompt_tokens", 0) for u in usages), sum(u.get("completion_tokens", 0) for u in usages)


# -- the routes ------------------------------------------------------------------------------------


def _sse(response: dict[str, Any], include_usage: bool) -> Iterator[str]:
    """``iter_openai_chat_completion_sse``: role, content, finish, optional usage, then DONE."""
    head = {"id": response["id"], "created": response["created"], "model": response["model"]}
    choice = response["choices"][0]
    chunks: list[dict[str, Any]] = [
        {"choices": [{"delta": {"role": "assistant"}, "index": 0}]},
        {"choices": [{"delta": {"content": choice["message"]["content"]}, "index": 0}]},
        {"choices": [{"delta": {}, "finish_reason": choice["finish_reason"], "index": 0}]},
    ]
    if include_usage:
        chunks.append({"choices": [], "usage": response["usage"]})
    for chunk in chunks:
        payload = {"id": head["id"], **chunk, "created": head["created"], "model": head["model"]}
        payload["object"] = "chat.completion.chunk"
        ordered = {k: payload[k] for k in ("id", "choices", "created", "model", "object", "usage") if k in payload}
        yield f"data: {json.dumps(ordered, separators=(',', ':'))}\n\n"
    yield "data: [DONE]\n\n"


@router.post("/v1/chat/completions")
async def chat_completions(
    request: Request,
    body: models.OpenAIChatCompletionRequest,
    conversation_id: Annotated[uuid.UUID | None, Header(alias=CONVERSATION_HEADER)] = None,
) -> Any:
    wanted = body.model_dump(mode="json", exclude_none=True)
    content, system_text = _chat_request(wanted)
    conversation = await _run(_state(request), wanted["model"], content, system_text, conversation_id)
    prompt, completion = _tokens(conversation)
    response = {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "choices": [
            {
                "finish_reason": "stop",
                "index": 0,
                "message": {"content": conversation.final_response(), "role": "assistant"},
            }
        ],
        "created": int(time.time()),
        "model": wanted["model"],
        "object": "chat.completion",
        "usage": {"completion_tokens": completion, "prompt_tokens": prompt, "total_tokens": prompt + completion},
    }
    headers = {CONVERSATION_HEADER: str(conversation.id)}
    if wanted.get("stream"):
        include_usage = bool((wanted.get("stream_options") or {}).get("include_usage"))
        return StreamingResponse(_sse(response, include_usage), media_type="text/event-stream", headers=headers)
    return JSONResponse(response, headers=headers)


@router.post("/v1/responses")
async def responses(request: Request, body: models.OpenAIResponseRequest) -> JSONResponse:
    wanted = body.model_dump(mode="json", exclude_none=True)
    if wanted.get("stream"):
        raise HTTPException(400, detail="Streaming responses are not supported yet")
    if wanted.get("store"):
        raise HTTPException(400, detail="Persistent response storage (store=True) is not supported yet")
    if wanted.get("previous_response_id"):
        raise HTTPException(400, detail="previous_response_id is not supported; replay input items instead")
    content, system_text = _responses_request(wanted)
    created_at = time.time()
    conversation = await _run(_state(request), wanted["model"], content, system_text, None)
    prompt, completion = _tokens(conversation)
    text = {"annotations": [], "text": conversation.final_response(), "type": "output_text"}
    response = {
        "id": f"resp_{uuid.uuid4().hex}",
        "created_at": created_at,
        "completed_at": time.time(),
        "instructions": wanted.get("instructions"),
        "metadata": wanted.get("metadata"),
        "model": wanted["model"],
        "object": "response",
        "output": [
            {
                "id": f"msg_{uuid.uuid4().hex}",
                "content": [text],
                "role": "assistant",
                "status": "completed",
                "type": "message",
            }
        ],
        "parallel_tool_calls": False,
        "status": "completed",
        "tool_choice": "none",
        "tools": [],
        "usage": {
            "input_tokens": prompt,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": completion,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": prompt + completion,
        },
    }
    body_out = {k: v for k, v in response.items() if v is not None}  # response_model_exclude_none
    return JSONResponse(body_out, headers={CONVERSATION_HEADER: str(conversation.id)})
