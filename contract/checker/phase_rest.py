"""Phase (a): REST fuzzing with schemathesis over the effective spec.

For every selected operation: positive and negative generated requests (and, for
conversation-scoped operations, a pass with the id pinned to a live conversation), each response
judged by schemathesis' checks against the effective spec, one check at a time so that known
deviations (``known.py``) are classified instead of failing. The same response is also judged
against the upstream spec: what fails there but passes here is a spec defect the overlay corrects.
Secured operations are also called without a key and with a wrong one (401 expected).
"""

from __future__ import annotations

import copy
import time
import uuid
import warnings
from typing import Any

import httpx

from contract.checker import safety
from contract.checker.context import Context
from contract.checker.known import known_rest
from contract.checker.model import Classification
from contract.checker.null_fields import required_non_nullable
from contract.checker.repro import KEY_HEADER
from contract.spec.documents import effective_spec, pinned_spec

EXAMPLES = {"positive": 6, "negative": 5, "pinned": 5}
SCOPED_PARAMS = ("conversation_id", "runtime_conversation_id")


def _load(document: dict[str, Any]) -> Any:
    import schemathesis

    config = schemathesis.Config.from_dict(
        {
            "generation": {
                "no-shrink": True,
                "database": "none",
                "allow-extra-parameters": False,
                "with-security-parameters": False,
            },
            # Reproducers must be complete ("secrets" bodies included); the checker masks the session key itself.
            "output": {"sanitization": {"enabled": False}},
        }
    )
    return schemathesis.openapi.from_dict(copy.deepcopy(document), config=config)


def _checks() -> dict[str, Any]:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        negative_data_rejection,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return {
        "rest.not_a_server_error": not_a_server_error,
        "rest.status_code_conformance": status_code_conformance,
        "rest.content_type_conformance": content_type_conformance,
        "rest.response_headers_conformance": response_headers_conformance,
        "rest.response_schema_conformance": response_schema_conformance,
        "rest.negative_data_rejection": negative_data_rejection,
    }


