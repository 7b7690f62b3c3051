"""The behaviour phase's HTTP driver and per-conversation bookkeeping (used by its state machine)."""

from __future__ import annotations

import functools
import json
import secrets
import traceback
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from contract.checker import driven
from contract.checker.context import Context, UnusableResponse
from contract.checker.repro import KEY_HEADER
from contract.checker.wsclient import SyncRecorder
from contract.client.paging import PagingError
from contract.spec.ws_protocol import announced_status, is_full_state

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
    planted: tuple[str, ...] = ()
    """Secret values planted in the start request: no answer or frame may carry them."""

    def __repr__(self) -> str:  # hypothesis prints steps with it
        return f"Conv({self.kind}, {self.id[:8]})"

    @classmethod
    def dead(cls) -> Conv:
        """Stands in for a conversation that was not created (budget used, or creation failed)."""
        return cls("", "none", {}, None, broken=True)  # type: ignore[arg-type]


LLM_SECRET_FIELDS = ("api_key", "aws_access_key_id", "aws_secret_access_key", "aws_session_token")
"""The agent LLM's secret fields (``format: password`` in the spec)."""


def plant_secrets(body: dict[str, Any]) -> tuple[str, ...]:
    """Put unique values in every secret field of a start request (each of the agent LLM's
    secret fields and a conversation secret); returns them. None is used by a scripted or
    unreachable LLM (an OpenAI-compatible model ignores the AWS fields)."""
    marker = f"ohmock-planted-{secrets.token_hex(8)}"
    planted = []
    for name in LLM_SECRET_FIELDS:
        body["agent"]["llm"][name] = value = f"{marker}-{name}"
        planted.append(value)
    secret = f"{marker}-secret"
    body["secrets"] = {"OHMOCK_PLANTED_SECRET": {"kind": "StaticSecret", "value": secret}}
    return (*planted, secret)


def leaked(planted: tuple[str, ...], *texts: str) -> list[str]:
    """The planted values that appear in ``texts``."""
    return [value for value in planted if any(value in text for text in texts)]


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
                response = httpx.request(
                    method,
                    self.ctx.base_url + path,
                    json=json,
                    params=params,
                    headers=headers or {},
                    timeout=self.ctx.options.request_timeout_s,
                )
                self.ctx.observe_response(response)
        except httpx.HTTPError as exc:
            self.ctx.record(
                "behaviour.responsive",
                f"{method} {path_template(path)}: {type(exc).__name__}",
                reproducer=line,
                operation=f"{method} {path_template(path)}",
            )
            if conv is not None:
                conv.broken = True
            return None
        self.ctx.executed("behaviour.responsive")
        return response

    def expect(
        self, check: str, response: httpx.Response | None, expected: int | set[int], what: str, conv: Conv | None = None
    ) -> bool:
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
            operation=f"{request.method} {path_template(request.url.path)}",
            reproducer=(self._repro(conv) or self._curl_of(request))
            + f"\n# answered {response.status_code}: {response.text[:200]}",
        )
        return False

    def fail(
        self, check: str, message: str, conv: Conv | None = None, operation: str | None = None, reproducer: str = ""
    ) -> None:
        """Record a violation; its reproducer is ``reproducer``, else the conversation's last steps."""
        self.ctx.record(check, message, reproducer=reproducer or self._repro(conv), operation=operation)

    def _curl_of(self, request: httpx.Request) -> str:
        """The request as sent: without the key, or with a wrong one, when it was sent so."""
        key = request.headers.get(KEY_HEADER)
        own = key is not None and key == self.ctx.options.api_key
        try:
            body = json.loads(request.content) if request.content else None
        except ValueError:
            body = None
        return self.ctx.curl(
            request.method,
            request.url.raw_path.decode(),
            json_body=body,
            with_key=own,
            headers={KEY_HEADER: key} if key is not None and not own else None,
        )

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
        status = response.json().get("execution_status")
        return status if isinstance(status, str) else None

    def settle(self, conv: Conv, start: int, what: str) -> str | None:
        """Wait for the end-of-run snapshot after frame ``start``; return the settled status."""
        index = conv.recorder.wait_for(
            lambda f: isinstance(f, dict) and is_full_state(f) and announced_status(f) in NOT_RUNNING,
            self.ctx.options.run_timeout_s,
            start,
        )
        status = self.status(conv)
        if index is None:
            if status == "running" or status is None:
                self.fail(
                    "behaviour.responsive",
                    f"{what}: the run did not end within {self.ctx.options.run_timeout_s} s",
                    conv,
                )
                conv.broken = True
                return status
            # Ended without a snapshot: the stream invariants report it when the conversation is judged.
            conv.status = status
            return status
        shown = announced_status(conv.recorder.frames[index])
        self.ctx.executed("behaviour.transitions")
        if status is not None and shown != status and self._quiet_status(conv) != shown:
            self.fail(
                "behaviour.transitions", f"{what}: the end-of-run snapshot shows {shown!r}, GET shows {status!r}", conv
            )
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
        """Close the conversation's socket and judge what it got (unless the run has ended)."""
        if self.ctx.halted:  # a fail-fast run has its verdict: only the cleanup is left
            conv.recorder.close()
            return
        conv.recorder.quiet(0.3, 3)
        conv.recorder.close()
        try:
            log, count = driven.fetch_log(self.http, conv.id)
        except (httpx.HTTPError, driven.LogUnavailable, ValueError):
            return
        settled = not conv.broken and self.status(conv) != "running"
        driven.judge(
            self.ctx,
            conv.recorder.frames,
            log,
            count,
            settled=settled,
            reproducer=self._repro(conv),
            operation=f"behaviour {conv.kind} conversation",
        )

    def close(self) -> None:
        self.http.close()


def path_template(path: str) -> str:
    parts = path.split("/")
    return "/".join("{conversation_id}" if _is_uuid(p) else p for p in parts)


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
        return True
    except ValueError:
        return False


def guarded(method: Any = None, *, target: bool = False) -> Any:
    """Rules never raise: a checker bug becomes a phase note, a budget stop a no-op.

    Target rules always add one value (a dead Conv when nothing was created), so what hypothesis
    draws never depends on the server or the clock (it would raise FlakyStrategyDefinition).
    """
    if method is None:
        return functools.partial(guarded, target=target)

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        nothing = Conv.dead() if target else None
        if self.d.stop:
            return nothing
        self.d.steps += 1
        try:
            result = method(self, *args, **kwargs)
        except UnusableResponse as unusable:
            self.d.ctx.record_unusable(unusable)
            return nothing
        except PagingError as error:
            self.d.ctx.record_unusable(UnusableResponse(str(error).split(":")[0], str(error)))
            return nothing
        except Exception as exc:  # noqa: BLE001
            self.d.ctx.report.phases[-1].notes.append(
                f"checker error in {method.__name__}: {type(exc).__name__}: {exc} {traceback.format_exc()[-600:]}"
            )
            return nothing
        return nothing if result is None else result

    return wrapper
