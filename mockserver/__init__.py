"""ohmock's mock half: a stateful mock of the OpenHands agent server.

Data flows one way (see ARCHITECTURE.md): the contract's models → the store (conversations and
their event logs) → the engine (scenario runs) → REST routes and WebSocket sockets; the control
API and the fault knobs sit beside them. ``MockServer`` runs it in-process on a loopback port;
``ohmock serve`` runs it standalone; the pytest plugin gives it to tests.
"""

from contract import __version__

__all__ = ["__version__"]
