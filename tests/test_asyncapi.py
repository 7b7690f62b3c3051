"""contract/spec/asyncapi.yaml and contract/spec/ws_protocol.py: valid, consistent, and true to 1.58.0.

* The AsyncAPI document validates against the official AsyncAPI 3.0.0 JSON Schema, vendored in
  tests/schemas (see its README); every reference resolves offline.
* It agrees with the effective OpenAPI document (every payload that exists there is a $ref into
  it; the server-frame unions list every kind) and with ws_protocol (close codes, envelopes).
* ws_protocol's frame rules match the 1.58.0 source (unit tests citing the function they mirror,
  plus parity checks against the installed server package and, marked ``real_server``, against a
  running server).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT7, DRAFT202012

from contract.spec import ws_protocol as wp
from contract.spec.documents import EFFECTIVE_SPEC_FILE, asyncapi_document, effective_spec

ASYNCAPI_SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "asyncapi-3.0.0.json"

# Relative to asyncapi.yaml (contract/spec/), as written in the document.
OPENAPI_REF_PREFIX = f"../generated/{EFFECTIVE_SPEC_FILE}#"
OAS31_FORMAT = "application/vnd.oai.openapi+json;version=3.1.0"

# Base URIs under which the two documents are registered for $ref resolution. Any absolute URI
# works: asyncapi.yaml's relative refs resolve against it to the effective spec's URI.
_BASE = "https://ohmock.invalid/contract/"
ASYNCAPI_URI = _BASE + "spec/asyncapi.yaml"
OPENAPI_URI = _BASE + f"generated/{EFFECTIVE_SPEC_FILE}"


# ------------------------------------------------------------------------------------------
# Loading and resolution helpers
# ------------------------------------------------------------------------------------------


def asyncapi() -> dict[str, Any]:
    """The AsyncAPI document as shipped (cached; do not mutate)."""
    return asyncapi_document()


@cache
def official_schema() -> dict[str, Any]:
    return json.loads(ASYNCAPI_SCHEMA_PATH.read_text(encoding="utf-8"))


def _no_network(uri: str) -> Resource:
    # jsonschema would otherwise fall back to fetching unknown http(s) refs; tests stay offline.
    raise NoSuchResource(ref=uri)


def official_validator() -> jsonschema.Draft7Validator:
    """A validator for the official schema whose http://asyncapi.com/... refs resolve locally.

    The schema embeds every definition as a resource with its own ``$id``; crawling the registry
    indexes them, and anything not embedded fails instead of being downloaded.
    """
    schema = official_schema()
    registry = Registry(retrieve=_no_network).with_resource(schema["$id"], DRAFT7.create_resource(schema)).crawl()
    return jsonschema.Draft7Validator(schema, registry=registry)


@cache
def payload_registry() -> Registry:
    """Both documents, so payload schemas and their OpenAPI refs resolve offline."""
    return Registry(retrieve=_no_network).with_resources(
        [
            (ASYNCAPI_URI, DRAFT202012.create_resource(asyncapi())),
            (OPENAPI_URI, DRAFT202012.create_resource(effective_spec())),
        ]
    )


def walk_refs(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (JSON pointer of the referencing object, $ref value) for every $ref in ``node``."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield path or "/", ref
        for key, value in node.items():
            yield from walk_refs(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_refs(value, f"{path}/{index}")


def resolve_pointer(document: Any, pointer: str) -> Any:
    """Resolve a JSON pointer (RFC 6901) or raise KeyError/IndexError."""
    node = document
    for token in pointer.lstrip("/").split("/") if pointer.strip("/") else []:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def local(ref: str) -> Any:
    """Resolve a document-local ``#/...`` reference in asyncapi.yaml."""
    assert ref.startswith("#/"), ref
    return resolve_pointer(asyncapi(), ref[1:])


def deref(node: dict[str, Any]) -> dict[str, Any]:
    """Follow local references until a non-reference object."""
    while "$ref" in node:
        node = local(node["$ref"])
    return node


