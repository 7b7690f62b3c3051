"""Phase (e): drop the events socket mid-run, reconnect with resend_mode=since, lose nothing.

The client drops its socket as soon as the run reports ``running``, waits (bounded) until the
run is over, then reconnects with ``resend_mode=since&after_timestamp=<last persisted frame seen>``.
The frames of both connections together must be the whole persisted log (no gaps), the resend
must not repeat an event, and the only events both connections carry are the ones stamped at the
cursor itself: ``after_timestamp`` is inclusive (``timestamp >= after``, contract §2.1), so a
client deduplicates them by id.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime
from typing import Any

import httpx

from contract.checker import driven
from contract.checker.context import Context
from contract.checker.invariants import frame_problems
from contract.checker.repro import KEY_ENV, KEY_PLACEHOLDER, ws_url
from contract.checker.wsclient import Recorder
from contract.client.bodies import message_body
from contract.client.waiting import WaitTimeout, await_until
from contract.spec.ws_protocol import announced_status, events_socket_path, is_transient_event

SLOW_SCENARIO = "message_during_run"
"""Its first LLM call takes 1.5 s (at any mock speed), so the drop lands inside the run."""
POLL_S = 0.1


def _ts(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _repro(ctx: Context, conversation_id: str, after: str) -> str:
    first = ws_url(ctx.base_url, events_socket_path(conversation_id))
    second = ws_url(
        ctx.base_url, events_socket_path(conversation_id), {"resend_mode": "since", "after_timestamp": after}
    )
    return "\n".join(
        [
            "import asyncio, json, os, httpx",
            "from websockets.asyncio.client import connect",
            f'KEY = os.environ.get("{KEY_ENV}")  # {KEY_PLACEHOLDER}',
            "AUTH = json.dumps({'type': 'auth', 'session_api_key': KEY})",
            "async def main():",
            f"    async with connect({first!r}) as ws:  # 1st connection: read until execution_status=running, then drop",
            "        await ws.send(AUTH)",
            "        ...  # POST /events {run: true}; read frames until running",
            "    # wait until GET /api/conversations/<id> shows a non-running status, then:",
            f"    async with connect({second!r}) as ws:",
            "        await ws.send(AUTH)",
            "        for _ in range(50): print(await asyncio.wait_for(ws.recv(), 2))",
            "asyncio.run(main())",
        ]
    )


async def run(ctx: Context) -> None:
    scenario = SLOW_SCENARIO if ctx.can_play_scenarios and SLOW_SCENARIO in ctx.scenarios else "plain_reply"
    body = ctx.conversation_body(scenario)
    async with ctx.async_client() as http:
        try:
            response = await http.post("/api/conversations", json=body)
        except httpx.HTTPError as exc:
            ctx.record("reconnect.responsive", f"POST /api/conversations failed ({type(exc).__name__})")
            return
        if response.status_code not in (200, 201):
            ctx.report.phases[-1].notes.append(f"could not create a conversation: HTTP {response.status_code}")
            return
        conversation_id = ctx.created_id(response, body)
        ctx.note_created(conversation_id)
        try:
            await _drop_and_resume(ctx, http, conversation_id)
        finally:
            try:
                if (await http.delete(f"/api/conversations/{conversation_id}")).status_code == 200:
                    ctx.note_deleted(conversation_id)
            except httpx.HTTPError:
                pass


async def _drop_and_resume(ctx: Context, http: httpx.AsyncClient, conversation_id: str) -> None:
    path = events_socket_path(conversation_id)
    first = Recorder(ctx, path)
    failed = await first.start()
    if failed is not None:
        ctx.record(
            "reconnect.responsive",
            f"cannot open the events socket ({failed.error or failed.handshake_status or failed.close_code})",
        )
        return
    try:
        if await first.wait_for(lambda f: True, ctx.options.request_timeout_s) is None:
            ctx.record("reconnect.responsive", "no snapshot on the first connection")
            return
        message = message_body("Please run echo first", run=True)
        await http.post(f"/api/conversations/{conversation_id}/events", json=message)
        running = await first.wait_for(
            lambda f: isinstance(f, dict) and f.get("key") == "execution_status" and f.get("value") == "running",
            ctx.options.run_timeout_s,
        )
        if running is None:
            ctx.record("reconnect.responsive", f"the run did not report running within {ctx.options.run_timeout_s} s")
            return
    finally:
        await first.close()  # the drop
    seen = [f for f in first.frames[1:] if isinstance(f, dict) and not is_transient_event(f)]
    after = seen[-1].get("timestamp") if seen else None
    if not isinstance(after, str):
        ctx.record("reconnect.no_gaps", "no persisted frame with a timestamp before the drop")
        return

    # Let the run finish while no socket is connected: everything it emits must come back.
    async def run_ended() -> bool:
        try:
            state = await http.get(f"/api/conversations/{conversation_id}")
            return state.status_code == 200 and state.json().get("execution_status") != "running"
        except (httpx.HTTPError, ValueError):
            return False

    try:
        await await_until(run_ended, timeout_s=ctx.options.run_timeout_s, what="the run to end", interval_s=POLL_S)
    except WaitTimeout:
        ctx.record("reconnect.responsive", f"the run did not end within {ctx.options.run_timeout_s} s")
        return
    await asyncio.sleep(0.3)  # the end-of-run snapshot and late frames
    try:
        log, _ = await driven.afetch_log(http, conversation_id)
    except (httpx.HTTPError, driven.LogUnavailable, ValueError) as exc:
        ctx.record("reconnect.responsive", f"cannot read the log ({exc})")
        return
    expected_resend = [e for e in log if (_ts(e.get("timestamp")) or datetime.min) >= (_ts(after) or datetime.min)]
    second = Recorder(ctx, path, query={"resend_mode": "since", "after_timestamp": after})
    failed = await second.start()
    if failed is not None:
        ctx.record(
            "reconnect.responsive", f"cannot reconnect ({failed.error or failed.handshake_status or failed.close_code})"
        )
        return
    try:
        wanted = 1 + len(expected_resend)
        await second.wait_for(lambda f: len(second.frames) >= wanted, ctx.options.request_timeout_s)
        await second.quiet(0.3, 3)
    finally:
        await second.close()
    _judge(ctx, conversation_id, after, first.frames, second.frames, log)


def _judge(
    ctx: Context, conversation_id: str, after: str, first: list[Any], second: list[Any], log: list[dict[str, Any]]
) -> None:
    repro = _repro(ctx, conversation_id, after)
    for frame in second:
        for problem in frame_problems(frame, "streams.frame_schema"):
            ctx.record(problem.check, problem.message, reproducer=repro, operation="reconnect")
    one = [f for f in first[1:] if isinstance(f, dict) and not is_transient_event(f)]
    two = [f for f in second[1:] if isinstance(f, dict) and not is_transient_event(f)]
    ctx.executed("reconnect.no_gaps")
    ctx.executed("reconnect.no_duplicates")
    if not second or not (isinstance(second[0], dict) and announced_status(second[0]) is not None):
        ctx.record("reconnect.no_gaps", "the reconnected socket did not start with a snapshot", reproducer=repro)
    merged: list[str] = []
    for frame in one + two:
        if str(frame.get("id")) not in merged:
            merged.append(str(frame.get("id")))
    log_ids = [e.get("id") for e in log]
    missing = [e for e in log if e.get("id") not in set(merged)]
    if missing:
        kinds = ", ".join(str(e.get("kind")) for e in missing[:5])
        ctx.record(
            "reconnect.no_gaps",
            f"{len(missing)} persisted event(s) reached neither connection: {kinds}",
            reproducer=repro,
        )
    elif merged != log_ids:
        ctx.record(
            "reconnect.no_gaps", "both connections together deliver the log in a different order", reproducer=repro
        )
    repeated = [i for i, n in Counter(f.get("id") for f in two).items() if n > 1]
    if repeated:
        ctx.record("reconnect.no_duplicates", f"the resend delivered {len(repeated)} event(s) twice", reproducer=repro)
    boundary = _ts(after) or datetime.min
    overlap = [f for f in two if f.get("id") in {g.get("id") for g in one}]
    early = [f for f in overlap if (_ts(f.get("timestamp")) or datetime.min) < boundary]
    if early:
        ctx.record(
            "reconnect.no_duplicates",
            f"{len(early)} event(s) stamped before after_timestamp were sent again",
            reproducer=repro,
        )
    stale = [f for f in two if (_ts(f.get("timestamp")) or boundary) < boundary]
    if stale and not early:
        ctx.record(
            "reconnect.no_duplicates",
            f"the resend includes {len(stale)} event(s) stamped before after_timestamp",
            reproducer=repro,
        )
