"""The stateful resource families, the same REST sequence on the real server and on the mock.

Each family runs a sequence (write, read back, invalid input, delete, read again) on a fresh real
server and a fresh mock; every step's status and body must be equal. The only values that may
differ are clock readings (``current_datetime``, stamped when the settings are first created).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from contract.harness.real_server import RealServer
from mockserver.config import MockConfig
from mockserver.runner import MockServer

pytestmark = [
    pytest.mark.real_server,
    pytest.mark.filterwarnings("ignore::pydantic.warnings.UnsupportedFieldAttributeWarning"),
]
KEY = "k"
CLOCK_FIELDS = {"current_datetime", "created_at", "updated_at"}
FERNET_TOKEN_PREFIX = "gAAAAA"
# Ids and clock readings of the conversations a family creates (each server makes its own).
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
Step = tuple[str, str, Any] | tuple[str, str, Any, dict[str, str]]

LLM = {"model": "gpt-4o", "api_key": "sk-1"}
SETTINGS: list[Step] = [
    ("GET", "/api/settings", None),
    ("PATCH", "/api/settings", {}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": LLM}}),
    ("GET", "/api/settings", None),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "encrypted"}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "yes please"}),
    (
        "PATCH",
        "/api/settings",
        {"conversation_settings_diff": {"max_iterations": 7}, "misc_settings_diff": {"a": {"b": 1}}},
    ),
    ("PATCH", "/api/settings", {"misc_settings_diff": {"a": {"c": [1, 2]}, "z": None}}),
    ("PATCH", "/api/settings", {"misc_settings_diff": {"a": {"b": None}}}),
    ("PATCH", "/api/settings", {"conversation_settings_diff": {"max_iterations": "12"}}),
    ("PATCH", "/api/settings", {"conversation_settings_diff": {"max_iterations": None}}),
    ("PATCH", "/api/settings", {"conversation_settings_diff": {"confirmation_mode": "sometimes"}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"temperature": "hot"}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"model": ""}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"timeout": 30, "base_url": "http://127.0.0.1:9"}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"confirmation_mode": None, "unknown": 1}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"condenser": {"condenser_kind": "noop"}}}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"api_key": "**********"}}}),
    ("PATCH", "/api/settings", {"active_profile": "nope"}),
    ("PATCH", "/api/settings", {"active_profile": None}),
    ("PATCH", "/api/settings", {"active_agent_profile_id": "00000000-0000-4000-8000-000000000000"}),
    ("PATCH", "/api/settings", {"active_meta_profile": "router"}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "acp"}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "openhands", "llm": {"model": "m2"}}}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "robot"}}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
]
MCP: list[Step] = [
    ("POST", "/api/settings/mcp/svc", {"command": "echo", "args": ["hi"], "env": {"TOKEN": "t"}}),
    ("POST", "/api/settings/mcp/svc", {"command": "echo"}),
    ("POST", "/api/settings/mcp/web", {"url": "http://127.0.0.1:9/mcp", "headers": {"X-Old": "1", "X-Keep": "2"}}),
    ("GET", "/api/settings", None),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("PATCH", "/api/settings/mcp/svc", {"args": ["bye"]}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"mcp_config": {"web": {"headers": {"X-Old": None}}}}}),
    ("PATCH", "/api/settings/mcp/none", {"args": []}),
    ("DELETE", "/api/settings/mcp/svc", None),
    ("DELETE", "/api/settings/mcp/svc", None),
    ("POST", "/api/settings/mcp/bad", {"command": 5}),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
]
SECRETS: list[Step] = [
    ("GET", "/api/settings/secrets", None),
    ("PUT", "/api/settings/secrets", {"name": "TOKEN", "value": "abc", "description": "d"}),
    ("PUT", "/api/settings/secrets", {"name": "OTHER", "value": " spaced "}),
    ("PUT", "/api/settings/secrets", {"name": "TOKEN", "value": "abc2"}),
    ("PUT", "/api/settings/secrets", {"name": "123_invalid", "value": "abc"}),
    ("PUT", "/api/settings/secrets", {"name": "invalid-name", "value": "abc"}),
    ("PUT", "/api/settings/secrets", {"name": "A" * 65, "value": "abc"}),
    ("PUT", "/api/settings/secrets", {"name": "EMPTY", "value": "  "}),
    ("PUT", "/api/settings/secrets", {"name": "MASKED", "value": "**********"}),
    ("PUT", "/api/settings/secrets", {"name": "NOVALUE"}),
    ("GET", "/api/settings/secrets", None),
    ("GET", "/api/settings/secrets/TOKEN", None),
    ("GET", "/api/settings/secrets/OTHER", None),
    ("GET", "/api/settings/secrets/1bad", None),
    ("GET", "/api/settings/secrets/MISSING", None),
    ("DELETE", "/api/settings/secrets/TOKEN", None),
    ("GET", "/api/settings/secrets/TOKEN", None),
    ("DELETE", "/api/settings/secrets/TOKEN", None),
    ("DELETE", "/api/settings/secrets/bad-name", None),
    ("GET", "/api/settings/secrets", None),
    ("GET", "/api/settings/secrets", None, {}),
]
FAST = {"model": "openai/gpt-4o-mini", "api_key": "sk-fast", "base_url": "http://127.0.0.1:9/v1"}
PROFILES: list[Step] = [
    ("GET", "/api/profiles", None),
    ("GET", "/v1/models", None),
    ("POST", "/api/profiles/fast", {"llm": FAST, "include_secrets": True}),
    ("POST", "/api/profiles/slow", {"llm": {"model": "gpt-4o", "api_key": "sk-slow"}, "include_secrets": False}),
    ("POST", "/api/profiles/b.json", {"llm": {"model": "claude", "temperature": 0.5}}),
    ("POST", "/api/profiles/bad name!", {"llm": FAST}),
    ("POST", "/api/profiles/.hidden", {"llm": FAST}),
    ("POST", "/api/profiles/nomodel", {"llm": {"api_key": "k"}}),
    ("POST", "/api/profiles/nollm", {}),
    ("GET", "/api/profiles", None),
    ("GET", "/api/profiles/fast", None),
    ("GET", "/api/profiles/fast", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/profiles/fast", None, {"X-Expose-Secrets": "encrypted"}),
    ("GET", "/api/profiles/slow", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/profiles/b", None),
    ("GET", "/api/profiles/missing", None),
    ("POST", "/api/profiles/slow/rename", {"new_name": "slower"}),
    ("POST", "/api/profiles/missing/rename", {"new_name": "other"}),
    ("POST", "/api/profiles/fast/rename", {"new_name": "slower"}),
    ("POST", "/api/profiles/fast/rename", {"new_name": "fast"}),
    ("POST", "/api/profiles/fast/rename", {"new_name": "no way"}),
    ("POST", "/api/profiles/fast/activate", None),
    ("POST", "/api/profiles/missing/activate", None),
    ("GET", "/api/settings", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/profiles", None),
    ("POST", "/api/profiles/fast/rename", {"new_name": "fastest"}),
    ("GET", "/api/profiles", None),
    ("PATCH", "/api/settings", {"active_profile": "slower"}),
    ("PATCH", "/api/settings", {"active_profile": "fastest", "agent_settings_diff": {"llm": {"model": "explicit"}}}),
    ("GET", "/v1/models", None),
    ("GET", "/v1/models", None, {"X-Session-API-Key": "", "Authorization": f"Bearer {KEY}"}),
    ("GET", "/v1/models", None, {"X-Session-API-Key": "wrong"}),
    ("DELETE", "/api/profiles/fastest", None),
    ("DELETE", "/api/profiles/fastest", None),
    ("GET", "/api/profiles", None),
    ("GET", "/api/settings", None),
]
CONDENSER_LLM = {"model": "openai/base", "api_key": "sk-base", "usage_id": "condenser"}
CONVERSATION = {
    "agent": {
        "kind": "Agent",
        "llm": {"model": "openai/base", "api_key": "sk-base", "usage_id": "agent"},
        "condenser": {"kind": "LLMSummarizingCondenser", "llm": CONDENSER_LLM},
    },
    "workspace": {"working_dir": "workspace/project"},
}
SWITCH: list[Step] = [
    ("POST", "/api/conversations", CONVERSATION),
    ("POST", "/api/conversations/{cid}/switch_llm", {"llm": {"model": "openai/other", "api_key": "sk-2"}}),
    ("POST", "/api/conversations/{cid}/switch_llm", {"llm": {"model": ""}}),
    ("POST", "/api/conversations/{cid}/switch_llm", {}),
    ("POST", "/api/profiles/fast", {"llm": {"model": "openai/fast", "api_key": "sk-f", "temperature": 0.1}}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "fast"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "fast.json"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "missing"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {"profile_name": "bad name"}),
    ("POST", "/api/conversations/{cid}/switch_profile", {}),
    ("POST", "/api/conversations/{cid}/switch_acp_model", {"model": "m"}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/switch_llm", {"llm": {"model": "x"}}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/switch_profile", {"profile_name": "fast"}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/switch_acp_model", {"model": "m"}),
    ("GET", "/api/conversations/{cid}", None),
    ("GET", "/api/conversations/{cid}/events/search", None),
]
LOADERS: list[Step] = [
    ("POST", "/api/conversations", CONVERSATION),
    ("POST", "/api/conversations/{cid}/load_plugin", {"plugin_ref": "some-plugin"}),
    ("POST", "/api/conversations/{cid}/load_plugin", {}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/load_plugin", {"plugin_ref": "p"}),
    ("POST", "/api/hooks", {"project_dir": "/nonexistent/project"}),
    ("POST", "/api/hooks", {}),
    ("POST", "/api/skills", {"project_dir": "/nonexistent/project", "load_public": False}),
    ("POST", "/api/skills", {}),
]
CONNECTIONS = "/api/llm/provider-connections"
PROVIDER_CONNECTIONS: list[Step] = [
    ("GET", CONNECTIONS, None),
    ("POST", CONNECTIONS, {"display_name": "Acme", "api_key": "sk-a", "base_url": "http://127.0.0.1:9/v1"}),
    ("POST", CONNECTIONS, {"display_name": "Bare", "provider": "openai", "api_key": "sk-b"}),
    ("POST", CONNECTIONS, {"display_name": "", "api_key": "sk-a"}),
    ("POST", CONNECTIONS, {"display_name": "x", "api_key": "**********"}),
    ("POST", CONNECTIONS, {"display_name": "x", "api_key": "  "}),
    ("POST", CONNECTIONS, {"display_name": "x"}),
    ("POST", CONNECTIONS, {"display_name": "x", "api_key": "k", "extra": 1}),
    ("GET", CONNECTIONS, None),
    ("PATCH", CONNECTIONS + "/{pc}", {"display_name": "Acme 2", "base_url": None}),
    ("PATCH", CONNECTIONS + "/{pc}", {}),
    ("PATCH", CONNECTIONS + "/{pc}", {"api_key": None}),
    ("PATCH", CONNECTIONS + "/{pc}", {"display_name": None}),
    ("PATCH", CONNECTIONS + "/{pc}", {"api_key": "sk-rotated", "base_url": "http://127.0.0.1:9/v2"}),
    ("PATCH", CONNECTIONS + "/missing", {"display_name": "m"}),
    ("POST", "/api/profiles/linked", {"llm": {"model": "openai/x", "provider_connection_id": "{pc}"}}),
    ("POST", "/api/profiles/dangling", {"llm": {"model": "openai/x", "provider_connection_id": "nope"}}),
    ("GET", "/api/profiles", None),
    ("GET", "/api/profiles/linked", None),
    ("GET", "/api/profiles/linked", None, {"X-Expose-Secrets": "plaintext"}),
    ("GET", "/api/profiles/dangling", None, {"X-Expose-Secrets": "plaintext"}),
    ("DELETE", CONNECTIONS + "/{pc}", None),
    ("DELETE", "/api/profiles/linked", None),
    ("DELETE", "/api/profiles/dangling", None),
    ("DELETE", CONNECTIONS + "/{pc}", None),
    ("DELETE", CONNECTIONS + "/{pc}", None),
    ("GET", CONNECTIONS, None),
]
ROUTER = {"classifier_model": "fast", "classes": [{"description": "coding", "model": "fast"}]}
META_PROFILES: list[Step] = [
    ("GET", "/api/meta-profiles", None),
    ("POST", "/api/meta-profiles/router", ROUTER),
    (
        "POST",
        "/api/meta-profiles/tmpl",
        {"classifier_model": "fast", "prompt_template": "{{ model_table }}: {{instance_text}}"},
    ),
    ("POST", "/api/meta-profiles/empty", {"classifier_model": "fast"}),
    ("POST", "/api/meta-profiles/bad name", {"classifier_model": "fast"}),
    ("POST", "/api/meta-profiles/nocls", {}),
    ("POST", "/api/meta-profiles/slotless", {"classifier_model": "fast", "prompt_template": "pick"}),
    ("POST", "/api/meta-profiles/both", {**ROUTER, "prompt_template": "{{ instance_text }}"}),
    ("POST", "/api/meta-profiles/nomodel", {"classifier_model": "fast", "classes": [{"description": "d"}]}),
    ("GET", "/api/meta-profiles", None),
    ("GET", "/api/meta-profiles/router", None),
    ("GET", "/api/meta-profiles/missing", None),
    ("POST", "/api/meta-profiles/router/activate", None),
    ("POST", "/api/meta-profiles/missing/activate", None),
    ("GET", "/api/settings", None),
    ("POST", "/api/meta-profiles/router", {**ROUTER, "classifier_model": "fast2", "model_table": "t", "extra": 1}),
    ("GET", "/api/meta-profiles/router", None),
    ("PATCH", "/api/settings", {"active_meta_profile": "missing"}),
    ("PATCH", "/api/settings", {"active_meta_profile": "tmpl"}),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "acp"}}),
    ("POST", "/api/meta-profiles/router/activate", None),
    ("GET", "/api/meta-profiles", None),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"agent_kind": "openhands"}, "active_meta_profile": "router"}),
    ("DELETE", "/api/meta-profiles/tmpl", None),
    ("DELETE", "/api/meta-profiles/router", None),
    ("DELETE", "/api/meta-profiles/router", None),
    ("GET", "/api/settings", None),
    ("GET", "/api/meta-profiles", None),
]
AGENT_PROFILES: list[Step] = [
    ("GET", "/api/agent-profiles/default", None),
    ("PATCH", "/api/settings", {"agent_settings_diff": {"llm": {"model": "openai/seed", "api_key": "sk-seed"}}}),
    ("GET", "/api/agent-profiles", None),
    ("GET", "/api/agent-profiles/default", None),
    ("GET", "/api/profiles", None),
    ("GET", "/api/settings", None),
    (
        "POST",
        "/api/agent-profiles/coder",
        {"llm_profile_ref": "fast", "persona": "You code.", "id": "{ap_default}", "revision": 9},
    ),
    ("POST", "/api/agent-profiles/acp1", {"agent_kind": "acp", "acp_model": "m", "secret_refs": ["TOKEN"]}),
    ("POST", "/api/agent-profiles/nollm", {}),
    ("POST", "/api/agent-profiles/mixed", {"agent_kind": "acp", "llm_profile_ref": "fast"}),
    ("POST", "/api/agent-profiles/retired", {"llm_profile_ref": "fast", "enable_sub_agents": True}),
    ("POST", "/api/agent-profiles/future", {"llm_profile_ref": "fast", "schema_version": 99}),
    ("POST", "/api/agent-profiles/robot", {"agent_kind": "robot"}),
    ("POST", "/api/agent-profiles/bad name", {"llm_profile_ref": "fast"}),
    ("POST", "/api/agent-profiles/coder", {"llm_profile_ref": "fast", "tool_concurrency_limit": 2}),
    ("GET", "/api/agent-profiles", None),
    ("GET", "/api/agent-profiles/coder", None),
    ("GET", "/api/agent-profiles/acp1", None),
    ("GET", "/api/agent-profiles/missing", None),
    ("POST", "/api/agent-profiles/coder/rename", {"new_name": "dev"}),
    ("POST", "/api/agent-profiles/missing/rename", {"new_name": "x"}),
    ("POST", "/api/agent-profiles/dev/rename", {"new_name": "acp1"}),
    ("POST", "/api/agent-profiles/dev/rename", {"new_name": "dev"}),
    ("POST", "/api/agent-profiles/dev/rename", {"new_name": "no way"}),
    ("POST", "/api/agent-profiles/00000000-0000-4000-8000-000000000000/activate", None),
    ("POST", "/api/agent-profiles/{ap_acp1}/activate", None),
    ("GET", "/api/agent-profiles", None),
    ("PATCH", "/api/settings", {"active_agent_profile_id": "00000000-0000-4000-8000-000000000001"}),
    ("PATCH", "/api/settings", {"active_agent_profile_id": "{ap_default}"}),
    ("PATCH", "/api/settings", {"active_agent_profile_id": "{ap_acp1}"}),
    ("PUT", "/api/settings/secrets", {"name": "TOKEN", "value": "t"}),
    ("GET", "/api/settings/secrets?agent_profile_id={ap_acp1}", None),
    ("GET", "/api/settings/secrets?agent_profile_id={ap_dev}", None),
    ("GET", "/api/settings/secrets?agent_profile_id=nope", None),
    ("POST", "/api/profiles/fast", {"llm": {"model": "openai/f", "api_key": "sk"}}),
    ("DELETE", "/api/profiles/fast", None),
    ("POST", "/api/profiles/fast/rename", {"new_name": "quick"}),
    ("GET", "/api/agent-profiles/dev", None),
    ("POST", "/api/agent-profiles/dev/materialize", None),
    ("POST", "/api/agent-profiles/missing/materialize", None),
    ("POST", "/api/agent-profiles/draft/materialize", {"profile": {"llm_profile_ref": "nowhere"}}),
    ("POST", "/api/agent-profiles/draft/materialize", {"profile": {"bogus": 1}}),
    ("POST", "/api/agent-profiles/draft/materialize", {"profile": "text"}),
    (
        "POST",
        "/api/agent-profiles/draft/materialize",
        {"profile": {"llm_profile_ref": "quick", "mcp_server_refs": ["web", "gone"], "tools": [{"name": "terminal"}]}},
    ),
    (
        "POST",
        "/api/agent-profiles/draft/materialize",
        {"profile": {"llm_profile_ref": "quick", "enable_classify_and_switch_llm_tool": True, "meta_profile_ref": "r"}},
    ),
    ("POST", "/api/settings/mcp/web", {"url": "http://127.0.0.1:9/mcp"}),
    (
        "POST",
        "/api/agent-profiles/draft/materialize",
        {"profile": {"llm_profile_ref": "quick", "tools": [{"name": "bogus"}, {"name": "browser_tool_set"}]}},
    ),
    ("POST", "/api/agent-profiles/acp1/materialize", None),
    (
        "POST",
        "/api/agent-profiles/draft/materialize",
        {
            "profile": {
                "agent_kind": "acp",
                "acp_server": "codex",
                "acp_command": "my-codex --fast 'a b'",
                "acp_args": ["-v"],
                "mcp_server_refs": ["web"],
            }
        },
    ),
    ("POST", "/api/agent-profiles/draft/materialize", {"profile": {"agent_kind": "acp", "acp_server": "custom"}}),
    ("POST", "/api/agent-profiles/draft/materialize", {"profile": {"agent_kind": "acp", "mcp_server_refs": ["gone"]}}),
    ("POST", "/api/agent-profiles/draft/materialize", {"profile": {"agent_kind": "acp", "acp_server": "gemini-cli"}}),
    ("DELETE", "/api/agent-profiles/acp1", None),
    ("GET", "/api/settings", None),
    ("DELETE", "/api/agent-profiles/acp1", None),
    ("DELETE", "/api/agent-profiles/default", None),
    ("GET", "/api/agent-profiles", None),
    ("DELETE", "/api/profiles/quick", None),
    ("DELETE", "/api/agent-profiles/dev", None),
    ("DELETE", "/api/profiles/quick", None),
    ("GET", "/api/settings", None),
]
CATALOGS: list[Step] = [
    ("GET", "/api/llm/providers", None),
    ("GET", "/api/llm/models", None),
    ("GET", "/api/llm/models?provider=openai", None),
    ("GET", "/api/llm/models?provider=anthropic", None),
    ("GET", "/api/llm/models?provider=nobody", None),
    ("GET", "/api/llm/models/verified", None),
    ("GET", "/api/llm/subscription/openai/models", None),
    ("GET", "/api/tools/", None),
    ("GET", "/api/tools/catalog", None),
]
SOURCES = ("mock", "github:owner/repo", "/nonexistent/path", "https://example.invalid/x.git", "")
INSTALLS: list[Step] = [
    *(("POST", f"/api/{kind}/install", {"source": source}) for kind in ("plugins", "skills") for source in SOURCES),
    *(("POST", "/api/canvas-extensions/install", {"source": source}) for source in SOURCES),
    *(("POST", "/api/plugins/fetch", {"source": source}) for source in ("mock", "/nonexistent/path", "")),
    ("GET", "/api/plugins/installed", None),
    ("GET", "/api/skills/installed", None),
    ("GET", "/api/canvas-extensions/installed", None),
    ("GET", "/api/plugins/installed/p1", None),
    ("GET", "/api/skills/installed/s1", None),
    ("GET", "/api/canvas-extensions/installed/c1", None),
    ("GET", "/api/canvas-extensions/installed/c1/bundle", None),
    ("GET", "/api/canvas-extensions/installed/c1/icon", None),
    ("GET", "/api/mcp/oauth/status/job1", None),
    ("PATCH", "/api/plugins/installed/p1", {"enabled": False}),
    ("DELETE", "/api/plugins/installed/p1", None),
    ("POST", "/api/plugins/installed/p1/refresh", None),
    ("PATCH", "/api/skills/installed/s1", {"enabled": False}),
    ("DELETE", "/api/skills/installed/s1", None),
    ("POST", "/api/skills/installed/s1/refresh", None),
    ("PATCH", "/api/canvas-extensions/installed/c1", {"enabled": False}),
    ("DELETE", "/api/canvas-extensions/installed/c1", None),
    ("POST", "/api/mcp/oauth/start", {"server": {"type": "stdio", "command": "x"}, "name": "s"}),
    ("POST", "/api/mcp/oauth/start", {"server": {"type": "http", "url": "http://127.0.0.1:9/mcp"}, "name": "s"}),
    ("POST", "/api/mcp/oauth/callback/job1", {"callback_url": "http://127.0.0.1:9/cb?code=1"}),
    ("POST", "/api/llm/subscription/openai/device/poll", {"device_code": "dc"}),
    ("GET", "/api/canvas-extensions/installed/c1/backend", None),
    ("DELETE", "/api/canvas-extensions/installed/c1/backend/data", None),
    ("POST", "/api/canvas-extensions/installed/c1/backend/prepare", {"revision": "r"}),
    ("POST", "/api/canvas-extensions/installed/c1/backend/start", {"revision": "r"}),
    ("POST", "/api/canvas-extensions/installed/c1/backend/stop", None),
    ("POST", "/api/mcp/test", {"server": {"type": "http", "url": "http://127.0.0.1:9/mcp"}, "name": "t"}),
    ("POST", "/api/conversations", CONVERSATION),
    ("POST", "/api/conversations/{cid}/runtime/reprovision", None),
]
CHILDREN: list[Step] = [
    ("POST", "/api/conversations", CONVERSATION),
    ("POST", "/api/conversations/{cid}/children", {"task": "sub task", "isolation": "shared", "title": "Sub"}),
    ("POST", "/api/conversations/{cid}/children", {"task": "other", "isolation": "shared"}),
    ("POST", "/api/conversations/{cid}/children", {"task": "x", "isolation": "nowhere"}),
    ("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/children", {"task": "x"}),
    ("GET", "/api/conversations/{cid}", None),
]
"""The children run their task at once (on the real server against an LLM it cannot reach, so
what they do next is not compared here)."""
FAMILIES = {
    "settings": SETTINGS,
    "mcp": MCP,
    "secrets": SECRETS,
    "profiles": PROFILES,
    "switch": SWITCH,
    "loaders": LOADERS,
    "provider_connections": PROVIDER_CONNECTIONS,
    "meta_profiles": META_PROFILES,
    "agent_profiles": AGENT_PROFILES,
    "catalogs": CATALOGS,
    "installs": INSTALLS,
    "children": CHILDREN,
}
REAL_ENV = {"OH_ENABLE_BROWSER": "false"}
"""The real server would offer a browser where chromium is installed; the mock never does."""


def _normalized(node: Any) -> Any:
    """Clock readings and cipher tokens (random by design) blanked; tokens are checked apart."""
    if isinstance(node, dict):
        return {k: "<clock>" if k in CLOCK_FIELDS and v is not None else _normalized(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_normalized(item) for item in node]
    if isinstance(node, str) and node.startswith(FERNET_TOKEN_PREFIX):
        return "<token>"
    if isinstance(node, str) and TIMESTAMP.match(node):
        return "<clock>"
    if isinstance(node, str):
        return ID.sub("<id>", node)
    return node


def _remember_ids(ids: dict[str, str], method: str, path: str, status: int, answer: Any) -> None:
    """The ids later steps name: ``{cid}`` the latest conversation, ``{child}`` its latest child,
    ``{pc}`` the first provider connection, ``{ap_<name>}`` each agent profile a listing shows."""
    if (method, path, status) == ("POST", "/api/conversations", 201):
        ids["cid"] = answer["id"]
    if (method, path, status) == ("POST", "/api/conversations/{cid}/children", 201):
        ids["child"] = answer["conversation_id"]
    if (method, path, status) == ("POST", CONNECTIONS, 201):
        ids.setdefault("pc", answer["id"])
    if (method, path, status) == ("GET", "/api/agent-profiles", 200):
        ids.update({f"ap_{profile['name']}": profile["id"] for profile in answer["profiles"]})


def _with_ids(node: Any, ids: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {k: _with_ids(v, ids) for k, v in node.items()}
    if isinstance(node, str) and node.startswith("{") and node.endswith("}"):
        return ids.get(node[1:-1], node)
    return node


def run_steps(base: str, steps: list[Step]) -> list[tuple[str, int, Any]]:
    """Each step's request line, status and body (JSON or text), normalized.

    Paths and bodies name ids the family's earlier answers gave (see :func:`_remember_ids`)."""
    answers = []
    ids: dict[str, str] = {}
    with httpx.Client(base_url=base, headers={"X-Session-API-Key": KEY}, timeout=30) as http:
        for method, path, body, *extra in steps:
            headers = extra[0] if extra else {}
            url = path.format_map(ids)
            response = http.request(method, url, json=_with_ids(body, ids), headers=headers)
            is_json = response.headers.get("content-type", "").startswith("application/json")
            answer = response.json() if is_json else response.text
            _remember_ids(ids, method, path, response.status_code, answer)
            answers.append((f"{method} {path} {body}", response.status_code, answer))
    return [(line, status, _normalized(body)) for line, status, body in answers]