def openapi_schema_name(payload_schema: dict[str, Any]) -> str | None:
    """The OpenAPI component a payload is built on: a direct $ref, or the first allOf $ref."""
    candidates = [payload_schema, *payload_schema.get("allOf", [])]
    for candidate in candidates:
        ref = candidate.get("$ref", "")
        if ref.startswith(OPENAPI_REF_PREFIX + "/components/schemas/"):
            return ref.rsplit("/", 1)[1]
    return None


def operation_messages(operation_id: str) -> list[dict[str, Any]]:
    return [deref(ref) for ref in asyncapi()["operations"][operation_id]["messages"]]


def union_kinds(schema_name: str) -> set[str]:
    """The wire kinds of a discriminated union in the effective OpenAPI document."""
    schemas = effective_spec()["components"]["schemas"]
    members = [ref["$ref"].rsplit("/", 1)[1] for ref in schemas[schema_name]["oneOf"]]
    return {schemas[member]["properties"]["kind"]["const"] for member in members}


def kinds_sent_by(operation_id: str) -> set[str]:
    schemas = effective_spec()["components"]["schemas"]
    kinds = set()
    for message in operation_messages(operation_id):
        name = openapi_schema_name(message["payload"]["schema"])
        assert name is not None, f"{message['name']}: payload is not built on an OpenAPI schema"
        kinds.add(schemas[name]["properties"]["kind"]["const"])
    return kinds


def all_messages() -> dict[str, dict[str, Any]]:
    return asyncapi()["components"]["messages"]


# ------------------------------------------------------------------------------------------
# The document against the official AsyncAPI 3.0.0 schema
# ------------------------------------------------------------------------------------------


def test_document_is_valid_asyncapi_3_0_0() -> None:
    errors = sorted(official_validator().iter_errors(asyncapi()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20])


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda d: d.pop("info"), id="missing-info"),
        pytest.param(lambda d: d["channels"]["conversationEvents"].update(adress="/typo"), id="unknown-channel-field"),
        pytest.param(lambda d: d["operations"]["sendBashEvents"].update(action="publish"), id="v2-action"),
    ],
)
def test_official_schema_rejects_broken_documents(break_it) -> None:  # type: ignore[no-untyped-def]
    # Guards against a vacuous pass, e.g. if the embedded $id resources stopped resolving.
    document = copy.deepcopy(asyncapi())
    break_it(document)
    assert list(official_validator().iter_errors(document))


def test_vendored_schema_is_the_official_3_0_0() -> None:
    schema = official_schema()
    assert schema["$id"] == "http://asyncapi.com/definitions/3.0.0/asyncapi.json"
    assert schema["properties"]["asyncapi"]["const"] == "3.0.0"


# ------------------------------------------------------------------------------------------
# References and the OpenAPI document as the one source of truth
# ------------------------------------------------------------------------------------------


def test_every_ref_resolves() -> None:
    spec = effective_spec()
    for where, ref in walk_refs(asyncapi()):
        if ref.startswith("#/"):
            local(ref)
        elif ref.startswith(OPENAPI_REF_PREFIX + "/components/schemas/"):
            try:
                resolve_pointer(spec, ref.removeprefix(OPENAPI_REF_PREFIX))
            except (KeyError, IndexError):
                pytest.fail(f"{where}: {ref} does not resolve in {EFFECTIVE_SPEC_FILE}")
        else:
            pytest.fail(f"{where}: {ref} points outside asyncapi.yaml and the effective OpenAPI schemas")


def test_payloads_declare_the_openapi_schema_format() -> None:
    # The referenced components are OpenAPI 3.1 Schema Objects (discriminator objects and all),
    # so every payload states that format rather than defaulting to AsyncAPI Schema.
    for name, message in all_messages().items():
        payload = message["payload"]
        assert payload.get("schemaFormat") == OAS31_FORMAT, name
        assert isinstance(payload.get("schema"), dict), name


def test_inline_schemas_are_websocket_only() -> None:
    # A shape the OpenAPI document already has must be referenced, not redefined here.
    inline = set(asyncapi()["components"]["schemas"])
    assert not inline & set(effective_spec()["components"]["schemas"])


