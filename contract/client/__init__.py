"""A small client toolkit for the agent-server API and the mock's control API.

One implementation of what every client in this project needs: headers and paths (``http``),
following ``next_page_id`` (``paging``), bounded waiting (``waiting``), request bodies
(``bodies``), a synchronous agent-server client (``api``), an event-socket recorder with a sync
facade (``sockets``) and the typed control-API client (``control``). The plugin, the driver, the
checkers and the benchmarks all use it.
"""
