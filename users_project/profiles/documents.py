"""Buyer and seller profiles, stored in MongoDB.

A buyer profile exists for every account (made from ``auth.user.created``);
a seller profile is made by the user. Seller statistics live on the seller
document and are only ever changed with atomic ``$inc``/``$max`` updates from
event handlers, so concurrent events never lose a count.
"""

from __future__ import annotations

from datetime import datetime, timezone

import mongoengine as me

LANGUAGE_LEVELS = ("basic", "conversational", "fluent", "native")
STARS = ("one", "two", "three", "four", "five")


def _now():
    return datetime.now(timezone.utc)


class Buyer(me.Document):
    user_id = me.StringField(required=True, unique=True)
    username = me.StringField(required=True, max_length=150)
    # Usernames are looked up case-insensitively, as people type them in URLs.
    username_key = me.StringField(required=True, unique=True)
    email = me.StringField(required=True, max_length=254)
    country = me.StringField(default="", max_length=100)
    profile_picture = me.StringField(default="", max_length=500)
    is_seller = me.BooleanField(default=False)
    purchased_gigs = me.ListField(me.StringField())
    created_at = me.DateTimeField(default=_now)
    updated_at = me.DateTimeField(default=_now)

    meta = {"collection": "buyers"}


class Language(me.EmbeddedDocument):
    language = me.StringField(required=True)
    level = me.StringField(required=True, choices=LANGUAGE_LEVELS)


class Experience(me.EmbeddedDocument):
    company = me.StringField(required=True)
    title = me.StringField(required=True)
    start_date = me.DateTimeField(required=True)
    end_date = me.DateTimeField(null=True)
    description = me.StringField(default="")
    current = me.BooleanField(default=False)


class Education(me.EmbeddedDocument):
    country = me.StringField(required=True)
    university = me.StringField(required=True)
    title = me.StringField(required=True)
    major = me.StringField(required=True)
    year = me.IntField(required=True)


class Certificate(me.EmbeddedDocument):
    name = me.StringField(required=True)
    issuer = me.StringField(required=True, db_field="from")
    year = me.IntField(required=True)


class RatingCategories(me.EmbeddedDocument):
    one = me.IntField(default=0)
    two = me.IntField(default=0)
    three = me.IntField(default=0)
    four = me.IntField(default=0)
    five = me.IntField(default=0)


class Seller(me.Document):
    user_id = me.StringField(required=True, unique=True)  # one seller per account
    username = me.StringField(required=True, max_length=150)
    username_key = me.StringField(required=True, unique=True)
    email = me.StringField(required=True, max_length=254)
    country = me.StringField(default="")
    profile_picture = me.StringField(default="")

    full_name = me.StringField(required=True)
    description = me.StringField(required=True)
    oneliner = me.StringField(required=True)
    skills = me.ListField(me.StringField())
    languages = me.EmbeddedDocumentListField(Language)
    experience = me.EmbeddedDocumentListField(Experience)
    education = me.EmbeddedDocumentListField(Education)
    certificates = me.EmbeddedDocumentListField(Certificate)
    social_links = me.ListField(me.StringField())
    response_time = me.IntField(required=True, min_value=1)

    ratings_count = me.IntField(default=0)
    rating_sum = me.IntField(default=0)
    rating_categories = me.EmbeddedDocumentField(RatingCategories, default=RatingCategories)
    ongoing_jobs = me.IntField(default=0)
    completed_jobs = me.IntField(default=0)
    cancelled_jobs = me.IntField(default=0)
    # Integer cents: exact, and `$inc` on an integer is atomic everywhere.
    total_earnings_cents = me.LongField(default=0)
    total_gigs = me.IntField(default=0)
    recent_delivery = me.DateTimeField(null=True)

    created_at = me.DateTimeField(default=_now)
    updated_at = me.DateTimeField(default=_now)

    meta = {"collection": "sellers", "indexes": ["-created_at"]}


class SellerReviewRating(me.Document):
    """One buyer review's state for its seller's rating (see statistics.py), one per review id.

    Its stars count while it is created (not ``awaiting_creation``) and not ``hidden``.
    """

    review_id = me.StringField(primary_key=True)
    seller_id = me.StringField(required=True)
    rating = me.IntField(required=True, min_value=1, max_value=len(STARS))
    # A hide or restore overtook review.created: the id is reserved, nothing counted yet.
    awaiting_creation = me.BooleanField(default=True)
    hidden = me.BooleanField(default=False)
    # When the latest applied hide/restore happened (microseconds since the epoch):
    # older ones arriving late are ignored.
    visibility_at_us = me.LongField(null=True)

    meta = {"collection": "seller_review_ratings"}
