"""A contract refuses at publish what a consumer's store would refuse; a consumer parks what it can never read."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import quote

import pytest

from shared.errors import http_status
from shared.events.consumers import PermanentError, permanent_reason
from shared.events.contracts import ChatMessageSent, OrderCompleted, make_envelope, parse_envelope
from shared.events.contracts.base import MAX_TEXT, InvalidEvent, UnknownEvent
from shared.events.django_app.models import OutboxEvent


def message(preview: str = "hello", sender_id: str = "7") -> ChatMessageSent:
    return ChatMessageSent(
        message_id="m",
        conversation_id="c",
        sender_id=sender_id,
        sender_username="ann",
        receiver_id="8",
        receiver_username="bob",
        preview=preview,
    )


@pytest.mark.parametrize("bad", ["nul \x00 inside", "bell \x07", "escape \x1b[31m", "delete \x7f", "c1 \x85"])
def test_control_characters_are_refused_naming_the_field(bad):
    with pytest.raises(InvalidEvent) as refused:
        make_envelope(message(preview=bad))

    assert http_status(refused.value) == HTTPStatus.UNPROCESSABLE_ENTITY
    assert list(refused.value.fields) == ["preview"]


def test_tabs_and_line_breaks_are_text():
    assert make_envelope(message(preview="line one\nline two\r\n\tindented"))["payload"]["preview"].startswith("line")


def test_an_id_longer_than_its_columns_is_refused():
    with pytest.raises(InvalidEvent) as refused:
        make_envelope(message(sender_id="9" * 65))

    assert "sender_id" in refused.value.fields


def test_an_oversize_string_is_refused():
    with pytest.raises(InvalidEvent) as refused:
        make_envelope(message(preview="x" * (MAX_TEXT + 1)))

    assert refused.value.fields == {"preview": [f"Ensure this value has at most {MAX_TEXT} characters."]}


def test_an_oversize_payload_is_refused(monkeypatch):
    from shared.events.contracts import base

    monkeypatch.setattr(base, "MAX_PAYLOAD_BYTES", 200)  # every string within its limit, the whole over this

    with pytest.raises(InvalidEvent, match="too large"):
        make_envelope(message(preview="x" * 150))


@pytest.mark.django_db(transaction=True)
def test_the_api_that_took_the_value_answers_422_and_publishes_nothing(client):
    from shared.testing.tokens import gateway_token

    # A NUL in the path is refused before any view by the input guard (shared.validation); an id
    # too long for the consumers' CharField(64) passes every API check and only the contract refuses it.
    response = client.post(f"/api/orders/{quote('o' * 65)}/complete", HTTP_X_GATEWAY_TOKEN=gateway_token("review"))

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert list(response.json()["fields"]) == ["order_id"]
    assert OutboxEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_nul_in_the_path_never_reaches_the_view(client):
    from shared.testing.tokens import gateway_token

    response = client.post(
        f"/api/orders/{quote('o-1' + chr(0))}/complete", HTTP_X_GATEWAY_TOKEN=gateway_token("review")
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert OutboxEvent.objects.count() == 0


def completed_envelope() -> dict:
    return make_envelope(
        OrderCompleted(
            order_id="o",
            gig_id="g",
            seller_id="s",
            buyer_id="7",
            seller_user_id="8",
            seller_earnings="1.00",
            delivered_at="2026-11-25T10:00:00+00:00",
        )
    )


@pytest.mark.parametrize(
    "breakage",
    [
        lambda envelope: envelope.update(version=2),
        lambda envelope: envelope.update(name="order.vanished"),
        lambda envelope: envelope["payload"].pop("order_id"),
        lambda envelope: envelope.update(payload="not an object"),
        lambda envelope: envelope.pop("event_id"),
    ],
    ids=["newer version", "unknown name", "missing field", "payload not an object", "no id"],
)
def test_an_envelope_no_retry_can_fix_is_unknown_and_permanent(breakage):
    envelope = completed_envelope()
    breakage(envelope)

    with pytest.raises(UnknownEvent) as refused:
        parse_envelope(envelope)

    assert permanent_reason(refused.value)


@pytest.mark.django_db
def test_bad_data_is_permanent_and_a_passing_fault_is_not():
    from django.db import DataError, OperationalError, transaction

    with pytest.raises(DataError) as too_long:
        with transaction.atomic():
            OutboxEvent.objects.create(event_id="x", name="n" * 300, envelope={})

    assert "DataError" in permanent_reason(too_long.value)
    assert permanent_reason(PermanentError("cannot apply"))
    assert permanent_reason(OperationalError("server closed the connection")) is None
    assert permanent_reason(ConnectionError("broker down")) is None
