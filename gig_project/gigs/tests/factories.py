"""Sellers and gigs made through the services, so they are indexed like real ones."""

from __future__ import annotations

from decimal import Decimal

import factory

from gigs.services import gig_create, seller_upsert
from shared.testing.tokens import token_user


class SellerFactory(factory.Factory):
    """A seller as gig keeps them (from users' seller events), written through the service."""

    class Meta:
        model = dict

    seller_id = factory.Sequence(lambda n: f"seller-{n}")
    user_id = factory.Sequence(lambda n: f"user-{n}")
    username = factory.Sequence(lambda n: f"seller{n}")
    full_name = "Sam Seller"

    @classmethod
    def _create(cls, model_class, **data):
        return seller_upsert(**data)


class GigDataFactory(factory.DictFactory):
    """What a seller sends to create a gig."""

    title = "I will design a modern minimalist logo"
    description = "Clear communication, a quick turnaround and unlimited revisions."
    basic_title = "Basic package"
    basic_description = "The essentials, on time"
    category = "graphics-design"
    sub_categories = factory.LazyFunction(lambda: ["General"])
    tags = factory.LazyFunction(lambda: ["logo", "branding"])
    price = Decimal("20.00")
    expected_delivery_days = 3
    cover_image = ""


make_seller = SellerFactory
gig_data = GigDataFactory


def make_gig(seller=None, **overrides):
    seller = seller or make_seller()
    return gig_create(user=token_user(seller.user_id, seller.username), data=gig_data(**overrides))