def test_messages_in_openapi_are_references() -> None:
    openapi_names = set(effective_spec()["components"]["schemas"])
    for name, message in all_messages().items():
        schema = message["payload"]["schema"]
        if name in openapi_names:
            assert schema == {"$ref": f"{OPENAPI_REF_PREFIX}/components/schemas/{name}"}, name


def test_operations_only_use_their_channels_messages() -> None:
    # An AsyncAPI 3 rule the JSON Schema cannot express.
    document = asyncapi()
    used: set[str] = set()
    for operation_id, operation in document["operations"].items():
        channel_ref = operation["channel"]["$ref"]
        refs = [m["$ref"] for m in operation["messages"]]
        if "reply" in operation:
            assert operation["reply"]["channel"]["$ref"] == channel_ref, operation_id
            refs += [m["$ref"] for m in operation["reply"]["messages"]]
        for ref in refs:
            assert ref.startswith(channel_ref + "/messages/"), f"{operation_id}: {ref}"
            local(ref)
            used.add(ref)
    declared = {
        f"#/channels/{channel_id}/messages/{message_id}"
        for channel_id, channel in document["channels"].items()
        for message_id in channel["messages"]
    }
    assert declared == used, f"messages no operation uses: {sorted(declared - used)}"


# ------------------------------------------------------------------------------------------
# Server-frame unions against the OpenAPI unions
# ------------------------------------------------------------------------------------------


def test_events_socket_sends_every_event_kind() -> None:
    event_kinds = union_kinds("Event")
    # The effective spec keys the discriminator by wire kind; the union is the same set.
    assert set(effective_spec()["components"]["schemas"]["Event"]["discriminator"]["mapping"]) == event_kinds
    assert kinds_sent_by("sendConversationEvents") == event_kinds
    assert {"ServerErrorEvent", "StreamingDeltaEvent", wp.STATE_UPDATE_KIND} <= event_kinds


def test_bash_socket_sends_every_bash_event_kind() -> None:
    assert kinds_sent_by("sendBashEvents") == union_kinds("BashEventBase")


def test_event_messages_are_named_by_kind() -> None:
    for message in operation_messages("sendConversationEvents") + operation_messages("sendBashEvents"):
        name = openapi_schema_name(message["payload"]["schema"])
        assert message["name"] == name


def test_full_state_snapshot_is_its_own_message() -> None:
    messages = all_messages()
    snapshot = messages["FullStateSnapshot"]["payload"]["schema"]["allOf"][1]
    field_update = messages["ConversationStateFieldUpdate"]["payload"]["schema"]["allOf"][1]
    assert snapshot["properties"]["key"] == {"const": wp.FULL_STATE_KEY}
    assert field_update["properties"]["key"] == {"not": {"const": wp.FULL_STATE_KEY}}


def test_persistence_flags_match_ws_protocol() -> None:
    for message in operation_messages("sendConversationEvents"):
        kind = openapi_schema_name(message["payload"]["schema"])
        full_state = message is all_messages()["FullStateSnapshot"]
        expected_transient = kind in wp.TRANSIENT_KINDS or full_state
        assert message["x-persisted"] is (not expected_transient), message["title"]


# ------------------------------------------------------------------------------------------
# Close codes and session envelopes against ws_protocol
# ------------------------------------------------------------------------------------------


def _close_codes() -> list[dict[str, Any]]:
    return [entry for channel in asyncapi()["channels"].values() for entry in channel["x-close-codes"]]


def test_close_codes_equal_ws_protocol() -> None:
    assert {entry["code"] for entry in _close_codes()} == {code.value for code in wp.CloseCode}
    for entry in _close_codes():
        wp.CloseReason(entry["reason"])  # every documented reason is a known one
        assert {"code", "reason", "when", "client_reaction"} <= set(entry)


def test_default_close_reasons_are_documented() -> None:
    documented = {(entry["code"], entry["reason"]) for entry in _close_codes()}
    for code in wp.CloseCode:
        assert (code.value, code.reason.value) in documented, code


def test_events_socket_close_codes() -> None:
    codes = {entry["code"] for entry in asyncapi()["channels"]["conversationEvents"]["x-close-codes"]}
    assert codes == {1000, 1013, 4001, 4004}
    for channel in asyncapi()["channels"].values():
        assert [r["http_status"] for r in channel["x-handshake-rejections"]] == [wp.HANDSHAKE_REJECTED_HTTP_STATUS]


