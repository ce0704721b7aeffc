import pytest

from notifications.models import Notification, OrderParties, SentEmail
from notifications.tests import events
from notifications.tests.events import BUYER, SELLER
from notifications.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts():
    """Both parties are known from their auth events, so they can be e-mailed."""
    return {
        BUYER: ContactFactory(user_id=BUYER, username="bob", email="bob@example.com"),
        SELLER: ContactFactory(user_id=SELLER, username="sally", email="sally@example.com"),
    }


def inbox(user_id: str) -> list[Notification]:
    return list(Notification.objects.filter(user_id=user_id))


def test_a_new_order_notifies_the_seller_and_confirms_to_the_buyer(deliver, envelope_of, contacts):
    deliver(envelope_of(events.order_created(price="25.5")))

    [seller_notice] = inbox(SELLER)
    assert seller_notice.kind == "order_received"
    assert seller_notice.title == "New order from bob"
    assert "$25.50" in seller_notice.body and "May 04, 2030" in seller_notice.body
    assert (seller_notice.link, seller_notice.data["order_id"]) == ("/orders/o1", "o1")
    [buyer_notice] = inbox(BUYER)
    assert buyer_notice.kind == "order_placed"


def test_a_new_order_emails_the_seller_and_a_receipt_to_the_buyer(deliver, envelope_of, contacts, mailoutbox):
    deliver(envelope_of(events.order_created(price="25.5")))

    [message] = [m for m in mailoutbox if m.to == ["sally@example.com"]]
    assert message.subject == "New order from bob"
    assert "http://client.test/orders/o1" in message.body
    [receipt] = [m for m in mailoutbox if m.to == ["bob@example.com"]]
    assert receipt.subject == "Your order receipt: $25.50 with sally"
    assert "Order:        o1" in receipt.body and "May 04, 2030" in receipt.body
    html = receipt.alternatives[0][0]
    assert "<strong>$25.50</strong>" in html and 'href="http://client.test/orders/o1"' in html
    assert len(mailoutbox) == 2


def test_without_a_known_address_the_seller_is_notified_in_app_only(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.order_created()))

    assert len(inbox(SELLER)) == 1
    assert mailoutbox == []
    assert not SentEmail.objects.exists()


def test_a_replayed_order_event_notifies_and_emails_once(deliver, envelope_of, contacts, mailoutbox):
    envelope = envelope_of(events.order_created())

    deliver(envelope)
    deliver(envelope)

    assert Notification.objects.count() == 2  # one for the seller, one for the buyer
    assert len(mailoutbox) == 2  # the seller's notice and the buyer's receipt, once each


def test_order_events_remember_the_parties(deliver, envelope_of):
    deliver(envelope_of(events.order_created(order_id="o5")))

    parties = OrderParties.objects.get(order_id="o5")
    assert (parties.buyer_id, parties.seller_id, parties.seller_user_id) == (BUYER, "s20", SELLER)
    assert (parties.buyer_username, parties.seller_username) == ("bob", "sally")


def test_a_later_event_without_names_keeps_the_known_names(deliver, envelope_of):
    deliver(envelope_of(events.order_created(order_id="o5")))
    deliver(envelope_of(events.order_cancelled(order_id="o5")))

    assert OrderParties.objects.get(order_id="o5").buyer_username == "bob"


def test_a_delivery_notifies_and_emails_the_buyer(deliver, envelope_of, contacts, mailoutbox):
    deliver(envelope_of(events.order_delivered()))

    [notice] = inbox(BUYER)
    assert (notice.kind, notice.title) == ("order_delivered", "sally delivered your order")
    assert inbox(SELLER) == []
    assert [message.to for message in mailoutbox] == [["bob@example.com"]]


def test_a_completed_order_notifies_and_emails_the_seller_with_the_earnings(deliver, envelope_of, contacts, mailoutbox):
    deliver(envelope_of(events.order_completed(seller_earnings="20.4")))

    [notice] = inbox(SELLER)
    assert notice.kind == "order_completed"
    assert "$20.40" in notice.body
    assert inbox(BUYER) == []
    assert [message.to for message in mailoutbox] == [["sally@example.com"]]


