import pytest

from notifications.models import Notification
from notifications.tests import events
from notifications.tests.events import BUYER, SELLER
from notifications.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_a_buyers_review_notifies_the_seller(deliver, envelope_of):
    deliver(envelope_of(events.order_created()))

    deliver(envelope_of(events.review_created(reviewer_role="buyer", reviewer_id=BUYER, rating=4)))

    review = Notification.objects.get(kind="review_received")
    assert review.user_id == SELLER
    assert review.title == "bob left you a 4-star review"
    assert review.data == {"order_id": "o1", "review_id": "r1", "rating": 4}


def test_a_sellers_review_notifies_the_buyer(deliver, envelope_of):
    deliver(envelope_of(events.order_created()))

    deliver(envelope_of(events.review_created(reviewer_role="seller", reviewer_id=SELLER, reviewer_username="sally")))

    review = Notification.objects.get(kind="review_received")
    assert (review.user_id, review.title) == (BUYER, "sally left you a 5-star review")


def test_a_review_on_an_order_we_never_heard_of_notifies_nobody(deliver, envelope_of):
    deliver(envelope_of(events.review_created(reviewer_role="seller", order_id="unknown", seller_id="unknown")))

    assert not Notification.objects.exists()


def test_a_replayed_review_notifies_once(deliver, envelope_of):
    deliver(envelope_of(events.order_created()))
    envelope = envelope_of(events.review_created())

    deliver(envelope)
    deliver(envelope)

    assert Notification.objects.filter(kind="review_received").count() == 1


def test_a_review_received_is_emailed_to_the_reviewed_seller(deliver, envelope_of, mailoutbox):
    ContactFactory(user_id=SELLER, email="sally@example.com")
    ContactFactory(user_id=BUYER, email="bob@example.com")
    deliver(envelope_of(events.order_created()))
    mailoutbox.clear()

    deliver(envelope_of(events.review_created(rating=4)))

    [message] = mailoutbox
    assert (message.to, message.subject) == (["sally@example.com"], "bob left you a 4-star review")
    assert "You were rated 4 out of 5" in message.body
    assert message.alternatives[0][0].count("&#9733;") == 4


def test_a_chat_message_notifies_the_receiver_only(deliver, envelope_of, mailoutbox):
    envelope = envelope_of(events.chat_message_sent(preview="Hi, can you do this by Friday?"))

    deliver(envelope)
    deliver(envelope)

    [notice] = Notification.objects.all()
    assert notice.user_id == SELLER
    assert (notice.kind, notice.title, notice.body) == (
        "chat_message",
        "New message from bob",
        "Hi, can you do this by Friday?",
    )
    assert notice.link == "/inbox/c1"
    assert mailoutbox == []


def test_an_offer_is_announced_as_an_offer(deliver, envelope_of):
    deliver(envelope_of(events.chat_message_sent(has_offer=True)))

    assert Notification.objects.get().title == "New offer from bob"
