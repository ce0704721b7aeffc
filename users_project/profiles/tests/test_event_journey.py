"""Through the real broker: events published to RabbitMQ reach this service's handlers.

Real parts only: the MongoDB outbox and publisher confirms of shared.events,
the test RabbitMQ vhost with users' bindings (its handlers' events), and
MongoDB. The message is taken off the queue here and handed to the same
dispatch the worker's ``events.deliver`` task runs (the worker itself is
covered by shared's own suite); a worker thread would also pick up other
suites' events from the shared test vhost and make this slow and flaky.
"""

import uuid

import pytest

from profiles.documents import Buyer, Seller
from profiles.tests.factories import SellerFactory
from shared import mongo
from shared.events import publish
from shared.events.consumers import consumed_names, dispatch
from shared.events.contracts import GigCreated, SellerCreated, UserCreated
from shared.events.mongo_documents import OutboxEvent
from shared.testing.broker import take_envelopes

pytestmark = pytest.mark.django_db


@pytest.fixture
def users_queue(bound_queue):
    """A private queue with exactly users' bindings, so other suites' traffic stays out."""
    return bound_queue(consumed_names())


def test_published_events_reach_the_users_handlers(users_queue):
    user_id = uuid.uuid4().hex[:8]
    seller = SellerFactory()
    with mongo.atomic():
        account = publish(
            UserCreated(user_id=user_id, username=f"j{user_id}", email=f"{user_id}@example.com", country="NO")
        )
        gig = publish(
            GigCreated(
                gig_id="g1",
                seller_id=str(seller.pk),
                seller_user_id=seller.user_id,
                title="T",
                category="c",
                price="5.00",
            )
        )
        # Not bound for users: it must never arrive on users' queue.
        unbound = publish(
            SellerCreated(seller_id=str(seller.pk), user_id=seller.user_id, username=seller.username, full_name="x")
        )

    # The broker confirmed all three, so the relay has nothing left to send.
    assert OutboxEvent.objects(published_at=None).count() == 0
    envelopes = take_envelopes(users_queue, {account["event_id"], gig["event_id"]})
    assert set(envelopes) == {account["event_id"], gig["event_id"]}
    # A confirm means the broker has routed the message, so anything routed here is already queued.
    assert unbound["event_id"] not in take_envelopes(users_queue, {unbound["event_id"]}, timeout=0.2)
    for envelope in envelopes.values():
        assert dispatch(envelope) == 1
    assert Buyer.objects(user_id=user_id).count() == 1
    assert Seller.objects.get(pk=seller.pk).total_gigs == 1
