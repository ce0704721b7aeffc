"""The read models order prices from: gig snapshots and accepted custom offers.

Events can arrive late or twice: each snapshot remembers the time of the
event that wrote it and ignores anything older, and a deletion is final.
"""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal

from orders.documents import GigSnapshot, Offer, now
from orders.pricing import money
from orders.selectors import gig_snapshot_find, offer_find
from shared import mongo

logger = logging.getLogger(__name__)


def _event_time(occurred_at: str) -> datetime:
    moment = datetime.fromisoformat(occurred_at)
    # MongoDB keeps milliseconds: compare at the precision that is stored.
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _is_stale(current, at: datetime) -> bool:
    return current is not None and current.source_event_at >= at


def gig_snapshot_record(
    *,
    gig_id: str,
    seller_id: str,
    seller_user_id: str,
    seller_username: str,
    title: str,
    price: str,
    expected_delivery_days: int,
    cover_image: str,
    active: bool,
    occurred_at: str,
    revisions: int = 1,
) -> bool:
    """Keep the latest known state of a gig; False when the event was older than what is stored."""
    at = _event_time(occurred_at)
    current = gig_snapshot_find(gig_id=gig_id)
    if _is_stale(current, at) or (current is not None and current.deleted):
        return False
    snapshot = GigSnapshot(
        gig_id=gig_id,
        seller_id=seller_id,
        seller_user_id=seller_user_id,
        # An event without the username keeps the one we already know.
        seller_username=seller_username or (current.seller_username if current else ""),
        title=title,
        price=money(price),
        expected_delivery_days=expected_delivery_days,
        revisions=revisions,
        cover_image=cover_image,
        active=active,
        source_event_at=at,
        updated_at=now(),
    )
    mongo.save(snapshot)
    return True


def gig_snapshot_delete(*, gig_id: str, seller_id: str, seller_user_id: str, occurred_at: str) -> None:
    """A deleted gig can no longer be ordered; existing orders keep their own copy of it."""
    at = _event_time(occurred_at)
    snapshot = gig_snapshot_find(gig_id=gig_id) or GigSnapshot(
        gig_id=gig_id, seller_id=seller_id, seller_user_id=seller_user_id, price=Decimal("0.00")
    )
    snapshot.deleted, snapshot.active = True, False
    snapshot.source_event_at, snapshot.updated_at = max(at, snapshot.source_event_at or at), now()
    mongo.save(snapshot)


def offer_record_accepted(
    *,
    message_id: str,
    conversation_id: str,
    gig_id: str,
    seller_user_id: str,
    seller_username: str,
    buyer_id: str,
    buyer_username: str,
    price: str,
    delivery_in_days: int,
    description: str,
    occurred_at: str,
    expires_at: str = "",
) -> bool:
    at = _event_time(occurred_at)
    current = offer_find(message_id=message_id)
    if _is_stale(current, at) or (current is not None and (current.order_id or current.status == "cancelled")):
        return False
    offer = Offer(
        message_id=message_id,
        conversation_id=conversation_id,
        gig_id=gig_id,
        seller_user_id=seller_user_id,
        seller_username=seller_username,
        buyer_id=buyer_id,
        buyer_username=buyer_username,
        price=money(price),
        delivery_in_days=delivery_in_days,
        description=description,
        status="accepted",
        expires_at=datetime.fromisoformat(expires_at) if expires_at else None,
        source_event_at=at,
        updated_at=now(),
    )
    mongo.save(offer)
    return True


def offer_record_cancelled(*, message_id: str, seller_user_id: str, buyer_id: str, occurred_at: str) -> bool:
    """An offer withdrawn before it was paid for can no longer be ordered; False once it is ordered."""
    at = _event_time(occurred_at)
    offer = offer_find(message_id=message_id)
    if offer is not None and offer.order_id:
        logger.warning(
            "offer %s was cancelled in chat after order %s was placed; the order stands", message_id, offer.order_id
        )
        return False
    if offer is None:
        # Remember the cancellation, so an acceptance delivered after it cannot revive the offer.
        offer = Offer(
            message_id=message_id,
            seller_user_id=seller_user_id,
            buyer_id=buyer_id,
            price=Decimal("0.00"),
            delivery_in_days=1,
        )
    offer.status, offer.updated_at = "cancelled", now()
    offer.source_event_at = max(at, offer.source_event_at or at)
    mongo.save(offer)
    return True
