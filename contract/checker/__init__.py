"""Conformance checker: verify any agent server (the mock, a local real server, a deployment)
against the contract, REST and WebSocket.

>>> from contract.checker import run_checks
>>> report = run_checks("http://127.0.0.1:8000", api_key="k", allow_writes=True)
>>> report.ok, [f.message for f in report.violations]

Phases (``contract.checker.catalogue.PHASES``): ``rest`` (schemathesis over the effective spec),
``behaviour`` (hypothesis state machine), ``websocket`` (socket protocol), ``streams`` (§9.3
invariants on driven runs) and ``reconnect`` (resend after a drop). Only ``rest`` and
``websocket`` have read-only parts; the rest need ``allow_writes``. Requires the ``test`` extra
(schemathesis, hypothesis). ``ohmock check <url>`` is the command-line front end.
"""

from contract.checker.catalogue import CHECKS, PHASES
from contract.checker.model import Classification, Finding, Report, Status
from contract.checker.runner import DEFAULT_BUDGET_S, run_checks

__all__ = ["CHECKS", "DEFAULT_BUDGET_S", "PHASES", "Classification", "Finding", "Report", "Status", "run_checks"]
