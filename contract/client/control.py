"""A typed client of the mock's control API (see :mod:`contract.spec.control_api`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from contract.client.http import session_headers
from contract.spec.control_api import (
    DEFAULT_PREFIX,
    ActionFired,
    ActRequest,
    CannedOperation,
    CannedReport,
    ConversationScenario,
    DefaultScenario,
    ExecutionStatus,
    FaultSettings,
    FaultState,
    ForceStatus,
    HookAction,
    InjectEvent,
    JournalEntry,
    ResetDone,
    ScenarioList,
    ScenarioLoaded,
    SelectScenario,
    StatusForced,
    Trace,
    Trigger,
    TriggerList,
    TriggersArmed,
)

M = TypeVar("M", bound=BaseModel)


class ControlError(RuntimeError):
    """The control API refused a request (``status`` and ``body`` say why) or is not there."""

    def __init__(self, message: str, status: int | None = None, body: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class MockEndpoint:
    """Where a mock server listens: base URL, session key, control prefix."""

    url: str
    api_key: str | None = None
    control_prefix: str = DEFAULT_PREFIX
    control_key: str | None = None
    """The key the control API takes, when it differs from the session key."""


class ControlClient:
    """The control API over an httpx client bound to the mock's base URL.

    >>> control = ControlClient(httpx.Client(base_url=mock.url))
    >>> control.set_faults(omit_snapshot=1)
    """

    def __init__(self, http: httpx.Client, prefix: str = DEFAULT_PREFIX) -> None:
        self.http = http
        self.prefix = prefix

    @classmethod
    def connect(cls, endpoint: MockEndpoint, *, timeout_s: float = 10.0) -> ControlClient:
        """A client with its own HTTP connection pool (close it with :meth:`close`)."""
        key = endpoint.control_key or endpoint.api_key
        return cls(
            httpx.Client(base_url=endpoint.url, headers=session_headers(key), timeout=timeout_s),
            endpoint.control_prefix,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        body: BaseModel | Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> M:
        data = _payload(body)
        response = self.http.request(method, self.prefix + path, json=data, params=params)
        if response.status_code >= 300:
            raise ControlError(
                f"{method} {self.prefix}{path}: {response.status_code} {response.text[:300]}",
                response.status_code,
                response.text,
            )
        try:
            return model.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise ControlError(
                f"{method} {self.prefix}{path}: not a control-API answer: {exc}", response.status_code, response.text
            ) from None

    # -- probing -----------------------------------------------------------------------------

    def is_mock(self) -> bool:
        """True if the server answers the control API (it is an ohmock mock)."""
        try:
            self.scenarios()
        except (ControlError, httpx.HTTPError):
            return False
        return True

    # -- scenarios ---------------------------------------------------------------------------

    def scenarios(self) -> ScenarioList:
        return self._call("GET", "/scenarios", ScenarioList)

    def load_scenario(self, scenario: BaseModel | Mapping[str, Any]) -> str:
        """Load (or replace) a scenario, given as a document or a ``Scenario``; returns its name."""
        return self._call("POST", "/scenarios", ScenarioLoaded, scenario).loaded

    def select_default(self, name: str) -> str:
        return self._call("PUT", "/scenario", DefaultScenario, SelectScenario(name=name)).default

    def select(self, conversation_id: object, name: str) -> str:
        """Play scenario ``name`` from its first turn on the conversation's next LLM call."""
        return self._call(
            "PUT", f"/conversations/{conversation_id}/scenario", ConversationScenario, SelectScenario(name=name)
        ).scenario

    # -- the whole mock ----------------------------------------------------------------------

    def reset(self) -> None:
        self._call("POST", "/reset", ResetDone, {})

    def canned(self) -> list[CannedOperation]:
        """The operations the mock answers without state, and how."""
        return self._call("GET", "/canned", CannedReport).operations

    def journal(self, channel: str | None = None) -> list[JournalEntry]:
        response = self.http.get(self.prefix + "/journal", params={"channel": channel} if channel else None)
        if response.status_code != 200:
            raise ControlError(
                f"GET {self.prefix}/journal: {response.status_code} {response.text[:300]}",
                response.status_code,
                response.text,
            )
        return [JournalEntry.model_validate(entry) for entry in response.json()]

    def faults(self) -> FaultState:
        return self._call("GET", "/faults", FaultState)

    def set_faults(self, settings: FaultSettings | None = None, **fields: Any) -> FaultState:
        """Arm faults, given as :class:`FaultSettings` or its fields (``omit_snapshot=1``)."""
        return self._call("POST", "/faults", FaultState, settings if settings is not None else FaultSettings(**fields))

    def clear_faults(self) -> FaultState:
        return self._call("DELETE", "/faults", FaultState)

    # -- one conversation --------------------------------------------------------------------

    def inject(
        self, conversation_id: object, event: Mapping[str, Any], *, persist: bool = True, validate: bool = True
    ) -> dict[str, Any]:
        """Emit ``event`` on the conversation (checked against the contract unless ``validate`` is False)."""
        body = InjectEvent(event=dict(event), persist=persist, validate_event=validate)
        response = self.http.post(f"{self.prefix}/conversations/{conversation_id}/events", json=_payload(body))
        if response.status_code != 201:
            raise ControlError(
                f"inject: {response.status_code} {response.text[:300]}", response.status_code, response.text
            )
        emitted: dict[str, Any] = response.json()
        return emitted

    def force_status(self, conversation_id: object, status: ExecutionStatus, *, snapshot: bool = True) -> str:
        return self._call(
            "POST",
            f"/conversations/{conversation_id}/status",
            StatusForced,
            ForceStatus(status=status, snapshot=snapshot),
        ).execution_status

    def set_triggers(self, conversation_id: object, triggers: list[Trigger]) -> int:
        """Replace the conversation's triggers (``[]`` disarms them and installs the recorder)."""
        return self._call(
            "POST", f"/conversations/{conversation_id}/triggers", TriggersArmed, TriggerList(triggers=triggers)
        ).armed

    def act(self, conversation_id: object, action: HookAction, label: str | None = None) -> int:
        """Perform ``action`` now; returns how many actions have fired on the conversation."""
        return self._call(
            "POST", f"/conversations/{conversation_id}/act", ActionFired, ActRequest(do=action, label=label)
        ).fired

    def trace(self, conversation_id: object, since: int = 0) -> Trace:
        return self._call("GET", f"/conversations/{conversation_id}/trace", Trace, params={"since": since})


def _payload(body: BaseModel | Mapping[str, Any] | None) -> Any:
    if body is None:
        return None
    if isinstance(body, BaseModel):
        return body.model_dump(mode="json", exclude_none=True)
    return dict(body)