class _RestPhase:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.schema = _load(effective_spec())
        # The pinned upstream spec ships with the package: rest.overlay_corrections always runs.
        self.upstream_document = pinned_spec()
        self.upstream = _load(self.upstream_document)
        self.checks = _checks()
        self.pinned: str | None = None
        self.pinned_owned = False
        self.pinned_gone = False
        self.http = ctx.client()
        self.spec_document = effective_spec()
        self.null_probed: set[tuple[str, str]] = set()

    # -- one request -------------------------------------------------------------------------------

    def exercise(self, case: Any, mode: str) -> None:
        import requests

        ctx = self.ctx
        label = f"{case.method.upper()} {case.operation.path}"
        try:
            response = case.call(base_url=ctx.base_url, headers=ctx.headers, timeout=ctx.options.request_timeout_s)
        except requests.Timeout:
            ctx.record(
                "rest.responsive",
                f"no response within {ctx.options.request_timeout_s} s",
                operation=label,
                reproducer=self._curl(case),
            )
            return
        except requests.RequestException as exc:
            ctx.record(
                "rest.responsive", f"request failed: {type(exc).__name__}", operation=label, reproducer=self._curl(case)
            )
            return
        ctx.executed("rest.responsive")
        ctx.report.coverage.http(case.method, case.formatted_path, response.status_code)
        if (
            case.operation.path == "/api/conversations/{conversation_id}"
            and case.method.upper() == "DELETE"
            and (case.path_parameters or {}).get("conversation_id") == self.pinned
            and response.status_code == 200
        ):
            self.pinned_gone = True
        failed_here: set[tuple[str, str]] = set()
        for check_id, check in self.checks.items():
            if check_id == "rest.negative_data_rejection" and mode != "negative":
                continue
            for title, message in self._failures(case, response, check):
                if check_id == "rest.negative_data_rejection" and _serialization_artifact(message):
                    continue
                known = known_rest(
                    check_id, case.method.upper(), case.operation.path, response.status_code, response.content
                )
                failed_here.add((check_id, title))
                ctx.record(
                    check_id,
                    f"HTTP {response.status_code}: {title}",
                    classification=known.classification if known else Classification.VIOLATION,
                    reason=known.reason if known else None,
                    operation=label,
                    reproducer=self._curl(case)
                    + ("\n# " + message.replace("\n", "\n# ") if message else "")
                    + f"\n# answered {response.status_code}: {response.content[:300].decode('utf-8', 'replace')}",
                )
            ctx.executed(check_id)
        self._compare_upstream(case, response, failed_here)
        if mode == "positive" and 200 <= response.status_code < 300 and isinstance(case.body, dict):
            self.null_probes(case.method.upper(), case.operation.path, case.formatted_path, case.body, case.query)

    def null_probes(
        self, method: str, template: str, path: str, body: dict[str, Any], query: dict[str, Any] | None = None
    ) -> None:
        """Once per operation, from a body the server accepted: the same body with one required,
        non-nullable field set to ``null``, for each such field, must be refused with a 4xx."""
        if (method, template) in self.null_probed or self.ctx.out_of_time(0.2):
            return
        fields = [name for name in required_non_nullable(self.spec_document, template, method) if name in body]
        if not fields:
            return
        self.null_probed.add((method, template))
        for name in fields:
            probe = {**body, name: None}
            try:
                response = self.http.request(method, path, params=query or None, json=probe)
            except httpx.HTTPError:
                continue
            self.ctx.executed("rest.null_rejection")
            if response.status_code < 400:
                created = _json(response)
                if template == "/api/conversations" and isinstance(created, dict) and created.get("id"):
                    self.ctx.note_created(str(created["id"]))  # cleanup deletes what the fault made
                self.ctx.record(
                    "rest.null_rejection",
                    f"HTTP {response.status_code}: accepted null for the required field {name!r}",
                    operation=f"{method} {template}",
                    reproducer=self.ctx.curl(method, path, json_body=probe),
                )

    def _failures(self, case: Any, response: Any, check: Any) -> list[tuple[str, str]]:
        from schemathesis.core.failures import FailureGroup

        try:
            case.validate_response(response, checks=[check], headers=self.ctx.headers)
        except FailureGroup as group:
            return [
                (getattr(f, "title", type(f).__name__), (getattr(f, "message", "") or "")[:400])
                for f in group.exceptions
            ]
        except AssertionError as exc:
            return [(type(exc).__name__, str(exc)[:400])]
        return []

    def _compare_upstream(self, case: Any, response: Any, failed_here: set[tuple[str, str]]) -> None:
        """Findings the upstream spec would produce and the effective spec does not: overlay corrections."""
        if self.upstream is None:
            return
        try:
            operation = self.upstream[case.operation.path][case.method.upper()]
        except KeyError:
            return
        upstream_case = operation.Case(
            method=case.method,
            path_parameters=dict(case.path_parameters or {}),
            headers=dict(case.headers or {}),
            query=dict(case.query or {}),
            body=case.body,
            media_type=case.media_type,
        )
        self.ctx.executed("rest.overlay_corrections")
        for check_id in ("rest.status_code_conformance", "rest.response_schema_conformance"):
            for title, _ in self._failures(upstream_case, response, self.checks[check_id]):
                if (check_id, title) in failed_here:
                    continue
                self.ctx.record(
                    "rest.overlay_corrections",
                    f"HTTP {response.status_code}: {title} under the upstream spec",
                    classification=Classification.SPEC_DEFECT,
                    reason=_overlay_reason(response.status_code, title),
                    reproducer=f"# {case.method.upper()} {case.operation.path}\n" + self._curl(case),
                )

    def _curl(self, case: Any) -> str:
        try:
            return str(case.as_curl_command(headers=self.ctx.headers, base_url=self.ctx.base_url))
        except Exception:  # noqa: BLE001 - a reproducer must never break the run
            return self.ctx.curl(case.method.upper(), case.formatted_path)

    # -- generation --------------------------------------------------------------------------------

    def fuzz(
        self,
        operation: Any,
        mode: str,
        examples: int,
        deadline: float,
        pinned: dict[str, str] | None = None,
        *,
        at_least: int = 0,
    ) -> None:
        """Up to ``examples`` generated cases until ``deadline``; the first ``at_least`` whatever the time."""
        from hypothesis import HealthCheck, Phase, given, seed, settings
        from schemathesis import GenerationMode

        generation = GenerationMode.NEGATIVE if mode == "negative" else GenerationMode.POSITIVE
        try:
            strategy = operation.as_strategy(generation_mode=generation, path_parameters=pinned)
        except Exception as exc:  # noqa: BLE001 - an operation schemathesis cannot generate for
            self.ctx.report.phases[-1].notes.append(f"{operation.label} ({mode}): no strategy ({type(exc).__name__})")
            return

        done = 0

        @seed(self.ctx.options.seed)
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            derandomize=False,
        )
        @given(strategy)
        def run(case: Any) -> None:
            nonlocal done
            if (time.monotonic() > deadline and done >= at_least) or self.ctx.halted:
                return
            done += 1
            if pinned:
                self.ensure_pinned()
            self.exercise(case, mode)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - unsatisfiable schemas etc.: note, never fail the run
            if type(exc).__name__ == "Unsatisfiable":
                return  # nothing to negate (an operation without parameters)
            self.ctx.report.phases[-1].notes.append(
                f"{operation.label} ({mode}): generation stopped ({type(exc).__name__}: {str(exc)[:120]})"
            )

    # -- auth ----------------------------------------------------------------------------------------

    def auth(self, operation: Any) -> None:
        """Without a key and with a wrong key a secured operation answers 401 before anything else."""
        ctx = self.ctx
        if not ctx.options.api_key or not operation.definition.raw.get("security"):
            return
        params = {name: (str(uuid.uuid4()) if "conversation" in name else "x") for name in _path_params(operation.path)}
        path = operation.path.format(**params)
        for headers, what in (
            ({}, "without a key"),
            ({KEY_HEADER: "wrong-" + uuid.uuid4().hex[:8]}, "with a wrong key"),
        ):
            try:
                response = httpx.request(
                    operation.method.upper(),
                    ctx.base_url + path,
                    headers=headers,
                    timeout=ctx.options.request_timeout_s,
                )
            except httpx.HTTPError as exc:
                ctx.record(
                    "rest.responsive",
                    f"request failed: {type(exc).__name__}",
                    operation=operation.label,
                    reproducer=ctx.curl(operation.method, path, with_key=False),
                )
                continue
            ctx.executed("rest.auth_required")
            documented = (
                self.upstream_document.get("paths", {})
                .get(operation.path, {})
                .get(operation.method.lower(), {})
                .get("responses", {})
            )
            if response.status_code == 401 and documented and "401" not in documented:
                ctx.executed("rest.overlay_corrections")
                ctx.record(
                    "rest.overlay_corrections",
                    "HTTP 401: Undocumented status code under the upstream spec",
                    classification=Classification.SPEC_DEFECT,
                    reason=_overlay_reason(401, ""),
                    reproducer=f"# {operation.label}\n" + ctx.curl(operation.method, path, with_key=False),
                )
            if response.status_code != 401:
                shown = {} if not headers else {KEY_HEADER: headers[KEY_HEADER]}
                ctx.record(
                    "rest.auth_required",
                    f"{what}: HTTP {response.status_code}, expected 401",
                    operation=operation.label,
                    reproducer=ctx.curl(operation.method, path, with_key=False, headers=shown),
                )

    # -- pinned conversation ---------------------------------------------------------------------------

    def setup_pinned(self) -> None:
        ctx = self.ctx
        if ctx.options.allow_writes:
            self.pinned = str(uuid.uuid4())
            self.pinned_owned = True
            self.pinned_gone = True
            self.ensure_pinned()
            return
        try:  # read-only: address an existing conversation, if there is one
            page = self.http.get("/api/conversations/search", params={"limit": 1}).json()
            items = page.get("items") or []
            self.pinned = items[0]["id"] if items else None
        except (httpx.HTTPError, ValueError, KeyError, TypeError, AttributeError):
            self.pinned = None

    def ensure_pinned(self) -> None:
        if not (self.pinned_owned and self.pinned_gone):
            return
        body = self.ctx.conversation_body("bash_then_finish")
        body["conversation_id"] = self.pinned
        try:
            response = self.http.post("/api/conversations", json=body)
        except httpx.HTTPError:
            return
        if response.status_code in (200, 201):
            self.ctx.note_created(str(self.pinned))
            self.ctx.deleted.discard(str(self.pinned))
            self.pinned_gone = False

    def close(self) -> None:
        if self.pinned_owned and self.pinned and not self.pinned_gone:
            try:
                if self.http.delete(f"/api/conversations/{self.pinned}").status_code in (200, 404):
                    self.ctx.note_deleted(self.pinned)
            except httpx.HTTPError:
                pass
        self.http.close()


