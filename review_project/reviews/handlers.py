"""Event consumers: who may review is learnt here, never from the client.

Each runs once per event id (shared.events writes the processed mark in the
same transaction as the service's writes); the services are also idempotent
on the unique order id, so the same order told twice keeps its first row.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from reviews import services
from shared.events import consumes
from shared.events.contracts import OrderCompleted, OrderCreated


def _when(value: str) -> datetime | None:
    # A missing or garbled time must not park the event: who may review matters more than when.
    try:
        return parse_datetime(value) if value else None
    except ValueError:
        return None


@consumes(OrderCreated)
def remember_placed_order(event: OrderCreated, meta) -> None:
    services.order_placed_record(
        order_id=event.order_id,
        gig_id=event.gig_id,
        seller_id=event.seller_id,
        seller_user_id=event.seller_user_id,
        buyer_id=event.buyer_id,
        buyer_username=event.buyer_username,
        seller_username=event.seller_username,
        placed_at=_when(meta.occurred_at) or timezone.now(),
        event_id=meta.event_id,
    )


@consumes(OrderCompleted)
def open_order_for_reviews(event: OrderCompleted, meta) -> None:
    services.order_completed_record(
        order_id=event.order_id,
        gig_id=event.gig_id,
        seller_id=event.seller_id,
        seller_user_id=event.seller_user_id,
        buyer_id=event.buyer_id,
        delivered_at=_when(event.delivered_at),
        completed_at=_when(meta.occurred_at) or timezone.now(),
        event_id=meta.event_id,
    )
