"""Rows as the order events and the reviews API would leave them."""

from __future__ import annotations

import factory
from django.utils import timezone

from reviews.models import CompletedOrder, PlacedOrder, Review

BUYER_ID = "7"
SELLER_USER_ID = "8"
SELLER_ID = "seller-profile-1"
GIG_ID = "gig-1"


class PlacedOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacedOrder
        django_get_or_create = ("order_id",)

    order_id = factory.Sequence(lambda n: f"order-{n}")
    gig_id = GIG_ID
    seller_id = SELLER_ID
    seller_user_id = SELLER_USER_ID
    buyer_id = BUYER_ID
    buyer_username = "bob"
    seller_username = "sally"
    placed_at = factory.LazyFunction(timezone.now)


class CompletedOrderFactory(factory.django.DjangoModelFactory):
    """A completed order; its placed row (with the usernames) is made too, as order.created came first."""

    class Meta:
        model = CompletedOrder
        skip_postgeneration_save = True

    order_id = factory.Sequence(lambda n: f"order-{n}")
    gig_id = GIG_ID
    seller_id = SELLER_ID
    seller_user_id = SELLER_USER_ID
    buyer_id = BUYER_ID
    completed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def placed(order, create, extracted, **kwargs):
        if create and extracted is not False:
            PlacedOrderFactory(
                order_id=order.order_id,
                gig_id=order.gig_id,
                seller_id=order.seller_id,
                seller_user_id=order.seller_user_id,
                buyer_id=order.buyer_id,
                **kwargs,
            )


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    order = factory.SubFactory(CompletedOrderFactory)
    gig_id = factory.SelfAttribute("order.gig_id")
    seller_id = factory.SelfAttribute("order.seller_id")
    seller_user_id = factory.SelfAttribute("order.seller_user_id")
    buyer_id = factory.SelfAttribute("order.buyer_id")
    reviewer_role = Review.Role.BUYER
    reviewer_id = factory.LazyAttribute(lambda r: r.buyer_id if r.reviewer_role == "buyer" else r.seller_user_id)
    reviewer_username = factory.LazyAttribute(lambda r: "bob" if r.reviewer_role == "buyer" else "sally")
    rating = 5
    review = "Great work, on time."