def differences(ours: Any, real: Any, path: str = "") -> list[str]:
    """Where two JSON values differ, as readable paths (for assertion messages)."""
    if isinstance(ours, dict) and isinstance(real, dict):
        found = [f"{path}/{k}: only on the real server" for k in real.keys() - ours.keys()]
        found += [f"{path}/{k}: only on the mock" for k in ours.keys() - real.keys()]
        for key in ours.keys() & real.keys():
            found += differences(ours[key], real[key], f"{path}/{key}")
        return found
    if isinstance(ours, list) and isinstance(real, list) and len(ours) == len(real):
        return [d for i, (a, b) in enumerate(zip(ours, real, strict=True)) for d in differences(a, b, f"{path}/{i}")]
    return [] if ours == real else [f"{path}: mock {ours!r} real {real!r}"]


def run_families(base: str) -> dict[str, list[tuple[str, int, Any]]]:
    """Every family in turn on one server (later families see what earlier ones left)."""
    return {family: run_steps(base, steps) for family, steps in FAMILIES.items()}


@pytest.fixture(scope="module")
def real_answers() -> dict[str, list[tuple[str, int, Any]]]:
    with RealServer(api_key=KEY, extra_env=REAL_ENV) as real:
        return run_families(real.url)


@pytest.fixture(scope="module")
def mock_answers() -> dict[str, list[tuple[str, int, Any]]]:
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        return run_families(mock.url)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_sequence_matches_real_server(
    family: str, real_answers: dict[str, list[Any]], mock_answers: dict[str, list[Any]]
) -> None:
    for real, ours in zip(real_answers[family], mock_answers[family], strict=True):
        assert ours[1] == real[1], (real[0], ours[2], real[2])
        assert ours == real, (real[0], differences(ours[2], real[2]))


