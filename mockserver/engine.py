"""The run engine: the real server's execution-status machine, driven by scenario turns.

A run is a background task started *after* the HTTP response that asked for it, so the
transient ``full_state`` snapshot that ends every run always follows that response (the SDK
only accepts an end-of-run snapshot after ``POST /run`` returned). Pause lets the in-flight
step finish; interrupt cancels it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from contract.harness.scenario import DEFAULT_TOOLS, FALLBACK_FINISH_MESSAGE, ErrorTurn, ReplyTurn, ToolTurn, Turn
from mockserver import event_builder as build
from mockserver.faults import Faults
from mockserver.hook_events import STOP_ON_BLOCK, blocking_reason, hook_execution, hooks_for, model_dump_of
from mockserver.shell import outcome
from mockserver.store import Conversation
from mockserver.tool_answer import ToolAnswer

logger = logging.getLogger("uvicorn.error")
# Realistic latencies (ms) at speed 1, from the real server with a local scripted LLM.
LLM_CALL_MS = 300
FIRST_STEP_EXTRA_MS = 150
# Between two streamed pieces of a reply (8 characters each: a model streaming ~50 tokens/s), and
# a tool's run time, for a turn that sets no ``tool_duration_ms``: what a UI's streaming and
# spinners need to be seen. Scaled by ``speed`` like the LLM latency (0 at speed 0).
STREAM_PIECE_MS = 40
TOOL_MS = 120
# Even at speed 0 a run starts (and its end-of-run snapshot follows) this long after the /run
# response: the SDK arms its end-of-run wait only once the response is parsed, and ignores
# earlier snapshots.
SNAPSHOT_FLOOR_S = 0.02
# The SDK's stuck detector fires when the same action and observation repeat this many times.
STUCK_REPEATS = 4
NEEDS_NO_CONFIRMATION = frozenset({"finish", "think"})
_CONFIG = {"kind": "config", "retryable": False, "user_action": "settings"}
_TRANSIENT = build.TRANSIENT_CLASSIFICATION
# ConversationErrorEvent (code, detail, classification) per LLM HTTP status, as the real server
# (litellm + SDK, num_retries 0) reports an OpenAI-compatible endpoint's error with ``{message}``.
# Every row was observed with the scripted LLM (fixtures/transcripts/llm_*.real.jsonl for 401,
# 429 and 500; the others from one-off probes). 401 replaces the provider text with the SDK's own.
LLM_ERRORS: dict[int, tuple[str, str, dict[str, Any]]] = {
    400: ("LLMBadRequestError", "litellm.BadRequestError: OpenAIException - {message}", _CONFIG),
    401: (
        "LLMAuthenticationError",
        "Your LLM API key appears to be invalid or has expired.",
        {"kind": "auth", "retryable": False, "user_action": "settings"},
    ),
    403: ("APIError", "litellm.APIError: APIError: OpenAIException - {message}", _TRANSIENT),
    404: ("NotFoundError", "litellm.NotFoundError: OpenAIException - {message}", _CONFIG),
    429: (
        "LLMRateLimitError",
        "litellm.RateLimitError: RateLimitError: OpenAIException - {message}",
        {"kind": "rate_limit", "retryable": True, "user_action": "retry"},
    ),
    500: (
        "LLMServiceUnavailableError",
        "litellm.InternalServerError: InternalServerError: OpenAIException - {message}",
        _TRANSIENT,
    ),
    502: ("BadGatewayError", "litellm.BadGatewayError: BadGatewayError: OpenAIException - {message}", _TRANSIENT),
    503: (
        "LLMServiceUnavailableError",
        "litellm.ServiceUnavailableError: ServiceUnavailableError: OpenAIException - {message}",
        _TRANSIENT,
    ),
    504: ("LLMTimeoutError", "litellm.Timeout: Timeout Error: OpenAIException - {message}", _TRANSIENT),
}


class RunConflict(Exception):
    """A run is already active (HTTP 409)."""

    detail = "Conversation already running. Wait for completion or pause first."


class RunCapacityExceeded(Exception):
    """All run slots are taken (HTTP 429)."""


class Engine:
    """Executes scenario turns for every conversation of one mock server."""

    def __init__(self, *, speed: float, max_concurrent_runs: int, faults: Faults):
        self.speed = speed
        self.max_concurrent_runs = max_concurrent_runs
        self.faults = faults
        self._running: set[asyncio.Task] = set()
        self._background: set[asyncio.Task] = set()  # auto-title calls, kept until they end

    # -- timing -----------------------------------------------------------------------------

    async def _pause_for(self, ms: float) -> None:
        if ms > 0 and self.speed > 0:
            await asyncio.sleep(ms * self.speed / 1000)

    async def _llm_latency(self, turn: Turn, first: bool) -> None:
        """Wait as long as the LLM call behind ``turn`` takes.

        A turn's own ``llm_delay_ms`` is part of the script and is played as written, at any
        speed: the client script's ``after_ms`` timings are not scaled either, and the scripted
        LLM sleeps exactly that long in front of a real server. Scaling it (to 0 at speed 0)
        let a slow turn finish before the client's pause/interrupt/second message arrived, so
        those scenarios produced a different sequence than the real server. Only the default,
        simulated latency scales with ``speed``.
        """
        if turn.llm_delay_ms:
            await asyncio.sleep(turn.llm_delay_ms / 1000)
        else:
            await self._pause_for(LLM_CALL_MS + (FIRST_STEP_EXTRA_MS if first else 0))

    # -- messages ---------------------------------------------------------------------------

    def _init_agent(self, conversation: Conversation) -> None:
        if not conversation.run.agent_initialized:
            conversation.run.agent_initialized = True
            # _ensure_plugins_loaded stores the hooks in the state before the agent's system prompt.
            if conversation.run.pending_hook_config is not None:
                conversation.set_state("hook_config", conversation.run.pending_hook_config)
            self._hooks(conversation, "SessionStart")
            tools = [str(t.get("name")) for t in conversation.state["agent"].get("tools") or [] if isinstance(t, dict)]
            conversation.emit(build.system_prompt(tools))

    async def receive_message(self, conversation: Conversation, content: list[dict[str, Any]]) -> dict[str, Any]:
        """A client's message (REST or socket): it waits for a running tool, as
        ``LocalConversation.send_message`` waits for the state lock an agent step holds."""
        async with conversation.run.step_lock:
            return self.append_user_message(conversation, content)

    def append_user_message(self, conversation: Conversation, content: list[dict[str, Any]]) -> dict[str, Any]:
        """Append a user message the way ``LocalConversation.send_message`` does."""
        if conversation.status in ("finished", "stuck"):
            conversation.set_state("execution_status", "idle")
        self._init_agent(conversation)
        message = build.message("user", build.normalize_content(content))
        if self._has_hooks(conversation, "UserPromptSubmit"):
            # The hooks run on the created message (they name its id) before it is logged.
            message = conversation.prestamped(message)
            text = "".join(c.get("text", "") for c in message["llm_message"]["content"] if c.get("type") == "text")
            hooks = self._hooks(
                conversation, "UserPromptSubmit", message_id=message["id"], hook_input={"message": text}
            )
            reason = blocking_reason(hooks)
            if reason is not None:  # block_message: the agent skips it at its next step
                blocked = conversation.state.get("blocked_messages") or {}
                conversation.set_state("blocked_messages", {**blocked, message["id"]: reason})
        event = conversation.emit(message)
        conversation.set_state("last_user_message_id", event["id"])
        if conversation.run.autotitle and conversation.meta.title is None:
            self._autotitle(conversation, content)
        return event

    def _autotitle(self, conversation: Conversation, content: list[dict[str, Any]]) -> None:
        """``AutoTitleSubscriber``: the first user message with text gets the conversation a title
        from one LLM call in the background (the scripted LLM's answer, the scenario's
        ``title``); the call's metrics publish one more ``stats`` update once it returns, after
        the message's response, and a title set meanwhile is kept."""
        if conversation.run.titling or not any(c.get("type") == "text" and c.get("text", "").strip() for c in content):
            return
        conversation.run.titling = True

        async def title_call() -> None:
            await asyncio.sleep(SNAPSHOT_FLOOR_S)
            await self._pause_for(LLM_CALL_MS)
            if conversation.deleted:
                return
            if conversation.meta.title is None:
                conversation.meta.title = conversation.run.scenario.title
            self.record_llm_usage(conversation)

        task = asyncio.get_running_loop().create_task(title_call())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # -- runs -------------------------------------------------------------------------------

    def is_running(self, conversation: Conversation) -> bool:
        return conversation.running or conversation.status == "running"

    def start_run(self, conversation: Conversation) -> Callable[[], Awaitable[None]]:
        """Reserve a run now (raising 409/429 conditions) and return its starter.

        The caller invokes the starter once its HTTP response is out; until then the run is
        already reserved, so a concurrent ``/run`` gets 409.
        """
        if self.is_running(conversation):
            raise RunConflict
        if len(self._running) >= self.max_concurrent_runs:
            raise RunCapacityExceeded
        gate = asyncio.Event()
        task = asyncio.get_running_loop().create_task(self._run(conversation, gate))
        conversation.run.task = task
        self._running.add(task)
        task.add_done_callback(self._running.discard)

        async def release() -> None:
            gate.set()

        return release

    async def _run(self, conversation: Conversation, gate: asyncio.Event) -> None:
        await gate.wait()
        # The real run starts on an executor thread after the response is out: its frames, from
        # ``running`` on, reach a client after the response, never interleaved with it.
        await asyncio.sleep(SNAPSHOT_FLOOR_S)
        try:
            if conversation.status == "finished":
                return  # the real server's run on a finished conversation only re-snapshots
            self._init_agent(conversation)
            conversation.set_state("execution_status", "running")
            for pending in conversation.pending_actions():  # run() approves pending actions
                await self._execute(conversation, pending, conversation.run.action_turns.get(pending["id"]))
            await self._loop(conversation)
        except asyncio.CancelledError:
            self._on_interrupt(conversation)
        except Exception as exc:  # a run the mock cannot play must still end
            # As the server's run error path: a ConversationErrorEvent and status error, so no
            # client waits forever on a run the scenario cannot drive.
            logger.exception("mock run failed; the conversation ends in error")
            conversation.set_state("execution_status", "error")
            conversation.emit(
                build.conversation_error(type(exc).__name__, f"mock could not play the scenario: {exc!r}")
            )
        finally:
            conversation.run.task = None
            if not conversation.deleted:
                await asyncio.sleep(SNAPSHOT_FLOOR_S)
                if not self.faults.take("omit_snapshot"):
                    conversation.snapshot()

    async def _loop(self, conversation: Conversation) -> None:
        first = True
        while True:
            async with conversation.run.step_lock:
                pass  # a message or pause that waited for the last tool goes first (a fair lock)
            if conversation.status != "running" or conversation.deleted:
                break
            if self._pop_blocked(conversation, "blocked_messages", conversation.state.get("last_user_message_id")):
                self._finished(conversation)  # Agent.step: a blocked message finishes without an LLM call
                continue
            turn = self._next_turn(conversation)
            last_message = conversation.state.get("last_user_message_id")
            await self._step(conversation, turn, first)
            first = False
            if conversation.state.get("last_user_message_id") != last_message:
                self._continue_for_new_message(conversation)

    def _continue_for_new_message(self, conversation: Conversation) -> None:
        """A user message arrived during the step (``LocalConversation._arun``'s rescan).

        If the step ended the run (``finished``) or stopped for confirmation, the real loop
        does not stop: it rejects a pending action ("Superseded by a new user message"), goes
        back to ``running`` and answers the new message in the same run. Observed: a message
        sent during the slow final reply gives ``finished`` then ``running`` then the second
        reply, with a single end-of-run snapshot.
        """
        if conversation.status == "waiting_for_confirmation":
            self.reject(conversation, "Superseded by a new user message")
        if conversation.status in ("finished", "waiting_for_confirmation", "idle"):
            conversation.set_state("execution_status", "running")

    async def _step(self, conversation: Conversation, turn: Turn, first: bool) -> None:
        """One agent step: an LLM call, then its message or action (and observation)."""
        await self._llm_latency(turn, first)
        if isinstance(turn, ErrorTurn):
            # A failed call leaves no assistant message behind, so the next call (a re-run)
            # plays the same turn again, as the scripted LLM counts turns.
            self._fail(conversation, turn)
            return
        conversation.run.turn += 1
        self.record_llm_usage(conversation)
        streams = self._streams(conversation)
        for number, chunk in enumerate(
            _chunks(turn.reply if isinstance(turn, ReplyTurn) else turn.thought) if streams else ()
        ):
            if number:
                await self._pause_for(STREAM_PIECE_MS)
            conversation.emit(build.streaming_delta(chunk), persist=False)
        if isinstance(turn, ReplyTurn):
            conversation.emit(
                build.message(
                    "agent", [build.text_content(turn.reply)], llm_response_id=self._response_id(conversation)
                )
            )
            self._finished(conversation)
            return
        action = build.action(
            turn.tool,
            turn.arguments,
            thought=turn.thought,
            tool_call_id=f"call_{conversation.run.turn}",
            llm_response_id=self._response_id(conversation),
            streamed=streams,
            client_tool=self._is_client_tool(conversation, turn.tool),
        )
        available = self.available_tools(conversation)
        if turn.tool not in available:
            # Agent._get_action_event: a call to a tool the agent lacks is an action without a
            # definition and an AgentErrorEvent; the agent carries on with its next LLM call.
            action.pop("action", None)
            action = conversation.emit(action)
            error = f"Tool '{turn.tool}' not found. Available: {available}"
            conversation.emit(build.agent_error(turn.tool, action["tool_call_id"], error))
            return
        if self._has_hooks(conversation, "PreToolUse", turn.tool):
            action = conversation.prestamped(action)
            tool_input = model_dump_of(action, "action")
            hooks = self._hooks(
                conversation,
                "PreToolUse",
                tool_name=turn.tool,
                action_id=action["id"],
                hook_input={"tool_name": turn.tool, "tool_input": tool_input},
            )
            reason = blocking_reason(hooks)
            if reason is not None:  # block_action: rejected instead of executed, and the run goes on
                blocked = conversation.state.get("blocked_actions") or {}
                conversation.set_state("blocked_actions", {**blocked, action["id"]: reason})
                action = conversation.emit(action)
                reason = self._pop_blocked(conversation, "blocked_actions", action["id"]) or reason
                conversation.emit(
                    build.user_reject(turn.tool, action["tool_call_id"], action["id"], reason, source="hook")
                )
                return
        action = conversation.emit(action)
        # Remembered so that an approved (confirmation) action reports the scenario's
        # observation; without it the approval ran a bare ToolTurn and reported "".
        conversation.run.action_turns[action["id"]] = turn
        if self._needs_confirmation(conversation, turn):
            conversation.set_state("execution_status", "waiting_for_confirmation")
            return
        await self._execute(conversation, action, turn)
        if turn.tool == "finish":
            self._finished(conversation)
            return
        if self._is_stuck(conversation):
            conversation.set_state("execution_status", "stuck")
            return

    @staticmethod
    def available_tools(conversation: Conversation) -> list[str]:
        """The agent's ``tools_map`` keys: its tools in order, then the default finish and think."""
        tools = [str(t.get("name")) for t in conversation.state["agent"].get("tools") or [] if isinstance(t, dict)]
        return [*tools, *(name for name in DEFAULT_TOOLS if name not in tools)]

    @staticmethod
    def _simulated(
        conversation: Conversation, tool: str, arguments: dict[str, Any], scripted: bool
    ) -> ToolAnswer | None:
        """The answer of a tool the mock runs on the conversation's own state (its files, its
        task list); None for the tools whose answer comes from the scenario."""
        if tool == "file_editor":
            return conversation.run.files.apply(arguments, scripted=scripted)
        if tool == "task_tracker":
            return conversation.run.tasks.apply(arguments)
        if tool == "terminal" and not scripted:
            # Read off the command, as the bash routes answer it; the terminal's pty merges
            # stderr into stdout and the tool trims the last newline.
            result = outcome(
                str(arguments.get("command", "")),
                cwd=conversation.state["workspace"].get("working_dir", ""),
                rules=conversation.run.scenario.commands,
                files=conversation.run.files.files,
            )
            text = "".join(printed.stdout + printed.stderr for printed in result.printed).removesuffix("\n")
            return ToolAnswer(text, exit_code=result.exit_code)
        return None

    @staticmethod
    def _is_client_tool(conversation: Conversation, tool: str) -> bool:
        """A tool of the start request's ``client_tools``: the client executes it, the SDK only
        acknowledges the call."""
        return any(isinstance(spec, dict) and spec.get("name") == tool for spec in conversation.meta.client_tools)

    def _finished(self, conversation: Conversation) -> None:
        """The agent finished: status ``finished``, then the Stop hooks."""
        conversation.set_state("execution_status", "finished")
        self._hooks(conversation, "Stop", hook_input={"reason": "agent_finished"})

    @staticmethod
    def _has_hooks(conversation: Conversation, event_type: str, tool_name: str | None = None) -> bool:
        return bool(hooks_for(conversation.state.get("hook_config"), event_type, tool_name))

    @staticmethod
    def _hooks(
        conversation: Conversation, event_type: str, tool_name: str | None = None, **fields: Any
    ) -> list[dict[str, Any]]:
        """One HookExecutionEvent per hook of ``hook_config`` that runs at this point (returned);
        where a hook can block, none runs after the first that does (``stop_on_block``)."""
        emitted = []
        for hook in hooks_for(conversation.state.get("hook_config"), event_type, tool_name):
            emitted.append(conversation.emit(hook_execution(event_type, hook, tool_name=tool_name, **fields)))
            if emitted[-1].get("blocked") and event_type in STOP_ON_BLOCK:
                break
        return emitted

    @staticmethod
    def _pop_blocked(conversation: Conversation, key: str, event_id: str | None) -> str | None:
        """``pop_blocked_message`` / ``pop_blocked_action``: the reason, removed from the state."""
        blocked = dict(conversation.state.get(key) or {})
        if event_id is None or event_id not in blocked:
            return None
        reason = blocked.pop(event_id)
        conversation.set_state(key, blocked)
        return str(reason)

    @staticmethod
    def _streams(conversation: Conversation) -> bool:
        """Deltas when the agent's LLM streams: the server wires its token callback only for an
        agent with ``llm.stream`` true (``EventService._agent_can_stream``), and then every
        answer streams, a tool call's text included (a reply turn's ``stream`` only asks for
        the streaming LLM)."""
        return bool((conversation.state["agent"].get("llm") or {}).get("stream"))

    def _next_turn(self, conversation: Conversation) -> Turn:
        turns = conversation.run.scenario.turns
        if conversation.run.turn < len(turns):
            return turns[conversation.run.turn]
        # Past the script the agent finishes, so every run terminates.
        return ToolTurn(tool="finish", arguments={"message": FALLBACK_FINISH_MESSAGE})

    def _response_id(self, conversation: Conversation) -> str:
        return f"resp-{conversation.run.turn}"

    def _needs_confirmation(self, conversation: Conversation, turn: ToolTurn) -> bool:
        policy = conversation.state["confirmation_policy"].get("kind")
        return policy == "AlwaysConfirm" and turn.tool not in NEEDS_NO_CONFIRMATION

    async def _execute(self, conversation: Conversation, action: dict[str, Any], turn: ToolTurn | None = None) -> None:
        arguments = json.loads(action["tool_call"]["arguments"])
        if turn is None:
            turn = ToolTurn(tool=action["tool_name"], arguments=arguments)
        conversation.run.executing = action
        # Held through the observation, as the server's state lock is held through a step: a
        # message or pause sent meanwhile lands after it.
        async with conversation.run.step_lock:
            # A turn's own duration is played as written at any speed, like its LLM delay: a
            # test at speed 0 can still interrupt a slow tool or message during it.
            if turn.tool_duration_ms:
                await asyncio.sleep(turn.tool_duration_ms / 1000)
            else:
                await self._pause_for(TOOL_MS)
            conversation.run.executing = None
            answer = self._tool_answer(conversation, turn, arguments)
            observation = build.observation(
                turn.tool,
                arguments,
                text=answer.text,
                exit_code=answer.exit_code if answer.exit_code is not None else self._scripted_exit_code(turn),
                is_error=answer.is_error,
                tool_call_id=action["tool_call_id"],
                action_id=action["id"],
                working_dir=conversation.state["workspace"].get("working_dir", ""),
                save_dir=f"{conversation.state['persistence_dir']}/observations",
                client_tool=self._is_client_tool(conversation, turn.tool),
                fields=answer.fields,
            )
            if self._has_hooks(conversation, "PostToolUse", turn.tool):
                observation = conversation.prestamped(observation)
                hook_input = {
                    "tool_name": turn.tool,
                    "tool_input": model_dump_of(action, "action"),
                    "tool_response": model_dump_of(observation, "observation"),
                }
                self._hooks(
                    conversation, "PostToolUse", tool_name=turn.tool, action_id=action["id"], hook_input=hook_input
                )
            conversation.emit(observation)

    @staticmethod
    def _scripted_exit_code(turn: ToolTurn) -> int | None:
        return turn.observation.exit_code if turn.observation else 0

    def _tool_answer(self, conversation: Conversation, turn: ToolTurn, arguments: dict[str, Any]) -> ToolAnswer:
        """What the tool reports: the SDK's acknowledgment for a client tool, the mock's own run
        of a tool it keeps state for (files, tasks), else the scenario's observation."""
        if self._is_client_tool(conversation, turn.tool):
            return ToolAnswer(build.CLIENT_TOOL_OBSERVATION_TEXT)
        observed = turn.observation
        simulated = self._simulated(conversation, turn.tool, arguments, scripted=observed is not None)
        if simulated is not None:
            return simulated
        text = observed.text if observed and observed.text else build.default_observation_text(turn.tool, arguments)
        return ToolAnswer(text, is_error=observed.is_error if observed else False)

    def _is_stuck(self, conversation: Conversation) -> bool:
        if not conversation.state.get("stuck_detection"):
            return False
        steps = [e for e in conversation.events if e["kind"] in ("ActionEvent", "ObservationEvent")][
            -2 * STUCK_REPEATS :
        ]
        if len(steps) < 2 * STUCK_REPEATS:
            return False
        signatures = {
            (e["tool_name"], e.get("tool_call", {}).get("arguments")) for e in steps if e["kind"] == "ActionEvent"
        }
        outputs = {json.dumps(e["observation"].get("content")) for e in steps if e["kind"] == "ObservationEvent"}
        return len(signatures) == 1 and len(outputs) == 1

    def _fail(self, conversation: Conversation, turn: ErrorTurn) -> None:
        # Unlisted statuses: litellm's generic 5xx / 4xx mapping (as for 500 / 403).
        fallback = LLM_ERRORS[500] if turn.error >= 500 else LLM_ERRORS[403]
        code, detail, classification = LLM_ERRORS.get(turn.error, fallback)
        conversation.set_state("execution_status", "error")
        conversation.emit(
            build.conversation_error(code, detail.format(message=turn.message), classification=classification)
        )

    def record_llm_usage(self, conversation: Conversation) -> None:
        llm = conversation.state["agent"].get("llm", {})
        model = llm.get("model", "mock")
        usage_id = llm.get("usage_id", "agent")
        metrics = conversation.state["stats"]["usage_to_metrics"].setdefault(
            usage_id,
            {
                "model_name": model,
                "accumulated_cost": 0.0,
                "max_budget_per_task": None,
                "accumulated_token_usage": _token_usage(model, 0, 0),
                "costs": [],
                "response_latencies": [],
                "token_usages": [],
            },
        )
        total = metrics["accumulated_token_usage"]
        metrics["accumulated_token_usage"] = _token_usage(
            model, total["prompt_tokens"] + 120, total["completion_tokens"] + 24
        )
        snapshot = {
            key: {k: v for k, v in value.items() if k not in ("costs", "response_latencies", "token_usages")}
            for key, value in conversation.state["stats"]["usage_to_metrics"].items()
        }
        conversation.emit(build.state_update("stats", {"usage_to_metrics": snapshot}))

    # -- control ----------------------------------------------------------------------------

    async def pause(self, conversation: Conversation) -> None:
        """POST /pause: status paused + PauseEvent now; an in-flight LLM call still completes,
        and a running tool first (the server's pause waits for the state lock the step holds)."""
        async with conversation.run.step_lock:
            if conversation.status in ("idle", "running"):
                conversation.set_state("execution_status", "paused")
                conversation.emit(build.user_control("PauseEvent"))
            conversation.snapshot()

    async def interrupt(self, conversation: Conversation) -> None:
        """POST /interrupt: cancel the in-flight step at once; otherwise behave like pause."""
        task = conversation.run.task
        if task is None or task.done():
            await self.pause(conversation)
            return
        task.cancel()
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(asyncio.shield(task), timeout=5.0)
        conversation.snapshot()

    def _on_interrupt(self, conversation: Conversation) -> None:
        executing, conversation.run.executing = conversation.run.executing, None
        if executing is not None:
            conversation.emit(
                build.agent_error(
                    executing["tool_name"],
                    executing["tool_call_id"],
                    "Tool call interrupted before completion. The conversation was paused.",
                )
            )
        conversation.set_state("execution_status", "paused")
        conversation.emit(build.user_control("InterruptEvent"))

    def reject(self, conversation: Conversation, reason: str) -> None:
        """respond_to_confirmation accept=false: idle, then one rejection per pending action."""
        pending = conversation.pending_actions()
        if not pending:
            return
        conversation.set_state("execution_status", "idle")
        for action in pending:
            conversation.emit(build.user_reject(action["tool_name"], action["tool_call_id"], action["id"], reason))


def _token_usage(model: str, prompt: int, completion: int) -> dict[str, Any]:
    return {
        "model": model,
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "cache_read_tokens": 0,
        "cache_write_tokens": 0,
        "reasoning_tokens": 0,
        "context_window": 0,
        "per_turn_token": prompt + completion,
        "response_id": "",
    }


def _chunks(text: str, size: int = 8) -> list[str]:
    """The streamed pieces of a reply, as an OpenAI-style stream delivers them.

    The stream opens with a role chunk whose content is ``""``; the server forwards it as a
    ``StreamingDeltaEvent`` with empty content (it only drops ``None``), so the first delta
    is empty. Then fixed-size pieces, as the scripted LLM sends them.
    """
    return [""] + [text[i : i + size] for i in range(0, len(text), size)]
