"""``POST /api/agent-profiles/{name}/materialize``: what launching a profile would build.

Follows ``openhands.sdk.launch.preview_launch`` for a server without a browser: references are
resolved against the stores (the LLM profile, the MCP servers, the meta-profile and the LLM
profiles it routes to); every dangling one is reported, never raised; a valid profile carries
its redacted resolved settings.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contract.generated import models
from contract.generated import settings_models as sm
from contract.spec.documents import catalog
from mockserver.agent_profile_store import AgentProfile
from mockserver.meta_profile_store import MetaProfileStore
from mockserver.profile_store import ProfileStore
from mockserver.settings_store import SettingsStore, dump, key_is_set, validate_agent

BROWSER_TOOL_NAME = "browser_tool_set"
STANDARD_TOOLS = ("terminal", "file_editor", "task_tracker", "switch_llm")
"""``resolve_tool_specs(None)`` on a server that cannot run a browser (it is left out)."""
AGENT_SETTINGS_SCHEMA_VERSION = 9


@dataclass(frozen=True)
class LaunchStores:
    """What a launch resolves a profile against (``LaunchStores``), and the launch's clock."""

    settings: SettingsStore
    llm_profiles: ProfileStore
    meta_profiles: MetaProfileStore
    now: Callable[[], str]


def _blank_report(profile: AgentProfile, mcp_keys: list[str]) -> dict[str, Any]:
    return {
        "agent_kind": profile.agent_kind,
        "valid": False,
        "errors": [],
        "unusable_tools": [],
        "llm_profile_ref": None,
        "llm_profile_resolved": False,
        "llm_api_key_set": False,
        "mcp_server_refs": profile.mcp_server_refs,
        "resolved_mcp_config_keys": mcp_keys,
        "dangling_mcp_server_refs": [],
        "disabled_skills": [],
        "public_skills": None,
        "resolved_skills": [],
        "secret_refs": profile.secret_refs,
        "acp_api_key_secret_name": None,
        "acp_base_url_secret_name": None,
        "acp_file_secret_names": [],
        "meta_profile_ref": None,
        "dangling_meta_profile_ref": None,
        "dangling_meta_profile_llm_refs": [],
        "resolved_settings": None,
    }


def _mcp_filter(mcp_config: dict[str, Any], refs: list[str] | None) -> tuple[dict[str, Any], list[str], list[str]]:
    """``_compute_mcp_filter``: null refs pass every server; a list keeps the named ones."""
    if refs is None:
        return mcp_config, list(mcp_config), []
    resolved = [ref for ref in dict.fromkeys(refs) if ref in mcp_config]
    dangling = [ref for ref in dict.fromkeys(refs) if ref not in mcp_config]
    return {key: mcp_config[key] for key in resolved}, resolved, dangling


def _tools(chosen: list[dict[str, Any]] | None) -> tuple[list[dict[str, Any]], list[str]]:
    """The launch's tools and the selected ones this server cannot run (the browser, and any the
    tool catalog does not list as usable)."""
    if chosen is None:
        return [{"name": name, "params": {}} for name in STANDARD_TOOLS], [BROWSER_TOOL_NAME]
    usable = {entry["name"] for entry in catalog()["tools"]["catalog"] if entry["usable"]}
    unusable = [tool["name"] for tool in chosen if tool["name"] not in usable]
    return [tool for tool in chosen if tool["name"] != BROWSER_TOOL_NAME], unusable


def _meta_profile(
    stores: LaunchStores, profile: dict[str, Any]
) -> tuple[models.MetaProfile | None, dict[str, sm.LLM], str | None, list[str]]:
    """``_load_meta_profile``: the routing configuration and the LLM profiles it names."""
    name = profile["meta_profile_ref"]
    if not profile["enable_classify_and_switch_llm_tool"] or name is None:
        return None, {}, None, []
    meta = stores.meta_profiles.load(name)
    if meta is None:
        return None, {}, name, []
    llms: dict[str, sm.LLM] = {}
    dangling: list[str] = []
    for ref in dict.fromkeys([meta.classifier_model, *(c.model for c in meta.classes)]):
        llm = stores.llm_profiles.resolved(ref)
        if llm is None:
            dangling.append(ref)
        else:
            llms[ref] = llm
    if meta.prompt_template is not None:  # direct routing may pick any saved profile
        for ref in stores.llm_profiles.names():
            llm = stores.llm_profiles.resolved(ref)
            if ref not in llms and llm is not None:
                llms[ref] = llm
    return meta, llms, None, dangling