_ENVELOPES: dict[str, type[wp.SessionFrameBase]] = {
    "SyncFrame": wp.SyncFrame,
    "DurableFrame": wp.DurableFrame,
    "TransientFrame": wp.TransientFrame,
    "ItemStartedFrame": wp.ItemStartedFrame,
    "DeltaFrame": wp.DeltaFrame,
    "ItemAbortedFrame": wp.ItemAbortedFrame,
    "ErrorFrame": wp.ErrorFrame,
}


@pytest.mark.parametrize("name", sorted(_ENVELOPES))
def test_envelope_schema_matches_ws_protocol(name: str) -> None:
    model = _ENVELOPES[name]
    schema = asyncapi()["components"]["schemas"][name]
    assert set(schema["properties"]) == set(model.model_fields)
    assert schema["properties"]["type"]["const"] == model.model_fields["type"].default
    # Required on the wire: no default, or a non-None default (exclude_none drops only None).
    on_wire = {n for n, f in model.model_fields.items() if f.is_required() or f.default is not None}
    assert set(schema["required"]) == on_wire
    assert all_messages()[name]["name"] == model.model_fields["type"].default


def test_session_socket_sends_every_envelope_type() -> None:
    sent = {message["name"] for message in operation_messages("sendSessionFrames")}
    assert sent == wp.SESSION_FRAME_TYPES


# ------------------------------------------------------------------------------------------
# Examples validate against their payloads (and parse with ws_protocol)
# ------------------------------------------------------------------------------------------


def payload_errors(message_name: str, payload: Any) -> list[str]:
    """Why ``payload`` does not match the payload schema of ``components.messages[message_name]``."""
    pointer = f"{ASYNCAPI_URI}#/components/messages/{message_name}/payload/schema"
    validator = jsonschema.Draft202012Validator({"$ref": pointer}, registry=payload_registry())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(payload)]


def _examples() -> list[Any]:
    return [
        pytest.param(name, example["payload"], id=f"{name}-{example['name']}")
        for name, message in all_messages().items()
        for example in message.get("examples", [])
    ]


@pytest.mark.parametrize(("name", "payload"), _examples())
def test_example_matches_payload_schema(name: str, payload: Any) -> None:
    assert not payload_errors(name, payload)
    if name in _ENVELOPES:
        assert isinstance(wp.parse_session_frame(json.dumps(payload)), _ENVELOPES[name])


def test_payload_schemas_reject_wrong_frames() -> None:
    # The example check above is only meaningful if the composed schemas can fail.
    errors = payload_errors
    field_update = all_messages()["ConversationStateFieldUpdate"]["examples"][0]["payload"]
    assert errors("FullStateSnapshot", field_update)
    assert errors("ConversationStateFieldUpdate", {**field_update, "key": wp.FULL_STATE_KEY})
    assert errors("DurableFrame", {"type": "durable", "seq": 0, "event": {"kind": "NoSuchEvent"}})
    assert errors("AuthFrame", {"type": "auth", "session_api_key": "k", "extra": 1})


# ------------------------------------------------------------------------------------------
# parse_client_frame and friends: expected behaviour read from the 1.58.0 source
# ------------------------------------------------------------------------------------------

KEY = "test-key"


# sockets.py:_is_auth_control_message: dict, type == "auth", keys a subset of
# {"type", "session_api_key"}. The key's value is not checked after authentication.
@pytest.mark.parametrize(
    ("frame", "key"),
    [
        ('{"type":"auth","session_api_key":"test-key"}', KEY),
        ('{"type":"auth","session_api_key":"wrong"}', "wrong"),
        ('{"type":"auth"}', None),
        ('{"session_api_key":"test-key","type":"auth"}', KEY),
        ('{"type":"auth","session_api_key":null}', None),
        ('{"type":"auth","session_api_key":42}', 42),
    ],
)
def test_auth_frames_are_control_frames(frame: str, key: Any) -> None:
    parsed = wp.parse_client_frame(frame)
    assert parsed == wp.AuthFrame(session_api_key=key)


