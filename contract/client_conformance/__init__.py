"""Client conformance: property-based tests of agent-server clients against legal server behaviour.

``ohmock check-client`` runs the suite against the installed openhands-sdk; see
``docs/client-conformance.md``. Modules: ``case`` (cases and the replayable case file format),
``strategies`` (hypothesis strategies and the corpus), ``client`` (the client adapter),
``harness`` (executes a case on the in-process mock), ``suite`` (properties, search, report).
"""
