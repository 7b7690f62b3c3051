"""Client-conformance cases: one legal server behaviour plus the client calls that meet it.

A *case* is a program of steps run against one conversation on the mock:

* client steps, performed by the client under test: ``send`` a message, ``run`` (blocking),
  ``pause``, ``reject`` pending actions;
* each ``run`` names the agent turns the mock plays for that run (scenario turns, exactly as in
  ``contract/scenario.py``), a WebSocket frame delay, and server-side *variations* anchored
  inside the run (``during``);
* ``server`` steps: a variation applied between client calls.

Variations are behaviour the real server may legally show (see ``docs/client-conformance.md``):
extra ``stats`` updates, streaming deltas, forward-compatible additions (unknown event kinds,
unknown action/observation kinds, unknown transient frames, unknown state keys), a user message
from another client arriving mid-run, pause or interrupt mid-step, a socket drop with a
non-fatal close code (the client reconnects), duplicated frames.

Replayable case file (YAML), ``format: ohmock-client-conformance/1``::

    format: ohmock-client-conformance/1
    scenario:                 # valid under contract/scenario.py (parse_scenario)
      name: client_conformance_1a2b3c4d
      confirmation_policy: NeverConfirm
      turns: [...]            # every run's turns, in run order
      client: [...]           # the client calls as a scenario client script
    steps:                    # the replay program, in order
      - send: Please run ls
      - run:
          turns: 2            # this run plays the next 2 turns of scenario.turns
          ws_delay_ms: 5
          during: [{do: pause, after: action, nth: 1}]
      - server: {do: unknown_event}
      - pause: true
      - reject: true
    # written by check-client for a failure (ignored on load):
    property: events_exactly_once
    failure: [...]
    client: openhands-sdk 1.58.0
    seed: 0

``load_case`` / ``dump_case`` convert between the file and :class:`Case`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, TypeAdapter, model_validator

from contract.harness.scenario import ClientStep, Scenario, ScenarioError, Turn, parse_scenario

FORMAT = "ohmock-client-conformance/1"

# Kinds no 1.58.0 client knows: additive members of the server's unions (the breakage policy
# allows them; "clients MUST handle unknown discriminator values").
UNKNOWN_EVENT_KIND = "FutureEvent"
UNKNOWN_ACTION_KIND = "FutureToolAction"
UNKNOWN_OBSERVATION_KIND = "FutureToolObservation"
UNKNOWN_KINDS = frozenset({UNKNOWN_EVENT_KIND, UNKNOWN_ACTION_KIND, UNKNOWN_OBSERVATION_KIND})
UNKNOWN_STATE_KEY = "future_field"
# Close codes a client must treat as transient (reconnect); 4001/4004 are fatal by contract.
NON_FATAL_CLOSE_CODES = (1000, 1001, 1011, 1012, 1013)
MAX_WS_DELAY_MS = 200

Anchor = Literal["running", "action", "observation", "stats", "end"]
VariationKind = Literal[
    "stats",
    "deltas",
    "message",
    "duplicate_frames",
    "unknown_transient",
    "unknown_state_key",
    "unknown_event",
    "unknown_action",
    "pause",
    "interrupt",
    "drop_socket",
]
# Forward-compatible additions: a client must behave as if they were absent.
FORWARD_COMPATIBLE = frozenset({"unknown_transient", "unknown_state_key", "unknown_event", "unknown_action"})
IN_RUN_ONLY = frozenset({"pause", "interrupt"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Variation(_Strict):
    """One piece of legal server behaviour; ``after``/``nth`` anchor it inside a run."""

    do: VariationKind
    after: Anchor | None = Field(None, description="inside a run: fire right after the nth frame of this kind")
    nth: int = Field(1, ge=1, le=5)
    count: int = Field(1, ge=1, le=5, description="deltas: chunks; duplicate_frames: frames sent twice")
    code: int | None = Field(None, description="drop_socket: the close code (non-fatal)")
    text: str | None = Field(None, description="message: the text")

    @model_validator(mode="after")
    def _check(self) -> Variation:
        if self.do == "drop_socket" and self.code not in NON_FATAL_CLOSE_CODES:
            raise ValueError(f"drop_socket needs a non-fatal close code, one of {NON_FATAL_CLOSE_CODES}")
        if self.do != "drop_socket" and self.code is not None:
            raise ValueError("only drop_socket takes a code")
        if self.do == "message" and not self.text:
            raise ValueError("message needs text")
        if self.do == "message" and self.after == "end":
            raise ValueError(
                "a message is anchored inside a step (running, action, observation, stats), not at its end"
            )
        return self


class RunPlan(_Strict):
    """What the server does during one ``run()``."""

    turns: list[Turn] = Field(min_length=1)
    ws_delay_ms: int = Field(0, ge=0, le=MAX_WS_DELAY_MS, description="delay of every WebSocket frame vs REST")
    during: list[Variation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> RunPlan:
        for variation in self.during:
            if variation.after is None:
                raise ValueError("a variation during a run needs an anchor ('after')")
        return self


class SendStep(_Strict):
    send: str = Field(min_length=1)


class RunStep(_Strict):
    run: RunPlan


class PauseStep(_Strict):
    pause: Literal[True] = True


class RejectStep(_Strict):
    reject: Literal[True] = True


class ServerStep(_Strict):
    server: Variation

    @model_validator(mode="after")
    def _check(self) -> ServerStep:
        if self.server.after is not None:
            raise ValueError("a server step applies at once: no 'after'")
        if self.server.do in IN_RUN_ONLY:
            raise ValueError(
                f"{self.server.do} is a client call between runs (use a 'pause' step) or anchored in a run"
            )
        return self


def _step_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if not isinstance(value, dict):
        return None
    present = [key for key in ("send", "run", "pause", "reject", "server") if key in value]
    return present[0] if len(present) == 1 else None


Step = Annotated[
    Annotated[SendStep, Tag("send")]
    | Annotated[RunStep, Tag("run")]
    | Annotated[PauseStep, Tag("pause")]
    | Annotated[RejectStep, Tag("reject")]
    | Annotated[ServerStep, Tag("server")],
    Discriminator(
        _step_kind,
        custom_error_type="step_kind",
        custom_error_message="a step needs exactly one of send, run, pause, reject, server",
    ),
]


class Case(_Strict):
    """A client-conformance case: conversation settings and the step program."""

    confirmation_policy: Literal["NeverConfirm", "AlwaysConfirm"] = "NeverConfirm"
    steps: list[Step] = Field(min_length=1)

    def key(self) -> str:
        """Canonical JSON: equal cases have equal keys."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    def digest(self) -> str:
        return hashlib.sha256(self.key().encode()).hexdigest()[:8]

    def variations(self) -> list[tuple[str, Variation]]:
        """Every variation with its label (``<step>`` or ``<step>.<i>``), in program order."""
        found: list[tuple[str, Variation]] = []
        for index, step in enumerate(self.steps):
            if isinstance(step, ServerStep):
                found.append((str(index), step.server))
            elif isinstance(step, RunStep):
                found += [(f"{index}.{i}", v) for i, v in enumerate(step.run.during)]
        return found

    def keeping(self, labels: set[str]) -> Case:
        """The same program with only the variations whose labels are in ``labels``."""
        steps: list[Any] = []
        for index, step in enumerate(self.steps):
            if isinstance(step, ServerStep) and str(index) not in labels:
                continue
            if isinstance(step, RunStep):
                during = [v for i, v in enumerate(step.run.during) if f"{index}.{i}" in labels]
                step = RunStep(run=step.run.model_copy(update={"during": during}))
            steps.append(step)
        return Case(confirmation_policy=self.confirmation_policy, steps=steps or [SendStep(send="hello")])

    def without_forward_compatible(self) -> Case:
        """The same program with every forward-compatible addition removed."""
        steps: list[Any] = []
        for step in self.steps:
            if isinstance(step, ServerStep) and step.server.do in FORWARD_COMPATIBLE:
                continue
            if isinstance(step, RunStep):
                during = [v for v in step.run.during if v.do not in FORWARD_COMPATIBLE]
                step = RunStep(run=step.run.model_copy(update={"during": during}))
            steps.append(step)
        return Case(confirmation_policy=self.confirmation_policy, steps=steps or [SendStep(send="hello")])