# Same function: any key besides type/session_api_key means "not a control frame", so the
# events_socket receive loop hands the object to Message.model_validate (and fails there).
@pytest.mark.parametrize(
    "frame",
    [
        {"type": "auth", "session_api_key": KEY, "extra": 1},
        {"type": "auth", "role": "user"},
        {"type": "Auth", "session_api_key": KEY},
        {"session_api_key": KEY},
        {"role": "user", "content": [{"type": "text", "text": "hi"}]},
        {},
    ],
)
def test_other_objects_are_message_payloads(frame: dict[str, Any]) -> None:
    assert wp.parse_client_frame(json.dumps(frame)) == frame


# Starlette WebSocket.receive_json decodes with json.loads; events_socket's broad
# `except Exception` turns the JSONDecodeError into ServerErrorEvent(code="JSONDecodeError").
@pytest.mark.parametrize("frame", ["not json", "", "{", '{"type":"auth",}', "{'type':'auth'}"])
def test_malformed_json(frame: str) -> None:
    with pytest.raises(wp.MalformedFrameError) as caught:
        wp.parse_client_frame(frame)
    assert caught.value.code == "JSONDecodeError"
    with pytest.raises(json.JSONDecodeError) as original:
        json.loads(frame)
    assert caught.value.detail == str(original.value)


# events_socket: a JSON value that is not an object is not an auth control frame, so it reaches
# Message.model_validate, which raises pydantic's ValidationError (code "ValidationError").
@pytest.mark.parametrize(
    "frame", ["[]", '[{"type":"auth","session_api_key":"test-key"}]', '"auth"', "42", "null", "true"]
)
def test_non_object_json(frame: str) -> None:
    with pytest.raises(wp.NotAnObjectError) as caught:
        wp.parse_client_frame(frame)
    assert caught.value.code == "ValidationError"


# receive_json reads message["text"]; a binary frame only has "bytes": KeyError('text').
def test_binary_frame() -> None:
    with pytest.raises(wp.BinaryFrameError) as caught:
        wp.parse_client_frame(b'{"type":"auth","session_api_key":"test-key"}')
    assert (caught.value.code, caught.value.detail) == ("KeyError", "'text'")


def test_auth_frame_serializes_like_the_sdk() -> None:
    # remote_conversation.py:WebSocketCallbackClient._client_loop sends json.dumps of this dict
    # (default separators, so with spaces; only the object matters to the server).
    sdk_frame = json.dumps({"type": "auth", "session_api_key": KEY})
    ours = wp.AuthFrame(session_api_key=KEY).model_dump_json()
    assert list(json.loads(ours).items()) == list(json.loads(sdk_frame).items())


# sockets.py:_accept_authenticated_websocket, first-message half: only type and the key are
# read, so extra keys do not matter; anything else closes with 4001.
@pytest.mark.parametrize(
    ("frame", "authenticates"),
    [
        ('{"type":"auth","session_api_key":"test-key"}', True),
        ('{"type":"auth","session_api_key":"test-key","extra":1}', True),
        ('{"type":"auth","session_api_key":"wrong"}', False),
        ('{"type":"auth","session_api_key":""}', False),
        ('{"type":"auth"}', False),
        ('{"session_api_key":"test-key"}', False),
        ('{"role":"user","content":[]}', False),
        ("not json", False),
        ('["auth","test-key"]', False),
        ('{"type":"auth","session_api_key":["test-key"]}', False),
    ],
)
def test_first_frame_authentication(frame: str, authenticates: bool) -> None:
    assert wp.first_frame_authenticates(frame, [KEY]) is authenticates


def test_first_frame_rules_edge_cases() -> None:
    with pytest.raises(ValueError, match="no session keys"):
        wp.first_frame_authenticates('{"type":"auth","session_api_key":"k"}', [])
    with pytest.raises(wp.BinaryFrameError):
        wp.first_frame_authenticates(b"{}", [KEY])


