"""Through the real broker: events published to RabbitMQ reach this service's handlers.

Real parts only: the MongoDB outbox and publisher confirms of shared.events,
the test RabbitMQ vhost with users' bindings from shared.events.topology, and
MongoDB. The message is taken off the queue here and handed to the same
dispatch the worker's ``events.deliver`` task runs (the worker itself is
covered by shared's own suite); a worker thread would also pick up other
suites' events from the shared test vhost and make this slow and flaky.
"""
import time
import uuid

import pytest
from kombu import Queue, binding

from config.celery import app as celery_app
from profiles.documents import Buyer, Seller
from profiles.tests.factories import SellerFactory
from shared import mongo
from shared.events import publish
from shared.events.bus import declare_topology
from shared.events.consumers import dispatch
from shared.events.contracts import GigCreated, SellerCreated, UserCreated
from shared.events.mongo_documents import OutboxEvent
from shared.events.topology import EVENTS_EXCHANGE, SUBSCRIPTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def users_queue():
    """A private queue with exactly users' bindings, so other suites' traffic stays out."""
    declare_topology()
    queue = Queue(
        f"users.events.journey-{uuid.uuid4().hex[:8]}",
        exchange=EVENTS_EXCHANGE,
        bindings=[binding(EVENTS_EXCHANGE, routing_key=key) for key in SUBSCRIPTIONS["users"]],
        auto_delete=True,
    )
    with celery_app.connection_for_write() as connection:
        bound = queue(connection.default_channel)
        bound.declare()
        yield bound
        bound.delete()


def take_envelopes(queue, event_ids: set[str], timeout: float = 10.0) -> dict[str, dict]:
    """Our envelopes by event id; other suites' events on the shared vhost are skipped."""
    found, deadline = {}, time.monotonic() + timeout
    while set(found) != event_ids and time.monotonic() < deadline:
        message = queue.get(no_ack=True)
        if message is None:
            time.sleep(0.02)
            continue
        args, _kwargs, _embed = message.decode()
        if args[0]["event_id"] in event_ids:
            found[args[0]["event_id"]] = args[0]
    return found


def test_published_events_reach_the_users_handlers(users_queue):
    user_id = uuid.uuid4().hex[:8]
    seller = SellerFactory()
    with mongo.atomic():
        account = publish(UserCreated(user_id=user_id, username=f"j{user_id}", email=f"{user_id}@example.com", country="NO"))
        gig = publish(GigCreated(gig_id="g1", seller_id=str(seller.pk), seller_user_id=seller.user_id, title="T", category="c", price="5.00"))
        # Not bound for users: it must never arrive on users' queue.
        unbound = publish(SellerCreated(seller_id=str(seller.pk), user_id=seller.user_id, username=seller.username, full_name="x"))

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
