"""Profiles: the events this domain publishes."""

from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("users.seller.created", version=1)
class SellerCreated(_Contract):
    seller_id: str
    user_id: str
    username: str
    full_name: str


@event("users.seller.updated", version=1)
class SellerUpdated(_Contract):
    seller_id: str
    user_id: str
    username: str
    full_name: str
