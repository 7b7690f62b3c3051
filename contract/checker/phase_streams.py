"""Phase (d): play scenario client scripts and judge each recorded run with the §9.3 invariants.

Each scenario gets its own conversation (``tags: {scenario: name}`` selects it on the mock; its
LLM is the scripted LLM on a real server), an events socket opened before the first write, the
scenario's client steps, then the persisted log and count read back, then DELETE. Without a
scripted LLM on a real server, one generic run (which ends in ``error``: the LLM is unreachable)
is judged instead.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from contract.checker import driven
from contract.checker.context import Context
from contract.checker.repro import python_run
from contract.checker.wsclient import Recorder
from contract.client.bodies import message_body
from contract.harness.scenario import ClientStep, Scenario
from contract.spec.ws_protocol import announced_status, events_socket_path, is_full_state

PRIORITY = (
    "bash_then_finish",
    "confirmation_reject",
    "plain_reply",
    "llm_error",
    "confirmation_accept",
    "pause_idle",
    "interrupt",
    "message_during_run",
    "second_message",
    "streaming",
    "think_then_finish",
    "pause_resume",
    "message_during_reply",
    "stuck",
    "llm_auth_error",
    "llm_rate_limit",
)
"""Scenarios in the order they are played while the budget lasts (file_editor writes files: never)."""
CONCURRENCY = 4
"""Scenarios in flight at once (the server's run capacity is 10)."""
SNAPSHOT_GRACE_S = 2.0
START_RESERVE_S = 3.5
"""A scenario after the first starts only if this much of the phase budget is left."""


class _StepFailed(Exception):
    pass


async def run(ctx: Context) -> None:
    if ctx.can_play_scenarios:
        names = [n for n in PRIORITY if n in ctx.scenarios]
    else:
        names = [None]  # type: ignore[list-item]
        ctx.report.phases[-1].notes.append(
            "no scripted LLM: one generic run (unreachable LLM → error) instead of the scenarios"
        )
    slots = asyncio.Semaphore(CONCURRENCY)
    played: list[str] = []

    async def one(name: str | None) -> None:
        async with slots:
            # The first scenario starts on any budget left: every run judges at least one stream.
            if ctx.out_of_time(START_RESERVE_S if played else 0.0):
                return
            played.append(name or "generic")
            bound = ctx.options.run_timeout_s * 2 + 10
            try:
                await asyncio.wait_for(_play(ctx, name), timeout=bound)
            except TimeoutError:
                ctx.record(
                    "streams.responsive",
                    f"scenario {name or 'generic'} did not complete within {bound} s",
                    operation=name,
                )

    await asyncio.gather(*(one(name) for name in names))
    ctx.report.phases[-1].notes.append(f"played {len(played)} scenario(s): {', '.join(played)}")


def _generic() -> list[ClientStep]:
    return [ClientStep(action="send", text="Please say hi", run=True), ClientStep(action="wait", status="*")]


async def _play(ctx: Context, name: str | None) -> None:
    scenario: Scenario | None = ctx.scenarios[name] if name else None
    body = ctx.conversation_body(name or "plain_reply")
    steps = list(scenario.client) if scenario is not None else _generic()
    label = f"scenario {name or 'generic'}"
    repro_steps: list[tuple[str, str, Any]] = []
    async with ctx.async_client() as http:
        try:
            response = await http.post("/api/conversations", json=body)
        except httpx.HTTPError as exc:
            ctx.record(
                "streams.responsive", f"{label}: POST /api/conversations failed ({type(exc).__name__})", operation=label
            )
            return
        if response.status_code not in (200, 201):
            ctx.record(
                "streams.scenario_completes",
                f"{label}: POST /api/conversations → HTTP {response.status_code}",
                operation=label,
                reproducer=ctx.curl("POST", "/api/conversations", json_body=body),
            )
            return
        conversation_id = ctx.created_id(response, body)
        ctx.note_created(conversation_id)
        recorder = Recorder(ctx, events_socket_path(conversation_id))
        settled = False
        try:
            failed = await recorder.start()
            if failed is not None:
                ctx.record(
                    "streams.responsive",
                    f"{label}: cannot open the events socket ({failed.error or failed.handshake_status or failed.close_code})",
                    operation=label,
                )
                return
            if await recorder.wait_for(lambda f: True, ctx.options.request_timeout_s) is None:
                ctx.record("streams.responsive", f"{label}: no snapshot after connecting", operation=label)
                return
            window = len(recorder.frames)
            ctx.executed("streams.scenario_completes")
            try:
                for number, step in enumerate(steps):
                    if ctx.halted:  # a fail-fast run has its verdict: stop at this step
                        break
                    if step.after_ms:
                        await asyncio.sleep(step.after_ms / 1000)
                    window = await _step(
                        ctx,
                        http,
                        recorder,
                        conversation_id,
                        step,
                        window,
                        repro_steps,
                        f"{label} step {number} {step.action}",
                    )
            except _StepFailed as exc:
                ctx.record(
                    "streams.scenario_completes",
                    str(exc),
                    operation=label,
                    reproducer=python_run(ctx.base_url, body, repro_steps),
                )
            if not ctx.halted:
                await recorder.quiet(0.4, 5)
        finally:
            await recorder.close()
        if ctx.halted:
            await _delete(ctx, http, conversation_id)
            return
        try:
            log, count = await driven.afetch_log(http, conversation_id)
            state = await http.get(f"/api/conversations/{conversation_id}")
            settled = state.status_code == 200 and state.json().get("execution_status") != "running"
        except (httpx.HTTPError, driven.LogUnavailable, ValueError) as exc:
            ctx.record("streams.responsive", f"{label}: cannot read the log back ({exc})", operation=label)
            log, count = None, None
        if recorder.over_budget:
            ctx.record(
                "streams.responsive",
                f"{label}: more than {ctx.options.max_frames} frames (event budget)",
                operation=label,
            )
        driven.judge(
            ctx,
            recorder.frames,
            log,
            count,
            settled=settled,
            reproducer=python_run(ctx.base_url, body, repro_steps, note=label),
            operation=label,
        )
        await _delete(ctx, http, conversation_id)


async def _delete(ctx: Context, http: httpx.AsyncClient, conversation_id: str) -> None:
    try:
        deleted = await http.delete(f"/api/conversations/{conversation_id}")
        if deleted.status_code == 200:
            ctx.note_deleted(conversation_id)
    except httpx.HTTPError:
        pass


async def _step(
    ctx: Context,
    http: httpx.AsyncClient,
    recorder: Recorder,
    conversation_id: str,
    step: ClientStep,
    window: int,
    repro_steps: list[tuple[str, str, Any]],
    where: str,
) -> int:
    base = f"/api/conversations/{conversation_id}"
    request: tuple[str, str, Any] | None = None
    if step.action == "send":
        assert step.text is not None  # ClientStep requires text for send
        request = ("POST", "/events", message_body(step.text, run=step.run))
    elif step.action in ("run", "pause", "interrupt"):
        request = ("POST", f"/{step.action}", None)
    elif step.action in ("accept", "reject"):
        answer: dict[str, Any] = {"accept": step.action == "accept"}
        if step.reason is not None:
            answer["reason"] = step.reason
        request = ("POST", "/events/respond_to_confirmation", answer)
    elif step.action == "set_policy":
        request = ("POST", "/confirmation_policy", {"policy": {"kind": step.policy}})
    if request is not None:
        method, path, payload = request
        repro_steps.append(request)
        try:
            response = await http.request(method, base + path, json=payload)
        except httpx.HTTPError as exc:
            raise _StepFailed(f"{where}: {method} {path} failed ({type(exc).__name__})") from None
        if response.status_code != 200:
            raise _StepFailed(f"{where}: {method} {path} → HTTP {response.status_code} {response.text[:200]}")
        return window
    if step.action == "wait":
        return await _wait(ctx, recorder, step.status or "*", window, where)
    return window


async def _wait(ctx: Context, recorder: Recorder, wanted: str, window: int, where: str) -> int:
    """Wait for a frame showing ``wanted`` ("*": any non-running snapshot); prefer its full_state."""
    if wanted == "*":
        index = await recorder.wait_for(
            lambda f: isinstance(f, dict) and is_full_state(f) and announced_status(f) not in (None, "running"),
            ctx.options.run_timeout_s,
            window,
        )
    else:
        index = await recorder.wait_for(
            lambda f: isinstance(f, dict) and announced_status(f) == wanted, ctx.options.run_timeout_s, window
        )
    if index is None:
        seen = [announced_status(f) for f in recorder.frames[window:] if isinstance(f, dict) and announced_status(f)]
        raise _StepFailed(
            f"{where}: no frame showed status {wanted!r} within {ctx.options.run_timeout_s} s (statuses seen: {seen})"
        )
    if not is_full_state(recorder.frames[index]):
        snapshot = await recorder.wait_for(
            lambda f: isinstance(f, dict) and is_full_state(f) and announced_status(f) == wanted,
            SNAPSHOT_GRACE_S,
            index + 1,
        )
        index = snapshot if snapshot is not None else index
    return index + 1


__all__ = ["PRIORITY", "run"]
