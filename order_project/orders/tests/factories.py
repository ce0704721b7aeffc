"""Read models made through the services, as the event handlers make them."""

from __future__ import annotations

from datetime import datetime, timezone

import factory

from orders.selectors import gig_snapshot_find, offer_find
from orders.services import gig_snapshot_record, offer_record_accepted


def occurred_now() -> str:
    return datetime.now(timezone.utc).isoformat()


class GigSnapshotFactory(factory.Factory):
    """Order's copy of a gig, recorded as the gig.created handler records it."""

    class Meta:
        model = dict

    gig_id = factory.Sequence(lambda n: f"gig{n:021d}")
    seller_id = "seller-bob"
    seller_user_id = "7"
    seller_username = "bob"
    title = "I will design a modern logo"
    price = "20.00"
    expected_delivery_days = 3
    cover_image = "https://cdn.example.com/cover.png"
    active = True
    occurred_at = factory.LazyFunction(occurred_now)

    @classmethod
    def _create(cls, model_class, **data):
        gig_snapshot_record(**data)
        return gig_snapshot_find(gig_id=data["gig_id"])


class OfferFactory(factory.Factory):
    """An offer accepted in chat for ``gig``, recorded as the chat.offer.accepted handler records it."""

    class Meta:
        model = dict

    class Params:
        gig = None

    message_id = factory.Sequence(lambda n: f"msg-{n}")
    conversation_id = "conv-1"
    gig_id = factory.LazyAttribute(lambda o: o.gig.gig_id)
    seller_user_id = factory.LazyAttribute(lambda o: o.gig.seller_user_id)
    seller_username = factory.LazyAttribute(lambda o: o.gig.seller_username)
    buyer_id = "1"
    buyer_username = "alice"
    price = "150.00"
    delivery_in_days = 5
    description = "A full brand kit"
    occurred_at = factory.LazyFunction(occurred_now)

    @classmethod
    def _create(cls, model_class, **data):
        offer_record_accepted(**data)
        return offer_find(message_id=data["message_id"])


make_gig = GigSnapshotFactory


def make_offer(gig, **overrides):
    return OfferFactory(gig=gig, **overrides)
