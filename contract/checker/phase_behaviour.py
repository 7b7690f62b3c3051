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

import json
import uuid
from typing import Any

from hypothesis import HealthCheck, Phase, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from contract.checker.behaviour_driver import (
    KINDS,
    MAX_EXAMPLES,
    MAX_LIVE,
    SNAPSHOT_WAIT_S,
    STEPS,
    Conv,
    Driver,
    guarded,
    leaked,
    path_template,
    plant_secrets,
)
from contract.checker.context import Context
from contract.checker.known import INTERRUPT_AT_RUN_START
from contract.checker.model import Classification
from contract.checker.repro import KEY_HEADER
from contract.checker.wsclient import SyncRecorder
from contract.client.bodies import message_body
from contract.client.paging import Pager


class BehaviourMachine(RuleBasedStateMachine):
    """The conversation lifecycle as rules; :func:`run` binds it to a :class:`Driver`."""

    conversations = Bundle("conversations")
    driver: Driver

    def __init__(self) -> None:
        super().__init__()
        self.d = self.driver
        self.live: list[Conv] = []
        self.paging_requests: list[str] = []
        if not self.d.stop:
            self.d.examples += 1

    # -- creation ------------------------------------------------------------------------

    def _create(self, kind: str) -> Any:
        d = self.d
        if len(self.live) >= MAX_LIVE:
            return Conv.dead()
        body = d.ctx.conversation_body(KINDS[kind])
        planted = plant_secrets(body)
        response = d.call("POST", "/api/conversations", json=body)
        if not d.expect("behaviour.create", response, 201, "create a conversation"):
            return Conv.dead()
        assert response is not None
        info = response.json()
        created = d.ctx.created_id(response, body)
        conv = Conv(created, kind, body, SyncRecorder(d.ctx, created), planted=planted)
        d.ctx.note_created(conv.id)
        if info.get("execution_status") != "idle":
            d.fail("behaviour.create", f"a new conversation is {info.get('execution_status')!r}, not idle", conv)
        if not conv.recorder.start() or conv.recorder.wait_for(lambda f: True, SNAPSHOT_WAIT_S) is None:
            d.fail(
                "behaviour.responsive",
                f"no snapshot on the new conversation's socket ({conv.recorder.error or 'timeout'})",
                conv,
            )
            conv.broken = True
        got = d.call("GET", f"/api/conversations/{conv.id}", conv=conv)
        d.expect("behaviour.create", got, 200, "GET the new conversation", conv)
        self._secrets_masked(conv, response.text, got.text if got is not None else "")
        self.live.append(conv)
        return conv

    @initialize(target=conversations)
    @guarded(target=True)
    def first(self) -> Any:
        if not self.d.auth_checked:  # state-independent answers: once per phase
            self.d.auth_checked = True
            self._auth_order()
            self._gone(str(uuid.uuid4()))
        return self._create("fast")

    @rule(target=conversations, kind=st.sampled_from(sorted(KINDS)))
    @guarded(target=True)
    def create(self, kind: str) -> Any:
        return self._create(kind)

    # -- messages and runs -----------------------------------------------------------------

    @rule(conv=conversations, run=st.booleans(), text=st.text(alphabet="abcdefgh XYZ019", min_size=1, max_size=24))
    @guarded
    def send_message(self, conv: Conv, run: bool, text: str) -> None:
        d = self.d
        if conv.broken or conv not in self.live:
            return
        before = conv.status
        start = len(conv.recorder.frames)
        message = message_body(text, run=run)
        response = d.call("POST", f"/api/conversations/{conv.id}/events", json=message, conv=conv)
        if not d.expect("behaviour.status_codes", response, 200, "send a message", conv):
            return
        if run:
            d.settle(conv, start, "message with run=true")
        else:
            conv.recorder.wait_for(
                lambda f: isinstance(f, dict) and f.get("key") == "last_user_message_id", SNAPSHOT_WAIT_S, start
            )
            after = d.status(conv)
            expected = "idle" if before in ("finished", "stuck") else before
            d.ctx.executed("behaviour.transitions")
            if after != expected:
                d.fail(
                    "behaviour.transitions",
                    f"a message (run=false) on a {before!r} conversation left it {after!r}, expected {expected!r}",
                    conv,
                )
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
    @guarded
    def run(self, conv: Conv) -> None:
        d = self.d
        if conv.broken or conv not in self.live:
            return
        before = conv.status
        log_before = len(d.log(conv))
        start = len(conv.recorder.frames)
        response = d.call("POST", f"/api/conversations/{conv.id}/run", conv=conv)
        if not d.expect(
            "behaviour.status_codes", response, 200, f"run a {before!r} conversation (no run in flight)", conv
        ):
            return
        after = d.settle(conv, start, f"run from {before!r}")
        if before == "finished":
            d.ctx.executed("behaviour.transitions")
            grown = len(d.log(conv)) - log_before
            if after != "finished" or grown:
                d.fail(
                    "behaviour.transitions",
                    f"run on a finished conversation: now {after!r}, {grown} new persisted event(s); expected a no-op (snapshot only)",
                    conv,
                )

    @rule(pick=st.integers(0, MAX_LIVE - 1), early=st.booleans())
    @guarded
    def run_twice_then_interrupt(self, pick: int, early: bool) -> None:
        """A second /run during the slow first LLM call → 409; interrupt → paused + InterruptEvent.

        ``early`` interrupts right after the 409, possibly before the run reports running (the
        real server has a bug there, see known.INTERRUPT_AT_RUN_START); otherwise the interrupt
        waits for execution_status=running, as documented (S6).
        """
        d = self.d
        candidates = [
            c for c in self.live if c.kind == "slow" and not c.broken and c.status in ("idle", "paused", "error")
        ]
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
            conv.recorder.wait_for(
                lambda f: isinstance(f, dict) and f.get("key") == "execution_status" and f.get("value") == "running",
                SNAPSHOT_WAIT_S,
                start,
            )
        interrupted = d.call("POST", f"/api/conversations/{conv.id}/interrupt", conv=conv)
        if (
            early
            and interrupted is not None
            and interrupted.status_code == 500
            and not any(
                isinstance(f, dict) and f.get("key") == "execution_status" and f.get("value") == "running"
                for f in conv.recorder.frames[start:]
            )
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
            d.fail(
                "behaviour.transitions",
                f"interrupt during a run: status {after!r}, InterruptEvent {'present' if 'InterruptEvent' in kinds else 'missing'}; expected paused + InterruptEvent",
                conv,
            )
        conv.status = after or conv.status

    @rule(conv=conversations, interrupt=st.booleans())
    @guarded
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
            d.fail(
                "behaviour.transitions",
                f"{action} on a {before!r} conversation left it {after!r}, expected {expected!r}",
                conv,
            )
        if before == "idle":
            event = "InterruptEvent" if interrupt else "PauseEvent"
            new = [e.get("kind") for e in d.log(conv)][len(kinds_before) :]
            if "PauseEvent" not in new and event not in new:
                d.fail("behaviour.transitions", f"{action} on an idle conversation persisted no {event}", conv)
        conv.status = after or conv.status

    @rule(conv=conversations, accept=st.booleans())
    @guarded
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
        response = d.call(
            "POST", f"/api/conversations/{conv.id}/events/respond_to_confirmation", json=answer, conv=conv
        )
        if not d.expect(
            "behaviour.status_codes",
            response,
            200,
            f"{'accept' if accept else 'reject'} on a {before!r} conversation",
            conv,
        ):
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
                d.fail(
                    "behaviour.transitions",
                    f"reject: status {after!r}, new events {[e.get('kind') for e in new]}; expected idle + UserRejectObservation",
                    conv,
                )
        elif after != before or new:
            d.fail(
                "behaviour.transitions",
                f"reject with nothing pending changed {before!r} → {after!r} and added {len(new)} event(s)",
                conv,
            )
        conv.status = after or conv.status

    # -- metadata ------------------------------------------------------------------------------

    @rule(
        conv=conversations,
        title=st.text(alphabet="abcdefgh XYZ019", min_size=1, max_size=30).filter(lambda t: t.strip()),
        tag=st.sampled_from(["a1", "b2", "c3"]),
    )
    @guarded
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
            d.fail(
                "behaviour.patch",
                f"after PATCH: title {data.get('title')!r}, tags {data.get('tags')!r}; expected {title.strip()!r}, {tags!r}",
                conv,
            )

    @rule(conv=consumes(conversations))
    @guarded
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
            ("POST", base + "/events", message_body("hi")),
        ):
            response = d.call(method, path, json=body, conv=conv)
            d.expect(
                "behaviour.not_found",
                response,
                404,
                f"{method} {path_template(path)} on a deleted/unknown conversation",
                conv,
            )

    # -- listing -------------------------------------------------------------------------------

    @rule(limit=st.integers(1, 4))
    @guarded
    def conversations_paging(self, limit: int) -> None:
        d = self.d
        full = self._pages("/api/conversations/search", 100, key=lambda item: uuid.UUID(item["id"]).hex)
        paged = self._pages("/api/conversations/search", limit, key=lambda item: uuid.UUID(item["id"]).hex)
        count = d.call("GET", "/api/conversations/count")
        if full is None or paged is None or count is None:
            return
        d.ctx.executed("behaviour.paging")
        if [i["id"] for i in paged] != [i["id"] for i in full]:
            d.fail(
                "behaviour.paging",
                f"conversations/search with limit={limit} lists {len(paged)} conversations, limit=100 lists {len(full)} (or another order)",
                operation="GET /api/conversations/search",
                reproducer="\n".join(self.paging_requests),
            )
        d.ctx.executed("behaviour.counts")
        if count.status_code == 200 and count.json() != len(full):
            d.fail(
                "behaviour.counts",
                f"conversations/count is {count.json()}, search lists {len(full)}",
                operation="GET /api/conversations/count",
            )
        listed = {i["id"] for i in full}
        for conv in self.live:
            if conv.id not in listed:
                d.fail("behaviour.create", "a live conversation is missing from conversations/search", conv)
        for gone in d.gone:
            if gone in listed:
                d.fail(
                    "behaviour.not_found",
                    "a deleted conversation is still listed by conversations/search",
                    operation="GET /api/conversations/search",
                )

    def _pages(self, path: str, limit: int, key: Any) -> list[dict[str, Any]] | None:
        """Every item of a paged listing, checking that each cursor is the next page's first item.

        The requests made are kept in ``paging_requests`` (curl lines) for reproducers.
        """
        d = self.d
        pager = Pager(path, limit=limit, max_pages=60)
        self.paging_requests = []
        while (params := pager.next_request()) is not None:
            self.paging_requests.append(d.ctx.curl("GET", path, params=params))
            response = d.call("GET", path, params=params)
            if response is None or not d.expect("behaviour.paging", response, 200, f"GET {path}"):
                return None
            cursor = params.get("page_id")
            batch = pager.take(response)
            if cursor and batch and key(batch[0]) != cursor:
                d.fail(
                    "behaviour.paging",
                    f"next_page_id {cursor!r} is not the first item of the next page (that is {key(batch[0])!r})",
                    operation=f"GET {path_template(path)}",
                    reproducer="\n".join(self.paging_requests[-2:]),
                )
        return pager.items

    @rule(conv=conversations, limit=st.integers(1, 5))
    @guarded
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
            d.fail(
                "behaviour.paging",
                f"events/search with limit={limit} returns {len(paged)} events, limit=100 returns {len(full)} (or another order)",
                conv,
                reproducer="\n".join(self.paging_requests),
            )
        d.ctx.executed("behaviour.counts")
        if count.json() != len(full):
            d.fail("behaviour.counts", f"events/count is {count.json()}, events/search returns {len(full)}", conv)
        if full:
            probe = d.call("GET", f"/api/conversations/{conv.id}/events", json=[full[0]["id"], "no-such-event"])
            if d.expect("behaviour.batch_get", probe, 200, "batch GET events", conv) and probe is not None:
                got = probe.json()
                if not (
                    isinstance(got, list)
                    and len(got) == 2
                    and isinstance(got[0], dict)
                    and got[0].get("id") == full[0]["id"]
                    and got[1] is None
                ):
                    d.fail(
                        "behaviour.batch_get",
                        f"batch GET events [known, unknown] → {str(got)[:120]}; expected [event, null]",
                        conv,
                    )

    @rule(conv=conversations)
    @guarded
    def batch_get(self, conv: Conv) -> None:
        d = self.d
        if conv not in self.live:
            return
        ids = [conv.id, str(uuid.uuid4()), *d.gone[-1:]]
        response = d.call("GET", "/api/conversations", params=[("ids", i) for i in ids], conv=conv)
        if not d.expect("behaviour.batch_get", response, 200, "batch GET conversations", conv) or response is None:
            return
        got = response.json()
        ok = (
            isinstance(got, list)
            and len(got) == len(ids)
            and isinstance(got[0], dict)
            and got[0].get("id") == conv.id
            and all(x is None for x in got[1:])
        )
        if not ok:
            d.fail(
                "behaviour.batch_get",
                f"ids=[live, unknown{', deleted' if len(ids) > 2 else ''}] → {str(got)[:160]}; expected [info, null...]",
                conv,
            )

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
                d.expect(
                    "behaviour.auth_order",
                    response,
                    401,
                    f"{method} {path_template(path)} {'with a wrong key' if headers else 'without a key'} (would be {otherwise})",
                )

    def _secrets_masked(self, conv: Conv, *texts: str) -> None:
        """No planted secret in ``texts`` nor in the frames the conversation's socket got."""
        d = self.d
        d.ctx.executed("behaviour.secrets_masked")
        frames = json.dumps(conv.recorder.frames) if conv.recorder is not None else ""
        for value in leaked(conv.planted, *texts, frames):
            d.fail("behaviour.secrets_masked", f"a planted secret came back unmasked: {value.split('-', 3)[-1]}", conv)

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
                d.fail(
                    "behaviour.transitions",
                    "a conversation is still running after its run's end-of-run snapshot",
                    conv,
                )
            elif status is None:
                d.fail("behaviour.not_found", "a live conversation is not found", conv)
            count = d.call("GET", f"/api/conversations/{conv.id}/events/count")
            page = d.call("GET", f"/api/conversations/{conv.id}/events/search", params={"limit": 100})
            # Counted again: an event that lands between the two calls (a late background
            # event on a busy machine) is not a miscount; a count that stays off is.
            recount = d.call("GET", f"/api/conversations/{conv.id}/events/count")
            if (
                count is not None
                and page is not None
                and recount is not None
                and count.status_code == page.status_code == recount.status_code == 200
            ):
                d.ctx.executed("behaviour.counts")
                items = page.json().get("items") or []
                stable = count.json() == recount.json()
                self._secrets_masked(conv, page.text)
                if stable and not page.json().get("next_page_id") and count.json() != len(items):
                    d.fail(
                        "behaviour.counts",
                        f"events/count {count.json()} != events/search length {len(items)}",
                        conv,
                    )
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


