"""Events by (name, version): a consumer accepts v1 and v2 side by side while producers move over."""

from __future__ import annotations

import pytest
from django.db import transaction
from tests.kernel.contracts import ProbeSent, ProbeSentV2

from shared.events import consumes, publish
from shared.events.consumers import HANDLERS, permanent_reason
from shared.events.contracts import REGISTRY, make_envelope, parse_envelope
from shared.events.contracts.base import UnknownEvent, event
from shared.testing.broker import take_envelopes

SEEN: list[tuple[str, int, object]] = []


@pytest.fixture
def probe_handlers(monkeypatch):
    """One handler that takes both versions, one still on v1 only (registered for this test alone)."""
    monkeypatch.setitem(HANDLERS, ProbeSent.name, [])
    SEEN.clear()

    @consumes(ProbeSent, ProbeSentV2)
    def size_either(event, meta):
        size = event.size if meta.version == 2 else int(event.size)
        SEEN.append(("either", meta.version, size))

    @consumes(ProbeSent)
    def size_v1_only(event, meta):
        SEEN.append(("v1 only", meta.version, event.size))

    yield
    SEEN.clear()


def test_the_registry_keys_each_version_apart():
    assert REGISTRY[("kernel.probe.sent", 1)] is ProbeSent
    assert REGISTRY[("kernel.probe.sent", 2)] is ProbeSentV2


def test_each_version_parses_into_its_own_class():
    first, _ = parse_envelope(make_envelope(ProbeSent(probe_id="p", size="12")))
    second, meta = parse_envelope(make_envelope(ProbeSentV2(probe_id="p", size=12)))

    assert type(first) is ProbeSent and first.size == "12"
    assert type(second) is ProbeSentV2 and second.size == 12 and meta.version == 2


def test_a_version_nobody_declared_is_unknown_and_permanent():
    envelope = make_envelope(ProbeSentV2(probe_id="p", size=1))
    envelope["version"] = 3

    expected = r"unknown version 3 of kernel.probe.sent \(this consumer reads versions \[1, 2\]\)"
    with pytest.raises(UnknownEvent, match=expected) as refused:
        parse_envelope(envelope)

    assert permanent_reason(refused.value)


def test_a_version_cannot_be_declared_twice_or_left_out():
    with pytest.raises(ValueError, match="declared twice"):
        event("kernel.probe.sent", version=2)(type("Again", (), {"__annotations__": {"probe_id": str}}))
    with pytest.raises(TypeError):
        event("kernel.probe.unversioned")  # the contract names its version


@pytest.mark.django_db(transaction=True)
def test_both_versions_travel_under_one_routing_key_and_reach_the_handlers_that_take_them(
    probe_handlers, bound_queue, deliver
):
    queue = bound_queue(["kernel.probe.sent"])
    with transaction.atomic():
        old = publish(ProbeSent(probe_id="p-1", size="12"))
        new = publish(ProbeSentV2(probe_id="p-2", size=34))
    arrived = take_envelopes(queue, {old["event_id"], new["event_id"]})

    assert deliver(arrived[old["event_id"]]) == 2
    assert deliver(arrived[new["event_id"]]) == 1  # the v1-only handler is not handed a v2 payload

    assert SEEN == [("either", 1, 12), ("v1 only", 1, "12"), ("either", 2, 34)]
