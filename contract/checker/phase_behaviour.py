"""Phase (b): a hypothesis RuleBasedStateMachine over the conversation lifecycle.

Rules: create / send message / run / run twice (409) + interrupt / pause / interrupt / confirm /
reject / patch / delete / search and events paging / batch get / auth order. Every conversation is
settled (no run in flight) between rules, so each rule knows the status it starts from and checks
what §4 says must follow; invariants after each step check counts and that nothing is left
running. Each conversation's events socket is recorded from creation to deletion and judged by
the stream invariants (phase d). Findings are recorded, never raised, so one run collects them
all; examples run one at a time (seed + i) until the budget is used.
"""

from __future__ import annotations

import functools
import traceback
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from contract.checker import driven
from contract.checker.context import Context
from contract.spec.ws_protocol import announced_status, is_full_state
from contract.checker.known import INTERRUPT_AT_RUN_START
from contract.checker.model import Classification
from contract.checker.repro import KEY_HEADER
from contract.checker.wsclient import SyncRecorder

KINDS = {"fast": "bash_then_finish", "slow": "message_during_run", "confirm": "confirmation_reject"}
"""Conversation flavours: a quick run, a run whose first LLM call takes 1.5 s, AlwaysConfirm."""
MAX_LIVE = 3
STEPS = 12
MAX_EXAMPLES = 200
SNAPSHOT_WAIT_S = 5.0
NOT_RUNNING = frozenset({"idle", "paused", "waiting_for_confirmation", "finished", "error", "stuck"})


@dataclass
class Conv:
    id: str
    kind: str
    body: dict[str, Any]
    recorder: SyncRecorder
    status: str = "idle"
    steps: list[str] = field(default_factory=list)
    broken: bool = False

    def __repr__(self) -> str:  # hypothesis prints steps with it
        return f"Conv({self.kind}, {self.id[:8]})"

    @classmethod
    def dead(cls) -> Conv:
        """Stands in for a conversation that was not created (budget used, or creation failed)."""
        return cls("", "none", {}, None, broken=True)  # type: ignore[arg-type]