# sockets.py:_accept_authenticated_websocket + _resolve_websocket_session_api_key.
@pytest.mark.parametrize(
    ("keys", "query", "header", "decision"),
    [
        ([], None, None, wp.AuthDecision.ACCEPT),
        ([], "wrong", None, wp.AuthDecision.ACCEPT),
        ([KEY], None, None, wp.AuthDecision.AWAIT_AUTH_FRAME),
        ([KEY], KEY, None, wp.AuthDecision.ACCEPT),
        ([KEY], None, KEY, wp.AuthDecision.ACCEPT),
        ([KEY], "wrong", KEY, wp.AuthDecision.REJECT_HANDSHAKE),  # the query wins
        ([KEY], "", KEY, wp.AuthDecision.REJECT_HANDSHAKE),  # even when empty
        ([KEY], None, "", wp.AuthDecision.REJECT_HANDSHAKE),
    ],
)
def test_handshake_auth(keys: list[str], query: str | None, header: str | None, decision: wp.AuthDecision) -> None:
    assert wp.handshake_auth(keys, query, header) is decision


def test_transient_events() -> None:
    assert wp.is_transient_event({"kind": wp.STATE_UPDATE_KIND, "key": wp.FULL_STATE_KEY})
    assert not wp.is_transient_event({"kind": wp.STATE_UPDATE_KIND, "key": "execution_status"})
    assert wp.is_transient_event({"kind": "ServerErrorEvent"})
    assert wp.is_transient_event({"kind": "StreamingDeltaEvent"})
    assert not wp.is_transient_event({"kind": "MessageEvent"})


def test_paths_and_close_codes() -> None:
    cid = "c8a0158d-0d61-4797-8e57-c855548c54bc"
    assert wp.events_socket_path(cid) == f"/sockets/events/{cid}"
    assert wp.session_socket_path(cid) == f"/sockets/session/{cid}"
    assert wp.CloseCode.AUTH_FAILED.reason == "Authentication failed"
    assert [c for c in wp.CloseCode if c.sdk_fatal] == [wp.CloseCode.AUTH_FAILED, wp.CloseCode.NOT_FOUND]


def test_session_frames_serialize_like_the_server() -> None:
    # session_socket.py:_ConnectionWriter.send: model_dump_json(exclude_none=True).
    assert wp.SyncFrame().to_wire() == '{"type":"sync"}'
    assert wp.SyncFrame(from_seq=-1, through_seq=2).to_wire() == '{"type":"sync","from_seq":-1,"through_seq":2}'
    # Unknown envelope fields are ignored, as session_protocol.SessionFrameBase asks of clients.
    frame = wp.parse_session_frame('{"type":"item_aborted","item_id":"i","reason":"cancelled","new":1}')
    assert frame == wp.ItemAbortedFrame(item_id="i", reason="cancelled")


# ------------------------------------------------------------------------------------------
# Parity with the installed 1.58.0 source (the SDK and server are test dependencies)
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server_modules() -> dict[str, Any]:
    pytest.importorskip("openhands.agent_server", reason="openhands-agent-server is not installed")
    import dataclasses

    from openhands.agent_server import bash_service, event_service, session_protocol, session_socket, sockets
    from openhands.sdk.conversation.impl import remote_conversation
    from openhands.sdk.event import conversation_state

    def max_subscribers(service_cls: type) -> int:
        fields = {f.name: f for f in dataclasses.fields(service_cls)}
        return fields["_pub_sub"].default_factory().max_subscribers  # type: ignore[misc]

    return {
        "sockets": sockets,
        "session_protocol": session_protocol,
        "session_socket": session_socket,
        "event_service": event_service,
        "remote_conversation": remote_conversation,
        "conversation_state": conversation_state,
        "max_subscribers": {
            max_subscribers(event_service.EventService),
            max_subscribers(bash_service.BashEventService),
        },
    }


