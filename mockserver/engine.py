"""The run engine: the real server's execution-status machine, driven by scenario turns.

A run is a background task started *after* the HTTP response that asked for it, so the
transient ``full_state`` snapshot that ends every run always follows that response (the SDK
only accepts an end-of-run snapshot after ``POST /run`` returned). Pause lets the in-flight
step finish; interrupt cancels it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from contract.scenario import ErrorTurn, ReplyTurn, ToolTurn, Turn
from mockserver import event_builder as build
from mockserver.faults import Faults
from mockserver.store import Conversation

# Realistic latencies (ms) at speed 1, from the real server with a local scripted LLM.
LLM_CALL_MS = 300
FIRST_STEP_EXTRA_MS = 150
# Even at speed 0 the end-of-run snapshot waits this long after the /run response: the SDK
# arms its end-of-run wait only once the response is parsed, and ignores earlier snapshots.
SNAPSHOT_FLOOR_S = 0.02
# The SDK's stuck detector fires when the same action and observation repeat this many times.
STUCK_REPEATS = 4
NEEDS_NO_CONFIRMATION = frozenset({"finish", "think"})
LLM_ERROR_CODES = {
    400: "LLMBadRequestError",
    401: "LLMAuthenticationError",
    403: "LLMAuthenticationError",
    404: "LLMNotFoundError",
    429: "LLMRateLimitError",
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

    # -- timing -----------------------------------------------------------------------------

    async def _pause_for(self, ms: float) -> None:
        if ms > 0 and self.speed > 0:
            await asyncio.sleep(ms * self.speed / 1000)

    # -- messages ---------------------------------------------------------------------------

    def _init_agent(self, conversation: Conversation) -> None:
        if not conversation.meta.get("agent_initialized"):
            conversation.meta["agent_initialized"] = True
            tools = [t.get("name") for t in conversation.state["agent"].get("tools", []) if isinstance(t, dict)]
            conversation.emit(build.system_prompt(tools))

    def append_user_message(self, conversation: Conversation, content: list[dict[str, Any]]) -> dict[str, Any]:
        """Append a user message the way ``LocalConversation.send_message`` does."""
        if conversation.status in ("finished", "stuck"):
            conversation.set_state("execution_status", "idle")
        self._init_agent(conversation)
        event = conversation.emit(build.message("user", build.normalize_content(content)))
        conversation.set_state("last_user_message_id", event["id"])
        if conversation.meta.get("autotitle") and conversation.meta.get("title") is None:
            text = " ".join(c.get("text", "") for c in content if c.get("type") == "text").strip()
            conversation.meta["title"] = (text[:47] + "...") if len(text) > 50 else (text or None)
        return event

    # -- runs -------------------------------------------------------------------------------

    def is_running(self, conversation: Conversation) -> bool:
        task = conversation.run_task
        return (task is not None and not task.done()) or conversation.status == "running"

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
        conversation.run_task = task
        self._running.add(task)
        task.add_done_callback(self._running.discard)

        async def release() -> None:
            gate.set()

        return release

    async def _run(self, conversation: Conversation, gate: asyncio.Event) -> None:
        await gate.wait()
        try:
            if conversation.status == "finished":
                return  # the real server's run on a finished conversation only re-snapshots
            self._init_agent(conversation)
            conversation.set_state("execution_status", "running")
            for pending in conversation.pending_actions():  # run() approves pending actions
                await self._execute(conversation, pending)
            await self._loop(conversation)
        except asyncio.CancelledError:
            self._on_interrupt(conversation)
        finally:
            conversation.run_task = None
            if not conversation.deleted:
                await asyncio.sleep(SNAPSHOT_FLOOR_S)
                if not self.faults.take("omit_snapshot"):
                    conversation.snapshot()

    async def _loop(self, conversation: Conversation) -> None:
        first = True
        while conversation.status == "running" and not conversation.deleted:
            turn = self._next_turn(conversation)
            await self._pause_for(turn.llm_delay_ms or (LLM_CALL_MS + (FIRST_STEP_EXTRA_MS if first else 0)))
            first = False
            conversation.turn += 1
            if isinstance(turn, ErrorTurn):
                self._fail(conversation, turn)
                return
            self._record_llm_usage(conversation)
            if isinstance(turn, ReplyTurn):
                for chunk in _chunks(turn.reply) if turn.stream else ():
                    conversation.emit(build.streaming_delta(chunk), persist=False)
                conversation.emit(build.message("agent", [build.text_content(turn.reply)], llm_response_id=self._response_id(conversation)))
                conversation.set_state("execution_status", "finished")
                return
            action = conversation.emit(
                build.action(turn.tool, turn.arguments, thought=turn.thought, tool_call_id=f"call_{conversation.turn}", llm_response_id=self._response_id(conversation))
            )
            if self._needs_confirmation(conversation, turn):
                conversation.set_state("execution_status", "waiting_for_confirmation")
                return
            await self._execute(conversation, action, turn)
            if turn.tool == "finish":
                conversation.set_state("execution_status", "finished")
                return
            if self._is_stuck(conversation):
                conversation.set_state("execution_status", "stuck")
                return

    def _next_turn(self, conversation: Conversation) -> Turn:
        turns = conversation.scenario.turns
        if conversation.turn < len(turns):
            return turns[conversation.turn]
        # Past the script the agent finishes, so every run terminates.
        return ToolTurn(tool="finish", arguments={"message": "Done."})

    def _response_id(self, conversation: Conversation) -> str:
        return f"resp-{conversation.turn}"

    def _needs_confirmation(self, conversation: Conversation, turn: ToolTurn) -> bool:
        policy = conversation.state["confirmation_policy"].get("kind")
        return policy == "AlwaysConfirm" and turn.tool not in NEEDS_NO_CONFIRMATION

    async def _execute(self, conversation: Conversation, action: dict[str, Any], turn: ToolTurn | None = None) -> None:
        arguments = json.loads(action["tool_call"]["arguments"])
        if turn is None:
            turn = ToolTurn(tool=action["tool_name"], arguments=arguments)
        conversation.meta["executing"] = action
        await self._pause_for(turn.tool_duration_ms)
        conversation.meta["executing"] = None
        observed = turn.observation
        conversation.emit(
            build.observation(
                turn.tool,
                arguments,
                text=observed.text if observed and observed.text else build.default_observation_text(turn.tool, arguments),
                exit_code=observed.exit_code if observed else 0,
                is_error=observed.is_error if observed else False,
                tool_call_id=action["tool_call_id"],
                action_id=action["id"],
                working_dir=conversation.state["workspace"].get("working_dir", ""),
            )
        )

    def _is_stuck(self, conversation: Conversation) -> bool:
        if not conversation.state.get("stuck_detection"):
            return False
        steps = [e for e in conversation.events if e["kind"] in ("ActionEvent", "ObservationEvent")][-2 * STUCK_REPEATS :]
        if len(steps) < 2 * STUCK_REPEATS:
            return False
        signatures = {(e["tool_name"], e.get("tool_call", {}).get("arguments")) for e in steps if e["kind"] == "ActionEvent"}
        outputs = {json.dumps(e["observation"].get("content")) for e in steps if e["kind"] == "ObservationEvent"}
        return len(signatures) == 1 and len(outputs) == 1

    def _fail(self, conversation: Conversation, turn: ErrorTurn) -> None:
        code = LLM_ERROR_CODES.get(turn.error, "LLMServiceUnavailableError")
        detail = f"litellm.APIError: OpenAIException - {turn.message}"
        conversation.set_state("execution_status", "error")
        conversation.emit(build.conversation_error(code, detail, transient=turn.error >= 500 or turn.error == 429))

    def _record_llm_usage(self, conversation: Conversation) -> None:
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
        metrics["accumulated_token_usage"] = _token_usage(model, total["prompt_tokens"] + 120, total["completion_tokens"] + 24)
        snapshot = {
            key: {k: v for k, v in value.items() if k not in ("costs", "response_latencies", "token_usages")}
            for key, value in conversation.state["stats"]["usage_to_metrics"].items()
        }
        conversation.emit(build.state_update("stats", {"usage_to_metrics": snapshot}))

    # -- control ----------------------------------------------------------------------------

    async def pause(self, conversation: Conversation) -> None:
        """POST /pause: status paused + PauseEvent now; an in-flight step still completes."""
        if conversation.status in ("idle", "running"):
            conversation.set_state("execution_status", "paused")
            conversation.emit(build.user_control("PauseEvent"))
        conversation.snapshot()

    async def interrupt(self, conversation: Conversation) -> None:
        """POST /interrupt: cancel the in-flight step at once; otherwise behave like pause."""
        task = conversation.run_task
        if task is None or task.done():
            await self.pause(conversation)
            return
        task.cancel()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=5.0)
        except (asyncio.TimeoutError, asyncio.CancelledError):
            pass
        conversation.snapshot()

    def _on_interrupt(self, conversation: Conversation) -> None:
        executing = conversation.meta.pop("executing", None)
        if executing is not None:
            conversation.emit(
                build.agent_error(executing["tool_name"], executing["tool_call_id"], "Tool call interrupted before completion. The conversation was paused.")
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
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]
