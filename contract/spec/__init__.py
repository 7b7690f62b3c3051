"""Spec truth: the pinned spec, its corrections, the effective spec, wire events, validation and
the WebSocket protocol.

Modules: ``documents`` (the shipped documents), ``overlay`` (the Overlay 1.0 applier), ``export``
and ``codegen`` (maintenance: re-export, regenerate), ``events`` (parse/dump any wire event),
``validate`` (responses and frames against the contract), ``ws_protocol`` (the sockets' rules).
"""

PINNED_SERVER_VERSION = "1.58.0"
"""The openhands-agent-server release whose export is pinned (here, so reading it imports nothing)."""