def _serialization_artifact(message: str) -> bool:
    """A "negative" case whose only mutations cannot survive the wire: not a finding.

    An object or array generated for a scalar query/header parameter is sent as repeated
    ``name=value`` pairs, which is also a valid scalar (FastAPI takes the last one); a removed
    X-Session-API-Key header is added back by the checker, which sends the key on every request.
    """
    if "Invalid component" not in message:
        return False
    lines = [line.strip(" -") for line in message.split("Invalid component:", 1)[1].splitlines() if line.strip(" -")]
    artifact = ("became object", "became array", "(was X-Session-API-Key)")
    return bool(lines) and all(
        ("query" in line or "header" in line) and any(a in line for a in artifact) for line in lines
    )


def _overlay_reason(status: int, title: str) -> str:
    """Which correction of contract/spec/overlay.yaml makes this response conform (each proven in tests/test_overlay_real.py)."""
    if "discriminator" in title.lower():
        return "overlay: discriminator mappings keyed by the wire kind (upstream maps mangled Python paths)"
    reasons = {
        401: "overlay: 401 {detail} on every secured operation when session keys are set",
        201: "overlay: POST /api/conversations answers 201 for a new conversation",
        404: "overlay: 404 on the event routes of an unknown conversation",
        500: "overlay: the 500 body {detail, exception, error_id} on every operation",
    }
    return reasons.get(status, "overlay: error bodies and page shapes the upstream spec leaves out")