def test_constants_match_the_source(server_modules: dict[str, Any]) -> None:
    m = server_modules
    assert wp.AUTH_TIMEOUT_S == m["sockets"]._FIRST_MESSAGE_AUTH_TIMEOUT_SECONDS
    assert m["max_subscribers"] == {wp.MAX_SUBSCRIBERS}
    assert wp.INITIAL_STATE_PUSH_TIMEOUT_S == m["event_service"].INITIAL_STATE_PUSH_TIMEOUT_SECONDS
    assert wp.FULL_STATE_KEY == m["conversation_state"].FULL_STATE_KEY
    assert wp.SDK_FATAL_CLOSE_CODES == m["remote_conversation"].FATAL_WS_CLOSE_CODES
    assert wp.SESSION_MAX_FRAME_BYTES == m["session_protocol"].MAX_FRAME_BYTES
    assert wp.SESSION_MAX_PENDING_BYTES == m["session_protocol"].MAX_PENDING_BYTES
    assert wp.REPLAY_PAGE_SIZE == m["session_socket"].REPLAY_PAGE_SIZE


def test_auth_control_rule_matches_the_source(server_modules: dict[str, Any]) -> None:
    upstream = server_modules["sockets"]._is_auth_control_message
    corpus: list[Any] = [
        {"type": "auth"},
        {"type": "auth", "session_api_key": "k"},
        {"type": "auth", "session_api_key": "k", "x": 1},
        {"session_api_key": "k"},
        {"type": "AUTH"},
        {},
        [],
        ["type", "auth"],
        "auth",
        None,
        42,
    ]
    for data in corpus:
        assert wp.is_auth_control_message(data) == upstream(data), data


@pytest.mark.parametrize("name", sorted(_ENVELOPES))
def test_envelopes_match_the_source(server_modules: dict[str, Any], name: str) -> None:
    our_model = _ENVELOPES[name]
    their_model = getattr(server_modules["session_protocol"], name)
    ours, theirs = our_model.model_fields, their_model.model_fields
    assert list(ours) == list(theirs)  # same order, so the serialized JSON is identical too
    for field in ours:
        assert ours[field].is_required() == theirs[field].is_required(), field
        assert ours[field].default == theirs[field].default, field
    # Both frozen, and both tolerate unknown fields (the envelope is meant to grow).
    for config in (our_model.model_config, their_model.model_config):
        assert config.get("frozen") is True
        assert config.get("extra", "ignore") == "ignore"


# ------------------------------------------------------------------------------------------
# Against a running 1.58.0 server
# ------------------------------------------------------------------------------------------

# Post-auth frames and what ws_protocol predicts; none is a valid Message, so no run starts.
_POST_AUTH_FRAMES: list[str | bytes] = [
    '{"type":"auth"}',
    '{"type":"auth","session_api_key":"wrong"}',
    '{"type":"auth","session_api_key":"KEY","extra":1}',
    "[1,2]",
    "null",
    "not json",
    b"{}",
    "[" * 10_000 + "]" * 10_000,  # deeper than json.loads's recursion limit
]


def _expected_reply_code(frame: str | bytes) -> str | None:
    """The ServerErrorEvent code ws_protocol predicts for an invalid frame; None = ignored."""
    try:
        parsed = wp.parse_client_frame(frame)
    except wp.ClientFrameError as exc:
        return exc.code
    return None if isinstance(parsed, wp.AuthFrame) else "ValidationError"


def _post_auth_replies(ws: Any, key: str) -> Iterator[tuple[str | bytes, list[str], list[dict[str, Any]]]]:
    """Each bad frame sent after auth, then a binary probe: (frame, expected codes, replies)."""
    for template in _POST_AUTH_FRAMES:
        frame = template.replace("KEY", key) if isinstance(template, str) else template
        expected = [code for code in (_expected_reply_code(frame), "KeyError") if code]
        ws.send(frame)
        ws.send(b"probe")
        yield frame, expected, [json.loads(ws.recv(timeout=10)) for _ in expected]


@dataclass(frozen=True)
class SocketServer:
    url: str
    api_key: str


@pytest.fixture(scope="module", params=["real", pytest.param("mock")], ids=["real-server", "mock"])
def socket_server(request: pytest.FixtureRequest) -> Iterator[SocketServer]:
    """The protocol's parity checks run against the real 1.58.0 server and against the mock."""
    if request.param == "real":
        request.applymarker(pytest.mark.real_server)
        real = request.getfixturevalue("real_server")
        yield SocketServer(real.url, real.api_key)
        return
    from mockserver.config import MockConfig
    from mockserver.runner import MockServer

    with MockServer(MockConfig(api_keys=("mock-socket-key",))) as mock:
        yield SocketServer(mock.url, "mock-socket-key")


