"""The e-mails the issue names as missing: each has a plain and an HTML part from its own templates."""

import pytest

from notifications.tests import events
from notifications.tests.events import BUYER, SELLER
from notifications.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def contacts():
    ContactFactory(user_id=BUYER, username="bob", email="bob@example.com")
    ContactFactory(user_id=SELLER, username="sally", email="sally@example.com")


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


@pytest.mark.parametrize("approved, word", [(True, "approved"), (False, "declined")])
def test_the_extension_decision_is_emailed_to_the_seller(deliver, envelope_of, mailoutbox, approved, word):
    deliver(envelope_of(events.order_created()))
    mailoutbox.clear()

    deliver(envelope_of(events.extension_decided(approved=approved)))

    [message] = to(mailoutbox, "sally@example.com")
    assert message.subject == f"Your extension was {word}"
    assert f"The buyer {word} your request for more time." in message.body
    assert f"The buyer {word} your request for more time." in html_of(message)
    assert 'href="http://client.test/orders/o1"' in html_of(message)


def test_an_offer_is_emailed_but_a_plain_message_is_not(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.chat_message_sent(preview="Hi!")))
    assert mailoutbox == []

    deliver(
        envelope_of(events.chat_message_sent(message_id="m2", has_offer=True, preview="Logo pack for $50 <b>now</b>"))
    )

    [message] = mailoutbox
    assert (message.to, message.subject) == (["sally@example.com"], "New offer from bob")
    assert '"Logo pack for $50 <b>now</b>"' in message.body
    assert "Logo pack for $50 &lt;b&gt;now&lt;/b&gt;" in html_of(message)
    assert 'href="http://client.test/inbox/c1"' in html_of(message)


def test_the_buyers_receipt_is_plain_and_html(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.order_created(price="40")))

    [receipt] = to(mailoutbox, "bob@example.com")
    assert "Price:        $40.00" in receipt.body
    assert "Thank you for your order!" in html_of(receipt)


def test_an_email_turned_off_is_not_sent_but_the_inbox_still_gets_the_notice(deliver, envelope_of, mailoutbox):
    from notifications.channels.preferences import preferences_update
    from notifications.models import Notification

    preferences_update(user_id=BUYER, changes={"order_placed": {"email": False}})

    deliver(envelope_of(events.order_created()))

    assert to(mailoutbox, "bob@example.com") == []
    assert Notification.objects.filter(user_id=BUYER, kind="order_placed").exists()
