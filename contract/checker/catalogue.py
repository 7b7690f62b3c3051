"""Every check the conformance checker runs, by phase (one JUnit testcase each)."""

from __future__ import annotations

from contract.checker.model import CheckSpec

PHASES: tuple[str, ...] = ("rest", "behaviour", "websocket", "streams", "reconnect")
"""Phases in the order they run."""

READ_ONLY_PHASES: frozenset[str] = frozenset({"rest", "websocket"})
"""Phases with a read-only part; the others only run with ``allow_writes``."""

_CHECKS: list[tuple[str, str, str]] = [
    # -- server (always)
    ("server", "server.reachable", "GET /health answers 200 within the request timeout"),
    ("server", "server.auth", "the API key (or none) is accepted by GET /api/conversations/count"),
    ("server", "server.cleanup", "every conversation the checker created is deleted again"),
    (
        "server",
        "server.usable_responses",
        "every answer the checker builds on has the documented shape (a created conversation's id, a search page)",
    ),
    # -- (a) REST fuzzing
    ("rest", "rest.not_a_server_error", "no 5xx on generated requests (positive and negative data)"),
    ("rest", "rest.status_code_conformance", "every status code is documented for the operation"),
    ("rest", "rest.content_type_conformance", "every response content type is documented"),
    ("rest", "rest.response_headers_conformance", "documented response headers are present and valid"),
    ("rest", "rest.response_schema_conformance", "response bodies validate against the effective spec"),
    ("rest", "rest.negative_data_rejection", "schema-invalid requests are rejected with a 4xx"),
    ("rest", "rest.null_rejection", "null for a required, non-nullable body field is rejected with a 4xx"),
    ("rest", "rest.auth_required", "secured operations answer 401 without a key and with a wrong key"),
    ("rest", "rest.overlay_corrections", "responses the upstream spec gets wrong, accepted thanks to the overlay"),
    ("rest", "rest.responsive", "every request answers within the request timeout"),
    # -- (b) behaviour (state machine)
    ("behaviour", "behaviour.create", "POST /api/conversations → 201, then GET, search and batch get show it idle"),
    ("behaviour", "behaviour.status_codes", "run while running → 409; run/pause/interrupt/respond otherwise → 200"),
    ("behaviour", "behaviour.transitions", "each action leads to the documented status and events (§4)"),
    ("behaviour", "behaviour.not_found", "a deleted or unknown conversation → 404 on every route"),
    (
        "behaviour",
        "behaviour.secrets_masked",
        "planted secrets never come back unmasked (REST answers, socket frames)",
    ),
    ("behaviour", "behaviour.counts", "events/count == events/search length; conversations/count == search length"),
    (
        "behaviour",
        "behaviour.paging",
        "paging with limit k reproduces the full list; next_page_id is the next page's first id",
    ),
    (
        "behaviour",
        "behaviour.batch_get",
        "GET /api/conversations?ids=... is aligned with the input, null for unknown ids",
    ),
    ("behaviour", "behaviour.patch", "PATCH title/tags is visible in GET"),
    ("behaviour", "behaviour.auth_order", "401 wins over 404 and 422"),
    ("behaviour", "behaviour.responsive", "every request answers and every run settles within its timeout"),
    # -- (c) WebSocket protocol
    ("websocket", "ws.auth_first_frame", "first-frame auth {type: auth, session_api_key} → snapshot"),
    ("websocket", "ws.auth_legacy_query", "legacy ?session_api_key= → snapshot"),
    ("websocket", "ws.auth_legacy_header", "legacy X-Session-API-Key header → snapshot"),
    ("websocket", "ws.auth_rejected_frame", "wrong key / non-auth / malformed first frame → close 4001"),
    ("websocket", "ws.auth_rejected_legacy", "wrong legacy key → HTTP 403 at the handshake"),
    ("websocket", "ws.auth_timeout", "no auth frame within 10 s → close 4001 (slow; optional)"),
    ("websocket", "ws.not_found_4004", "unknown conversation (after auth) → close 4004"),
    ("websocket", "ws.bad_path_403", "a conversation id that is not a UUID → HTTP 403 at the handshake"),
    ("websocket", "ws.snapshot_first", "the first frame is a full_state snapshot with the fields clients need"),
    ("websocket", "ws.frame_schema", "every frame is a valid event (id, timestamp, kind; known kinds valid)"),
    ("websocket", "ws.resend_all", "resend_mode=all: snapshot, then the whole log in order"),
    ("websocket", "ws.resend_since", "resend_mode=since: snapshot, then the events at or after after_timestamp"),
    ("websocket", "ws.inbound_message_runs", "a Message frame appends a user message and starts a run"),
    ("websocket", "ws.bad_frame_error", "a bad frame gets a ServerErrorEvent and the socket stays open"),
    (
        "websocket",
        "ws.session_envelopes",
        "session socket: sync first, durable frames = log with seq, transient snapshot",
    ),
    ("websocket", "ws.session_after_seq", "session socket: after_seq=k replays exactly seq > k"),
    ("websocket", "ws.responsive", "every socket opens, answers and closes within its timeout"),
    # -- (d) stream invariants (every run the checker drives)
    ("streams", "streams.scenario_completes", "the scenario's client script reaches each awaited status"),
    ("streams", "streams.frame_schema", "every frame of a driven run is a valid event"),
    ("streams", "streams.run_starts_running", "a run's first event is the persisted execution_status=running"),
    ("streams", "streams.run_ends_snapshot", "a run ends with a transient full_state whose status is not running"),
    ("streams", "streams.action_answered", "each action gets exactly one observation/rejection/error"),
    ("streams", "streams.last_user_message_id", "each user message is followed by last_user_message_id = its id"),
    ("streams", "streams.legal_transitions", "execution_status only changes along documented transitions"),
    ("streams", "streams.timestamps_monotonic", "persisted timestamps never decrease"),
    ("streams", "streams.ids_unique", "no event id appears twice (log and live stream)"),
    ("streams", "streams.rest_equals_ws", "events/search (all pages) == persisted WebSocket frames, same order"),
    ("streams", "streams.count_equals_search", "events/count == events/search length"),
    ("streams", "streams.responsive", "every driven run finishes within its timeout and event budget"),
    # -- (e) reconnect
    ("reconnect", "reconnect.no_gaps", "drop + reconnect with resend_mode=since: every event arrives"),
    ("reconnect", "reconnect.no_duplicates", "…and only the inclusive after_timestamp boundary repeats"),
    ("reconnect", "reconnect.responsive", "reconnecting and the run finish within their timeouts"),
]

CHECKS: dict[str, CheckSpec] = {cid: CheckSpec(cid, phase, description) for phase, cid, description in _CHECKS}


def checks_for(phases: set[str] | frozenset[str]) -> list[CheckSpec]:
    """The checks of the server pseudo-phase and of the given phases, in catalogue order.

    Stream invariants apply to every run the checker drives, so they are included whenever a
    phase that drives runs (behaviour, websocket, reconnect) is selected.
    """
    wanted = set(phases) | {"server"}
    if wanted & {"behaviour", "websocket", "reconnect"}:
        wanted.add("streams")
    return [spec for spec in CHECKS.values() if spec.phase in wanted]