def test_a_cancelled_order_notifies_and_emails_both_sides(deliver, envelope_of, contacts, mailoutbox):
    envelope = envelope_of(events.order_cancelled(refunded_amount="27.55"))

    deliver(envelope)
    deliver(envelope)

    [buyer_notice] = inbox(BUYER)
    [seller_notice] = inbox(SELLER)
    assert "$27.55" in buyer_notice.body
    assert seller_notice.kind == "order_cancelled"
    assert sorted(message.to[0] for message in mailoutbox) == ["bob@example.com", "sally@example.com"]


def test_an_extension_request_notifies_and_emails_the_buyer(deliver, envelope_of, contacts, mailoutbox):
    deliver(envelope_of(events.extension_requested(days=3, reason="Waiting on assets")))

    [notice] = inbox(BUYER)
    assert notice.kind == "extension_requested"
    assert "3 days" in notice.body and "Waiting on assets" in notice.body
    assert notice.data["days"] == 3
    assert [message.to for message in mailoutbox] == [["bob@example.com"]]


def test_an_extension_decision_reaches_the_seller_found_through_the_order(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.order_created()))
    deliver(envelope_of(events.extension_decided(approved=False)))

    decision = Notification.objects.get(user_id=SELLER, kind="extension_decided")
    assert decision.title == "Your extension was declined"
    assert decision.data["approved"] is False
    assert not Notification.objects.filter(user_id=BUYER, kind="extension_decided").exists()


def test_an_extension_decision_finds_the_seller_through_another_of_their_orders(deliver, envelope_of):
    deliver(envelope_of(events.order_created(order_id="older")))
    deliver(envelope_of(events.extension_decided(order_id="o9", approved=True)))

    decision = Notification.objects.get(kind="extension_decided")
    assert (decision.user_id, decision.title) == (SELLER, "Your extension was approved")


def test_an_extension_decision_for_an_unknown_seller_notifies_nobody(deliver, envelope_of):
    deliver(envelope_of(events.extension_decided(seller_id="nobody-we-know")))

    assert not Notification.objects.exists()


def test_a_mail_server_failure_parks_the_email_but_keeps_the_in_app_notice(
    deliver, envelope_of, contacts, settings, mailoutbox, closed_smtp_port, django_capture_on_commit_callbacks
):
    from notifications.channels.tasks import delivery_retry
    from notifications.models import Delivery

    envelope = envelope_of(events.order_delivered())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_smtp_port

    deliver(envelope)  # the event is handled: the e-mail is its channel's task, retried on its own

    assert len(inbox(BUYER)) == 1
    assert not SentEmail.objects.exists()
    parked = Delivery.objects.get(channel="email")
    assert (parked.status, parked.attempts) == ("failed", 7)  # the first try and six retries: the dead letter
    assert "ConnectionRefusedError" in parked.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    deliver(envelope)  # a redelivered event plans nothing new
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_retry(delivery=parked)  # staff's retry from the admin

    assert len(inbox(BUYER)) == 1
    assert len(mailoutbox) == 1
    assert SentEmail.objects.count() == 1


def test_a_revision_request_notifies_and_emails_the_seller(deliver, envelope_of, contacts, mailoutbox):
    deliver(envelope_of(events.revision_requested()))

    [notice] = inbox(SELLER)
    assert notice.kind == "revision_requested" and notice.title == "bob asked for a revision"
    assert "Make the blue darker." in notice.body and "May 07, 2030" in notice.body and "1 more revision" in notice.body
    assert inbox(BUYER) == []
    assert [message.to for message in mailoutbox] == [["sally@example.com"]]


def test_a_late_order_notifies_and_emails_both_sides_once(deliver, envelope_of, contacts, mailoutbox):
    envelope = envelope_of(events.order_late())
    deliver(envelope)
    deliver(envelope)

    [buyer_notice], [seller_notice] = inbox(BUYER), inbox(SELLER)
    assert buyer_notice.kind == seller_notice.kind == "order_late"
    assert "full refund" in buyer_notice.body and "sally" in buyer_notice.body
    assert "bob" in seller_notice.body
    assert sorted(message.to[0] for message in mailoutbox) == ["bob@example.com", "sally@example.com"]
