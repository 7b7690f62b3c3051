"""ohmock's contract half: the agent-server contract and everything that judges against it.

Wings (see ARCHITECTURE.md): ``spec`` (pinned spec, overlay, effective spec, wire events,
validation, WebSocket protocol), ``generated`` (models made from the effective spec), ``client``
(a small client toolkit for the agent-server API and the mock's control API), ``harness``
(scenarios, scripted LLM, real-server runner, driver, recorder), ``checker`` (conformance of a
server) and ``client_conformance`` (conformance of a client). It never imports ``mockserver``.
"""

__version__ = "0.1.0"
