"""Sellers and gigs made through the services, so they are indexed like real ones."""
from __future__ import annotations

import itertools
from decimal import Decimal

from gigs.services import gig_create, seller_upsert
from shared.testing.tokens import token_user

_numbers = itertools.count(1)


def make_seller(*, user_id: str | None = None, username: str | None = None, seller_id: str | None = None):
    number = next(_numbers)
    return seller_upsert(
        seller_id=seller_id or f"seller-{number}",
        user_id=user_id or f"user-{number}",
        username=username or f"seller{number}",
        full_name="Sam Seller",
    )


def gig_data(**overrides) -> dict:
    data = {
        "title": "I will design a modern minimalist logo",
        "description": "Clear communication, a quick turnaround and unlimited revisions.",
        "basic_title": "Basic package",
        "basic_description": "The essentials, on time",
        "category": "graphics-design",
        "sub_categories": ["General"],
        "tags": ["logo", "branding"],
        "price": Decimal("20.00"),
        "expected_delivery_days": 3,
        "cover_image": "",
    }
    data.update(overrides)
    return data


def make_gig(seller=None, **overrides):
    seller = seller or make_seller()
    return gig_create(user=token_user(seller.user_id, seller.username), data=gig_data(**overrides))
