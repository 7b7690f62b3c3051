"""Hypothesis strategies for LEGAL agent-server behaviour, and a hand-written corpus.

Every generated :class:`~contract.client_conformance.case.Case` is something a real 1.58.0
server can produce:

* agent runs are scenario turn lists (``contract/scenario.py``) that the mock's engine turns into
  the server's event sequences, so the stream invariants of the contract (§9.3) hold by
  construction: every action is answered (or waits for confirmation), every run starts with a
  persisted ``execution_status=running`` update and ends with a transient ``full_state`` snapshot
  sent after the ``/run`` response. Runs end every legal way: finish, plain reply (optionally
  streamed), LLM error, stuck detector, waiting for confirmation, pause, interrupt, or past the
  script (the agent finishes);
* variations are the server-side freedom the contract documents: extra ``stats`` updates (their
  position is nondeterministic on the real server), streaming deltas (the agent LLM streams),
  unknown event / action / observation kinds and unknown transient frames and state keys
  (additive union members), a user message from another client mid-run, pause or interrupt
  mid-step, socket drops with a non-fatal close code, duplicated frames, and a WebSocket delay
  relative to REST (at most 20 ms a frame here; the mock delays every frame, so a run's last
  frame lags REST by well under 200 ms at these sizes).

Sizes are bounded (≤ 3 rounds of send/run, ≤ 4 work turns a run, ≤ 3 variations a run, ≤ 2
socket drops a case: each drop costs the client's 1 s reconnect back-off) so that an example runs
in about a second. Choices are ordered simplest-first, so hypothesis shrinks towards a plain
send/run/finish.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from contract.client_conformance.case import (
    NON_FATAL_CLOSE_CODES,
    Case,
    PauseStep,
    RejectStep,
    RunPlan,
    RunStep,
    SendStep,
    ServerStep,
    Variation,
)
from contract.harness.scenario import ErrorTurn, Observation, ReplyTurn, ToolTurn

MAX_ROUNDS = 3
MAX_WORK_TURNS = 3
MAX_VARIATIONS_PER_RUN = 3
MAX_BETWEEN_STEPS = 2
MAX_DROPS_PER_CASE = 2
WS_DELAYS_MS = (0, 5, 20)
LLM_DELAYS_MS = (0, 10, 40)
MESSAGES = ("Please run ls", "What is in this directory?", "Try again, please", "Thanks — finish up")
COMMANDS = (("ls", "README.md"), ("pwd", "/workspace"), ("echo hi", "hi"), ("date", "Mon Jan  5 10:00:00 UTC 2026"))
LLM_ERROR_STATUSES = (500, 429, 401, 400, 503)
IN_RUN_KINDS = (
    "stats",
    "deltas",
    "message",
    "duplicate_frames",
    "unknown_transient",
    "unknown_state_key",
    "unknown_event",
    "unknown_action",
    "pause",
    "interrupt",
    "drop_socket",
)
BETWEEN_RUN_KINDS = (
    "stats",
    "deltas",
    "message",
    "duplicate_frames",
    "unknown_transient",
    "unknown_state_key",
    "unknown_event",
    "unknown_action",
    "drop_socket",
)
ANCHORS = ("running", "action", "observation", "stats", "end")


def llm_delays() -> st.SearchStrategy[int]:
    return st.sampled_from(LLM_DELAYS_MS)


@st.composite
def work_turns(draw: st.DrawFn) -> ToolTurn:
    """A step that does not end the run: a terminal command or a think."""
    if draw(st.booleans()):
        return ToolTurn(
            tool="think", arguments={"thought": "Let me plan the next step."}, llm_delay_ms=draw(llm_delays())
        )
    command, output = draw(st.sampled_from(COMMANDS))
    return ToolTurn(
        tool="terminal",
        arguments={"command": command},
        observation=Observation(text=output, exit_code=0),
        llm_delay_ms=draw(llm_delays()),
    )


def _numbered(turn: ToolTurn, index: int) -> ToolTurn:
    """Distinct commands within a run, so the stuck detector fires only for the stuck ending
    (hypothesis likes repeating a value; four equal steps in a row are 'stuck')."""
    if turn.tool != "terminal" or index == 0:
        return turn
    return turn.model_copy(update={"arguments": {"command": f"{turn.arguments['command']} # {index}"}})


@st.composite
def run_endings(draw: st.DrawFn) -> list[Any]:
    """The turns that end a run (empty: past the script, the mock's agent finishes)."""
    ending = draw(st.sampled_from(("finish", "reply", "none", "error", "stuck")))
    delay = draw(llm_delays())
    if ending == "finish":
        return [ToolTurn(tool="finish", arguments={"message": "Done."}, llm_delay_ms=delay)]
    if ending == "reply":
        return [ReplyTurn(reply="Here is my answer, streamed or not.", stream=draw(st.booleans()), llm_delay_ms=delay)]
    if ending == "error":
        return [ErrorTurn(error=draw(st.sampled_from(LLM_ERROR_STATUSES)), llm_delay_ms=delay)]
    if ending == "stuck":
        # The stuck detector: the same action and observation four times in a row.
        return [
            ToolTurn(
                tool="terminal",
                arguments={"command": "echo again"},
                observation=Observation(text="again"),
                llm_delay_ms=delay,
            )
            for _ in range(4)
        ]
    return []


@st.composite
def variations(draw: st.DrawFn, *, in_run: bool) -> Variation:
    do = draw(st.sampled_from(IN_RUN_KINDS if in_run else BETWEEN_RUN_KINDS))
    fields: dict[str, Any] = {"do": do}
    if in_run:
        anchors = tuple(a for a in ANCHORS if not (do == "message" and a == "end"))
        fields["after"] = draw(st.sampled_from(anchors))
        fields["nth"] = draw(st.integers(1, 2))
    if do in ("deltas", "duplicate_frames"):
        fields["count"] = draw(st.integers(1, 3))
    if do == "drop_socket":
        fields["code"] = draw(st.sampled_from(NON_FATAL_CLOSE_CODES))
    if do == "message":
        fields["text"] = draw(st.sampled_from(MESSAGES))
    return Variation(**fields)


@st.composite
def run_plans(draw: st.DrawFn) -> RunPlan:
    work = [_numbered(turn, i) for i, turn in enumerate(draw(st.lists(work_turns(), max_size=MAX_WORK_TURNS)))]
    turns = work + draw(run_endings())
    if not turns:
        turns = [ToolTurn(tool="finish", arguments={"message": "Done."})]
    during = draw(st.lists(variations(in_run=True), max_size=MAX_VARIATIONS_PER_RUN))
    return RunPlan(turns=turns, ws_delay_ms=draw(st.sampled_from(WS_DELAYS_MS)), during=during)


@st.composite
def between_steps(draw: st.DrawFn) -> Any:
    choice = draw(st.sampled_from(("server", "pause", "reject")))
    if choice == "pause":
        return PauseStep()
    if choice == "reject":
        return RejectStep()
    return ServerStep(server=draw(variations(in_run=False)))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A whole case: up to three rounds of [send] → run → [between-run steps]."""
    policy = draw(st.sampled_from(("NeverConfirm", "AlwaysConfirm")))
    steps: list[Any] = []
    for _ in range(draw(st.integers(1, MAX_ROUNDS))):
        if draw(st.booleans()):
            steps.append(SendStep(send=draw(st.sampled_from(MESSAGES))))
        steps.append(RunStep(run=draw(run_plans())))
        steps += draw(st.lists(between_steps(), max_size=MAX_BETWEEN_STEPS))
    return _limit_drops(Case(confirmation_policy=policy, steps=steps))


def _limit_drops(case: Case) -> Case:
    """Keep at most MAX_DROPS_PER_CASE socket drops (and one per run)."""
    budget = MAX_DROPS_PER_CASE
    steps: list[Any] = []
    for step in case.steps:
        if isinstance(step, ServerStep) and step.server.do == "drop_socket":
            if budget == 0:
                continue
            budget -= 1
        if isinstance(step, RunStep):
            during = []
            dropped = False
            for variation in step.run.during:
                if variation.do == "drop_socket":
                    if budget == 0 or dropped:
                        continue
                    budget -= 1
                    dropped = True
                during.append(variation)
            step = RunStep(run=step.run.model_copy(update={"during": during}))
        steps.append(step)
    return Case(confirmation_policy=case.confirmation_policy, steps=steps)


# -- corpus: hand-written cases that cover every variation and every way a run ends ------------


def _terminal(command: str, output: str, delay: int = 0) -> ToolTurn:
    return ToolTurn(
        tool="terminal", arguments={"command": command}, observation=Observation(text=output), llm_delay_ms=delay
    )


def _finish(delay: int = 0) -> ToolTurn:
    return ToolTurn(tool="finish", arguments={"message": "Done."}, llm_delay_ms=delay)


def _v(do: str, after: str | None = None, **fields: Any) -> Variation:
    return Variation(do=do, after=after, **fields)


CORPUS: dict[str, Case] = {
    # finish, a plain streamed reply, stats and deltas, a message from another client mid-run.
    "finish_reply_stats_message": Case(
        steps=[
            SendStep(send="Please run ls"),
            RunStep(
                run=RunPlan(
                    turns=[_terminal("ls", "README.md", 10), _finish(10)],
                    during=[_v("stats", "action"), _v("deltas", "observation", count=3)],
                )
            ),
            SendStep(send="And now?"),
            RunStep(
                run=RunPlan(
                    turns=[ReplyTurn(reply="Streaming this answer.", stream=True, llm_delay_ms=20), _finish()],
                    ws_delay_ms=5,
                    during=[_v("message", "running", text="Also say thanks"), _v("stats", "end")],
                )
            ),
            ServerStep(server=_v("stats")),
        ]
    ),
    # LLM error, then the stuck detector; both must make run() raise.
    "error_then_stuck": Case(
        steps=[
            SendStep(send="This will fail"),
            RunStep(run=RunPlan(turns=[_terminal("pwd", "/workspace"), ErrorTurn(error=500, llm_delay_ms=10)])),
            SendStep(send="Loop"),
            RunStep(run=RunPlan(turns=[_terminal("echo again", "again") for _ in range(4)], ws_delay_ms=5)),
            SendStep(send="Once more"),
            RunStep(run=RunPlan(turns=[_finish()])),
        ]
    ),
    # Confirmation mode: the run stops for confirmation, reject, a second run waits again and
    # a third run approves the pending action.
    "confirmation": Case(
        confirmation_policy="AlwaysConfirm",
        steps=[
            SendStep(send="Run something that needs approval"),
            RunStep(run=RunPlan(turns=[_terminal("ls", "README.md", 10)])),
            RejectStep(),
            SendStep(send="Try again"),
            RunStep(
                run=RunPlan(turns=[_terminal("date", "today", 10)], during=[_v("duplicate_frames", "action", count=2)])
            ),
            RunStep(run=RunPlan(turns=[_finish()])),
        ],
    ),
    # Pause mid-step (the step still completes), interrupt mid-step, a client pause when idle.
    "pause_interrupt": Case(
        steps=[
            SendStep(send="Run a slow command"),
            RunStep(
                run=RunPlan(
                    turns=[_terminal("ls", "README.md", 40), _terminal("pwd", "/w", 40), _finish()],
                    during=[_v("pause", "action")],
                )
            ),
            RunStep(
                run=RunPlan(
                    turns=[_terminal("echo hi", "hi", 40), _finish(40)], during=[_v("interrupt", "observation")]
                )
            ),
            PauseStep(),
            SendStep(send="Continue"),
            RunStep(run=RunPlan(turns=[_finish()])),
        ]
    ),
    # A socket drop mid-run and one between runs (the client must reconnect and reconcile),
    # duplicated frames, WebSocket delay.
    "drops_and_duplicates": Case(
        steps=[
            SendStep(send="Please run ls"),
            RunStep(
                run=RunPlan(
                    turns=[_terminal("ls", "README.md", 10), _terminal("pwd", "/w", 10), _finish()],
                    ws_delay_ms=5,
                    during=[
                        _v("drop_socket", "action", code=1011),
                        _v("duplicate_frames", "observation", nth=2, count=3),
                    ],
                )
            ),
            ServerStep(server=_v("drop_socket", code=1001)),
            ServerStep(server=_v("stats")),
            SendStep(send="Again"),
            RunStep(run=RunPlan(turns=[_finish(10)], ws_delay_ms=20)),
        ]
    ),
    # Forward-compatible additions: unknown event, action/observation, transient and state key.
    "unknown_kinds": Case(
        steps=[
            SendStep(send="Please run ls"),
            RunStep(
                run=RunPlan(
                    turns=[_terminal("ls", "README.md", 10), _finish()],
                    during=[
                        _v("unknown_transient", "running"),
                        _v("unknown_action", "action"),
                        _v("unknown_state_key", "observation"),
                    ],
                )
            ),
            ServerStep(server=_v("unknown_event")),
            # After the drop the server moves on while the client backs off: its reconnect must
            # recover the missed events through REST, past the unknown kind in the log.
            ServerStep(server=_v("drop_socket", code=1012)),
            ServerStep(server=_v("message", text="A message from another client")),
            SendStep(send="Again"),
            RunStep(run=RunPlan(turns=[_finish()])),
        ]
    ),
}