class Driver:
    """HTTP + bookkeeping shared by every example of one phase run."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.http = ctx.client()
        self.gone: list[str] = []
        self.auth_checked = False
        self.examples = 0
        self.steps = 0

    @property
    def stop(self) -> bool:
        return self.ctx.out_of_time(1.0)

    # -- HTTP ------------------------------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Any = None,
        conv: Conv | None = None,
        with_key: bool = True,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response | None:
        line = self.ctx.curl(method, path, json_body=json, params=params, with_key=with_key, headers=headers)
        if conv is not None:
            conv.steps.append(line)
        try:
            if with_key:
                response = self.http.request(method, path, json=json, params=params, headers=headers)
            else:
                response = httpx.request(method, self.ctx.base_url + path, json=json, params=params, headers=headers or {}, timeout=self.ctx.options.request_timeout_s)
        except httpx.HTTPError as exc:
            self.ctx.record("behaviour.responsive", f"{method} {_template(path)}: {type(exc).__name__}", reproducer=line, operation=f"{method} {_template(path)}")
            if conv is not None:
                conv.broken = True
            return None
        self.ctx.executed("behaviour.responsive")
        return response

    def expect(self, check: str, response: httpx.Response | None, expected: int | set[int], what: str, conv: Conv | None = None) -> bool:
        if response is None:
            return False
        allowed = {expected} if isinstance(expected, int) else expected
        self.ctx.executed(check)
        if response.status_code in allowed:
            return True
        request = response.request
        self.ctx.record(
            check,
            f"{what}: HTTP {response.status_code}, expected {' or '.join(map(str, sorted(allowed)))}",
            operation=f"{request.method} {_template(request.url.path)}",
            reproducer=self._repro(conv) + f"\n# answered {response.status_code}: {response.text[:200]}",
        )
        return False

    def fail(self, check: str, message: str, conv: Conv | None = None, operation: str | None = None) -> None:
        self.ctx.record(check, message, reproducer=self._repro(conv), operation=operation)

    def _repro(self, conv: Conv | None) -> str:
        if conv is None:
            return ""
        create = self.ctx.curl("POST", "/api/conversations", json_body=conv.body)
        return "\n".join([create + "   # then, with the new id:", *conv.steps[-6:]])

    # -- state -----------------------------------------------------------------------------------

    def status(self, conv: Conv) -> str | None:
        response = self.call("GET", f"/api/conversations/{conv.id}")
        if response is None or response.status_code != 200:
            return None
        return response.json().get("execution_status")

    def settle(self, conv: Conv, start: int, what: str) -> str | None:
        """Wait for the end-of-run snapshot after frame ``start``; return the settled status."""
        index = conv.recorder.wait_for(lambda f: isinstance(f, dict) and is_full_state(f) and announced_status(f) in NOT_RUNNING, self.ctx.options.run_timeout_s, start)
        status = self.status(conv)
        if index is None:
            if status == "running" or status is None:
                self.fail("behaviour.responsive", f"{what}: the run did not end within {self.ctx.options.run_timeout_s} s", conv)
                conv.broken = True
                return status
            # Ended without a snapshot: the stream invariants report it when the conversation is judged.
            conv.status = status
            return status
        shown = announced_status(conv.recorder.frames[index])
        self.ctx.executed("behaviour.transitions")
        if status is not None and shown != status and self._quiet_status(conv) != shown:
            self.fail("behaviour.transitions", f"{what}: the end-of-run snapshot shows {shown!r}, GET shows {status!r}", conv)
        conv.status = status or shown or conv.status
        return conv.status

    def _quiet_status(self, conv: Conv) -> str | None:
        conv.recorder.quiet(0.2, 2)
        return self.status(conv)

    def wait_snapshot(self, conv: Conv, start: int) -> None:
        conv.recorder.wait_for(lambda f: isinstance(f, dict) and is_full_state(f), SNAPSHOT_WAIT_S, start)

    def log(self, conv: Conv) -> list[dict[str, Any]]:
        try:
            return driven.fetch_log(self.http, conv.id)[0]
        except (httpx.HTTPError, driven.LogUnavailable, ValueError):
            return []

    def judge_and_forget(self, conv: Conv) -> None:
        conv.recorder.quiet(0.3, 3)
        conv.recorder.close()
        try:
            log, count = driven.fetch_log(self.http, conv.id)
        except (httpx.HTTPError, driven.LogUnavailable, ValueError):
            return
        settled = not conv.broken and self.status(conv) != "running"
        driven.judge(self.ctx, conv.recorder.frames, log, count, settled=settled, reproducer=self._repro(conv), operation=f"behaviour {conv.kind} conversation")

    def close(self) -> None:
        self.http.close()


def _template(path: str) -> str:
    parts = path.split("/")
    return "/".join("{conversation_id}" if _is_uuid(p) else p for p in parts)


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
        return True
    except ValueError:
        return False


def _guarded(method: Any = None, *, target: bool = False) -> Any:
    """Rules never raise: a checker bug becomes a phase note, a budget stop a no-op.

    Target rules always add one value (a dead Conv when nothing was created), so what hypothesis
    draws never depends on the server or the clock (it would raise FlakyStrategyDefinition).
    """
    if method is None:
        return functools.partial(_guarded, target=target)

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        nothing = Conv.dead() if target else None
        if self.d.stop:
            return nothing
        self.d.steps += 1
        try:
            result = method(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            self.d.ctx.report.phases[-1].notes.append(f"checker error in {method.__name__}: {type(exc).__name__}: {exc} {traceback.format_exc()[-600:]}")
            return nothing
        return nothing if result is None else result

    return wrapper


def build_machine(driver: Driver) -> type:
    from hypothesis import strategies as st
    from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, rule

    class BehaviourMachine(RuleBasedStateMachine):
        conversations = Bundle("conversations")

        def __init__(self) -> None:
            super().__init__()
            self.d = driver
            self.live: list[Conv] = []
            if not driver.stop:
                driver.examples += 1

        # -- creation ------------------------------------------------------------------------

        def _create(self, kind: str) -> Any:
            d = self.d
            if len(self.live) >= MAX_LIVE:
                return Conv.dead()
            body = d.ctx.conversation_body(KINDS[kind])
            response = d.call("POST", "/api/conversations", json=body)
            if not d.expect("behaviour.create", response, 201, "create a conversation"):
                return Conv.dead()
            assert response is not None
            info = response.json()
            conv = Conv(info["id"], kind, body, SyncRecorder(d.ctx, info["id"]))
            d.ctx.note_created(conv.id)
            if info.get("execution_status") != "idle":
                d.fail("behaviour.create", f"a new conversation is {info.get('execution_status')!r}, not idle", conv)
            if not conv.recorder.start() or conv.recorder.wait_for(lambda f: True, SNAPSHOT_WAIT_S) is None:
                d.fail("behaviour.responsive", f"no snapshot on the new conversation's socket ({conv.recorder.error or 'timeout'})", conv)
                conv.broken = True
            got = d.call("GET", f"/api/conversations/{conv.id}", conv=conv)
            d.expect("behaviour.create", got, 200, "GET the new conversation", conv)
            self.live.append(conv)
            return conv

        @initialize(target=conversations)
        @_guarded(target=True)
        def first(self) -> Any:
            if not self.d.auth_checked:  # state-independent answers: once per phase
                self.d.auth_checked = True
                self._auth_order()
                self._gone(str(uuid.uuid4()))
            return self._create("fast")

        @rule(target=conversations, kind=st.sampled_from(sorted(KINDS)))
        @_guarded(target=True)
        def create(self, kind: str) -> Any:
            return self._create(kind)

        # -- messages and runs -----------------------------------------------------------------

        @rule(conv=conversations, run=st.booleans(), text=st.text(alphabet="abcdefgh XYZ019", min_size=1, max_size=24))
        @_guarded
        def send_message(self, conv: Conv, run: bool, text: str) -> None:
            d = self.d
            if conv.broken or conv not in self.live:
                return
            before = conv.status
            start = len(conv.recorder.frames)
            message = {"role": "user", "content": [{"type": "text", "text": text}], "run": run}
            response = d.call("POST", f"/api/conversations/{conv.id}/events", json=message, conv=conv)
            if not d.expect("behaviour.status_codes", response, 200, "send a message", conv):
                return
            if run:
                d.settle(conv, start, "message with run=true")
            else:
                conv.recorder.wait_for(lambda f: isinstance(f, dict) and f.get("key") == "last_user_message_id", SNAPSHOT_WAIT_S, start)
                after = d.status(conv)
                expected = "idle" if before in ("finished", "stuck") else before
                d.ctx.executed("behaviour.transitions")
                if after != expected:
                    d.fail("behaviour.transitions", f"a message (run=false) on a {before!r} conversation left it {after!r}, expected {expected!r}", conv)
                conv.status = after or conv.status
            self._check_last_user_message(conv)

        def _check_last_user_message(self, conv: Conv) -> None:
            d = self.d
            log = d.log(conv)
            users = [e for e in log if e.get("kind") == "MessageEvent" and e.get("source") == "user"]
            info = d.call("GET", f"/api/conversations/{conv.id}")
            if not users or info is None or info.status_code != 200:
                return
            d.ctx.executed("behaviour.transitions")
            if info.json().get("last_user_message_id") != users[-1].get("id"):
                d.fail("behaviour.transitions", "GET last_user_message_id is not the newest user message", conv)

        @rule(conv=conversations)
        @_guarded
        def run(self, conv: Conv) -> None:
            d = self.d
            if conv.broken or conv not in self.live:
                return
            before = conv.status
            log_before = len(d.log(conv))
            start = len(conv.recorder.frames)
            response = d.call("POST", f"/api/conversations/{conv.id}/run", conv=conv)
            if not d.expect("behaviour.status_codes", response, 200, f"run a {before!r} conversation (no run in flight)", conv):
                return
            after = d.settle(conv, start, f"run from {before!r}")
            if before == "finished":
                d.ctx.executed("behaviour.transitions")
                grown = len(d.log(conv)) - log_before
                if after != "finished" or grown:
                    d.fail("behaviour.transitions", f"run on a finished conversation: now {after!r}, {grown} new persisted event(s); expected a no-op (snapshot only)", conv)

        @rule(pick=st.integers(0, MAX_LIVE - 1), early=st.booleans())
        @_guarded
        def run_twice_then_interrupt(self, pick: int, early: bool) -> None:
            """A second /run during the slow first LLM call → 409; interrupt → paused + InterruptEvent.

            ``early`` interrupts right after the 409, possibly before the run reports running (the
            real server has a bug there, see known.INTERRUPT_AT_RUN_START); otherwise the interrupt
            waits for execution_status=running, as documented (S6).
            """
            d = self.d
            candidates = [c for c in self.live if c.kind == "slow" and not c.broken and c.status in ("idle", "paused", "error")]
            if not candidates:
                return
            conv = candidates[pick % len(candidates)]
            if any(e.get("kind") == "ActionEvent" for e in d.log(conv)):
                return  # the slow turn is used up: later runs are fast
            start = len(conv.recorder.frames)
            first = d.call("POST", f"/api/conversations/{conv.id}/run", conv=conv)
            if not d.expect("behaviour.status_codes", first, 200, "run", conv):
                return
            second = d.call("POST", f"/api/conversations/{conv.id}/run", conv=conv)
            d.expect("behaviour.status_codes", second, 409, "a second run while the first is in flight", conv)
            if second is not None and second.status_code == 409 and "detail" not in (second.json() or {}):
                d.fail("behaviour.status_codes", "409 without a detail", conv)
            if not early:
                conv.recorder.wait_for(lambda f: isinstance(f, dict) and f.get("key") == "execution_status" and f.get("value") == "running", SNAPSHOT_WAIT_S, start)
            interrupted = d.call("POST", f"/api/conversations/{conv.id}/interrupt", conv=conv)
            if early and interrupted is not None and interrupted.status_code == 500 and not any(
                isinstance(f, dict) and f.get("key") == "execution_status" and f.get("value") == "running" for f in conv.recorder.frames[start:]
            ):
                d.ctx.executed("behaviour.status_codes")
                d.ctx.record(
                    "behaviour.status_codes",
                    "POST /interrupt right after POST /run (before execution_status=running): HTTP 500",
                    classification=Classification.SERVER_DEVIATION,
                    reason=INTERRUPT_AT_RUN_START,
                    operation="POST /api/conversations/{conversation_id}/interrupt",
                    reproducer=d._repro(conv),
                )
                d.settle(conv, start, "interrupt at run start")
                conv.recorder.quiet(0.3, 3)
                conv.status = d.status(conv) or conv.status
                return
            if not d.expect("behaviour.status_codes", interrupted, 200, "interrupt a running conversation", conv):
                return
            after = d.settle(conv, start, "interrupt during a run")
            conv.recorder.quiet(0.3, 3)
            after = d.status(conv) or after
            d.ctx.executed("behaviour.transitions")
            kinds = [e.get("kind") for e in d.log(conv)]
            if after != "paused" or "InterruptEvent" not in kinds:
                d.fail("behaviour.transitions", f"interrupt during a run: status {after!r}, InterruptEvent {'present' if 'InterruptEvent' in kinds else 'missing'}; expected paused + InterruptEvent", conv)
            conv.status = after or conv.status

        @rule(conv=conversations, interrupt=st.booleans())
        @_guarded
        def pause(self, conv: Conv, interrupt: bool) -> None:
            """Pause (or interrupt, which behaves like pause without a run) a settled conversation."""
            d = self.d
            if conv.broken or conv not in self.live:
                return
            before = conv.status
            start = len(conv.recorder.frames)
            kinds_before = [e.get("kind") for e in d.log(conv)]
            action = "interrupt" if interrupt else "pause"
            response = d.call("POST", f"/api/conversations/{conv.id}/{action}", conv=conv)
            if not d.expect("behaviour.status_codes", response, 200, f"{action} a {before!r} conversation", conv):
                return
            d.wait_snapshot(conv, start)
            conv.recorder.quiet(0.2, 2)
            after = d.status(conv)
            expected = "paused" if before in ("idle", "paused") else before
            d.ctx.executed("behaviour.transitions")
            if after != expected:
                d.fail("behaviour.transitions", f"{action} on a {before!r} conversation left it {after!r}, expected {expected!r}", conv)
            if before == "idle":
                event = "InterruptEvent" if interrupt else "PauseEvent"
                new = [e.get("kind") for e in d.log(conv)][len(kinds_before) :]
                if "PauseEvent" not in new and event not in new:
                    d.fail("behaviour.transitions", f"{action} on an idle conversation persisted no {event}", conv)
            conv.status = after or conv.status

        @rule(conv=conversations, accept=st.booleans())
        @_guarded
        def respond(self, conv: Conv, accept: bool) -> None:
            d = self.d
            if conv.broken or conv not in self.live:
                return
            before = conv.status
            if accept and before != "waiting_for_confirmation":
                return  # approving with nothing pending starts a run on some servers; not specified
            log_before = d.log(conv)
            start = len(conv.recorder.frames)
            answer = {"accept": accept, "reason": "checker says no"} if not accept else {"accept": True}
            response = d.call("POST", f"/api/conversations/{conv.id}/events/respond_to_confirmation", json=answer, conv=conv)
            if not d.expect("behaviour.status_codes", response, 200, f"{'accept' if accept else 'reject'} on a {before!r} conversation", conv):
                return
            if accept:
                d.settle(conv, start, "accept a pending action")
                return
            conv.recorder.quiet(0.3, 3)
            after = d.status(conv)
            new = d.log(conv)[len(log_before) :]
            d.ctx.executed("behaviour.transitions")
            if before == "waiting_for_confirmation":
                if after != "idle" or not any(e.get("kind") == "UserRejectObservation" for e in new):
                    d.fail("behaviour.transitions", f"reject: status {after!r}, new events {[e.get('kind') for e in new]}; expected idle + UserRejectObservation", conv)
            elif after != before or new:
                d.fail("behaviour.transitions", f"reject with nothing pending changed {before!r} → {after!r} and added {len(new)} event(s)", conv)
            conv.status = after or conv.status

        # -- metadata ------------------------------------------------------------------------------

        @rule(conv=conversations, title=st.text(alphabet="abcdefgh XYZ019", min_size=1, max_size=30).filter(lambda t: t.strip()), tag=st.sampled_from(["a1", "b2", "c3"]))
        @_guarded
        def patch(self, conv: Conv, title: str, tag: str) -> None:
            d = self.d
            if conv.broken or conv not in self.live:
                return
            tags = {"scenario": KINDS[conv.kind], "checker": tag}
            response = d.call("PATCH", f"/api/conversations/{conv.id}", json={"title": title, "tags": tags}, conv=conv)
            if not d.expect("behaviour.patch", response, 200, "PATCH title and tags", conv):
                return
            info = d.call("GET", f"/api/conversations/{conv.id}", conv=conv)
            if info is None or info.status_code != 200:
                return
            data = info.json()
            d.ctx.executed("behaviour.patch")
            if data.get("title") != title.strip() or data.get("tags") != tags:
                d.fail("behaviour.patch", f"after PATCH: title {data.get('title')!r}, tags {data.get('tags')!r}; expected {title.strip()!r}, {tags!r}", conv)

        @rule(conv=consumes(conversations))
        @_guarded
        def delete(self, conv: Conv) -> None:
            d = self.d
            if conv.recorder is None or conv not in self.live:
                return
            self.live.remove(conv)
            d.judge_and_forget(conv)
            response = d.call("DELETE", f"/api/conversations/{conv.id}", conv=conv)
            if not d.expect("behaviour.status_codes", response, 200, "delete", conv):
                return
            d.ctx.note_deleted(conv.id)
            d.gone.append(conv.id)
            self._gone(conv.id, conv)

        def _gone(self, conversation_id: str, conv: Conv | None = None) -> None:
            d = self.d
            base = f"/api/conversations/{conversation_id}"
            for method, path, body in (
                ("GET", base, None),
                ("DELETE", base, None),
                ("POST", base + "/run", None),
                ("POST", base + "/pause", None),
                ("GET", base + "/events/search", None),
                ("GET", base + "/events/count", None),
                ("POST", base + "/events", {"role": "user", "content": [{"type": "text", "text": "hi"}], "run": False}),
            ):
                response = d.call(method, path, json=body, conv=conv)
                d.expect("behaviour.not_found", response, 404, f"{method} {_template(path)} on a deleted/unknown conversation", conv)

        # -- listing -------------------------------------------------------------------------------

        @rule(limit=st.integers(1, 4))
        @_guarded
        def conversations_paging(self, limit: int) -> None:
            d = self.d
            full = self._pages("/api/conversations/search", 100, key=lambda item: uuid.UUID(item["id"]).hex)
            paged = self._pages("/api/conversations/search", limit, key=lambda item: uuid.UUID(item["id"]).hex)
            count = d.call("GET", "/api/conversations/count")
            if full is None or paged is None or count is None:
                return
            d.ctx.executed("behaviour.paging")
            if [i["id"] for i in paged] != [i["id"] for i in full]:
                d.fail("behaviour.paging", f"conversations/search with limit={limit} lists {len(paged)} conversations, limit=100 lists {len(full)} (or another order)", operation="GET /api/conversations/search")
            d.ctx.executed("behaviour.counts")
            if count.status_code == 200 and count.json() != len(full):
                d.fail("behaviour.counts", f"conversations/count is {count.json()}, search lists {len(full)}", operation="GET /api/conversations/count")
            listed = {i["id"] for i in full}
            for conv in self.live:
                if conv.id not in listed:
                    d.fail("behaviour.create", "a live conversation is missing from conversations/search", conv)
            for gone in d.gone:
                if gone in listed:
                    d.fail("behaviour.not_found", "a deleted conversation is still listed by conversations/search", operation="GET /api/conversations/search")

        def _pages(self, path: str, limit: int, key: Any) -> list[dict[str, Any]] | None:
            d = self.d
            items: list[dict[str, Any]] = []
            params: dict[str, Any] = {"limit": limit}
            for _ in range(60):
                response = d.call("GET", path, params=dict(params))
                if response is None or not d.expect("behaviour.paging", response, 200, f"GET {path}"):
                    return None
                page = response.json()
                batch = page.get("items") or []
                if items and params.get("page_id") and batch and key(batch[0]) != params["page_id"]:
                    d.fail("behaviour.paging", f"next_page_id {params['page_id']!r} is not the first item of the next page", operation=f"GET {_template(path)}")
                items += batch
                if not page.get("next_page_id"):
                    return items
                params["page_id"] = page["next_page_id"]
            return items

        @rule(conv=conversations, limit=st.integers(1, 5))
        @_guarded
        def events_paging(self, conv: Conv, limit: int) -> None:
            d = self.d
            if conv not in self.live:
                return
            path = f"/api/conversations/{conv.id}/events/search"
            full = self._pages(path, 100, key=lambda e: e["id"])
            paged = self._pages(path, limit, key=lambda e: e["id"])
            count = d.call("GET", f"/api/conversations/{conv.id}/events/count")
            if full is None or paged is None or count is None or count.status_code != 200:
                return
            d.ctx.executed("behaviour.paging")
            if [e["id"] for e in paged] != [e["id"] for e in full]:
                d.fail("behaviour.paging", f"events/search with limit={limit} returns {len(paged)} events, limit=100 returns {len(full)} (or another order)", conv)
            d.ctx.executed("behaviour.counts")
            if count.json() != len(full):
                d.fail("behaviour.counts", f"events/count is {count.json()}, events/search returns {len(full)}", conv)
            if full:
                probe = d.call("GET", f"/api/conversations/{conv.id}/events", json=[full[0]["id"], "no-such-event"])
                if d.expect("behaviour.batch_get", probe, 200, "batch GET events", conv) and probe is not None:
                    got = probe.json()
                    if not (isinstance(got, list) and len(got) == 2 and isinstance(got[0], dict) and got[0].get("id") == full[0]["id"] and got[1] is None):
                        d.fail("behaviour.batch_get", f"batch GET events [known, unknown] → {str(got)[:120]}; expected [event, null]", conv)

        @rule(conv=conversations)
        @_guarded
        def batch_get(self, conv: Conv) -> None:
            d = self.d
            if conv not in self.live:
                return
            ids = [conv.id, str(uuid.uuid4())] + d.gone[-1:]
            response = d.call("GET", "/api/conversations", params=[("ids", i) for i in ids], conv=conv)
            if not d.expect("behaviour.batch_get", response, 200, "batch GET conversations", conv) or response is None:
                return
            got = response.json()
            ok = isinstance(got, list) and len(got) == len(ids) and isinstance(got[0], dict) and got[0].get("id") == conv.id and all(x is None for x in got[1:])
            if not ok:
                d.fail("behaviour.batch_get", f"ids=[live, unknown{', deleted' if len(ids) > 2 else ''}] → {str(got)[:160]}; expected [info, null...]", conv)

        def _auth_order(self) -> None:
            d = self.d
            if not d.ctx.options.api_key:
                d.ctx.report.checks["behaviour.auth_order"].skip_reason = "no --api-key given"
                return
            unknown = str(uuid.uuid4())
            probes = [
                ("GET", f"/api/conversations/{unknown}", None, "404"),
                ("GET", "/api/conversations/not-a-uuid", None, "422"),
                ("POST", f"/api/conversations/{unknown}/events", {"role": 1}, "404/422"),
                ("GET", "/api/conversations", None, "422 (ids missing)"),
            ]
            if self.live:
                probes.append(("DELETE", f"/api/conversations/{self.live[0].id}", None, "200"))
            for method, path, body, otherwise in probes:
                for headers in (None, {KEY_HEADER: "wrong"}):
                    response = d.call(method, path, json=body, with_key=False, headers=headers)
                    d.expect("behaviour.auth_order", response, 401, f"{method} {_template(path)} {'with a wrong key' if headers else 'without a key'} (would be {otherwise})")

        # -- invariants ----------------------------------------------------------------------------

        @invariant()
        def settled_and_counted(self) -> None:
            d = self.d
            if d.stop or not self.live:
                return
            conv = self.live[-1]
            if conv.broken:
                return
            try:
                status = d.status(conv)
                d.ctx.executed("behaviour.transitions")
                if status == "running":
                    d.fail("behaviour.transitions", "a conversation is still running after its run's end-of-run snapshot", conv)
                elif status is None:
                    d.fail("behaviour.not_found", "a live conversation is not found", conv)
                count = d.call("GET", f"/api/conversations/{conv.id}/events/count")
                page = d.call("GET", f"/api/conversations/{conv.id}/events/search", params={"limit": 100})
                if count is not None and page is not None and count.status_code == 200 and page.status_code == 200:
                    d.ctx.executed("behaviour.counts")
                    items = page.json().get("items") or []
                    if not page.json().get("next_page_id") and count.json() != len(items):
                        d.fail("behaviour.counts", f"events/count {count.json()} != events/search length {len(items)}", conv)
            except Exception as exc:  # noqa: BLE001
                d.ctx.report.phases[-1].notes.append(f"checker error in invariant: {type(exc).__name__}: {exc}")

        def teardown(self) -> None:
            d = self.d
            for conv in list(self.live):
                try:
                    d.judge_and_forget(conv)
                    response = d.call("DELETE", f"/api/conversations/{conv.id}")
                    if response is not None and response.status_code == 200:
                        d.ctx.note_deleted(conv.id)
                        d.gone.append(conv.id)
                finally:
                    conv.recorder.close()
            self.live.clear()

    return BehaviourMachine


def run(ctx: Context) -> None:
    """Phase entry point: examples of the state machine while the budget lasts.

    One hypothesis run with up to ``MAX_EXAMPLES`` examples; once the budget is used every rule
    is a no-op, so the remaining examples end at once.
    """
    from hypothesis import HealthCheck, Phase, seed, settings
    from hypothesis.stateful import run_state_machine_as_test

    driver = Driver(ctx)
    machine = seed(ctx.options.seed)(build_machine(driver))
    config = settings(
        max_examples=MAX_EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    try:
        run_state_machine_as_test(machine, settings=config)
    except Exception as exc:  # noqa: BLE001 - hypothesis-level trouble: note it
        ctx.report.phases[-1].notes.append(f"checker error in the state machine: {type(exc).__name__}: {str(exc)[:300]}")
    finally:
        ctx.report.phases[-1].notes.append(f"{driver.examples} example(s), {driver.steps} rule step(s)")
        driver.close()


__all__ = ["run"]
