"""Each send happens once, whatever is redelivered; a failed one is parked and staff send it again."""

from http import HTTPStatus

import pytest

from notifications.channels.phones import phone_remember
from notifications.channels.tasks import delivery_send
from notifications.models import Delivery, PushSubscription
from notifications.tests import events
from notifications.tests.events import SELLER
from notifications.tests.factories import ContactFactory
from shared.events.django_app.models import ProcessedEvent
from shared.testing.push_service import PushService
from shared.testing.tokens import gateway_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller_everywhere(sms_sink):
    """The seller can be reached on every channel."""
    with PushService() as service:
        browser = service.subscribe()
        ContactFactory(user_id=SELLER, email="sally@example.com")
        phone_remember(user_id=SELLER, phone="+4791234567")
        PushSubscription.objects.create(
            user_id=SELLER, endpoint=browser["endpoint"], p256dh=browser["keys"]["p256dh"], auth=browser["keys"]["auth"]
        )
        yield service, sms_sink


def test_a_redelivered_event_sends_nothing_twice_even_when_its_marks_were_lost(
    deliver, envelope_of, seller_everywhere, mailoutbox
):
    push_service, sms_sink = seller_everywhere
    envelope = envelope_of(events.order_created())

    deliver(envelope)
    ProcessedEvent.objects.filter(event_id=envelope["event_id"]).delete()  # as if the mark had never been written
    deliver(envelope)

    assert [m.to for m in mailoutbox] == [["sally@example.com"]]
    assert len(list(sms_sink.glob("*.json"))) == 1
    assert len(push_service.messages) == 1
    assert sorted(Delivery.objects.filter(user_id=SELLER).values_list("channel", "status")) == [
        ("email", "sent"),
        ("push", "sent"),
        ("sms", "sent"),
    ]


def test_a_task_delivered_twice_sends_once(deliver, envelope_of, seller_everywhere):
    push_service, sms_sink = seller_everywhere
    deliver(envelope_of(events.order_created()))
    sms = Delivery.objects.get(channel="sms")

    delivery_send(delivery_id=sms.id)  # the broker redelivers the task

    assert len(list(sms_sink.glob("*.json"))) == 1
    sms.refresh_from_db()
    assert sms.attempts == 1


def test_one_channel_failing_does_not_hold_back_the_others(
    deliver, envelope_of, seller_everywhere, settings, closed_smtp_port
):
    push_service, sms_sink = seller_everywhere
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_smtp_port

    deliver(envelope_of(events.order_created()))

    assert Delivery.objects.get(channel="email").status == "failed"
    assert len(list(sms_sink.glob("*.json"))) == 1
    assert len(push_service.messages) == 1


def test_staff_see_each_channels_sends_and_retry_a_failed_one(
    admin_client,
    deliver,
    envelope_of,
    seller_everywhere,
    settings,
    closed_smtp_port,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_smtp_port
    deliver(envelope_of(events.order_created()))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    failed = Delivery.objects.get(channel="email")
    url = "/admin/notification/notifications/delivery/"
    headers = {"HTTP_X_GATEWAY_TOKEN": gateway_token("notification")}

    listing = admin_client.get(url, {"status__exact": "failed"}, **headers)
    with django_capture_on_commit_callbacks(execute=True):
        retried = admin_client.post(url, {"action": "retry_failed", "_selected_action": [str(failed.id)]}, **headers)

    assert listing.status_code == HTTPStatus.OK
    assert b"sally@example.com" in listing.content and b"+4791234567" not in listing.content
    assert retried.status_code == HTTPStatus.FOUND
    failed.refresh_from_db()
    assert failed.status == "sent"
    assert [m.to for m in mailoutbox] == [["sally@example.com"]]


def test_only_a_failed_delivery_can_be_retried(deliver, envelope_of, seller_everywhere):
    from notifications.channels.tasks import delivery_retry

    deliver(envelope_of(events.order_created()))

    assert delivery_retry(delivery=Delivery.objects.get(channel="sms")) is False