class CaseError(ValueError):
    """A case file is invalid."""


_STEP_ADAPTER: TypeAdapter[Any] = TypeAdapter(Step)


def scenario_of(case: Case, name: str | None = None) -> Scenario:
    """The case's scenario (every run's turns, the client calls), valid under contract/scenario.py."""
    turns: list[Any] = []
    client: list[ClientStep] = []
    for step in case.steps:
        if isinstance(step, SendStep):
            client.append(ClientStep(action="send", text=step.send))
        elif isinstance(step, RunStep):
            turns += step.run.turns
            client.append(ClientStep(action="run"))
        elif isinstance(step, PauseStep):
            client.append(ClientStep(action="pause"))
        elif isinstance(step, RejectStep):
            client.append(ClientStep(action="reject"))
    return Scenario(
        name=name or f"client_conformance_{case.digest()}",
        description="Client-conformance case: the turns of every run in order; see 'steps' for the behaviour.",
        confirmation_policy=case.confirmation_policy,
        turns=turns or [{"tool": "finish", "arguments": {"message": "Done."}}],
        client=client,
    )


def case_document(case: Case, **metadata: Any) -> dict[str, Any]:
    """The case as a file document (``format``, ``scenario``, ``steps``, then ``metadata``)."""
    scenario = scenario_of(case)
    steps: list[dict[str, Any]] = []
    for step in case.steps:
        if isinstance(step, RunStep):
            plan = step.run.model_dump(mode="json", exclude_defaults=True, exclude={"turns"})
            steps.append({"run": {"turns": len(step.run.turns), **plan}})
        elif isinstance(step, PauseStep):
            steps.append({"pause": True})
        elif isinstance(step, RejectStep):
            steps.append({"reject": True})
        else:
            steps.append(step.model_dump(mode="json", exclude_defaults=True))
    scenario_document = scenario.model_dump(mode="json", exclude_defaults=True)
    scenario_document.setdefault("name", scenario.name)
    scenario_document["turns"] = [t.model_dump(mode="json", exclude_defaults=True) for t in scenario.turns]
    document: dict[str, Any] = {"format": FORMAT, "scenario": scenario_document, "steps": steps}
    document.update({k: v for k, v in metadata.items() if v is not None})
    return document


