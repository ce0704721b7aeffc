"""Event consumers: the gig snapshots and accepted offers that checkout prices from.

Each runs once per event id; its writes go through shared.mongo, so they
commit in the same transaction as the processed-event mark.
"""

from __future__ import annotations

from orders import services
from shared.events import consumes
from shared.events.contracts import ChatOfferAccepted, ChatOfferCancelled, GigCreated, GigDeleted, GigUpdated


def _record_gig(event, meta, *, active: bool) -> None:
    services.gig_snapshot_record(
        gig_id=event.gig_id,
        seller_id=event.seller_id,
        seller_user_id=event.seller_user_id,
        seller_username=event.seller_username,
        title=event.title,
        price=event.price,
        expected_delivery_days=event.expected_delivery_days,
        cover_image=event.cover_image,
        active=active,
        occurred_at=meta.occurred_at,
        revisions=event.revisions,
    )


@consumes(GigCreated)
def record_new_gig(event: GigCreated, meta) -> None:
    _record_gig(event, meta, active=True)


@consumes(GigUpdated)
def record_gig_change(event: GigUpdated, meta) -> None:
    _record_gig(event, meta, active=event.active)


@consumes(GigDeleted)
def record_gig_deletion(event: GigDeleted, meta) -> None:
    services.gig_snapshot_delete(
        gig_id=event.gig_id,
        seller_id=event.seller_id,
        seller_user_id=event.seller_user_id,
        occurred_at=meta.occurred_at,
    )


@consumes(ChatOfferAccepted)
def record_accepted_offer(event: ChatOfferAccepted, meta) -> None:
    services.offer_record_accepted(
        message_id=event.message_id,
        conversation_id=event.conversation_id,
        gig_id=event.gig_id,
        seller_user_id=event.seller_id,
        seller_username=event.seller_username,
        buyer_id=event.buyer_id,
        buyer_username=event.buyer_username,
        price=event.price,
        delivery_in_days=event.delivery_in_days,
        description=event.description,
        occurred_at=meta.occurred_at,
        expires_at=event.expires_at,
    )


@consumes(ChatOfferCancelled)
def record_cancelled_offer(event: ChatOfferCancelled, meta) -> None:
    services.offer_record_cancelled(
        message_id=event.message_id,
        seller_user_id=event.seller_id,
        buyer_id=event.buyer_id,
        occurred_at=meta.occurred_at,
    )
