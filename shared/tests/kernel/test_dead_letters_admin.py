"""The dead-letter page of the admin (Django's test client, real broker): staff look, replay and discard."""

from __future__ import annotations

import base64
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission, User
from tests.kernel.helpers import completed, take_one

from shared.events.contracts import make_envelope
from shared.events.deadletters import park
from shared.events.topology import EVENTS_EXCHANGE
from shared.testing.tokens import gateway_token

PAGE = "/admin/review/events/deadletter/"
BINARY = b"\x00\xff binary poison \xfe"


@pytest.fixture(autouse=True)
def _through_the_gateway(client, admin_client):
    """Admin pages, like every route, answer only requests the gateway forwarded."""
    for each in (client, admin_client):
        each.defaults["HTTP_X_GATEWAY_TOKEN"] = gateway_token("review")


@pytest.fixture
def parked(broker, celery_app):
    """A binary message dead-lettered by the broker itself (rejected from review.events) and a parked event."""
    with celery_app.producer_or_acquire() as producer:
        producer.publish(
            BINARY,
            exchange=EVENTS_EXCHANGE,
            routing_key="review.retry",
            content_type="application/octet-stream",
            content_encoding="binary",
            retry=False,
        )
    message = broker.basic_get("review.events", no_ack=False)
    broker.basic_reject(message.delivery_tag, requeue=False)
    envelope = make_envelope(completed("o-admin"))
    park("review", envelope, "PermanentError: the test says so")
    return envelope


def binary_id(_client=None) -> str:
    import hashlib

    return hashlib.sha256(BINARY).hexdigest()[:32]


def count(channel) -> int:
    return channel.queue_declare("review.events.dead", passive=True).message_count


@pytest.mark.django_db(transaction=True)
def test_the_page_is_in_the_admin_index_and_lists_every_parked_message(admin_client, parked):
    assert PAGE in admin_client.get("/admin/review/").content.decode()

    page = admin_client.get(PAGE).content.decode()

    assert parked["event_id"] in page and "order.completed" in page
    assert "PermanentError: the test says so" in page
    assert binary_id(admin_client) in page and "not a Celery task message (binary body)" in page


@pytest.mark.django_db(transaction=True)
def test_one_message_is_shown_raw_or_as_base64(admin_client, parked):
    binary = admin_client.get(f"{PAGE}{binary_id(admin_client)}/").content.decode()
    event = admin_client.get(f"{PAGE}{parked['event_id']}/").content.decode()

    assert base64.b64encode(BINARY).decode() in binary
    assert "o-admin" in event and "Envelope" in event
    assert admin_client.get(f"{PAGE}no-such-id/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db(transaction=True)
def test_replay_asks_first_then_sends_the_event_back(admin_client, parked, broker):
    confirm = admin_client.post(f"{PAGE}confirm/replay/", {"ids": [parked["event_id"]]})

    assert confirm.status_code == HTTPStatus.OK and "Are you sure?" in confirm.content.decode()
    assert count(broker) == 2  # nothing happened yet

    done = admin_client.post(f"{PAGE}confirm/replay/", {"ids": [parked["event_id"]], "confirmed": "yes"})

    assert done.status_code == HTTPStatus.FOUND
    assert count(broker) == 1
    assert take_one(broker, "review.events")["event_id"] == parked["event_id"]


@pytest.mark.django_db(transaction=True)
def test_discard_asks_first_then_removes_only_the_named_message(admin_client, parked, broker):
    ident = binary_id(admin_client)
    assert "Are you sure?" in admin_client.post(f"{PAGE}confirm/discard/", {"ids": [ident]}).content.decode()

    admin_client.post(f"{PAGE}confirm/discard/", {"ids": [ident], "confirmed": "yes"})

    assert count(broker) == 1
    assert ident not in admin_client.get(PAGE).content.decode()


@pytest.mark.django_db(transaction=True)
def test_only_staff_with_the_permissions_see_and_act(client, parked, broker):
    assert client.get(PAGE).status_code == HTTPStatus.FOUND  # anonymous: to the login page
    user = User.objects.create_user("clerk", password="pw-1234567", is_staff=True)
    client.force_login(user)
    assert client.get(PAGE).status_code == HTTPStatus.FORBIDDEN

    user.user_permissions.add(Permission.objects.get(codename="view_deadletter"))
    assert client.get(PAGE).status_code == HTTPStatus.OK
    refused = client.post(f"{PAGE}confirm/discard/", {"ids": [parked["event_id"]], "confirmed": "yes"})

    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert count(broker) == 2


@pytest.mark.django_db(transaction=True)
def test_readiness_counts_the_parked_messages_and_stays_ready(client, parked):
    response = client.get("/health/ready")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["dead_letters"] == {"review.events.dead": 2}
    assert response.json()["durability"] == {"sql:default": "ok", "mongodb": "ok"}
