"""Web Push against a local push service that checks VAPID and decrypts like a browser."""

import pytest

from notifications.channels.push import endpoint_problem, vapid_public_key
from notifications.models import Delivery, PushSubscription
from notifications.tests import events
from notifications.tests.events import BUYER, SELLER
from shared.testing.push_service import PushService

pytestmark = pytest.mark.django_db


@pytest.fixture
def push_service():
    with PushService() as service:
        yield service


def subscribe(user_id: str, subscription: dict) -> PushSubscription:
    return PushSubscription.objects.create(
        user_id=user_id,
        endpoint=subscription["endpoint"],
        p256dh=subscription["keys"]["p256dh"],
        auth=subscription["keys"]["auth"],
    )


def test_a_new_order_is_pushed_encrypted_and_signed_to_the_sellers_browser(deliver, envelope_of, push_service):
    subscribe(SELLER, push_service.subscribe())

    deliver(envelope_of(events.order_created()))

    [message] = push_service.messages
    assert set(message.payload) == {"id", "kind", "title", "body", "link", "data"}
    assert (message.payload["kind"], message.payload["title"], message.payload["link"]) == (
        "order_received",
        "New order from bob",
        "/orders/o1",
    )
    assert message.claims["k"] == vapid_public_key()  # signed with our VAPID key, for this push service
    assert message.claims["sub"].startswith("mailto:")
    assert push_service.refused == []


def test_every_browser_of_the_user_gets_the_push_once(deliver, envelope_of, push_service):
    subscribe(SELLER, push_service.subscribe())
    subscribe(SELLER, push_service.subscribe())
    envelope = envelope_of(events.order_created())

    deliver(envelope)
    deliver(envelope)

    assert len({m.subscription for m in push_service.messages}) == 2
    assert len(push_service.messages) == 2
    assert Delivery.objects.filter(channel="push", status="sent").count() == 2


def test_a_gone_subscription_is_removed_and_not_retried(deliver, envelope_of, push_service):
    browser = push_service.subscribe()
    subscribe(SELLER, browser)
    push_service.unsubscribe(browser, status=410)

    deliver(envelope_of(events.order_created()))

    assert not PushSubscription.objects.exists()
    delivery = Delivery.objects.get(channel="push")
    assert (delivery.status, delivery.attempts) == ("gone", 1)


def test_a_404_also_removes_the_subscription(deliver, envelope_of, push_service):
    browser = push_service.subscribe()
    subscribe(BUYER, browser)
    push_service.unsubscribe(browser, status=404)

    deliver(envelope_of(events.order_created()))

    assert not PushSubscription.objects.exists()


def test_a_push_service_outage_retries_then_parks_the_push(deliver, envelope_of, push_service):
    browser = push_service.subscribe()
    subscribe(SELLER, browser)
    push_service.unsubscribe(browser, status=503)

    deliver(envelope_of(events.order_created()))

    delivery = Delivery.objects.get(channel="push")
    assert (delivery.status, delivery.attempts) == ("failed", 7)
    assert PushSubscription.objects.exists()  # an outage is not an unsubscription


def test_push_turned_off_in_preferences_is_not_sent(deliver, envelope_of, push_service):
    from notifications.channels.preferences import preferences_update

    subscribe(SELLER, push_service.subscribe())
    preferences_update(user_id=SELLER, changes={"order_received": {"push": False}})

    deliver(envelope_of(events.order_created()))

    assert push_service.messages == []
    assert not Delivery.objects.filter(channel="push").exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://wns2-db5p.notify.windows.com/w/?token=abc",
        "https://web.push.apple.com/QGuQyavX",
        "http://127.0.0.5:9000/local",
    ],
)
def test_known_push_services_are_allowed(endpoint):
    assert endpoint_problem(endpoint) is None


@pytest.mark.parametrize(
    "endpoint, problem",
    [
        ("http://fcm.googleapis.com/fcm/send/abc", "must be https"),
        ("https://evil.example.com/push", "not a known push service"),
        ("https://notify.windows.com.evil.com/x", "not a known push service"),
        ("https://user:pw@fcm.googleapis.com/x", "credentials"),
        ("https://10.0.0.1/x", "not a known push service"),
        ("ftp://127.0.0.1/x", "must be https"),
    ],
)
def test_other_endpoints_are_refused(endpoint, problem):
    assert problem in endpoint_problem(endpoint)


def test_loopback_http_needs_the_local_setting(settings):
    settings.NOTIFICATION_PUSH_ALLOW_LOCAL_HTTP = False

    assert "https" in endpoint_problem("http://127.0.0.1:9000/x")


def test_the_public_key_is_an_uncompressed_p256_point():
    from shared.testing.push_service import unb64url

    raw = unb64url(vapid_public_key())
    assert len(raw) == 65 and raw[0] == 4