def _path_params(path: str) -> list[str]:
    import re

    return re.findall(r"\{([^}]+)\}", path)


def run(ctx: Context) -> None:
    """Phase entry point (synchronous; bounded by ``ctx.phase_deadline``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        phase = _RestPhase(ctx)
        try:
            _run(ctx, phase)
        finally:
            phase.close()


def _run(ctx: Context, phase: _RestPhase) -> None:
    from schemathesis.core.result import Ok

    operations = {
        (op.method.upper(), op.path): op
        for result in phase.schema.get_all_operations()
        if isinstance(result, Ok)
        for op in [result.ok()]
    }
    chosen, excluded = safety.select(
        operations, allow_writes=ctx.options.allow_writes, include=ctx.options.include_operations
    )
    notes = ctx.report.phases[-1].notes
    notes.append(f"{len(chosen)} operations fuzzed, {len(excluded)} excluded")
    reasons: dict[str, int] = {}
    for why in excluded.values():
        reasons[why.split(" (name it")[0]] = reasons.get(why.split(" (name it")[0], 0) + 1
    for why, n in sorted(reasons.items(), key=lambda item: -item[1]):
        notes.append(f"excluded {n}: {why}")
    if not ctx.options.api_key:
        ctx.report.checks[
            "rest.auth_required"
        ].skip_reason = "no --api-key given: cannot tell an open server from one that ignores keys"
    phase.setup_pinned()
    _directed_null_probes(ctx, phase, chosen)
    _directed_negative(ctx, phase, operations, chosen)
    ctx.progress("phase_total", {"total": len(chosen)})
    for position, key in enumerate(chosen):
        if ctx.out_of_time(0.2):
            notes.append(f"budget exhausted after {position} of {len(chosen)} operations")
            break
        operation = operations[key]
        slice_s = ctx.remaining() / (len(chosen) - position)
        started = time.monotonic()
        phase.auth(operation)
        scoped = [name for name in SCOPED_PARAMS if name in _path_params(operation.path)]
        passes: list[tuple[str, dict[str, str] | None]] = [("positive", None), ("negative", None)]
        if scoped and phase.pinned:
            passes.append(("pinned", dict.fromkeys(scoped, phase.pinned)))
        for number, (mode, pinned) in enumerate(passes):
            deadline = started + slice_s * (number + 1) / len(passes)
            phase.fuzz(operation, "positive" if mode == "pinned" else mode, EXAMPLES[mode], deadline, pinned)
        ctx.progress("advance", {"label": operation.label})


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


NEGATIVE_FIRST = ("GET", "/api/conversations/search")
"""Negative data is checked on this operation first, whatever the budget: its query has bounds."""


def _directed_negative(
    ctx: Context, phase: _RestPhase, operations: dict[tuple[str, str], Any], chosen: list[tuple[str, str]]
) -> None:
    """``rest.negative_data_rejection`` on every run: a few negative cases of one operation with
    constrained parameters before the budget is shared out (a short budget may reach no other).
    One case is sent even when loading the spec used the phase's budget: one request past it."""
    key = NEGATIVE_FIRST if NEGATIVE_FIRST in chosen else next(iter(chosen), None)
    if key is None:
        return
    deadline = time.monotonic() + min(2.0, ctx.remaining() / 4)
    phase.fuzz(operations[key], "negative", EXAMPLES["negative"], deadline, at_least=1)


def _directed_null_probes(ctx: Context, phase: _RestPhase, chosen: list[tuple[str, str]]) -> None:
    """``rest.null_rejection`` on every run, whatever the generated cases: from bodies known to
    be accepted (a start request, a confirmation answer on the pinned conversation)."""
    if ctx.options.allow_writes:  # refused before it creates anything, unless the server is at fault
        phase.null_probes("POST", "/api/conversations", "/api/conversations", ctx.conversation_body("plain_reply"))
    respond = "/api/conversations/{conversation_id}/events/respond_to_confirmation"
    if phase.pinned and ("POST", respond) in chosen:
        phase.null_probes("POST", respond, respond.replace("{conversation_id}", phase.pinned), {"accept": True})
