from __future__ import annotations

import json

from shared.events.contracts import OrderCompleted


def take_one(channel, queue: str):
    """The next message's envelope from ``queue``, or None."""
    message = channel.basic_get(queue, no_ack=True)
    return None if message is None else json.loads(message.body)[0][0]


def completed(order_id: str = "o-1") -> OrderCompleted:
    """The kernel tests' event: an order completed (any consumer may take it)."""
    return OrderCompleted(
        order_id=order_id,
        gig_id="g",
        seller_id="s",
        buyer_id="7",
        seller_user_id="8",
        seller_earnings="10.00",
        delivered_at="2026-11-25T10:00:00+00:00",
    )