def directed(machine_class: type[BehaviourMachine]) -> None:
    """Every behaviour check once, whatever the seed: one fixed sequence of the machine's own
    rules before the random exploration spends the rest of the budget. The quick checks come
    first (auth order and 404s, create, patch, conversation paging), then those that need a
    run (event paging and counts, batch get), a second run while running, a confirmation
    answered, pause and delete."""
    machine = machine_class()
    try:
        fast = machine.first()
        machine.patch(fast, "directed title", "directed")
        confirm = machine.create("confirm")
        machine.create("slow")  # for the 409 of a second /run while the first is in flight
        machine.conversations_paging(1)
        machine.send_message(fast, True, "directed run")
        machine.events_paging(fast, 2)
        machine.batch_get(fast)
        machine.settled_and_counted()
        machine.run_twice_then_interrupt(0, False)
        machine.send_message(confirm, True, "needs confirmation")
        machine.respond(confirm, False)
        machine.pause(fast, False)
        machine.settled_and_counted()
        machine.delete(confirm)
    finally:
        machine.teardown()


def run(ctx: Context) -> None:
    """Phase entry point: examples of the state machine while the budget lasts.

    One hypothesis run with up to ``MAX_EXAMPLES`` examples; once the budget is used every rule
    is a no-op, so the remaining examples end at once.
    """
    driver = Driver(ctx)
    # A subclass per run: seed() marks the class it decorates.
    machine = seed(ctx.options.seed)(type("BoundBehaviourMachine", (BehaviourMachine,), {"driver": driver}))
    directed(machine)
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
        ctx.report.phases[-1].notes.append(
            f"checker error in the state machine: {type(exc).__name__}: {str(exc)[:300]}"
        )
    finally:
        ctx.report.phases[-1].notes.append(f"{driver.examples} example(s), {driver.steps} rule step(s)")
        driver.close()


__all__ = ["run"]