def parse_case(document: Any, source: str = "<case>") -> Case:
    """Validate a case document (see the module docstring)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CaseError(f"{source}: not a client-conformance case (format must be {FORMAT!r})")
    try:
        scenario = parse_scenario(document.get("scenario"), f"{source}: scenario")
    except ScenarioError as exc:
        raise CaseError(str(exc)) from None
    turns = list(scenario.turns)
    offset = 0
    steps: list[Any] = []
    for index, raw in enumerate(document.get("steps") or []):
        if isinstance(raw, dict) and isinstance(raw.get("run"), dict) and isinstance(raw["run"].get("turns"), int):
            count = raw["run"]["turns"]
            if count < 1 or offset + count > len(turns):
                raise CaseError(
                    f"{source}: steps.{index}.run.turns: {count} turns from turn {offset}, but the scenario has {len(turns)}"
                )
            raw = {"run": {**raw["run"], "turns": [t.model_dump() for t in turns[offset : offset + count]]}}
            offset += count
        try:
            steps.append(_STEP_ADAPTER.validate_python(raw))
        except ValueError as exc:
            raise CaseError(f"{source}: steps.{index}: {exc}") from None
    if offset != len(turns) and any(isinstance(s, RunStep) for s in steps):
        raise CaseError(f"{source}: the runs use {offset} of the scenario's {len(turns)} turns")
    try:
        return Case(confirmation_policy=scenario.confirmation_policy, steps=steps)
    except ValueError as exc:
        raise CaseError(f"{source}: {exc}") from None


def load_case(path: str | Path) -> Case:
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CaseError(f"{path}: cannot read case: {exc}") from None
    return parse_case(document, str(path))


def dump_case(case: Case, path: str | Path | None = None, **metadata: Any) -> str:
    """The case file text (written to ``path`` when given)."""
    text = yaml.safe_dump(case_document(case, **metadata), sort_keys=False, allow_unicode=True, width=110)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    return text
