"""The gig catalogue: the events this domain publishes."""

from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("gig.created", version=1)
class GigCreated(_Contract):
    gig_id: str
    seller_id: str
    seller_user_id: str
    title: str
    category: str
    price: str
    seller_username: str = ""
    expected_delivery_days: int = 0
    cover_image: str = ""
    revisions: int = 1  # how many revisions an order of this gig includes


@event("gig.updated", version=1)
class GigUpdated(_Contract):
    gig_id: str
    seller_id: str
    seller_user_id: str
    title: str
    category: str
    price: str
    active: bool
    seller_username: str = ""
    expected_delivery_days: int = 0
    cover_image: str = ""
    revisions: int = 1


@event("gig.deleted", version=1)
class GigDeleted(_Contract):
    gig_id: str
    seller_id: str
    seller_user_id: str