def test_server_answers_as_ws_protocol_predicts(socket_server: SocketServer) -> None:
    import uuid

    import httpx
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    from websockets.sync.client import connect

    from contract.client.bodies import start_conversation_body

    server = socket_server
    key = server.api_key
    ws_base = server.url.replace("http://", "ws://", 1)
    body = start_conversation_body("http://127.0.0.1:9", "ws-protocol", tools=(), autotitle=False)
    response = httpx.post(f"{server.url}/api/conversations", json=body, headers={"X-Session-API-Key": key}, timeout=60)
    response.raise_for_status()
    cid = response.json()["id"]

    # After authentication: each frame, then a binary probe whose KeyError reply marks the end.
    with connect(ws_base + wp.events_socket_path(cid)) as ws:
        ws.send(wp.AuthFrame(session_api_key=key).model_dump_json())
        snapshot = json.loads(ws.recv(timeout=10))
        assert snapshot["key"] == wp.FULL_STATE_KEY
        assert not payload_errors("FullStateSnapshot", snapshot)
        for frame, expected, replies in _post_auth_replies(ws, key):
            assert [r["kind"] for r in replies] == ["ServerErrorEvent"] * len(expected)
            assert [r["code"] for r in replies] == expected, frame
            assert not [e for r in replies for e in payload_errors("ServerErrorEvent", r)]

    # The same frames on the session socket (error envelopes) and the bash socket (BashError).
    with connect(ws_base + wp.session_socket_path(cid)) as ws:
        ws.send(wp.AuthFrame(session_api_key=key).model_dump_json())
        assert json.loads(ws.recv(timeout=10))["type"] == "sync"
        assert json.loads(ws.recv(timeout=10))["type"] == "transient"  # the connect snapshot
        for frame, expected, replies in _post_auth_replies(ws, key):
            assert [(r["type"], r["code"]) for r in replies] == [("error", c) for c in expected], frame
    with connect(ws_base + wp.BASH_EVENTS_SOCKET_PATH) as ws:
        ws.send(wp.AuthFrame(session_api_key=key).model_dump_json())
        for frame, expected, replies in _post_auth_replies(ws, key):
            assert [(r["kind"], r["code"]) for r in replies] == [("BashError", c) for c in expected], frame

    # First-message auth on an unknown conversation: authenticated means 4004, rejected 4001.
    unknown = wp.events_socket_path(uuid.uuid4())
    for frame in [
        json.dumps({"type": "auth", "session_api_key": key, "extra": 1}),
        json.dumps({"type": "auth"}),
        json.dumps({"type": "auth", "session_api_key": "wrong"}),
        "[]",
        "not json",
    ]:
        with connect(ws_base + unknown) as ws:
            ws.send(frame)
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=15)
        expected_code = (
            wp.CloseCode.NOT_FOUND if wp.first_frame_authenticates(frame, [key]) else wp.CloseCode.AUTH_FAILED
        )
        assert closed.value.rcvd is not None and closed.value.rcvd.code == expected_code, frame
        assert closed.value.rcvd.reason == expected_code.reason

    # Legacy key in the query: rejected before accept, so the client sees HTTP 403.
    assert wp.handshake_auth([key], "wrong", None) is wp.AuthDecision.REJECT_HANDSHAKE
    with pytest.raises(InvalidStatus) as rejected, connect(ws_base + unknown + "?session_api_key=wrong"):
        pass
    assert rejected.value.response.status_code == wp.HANDSHAKE_REJECTED_HTTP_STATUS

    # A binary first frame: the real handler crashes reading it as text, so the connection drops
    # without a close frame (the client sees 1006, never 4001).
    with pytest.raises(wp.BinaryFrameError):
        wp.first_frame_authenticates(b"{}", [key])
    for first in (b'{"type":"auth"}', "[" * 10_000 + "]" * 10_000):
        with connect(ws_base + wp.events_socket_path(cid)) as ws:
            ws.send(first)
            with pytest.raises(ConnectionClosed) as dropped:
                ws.recv(timeout=15)
        assert dropped.value.rcvd is None, first[:20]
