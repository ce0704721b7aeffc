"""Read models made through the services, as the event handlers make them."""
from __future__ import annotations

import itertools
from datetime import datetime, timezone

from orders.selectors import gig_snapshot_find, offer_find
from orders.services import gig_snapshot_record, offer_record_accepted

_numbers = itertools.count(1)


def occurred_now() -> str:
    return datetime.now(timezone.utc).isoformat()


def make_gig(**overrides):
    number = next(_numbers)
    data = {
        "gig_id": f"gig{number:021d}", "seller_id": "seller-bob", "seller_user_id": "7", "seller_username": "bob",
        "title": "I will design a modern logo", "price": "20.00", "expected_delivery_days": 3,
        "cover_image": "https://cdn.example.com/cover.png", "active": True, "occurred_at": occurred_now(),
    }
    data.update(overrides)
    gig_snapshot_record(**data)
    return gig_snapshot_find(gig_id=data["gig_id"])


def make_offer(gig, **overrides):
    number = next(_numbers)
    data = {
        "message_id": f"msg-{number}", "conversation_id": "conv-1", "gig_id": gig.gig_id,
        "seller_user_id": gig.seller_user_id, "seller_username": gig.seller_username, "buyer_id": "1",
        "buyer_username": "alice", "price": "150.00", "delivery_in_days": 5,
        "description": "A full brand kit", "occurred_at": occurred_now(),
    }
    data.update(overrides)
    offer_record_accepted(**data)
    return offer_find(message_id=data["message_id"])
