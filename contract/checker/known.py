"""Known, explained deviations: findings that do not fail a run, each with its classification and reason.

Every entry was observed on (or read in the code of) the real openhands-agent-server 1.58.0;
``docs/conformance.md`` lists them with the evidence. The REST ones mirror
``tests/test_mock_schemathesis.py::SHARED_SPEC_GAPS`` plus what the checker found on the real
server. Anything not matched here is a violation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from contract.checker.model import Classification

ROLE_ERROR = "Only user messages are allowed to be sent to the agent."
FRAMEWORK_400 = {"There was an error parsing the body", "Invalid multipart data."}
SCOPED = ("{conversation_id}", "{runtime_conversation_id}")


def detail(body: bytes | str) -> object:
    try:
        data = json.loads(body)
    except (ValueError, TypeError):
        return None
    return data.get("detail") if isinstance(data, dict) else None


@dataclass(frozen=True)
class KnownRest:
    """A REST check failure that is explained, when ``applies(method, path_template, status, body)``."""

    checks: tuple[str, ...]
    applies: Callable[[str, str, int, bytes], bool]
    classification: Classification
    reason: str


KNOWN_REST: tuple[KnownRest, ...] = (
    KnownRest(
        ("rest.status_code_conformance",),
        lambda m, path, status, body: status == 400 and detail(body) in FRAMEWORK_400,
        Classification.SERVER_DEVIATION,
        "FastAPI/Starlette answer 400 when a JSON body is not UTF-8 or a multipart body is malformed, "
        "before any route code; the spec documents no 400 (real-server-runbook §4.2 B.2)",
    ),
    KnownRest(
        ("rest.status_code_conformance",),
        lambda m, path, status, body: (
            status == 404 and any(s in path for s in SCOPED) and "not found" in str(detail(body)).lower()
        ),
        Classification.SERVER_DEVIATION,
        "unknown conversation: runtime routes, download-trajectory and runtime/reprovision answer 404, "
        "which the spec does not document on those operations",
    ),
    KnownRest(
        ("rest.status_code_conformance",),
        lambda m, path, status, body: status == 404 and path == "/api/init",
        Classification.SERVER_DEVIATION,
        "without deferred init the server has no InitService: GET /api/init answers 404 (init_router.py)",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: status == 500 and path.endswith("/events") and ROLE_ERROR.encode() in body,
        Classification.SERVER_DEVIATION,
        "POST /events with a role other than user: unhandled ValueError in LocalConversation.send_message → 500 "
        "(contract §7, §8.9); the spec advertises system/assistant/tool roles",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: status == 500 and b"has no attribute 'items'" in body,
        Classification.SERVER_DEVIATION,
        "tags that are not an object (PATCH /api/conversations/{id}, also POST /api/conversations): the SDK's "
        "_validate_tags before-validator calls .items() on them → unhandled AttributeError → 500 instead of 422 "
        "(found by this checker; docs/conformance.md)",
    ),
    KnownRest(
        ("rest.status_code_conformance",),
        lambda m, path, status, body: (
            status == 400
            and "/goal" in path
            and detail(body) in ("Goal objective must not be empty.", "no_resumable_goal")
        ),
        Classification.SERVER_DEVIATION,
        "POST /goal with an empty objective and POST /goal/resume without a goal answer 400 "
        "(goal_router.py), which the spec does not document (real-server-runbook §4.2 B.2, B.4)",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: status == 500 and b"unhashable type" in body,
        Classification.SERVER_DEVIATION,
        "a discriminated-union kind that is an array or object (confirmation policy, security analyzer, secret "
        "source, agent...): the SDK's kind lookup uses it as a dict key → TypeError 'unhashable type' → 500 "
        "instead of 422 (found by this checker; docs/conformance.md)",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: (
            status == 500 and path.endswith("/security_analyzer") and b" at position " in body
        ),
        Classification.SERVER_DEVIATION,
        "POST /security_analyzer with a pattern analyzer whose pattern is not a valid regular expression: "
        "re.error escapes → 500 instead of 422 (found by this checker; docs/conformance.md)",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: status == 500 and b"The configured model has a context window of" in body,
        Classification.SERVER_DEVIATION,
        "an LLM with max_input_tokens below 16,384 (create, switch_llm, profiles): LLMContextWindowTooSmallError "
        "is not a ValueError, so it escapes validation → 500 instead of 422 (docs/strictness.md)",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: status == 500 and b"Object of type bytes is not JSON serializable" in body,
        Classification.SERVER_DEVIATION,
        "a body that is not JSON (text/plain, multipart without boundary): the validation error keeps the raw "
        "bytes as its input and the 422 handler cannot render them → 500 (docs/strictness.md)",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: status == 503 and path.endswith("/vscode/url"),
        Classification.SERVER_DEVIATION,
        "GET vscode/url answers 503 while VS Code is disabled (vscode_router.py), a configuration state, "
        "documented by the overlay",
    ),
    KnownRest(
        ("rest.not_a_server_error",),
        lambda m, path, status, body: status == 500 and path.endswith("/condense"),
        Classification.SERVER_DEVIATION,
        "POST /condense on a conversation with nothing to condense: unhandled error → 500 (real-server-runbook §4.3)",
    ),
)


def known_rest(check: str, method: str, path: str, status: int, body: bytes) -> KnownRest | None:
    for known in KNOWN_REST:
        if check in known.checks and known.applies(method, path, status, body):
            return known
    return None


INTERRUPT_AT_RUN_START = (
    "POST /interrupt in the window after POST /run started the run task but before execution_status "
    "became running: CancelledError escapes EventService.interrupt → plain-text 500, and the conversation "
    "ends idle without an InterruptEvent (timing-dependent; found by this checker; docs/conformance.md)"
)
"""Behaviour-phase known deviation (classification: server deviates from the documented spec)."""