def _openhands(
    stores: LaunchStores,
    profile: dict[str, Any],
    mcp_config: dict[str, Any],
    dangling_mcp: list[str],
    report: dict[str, Any],
) -> None:
    tools, unusable = _tools(profile["tools"])
    report.update(
        llm_profile_ref=profile["llm_profile_ref"],
        disabled_skills=profile["disabled_skills"],
        public_skills=profile["public_skills"],
        meta_profile_ref=profile["meta_profile_ref"],
        unusable_tools=unusable,
    )
    llm_ref = profile["llm_profile_ref"]
    llm = stores.llm_profiles.resolved(llm_ref)
    meta, meta_llms, dangling_meta, dangling_meta_llms = _meta_profile(stores, profile)
    failing = [name for name in unusable if name != BROWSER_TOOL_NAME]
    problems = ["Tool(s) this server cannot run: " + ", ".join(failing)] if failing else []
    if llm is None:
        problems.append(f"LLM profile {llm_ref!r} not found")
    if dangling_mcp:
        problems.append("MCP server(s) not configured: " + ", ".join(dangling_mcp))
    if dangling_meta is not None:
        problems.append(f"Meta-profile {dangling_meta!r} not found")
    if dangling_meta_llms:
        problems.append("LLM profile(s) routed to by the meta-profile not found: " + ", ".join(dangling_meta_llms))
    if problems:
        report.update(
            errors=problems,
            dangling_mcp_server_refs=dangling_mcp,
            dangling_meta_profile_ref=dangling_meta,
            dangling_meta_profile_llm_refs=dangling_meta_llms,
        )
        if llm is not None:
            report.update(llm_profile_resolved=True, llm_api_key_set=key_is_set(llm))
        return
    assert llm is not None
    critic_key = getattr(getattr(stores.settings.agent, "verification", None), "critic_api_key", None)
    settings = validate_agent(
        {
            "schema_version": AGENT_SETTINGS_SCHEMA_VERSION,
            "agent_kind": "openhands",
            "agent": profile["agent"],
            "llm": {**dump(llm), "stream": True},
            "mcp_config": mcp_config,
            "tools": tools,
            "persona": profile["persona"],
            "agent_context": {
                "skills": [],
                "system_message_suffix": profile["system_message_suffix"],
                "load_project_skills": True,
                "disabled_skills": profile["disabled_skills"],
                "current_datetime": stores.now(),
            },
            "condenser": profile["condenser"],
            "verification": {
                **profile["verification"],
                "critic_api_key": critic_key.get_secret_value() if critic_key else None,
            },
            "enable_classify_and_switch_llm_tool": profile["enable_classify_and_switch_llm_tool"],
            "active_meta_profile": profile["meta_profile_ref"],
            "meta_profile": dump(meta) if meta is not None else None,
            "meta_profile_llms": {ref: dump(meta_llm) for ref, meta_llm in meta_llms.items()},
            "tool_concurrency_limit": profile["tool_concurrency_limit"],
        }
    )
    report.update(
        llm_profile_resolved=True,
        llm_api_key_set=key_is_set(llm),
        valid=True,
        resolved_settings=dump(settings, None),
    )


def _acp(profile: models.ACPAgentProfile, mcp_config: dict[str, Any], report: dict[str, Any]) -> None:
    """An ACP profile: the provider's credential channels, then ``_build_acp_settings``."""
    server = str(profile.acp_server)
    channels = catalog()["acp_credential_channels"].get(server)
    if channels is not None:
        report.update(
            acp_api_key_secret_name=channels["api_key"],
            acp_base_url_secret_name=channels["base_url"],
            acp_file_secret_names=channels["files"],
        )
    if report["dangling_mcp_server_refs"]:
        return
    command = shlex.split(profile.acp_command) if profile.acp_command else []
    if server == "custom" and not command:
        report["errors"].append(
            "Failed to build agent settings: acp_command is required when acp_server='custom' \u2014 there is no "
            "default launch command to fall back to"
        )
        return
    settings = validate_agent(
        {
            "schema_version": AGENT_SETTINGS_SCHEMA_VERSION,
            "agent_kind": "acp",
            "acp_server": server,
            "acp_model": profile.acp_model,
            "acp_session_mode": profile.acp_session_mode,
            "acp_prompt_timeout": profile.acp_prompt_timeout,
            "acp_startup_timeout": profile.acp_startup_timeout,
            "acp_command": command,
            "acp_args": list(profile.acp_args or []),
            "mcp_config": mcp_config,
            "agent_context": {"skills": [], "current_datetime": None, "load_project_skills": False},
        }
    )
    report.update(valid=True, resolved_settings=dump(settings, None))


def diagnostics(profile: AgentProfile, stores: LaunchStores) -> dict[str, Any]:
    """The ``AgentProfileDiagnostics`` body for ``profile``."""
    mcp_servers = dump(stores.settings.agent).get("mcp_config") or {}
    mcp_config, mcp_keys, dangling_mcp = _mcp_filter(mcp_servers, profile.mcp_server_refs)
    report = _blank_report(profile, mcp_keys)
    if isinstance(profile, models.OpenHandsAgentProfile):
        _openhands(stores, profile.model_dump(mode="json"), mcp_config, dangling_mcp, report)
        return report
    if dangling_mcp:
        report.update(
            errors=["MCP server(s) not configured: " + ", ".join(dangling_mcp)], dangling_mcp_server_refs=dangling_mcp
        )
    _acp(profile, mcp_config, report)
    return report
