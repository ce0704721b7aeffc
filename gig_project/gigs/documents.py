"""The gig catalogue in MongoDB, and the local read model of sellers."""

from __future__ import annotations

from datetime import datetime, timezone

import mongoengine as me


def now():
    return datetime.now(timezone.utc)


class Seller(me.Document):
    """Who may sell: fed by users.seller.created/updated (gig never calls users)."""

    seller_id = me.StringField(primary_key=True)
    user_id = me.StringField(required=True, unique=True)
    username = me.StringField(required=True)
    full_name = me.StringField(default="")
    updated_at = me.DateTimeField(default=now)

    meta = {"collection": "sellers"}

    def __str__(self):
        return f"{self.username} ({self.seller_id})"


class Gig(me.Document):
    seller_id = me.StringField(required=True)
    seller_user_id = me.StringField(required=True)
    username = me.StringField(required=True)
    title = me.StringField(required=True, max_length=100)
    description = me.StringField(required=True, max_length=1200)
    basic_title = me.StringField(required=True, max_length=60)
    basic_description = me.StringField(required=True, max_length=200)
    category = me.StringField(required=True)
    sub_categories = me.ListField(me.StringField(max_length=50))
    tags = me.ListField(me.StringField(max_length=30))
    price = me.Decimal128Field(required=True, min_value=5)
    expected_delivery_days = me.IntField(required=True, min_value=1, max_value=90)
    revisions = me.IntField(default=1, min_value=0, max_value=10)
    cover_image = me.StringField(default="")
    active = me.BooleanField(default=True)
    ratings_count = me.IntField(default=0)
    rating_sum = me.IntField(default=0)
    # Stars -> how many buyer reviews gave that many ("1".."5").
    rating_categories = me.DictField(default=lambda: {str(star): 0 for star in range(1, 6)})
    created_at = me.DateTimeField(default=now)
    updated_at = me.DateTimeField(default=now)

    meta = {
        "collection": "gigs",
        "indexes": [("seller_id", "-created_at"), ("category", "active")],
    }

    def __str__(self):
        return self.title

    @property
    def average_rating(self) -> float:
        return round(self.rating_sum / self.ratings_count, 2) if self.ratings_count else 0.0


class AppliedReview(me.Document):
    """A buyer review's state for its gig's rating (see gigs/ratings.py), one per review id.

    Its stars count while it is created (not ``awaiting_creation``) and not ``hidden``.
    """

    review_id = me.StringField(primary_key=True)
    gig_id = me.StringField(required=True)
    rating = me.IntField(required=True)
    applied_at = me.DateTimeField(default=now)
    # A hide or restore overtook review.created: the id is reserved, nothing counted yet.
    awaiting_creation = me.BooleanField(default=False)
    hidden = me.BooleanField(default=False)
    # When the latest applied hide/restore happened (microseconds since the epoch):
    # older ones arriving late are ignored.
    visibility_at_us = me.LongField(null=True)

    meta = {"collection": "applied_reviews"}
