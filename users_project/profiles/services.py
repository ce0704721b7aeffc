"""Writes of buyer and seller profiles.

Every write that publishes an event or must commit with an event handler's
processed mark goes through ``shared.mongo`` inside ``mongo.atomic()``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from pymongo.errors import DuplicateKeyError

from profiles import cache
from profiles.documents import Buyer, Certificate, Education, Experience, Language, Seller
from profiles.rules import seller_profile_check
from profiles.selectors import seller_document_get, seller_exists_for_user, username_key
from shared import mongo
from shared.errors import Conflict, Forbidden
from shared.events import publish
from shared.events.contracts import SellerCreated, SellerUpdated
from shared.tokens import TokenUser


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=timezone.utc) if day else None


def buyer_create_from_account(
    *, user_id: str, username: str, email: str, country: str, profile_picture: str = ""
) -> None:
    """Create the buyer profile of a new account; a second call for the same account changes nothing.

    ``is_seller`` is looked up because a user may have become a seller before
    this event arrived (the API accepts sellers without a buyer profile).
    """
    buyer = Buyer(
        user_id=user_id,
        username=username,
        username_key=username_key(username),
        email=email,
        country=country,
        profile_picture=profile_picture,
        is_seller=seller_exists_for_user(user_id=user_id),
    )
    buyer.validate()
    document = buyer.to_mongo().to_dict()
    mongo.update_one(Buyer, {"user_id": user_id}, {"$setOnInsert": document}, upsert=True)
    cache.drop_buyer(user_id)


def buyer_add_purchased_gig(*, buyer_user_id: str, gig_id: str) -> None:
    result = mongo.update_one(
        Buyer, {"user_id": buyer_user_id}, {"$addToSet": {"purchased_gigs": gig_id}, "$set": {"updated_at": _now()}}
    )
    if result.modified_count:
        cache.drop_buyer(buyer_user_id)


def _apply_profile(seller: Seller, profile: dict) -> None:
    seller.full_name = profile["full_name"]
    seller.description = profile["description"]
    seller.oneliner = profile["oneliner"]
    seller.skills = list(profile["skills"])
    seller.languages = [Language(**item) for item in profile["languages"]]
    seller.experience = [
        Experience(**{**item, "start_date": _midnight(item["start_date"]), "end_date": _midnight(item.get("end_date"))})
        for item in profile["experience"]
    ]
    seller.education = [Education(**item) for item in profile["education"]]
    seller.certificates = [Certificate(**item) for item in profile["certificates"]]
    seller.social_links = list(profile["social_links"])
    seller.response_time = profile["response_time"]


def _mark_buyer_as_seller(user_id: str) -> None:
    mongo.update_one(Buyer, {"user_id": user_id}, {"$set": {"is_seller": True, "updated_at": _now()}})
    cache.drop_buyer(user_id)


def seller_create(*, user: TokenUser, **profile) -> Seller:
    """Make the signed-in user a seller (once); marks their buyer profile and publishes ``users.seller.created``."""
    seller_profile_check(**profile)
    if seller_exists_for_user(user_id=user.id):
        raise Conflict("You are already a seller.", "seller_exists")
    buyer = Buyer.objects(user_id=user.id).first()
    seller = Seller(
        user_id=user.id,
        username=user.username,
        username_key=username_key(user.username),
        email=user.email,
        country=buyer.country if buyer else "",
        profile_picture=buyer.profile_picture if buyer else "",
    )
    _apply_profile(seller, profile)
    try:
        with mongo.atomic():
            mongo.save(seller)
            _mark_buyer_as_seller(user.id)
            publish(
                SellerCreated(
                    seller_id=str(seller.pk), user_id=user.id, username=user.username, full_name=seller.full_name
                )
            )
    except DuplicateKeyError as exc:
        # Two requests raced past the check above: the unique index decides.
        raise Conflict("You are already a seller.", "seller_exists") from exc
    return seller


def seller_update(*, seller_id: str, user: TokenUser, **profile) -> Seller:
    """Replace the owner's profile fields (statistics untouched); publishes ``users.seller.updated``."""
    seller = seller_document_get(seller_id=seller_id)
    if seller.user_id != user.id:
        raise Forbidden("Only the seller can change this profile.", "not_owner")
    seller_profile_check(**profile)
    _apply_profile(seller, profile)
    seller_save_profile(seller=seller)
    return seller_document_get(seller_id=seller_id)


def seller_save_profile(*, seller: Seller) -> None:
    """Store the profile fields of an edited seller (API or staff admin); publishes ``users.seller.updated``."""
    seller.validate()
    stored = seller.to_mongo()
    fields = {seller._fields[name].db_field: stored.get(seller._fields[name].db_field) for name in _PROFILE_FIELDS}
    with mongo.atomic():
        # $set only the profile fields: a full replace would overwrite
        # statistics that event handlers $inc concurrently.
        mongo.update_one(Seller, {"_id": seller.pk}, {"$set": {**fields, "updated_at": _now()}})
        cache.drop_seller(str(seller.pk))
        publish(
            SellerUpdated(
                seller_id=str(seller.pk), user_id=seller.user_id, username=seller.username, full_name=seller.full_name
            )
        )


def buyer_save_from_admin(*, buyer: Buyer) -> None:
    """Store what staff may correct on a buyer (where they live, their picture, the seller flag)."""
    buyer.validate()
    update = {"country": buyer.country, "profile_picture": buyer.profile_picture, "is_seller": buyer.is_seller}
    with mongo.atomic():
        mongo.update_one(Buyer, {"_id": buyer.pk}, {"$set": {**update, "updated_at": _now()}})
        cache.drop_buyer(buyer.user_id)


_PROFILE_FIELDS = (
    "full_name",
    "description",
    "oneliner",
    "skills",
    "languages",
    "experience",
    "education",
    "certificates",
    "social_links",
    "response_time",
)
