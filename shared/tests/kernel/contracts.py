"""Test-only contracts: one event with a real second version, as a producer migrating to it would publish."""

from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("kernel.probe.sent", version=1)
class ProbeSent(_Contract):
    probe_id: str
    size: str  # v1 sent the size as text


@event("kernel.probe.sent", version=2)
class ProbeSentV2(_Contract):
    probe_id: str
    size: int
    unit: str = "bytes"