def test_sequences_exercise_success_and_refusal(real_answers: dict[str, list[Any]]) -> None:
    """Each family's sequence reaches 2xx and 4xx answers on the real server (the steps are not all
    alike); the catalogs only read."""
    for family, answers in real_answers.items():
        if family == "catalogs":
            continue
        statuses = {status // 100 for _, status, _ in answers}
        assert {2, 4} <= statuses, family


def _encrypted_round_trip(base: str) -> tuple[str, str, str]:
    """GET the key encrypted, PATCH the token back, read it in plaintext."""
    with httpx.Client(base_url=base, headers={"X-Session-API-Key": KEY}, timeout=30) as http:
        http.patch("/api/settings", json={"agent_settings_diff": {"llm": {"model": "m", "api_key": "sk-round"}}})
        encrypted = http.get("/api/settings", headers={"X-Expose-Secrets": "encrypted"}).json()
        token = encrypted["agent_settings"]["llm"]["api_key"]
        http.patch("/api/settings", json={"agent_settings_diff": {"llm": {"api_key": token, "model": "m2"}}})
        plain = http.get("/api/settings", headers={"X-Expose-Secrets": "plaintext"}).json()
        legacy = http.get("/api/settings", headers={"X-Expose-Secrets": "true"}).json()
    return token, plain["agent_settings"]["llm"]["api_key"], legacy["agent_settings"]["llm"]["api_key"]


def test_encrypted_secrets_round_trip_as_on_the_real_server() -> None:
    """Tokens are the server's cipher (keyed by the session key): the real SDK's Cipher decrypts
    the mock's, and a token sent back is stored decrypted, on both servers."""
    from openhands.sdk.utils.cipher import Cipher

    with RealServer(api_key=KEY) as real:
        real_token, real_plain, real_legacy = _encrypted_round_trip(real.url)
    with MockServer(MockConfig(api_keys=(KEY,))) as mock:
        token, plain, legacy = _encrypted_round_trip(mock.url)
    assert (plain, legacy[:6]) == (real_plain, real_legacy[:6]) == ("sk-round", FERNET_TOKEN_PREFIX)
    assert Cipher(KEY).decrypt(token).get_secret_value() == "sk-round"
    assert Cipher(KEY).decrypt(real_token).get_secret_value() == "sk-round"
