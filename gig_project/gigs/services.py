"""Writes on gigs and sellers: each one commits with its event in one transaction."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from bson import ObjectId
from pymongo import ReturnDocument

from gigs import cache, rules
from gigs.catalogue import CATEGORIES, category_slug
from gigs.covers import cover_image_forget, cover_image_store
from gigs.documents import Gig, Seller
from gigs.search import get_backend
from gigs.selectors import gig_get, seller_for_user
from shared import mongo
from shared.errors import Forbidden, NotFound, ValidationFailed
from shared.events import publish
from shared.events.contracts import GigCreated, GigDeleted, GigUpdated


def _distinct(values, *, lower: bool = False) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        cleaned = " ".join(value.split())
        cleaned = cleaned.lower() if lower else cleaned
        if cleaned:
            seen.setdefault(cleaned.lower(), cleaned)
    return list(seen.values())


def _clean(changes: dict) -> dict:
    """Normalise what the schema let through and enforce the rules it cannot see."""
    cleaned, errors = dict(changes), {}
    if "category" in cleaned:
        slug = category_slug(cleaned["category"])
        if slug is None:
            errors["category"] = [f"Unknown category; choose one of: {', '.join(CATEGORIES)}."]
        cleaned["category"] = slug
    if "sub_categories" in cleaned:
        cleaned["sub_categories"] = _distinct(cleaned["sub_categories"])
        low, high = rules.SUB_CATEGORIES_COUNT
        if not low <= len(cleaned["sub_categories"]) <= high:
            errors["sub_categories"] = [f"Give between {low} and {high} different sub-categories."]
    if "tags" in cleaned:
        cleaned["tags"] = _distinct(cleaned["tags"], lower=True)
    for name in ("title", "description", "basic_title", "basic_description"):
        if name in cleaned and not cleaned[name].strip():
            errors[name] = ["This field may not be blank."]
    if "price" in cleaned:
        cleaned["price"] = cleaned["price"].quantize(Decimal("0.01"))
    if errors:
        raise ValidationFailed(fields=errors)
    return cleaned


def _owned_gig(*, user, gig_id: str) -> Gig:
    gig = gig_get(gig_id=gig_id)
    if gig.seller_user_id != str(user.id):
        raise Forbidden("Only the seller who owns this gig can change it.", code="not_owner")
    return gig


def _gig_facts(gig: Gig) -> dict:
    """What gig.created and gig.updated tell consumers (order prices and schedules from these)."""
    return {
        "gig_id": str(gig.pk),
        "seller_id": gig.seller_id,
        "seller_user_id": gig.seller_user_id,
        "seller_username": gig.username,
        "title": gig.title,
        "category": gig.category,
        "price": str(gig.price),
        "expected_delivery_days": gig.expected_delivery_days,
        "cover_image": gig.cover_image or "",
        "revisions": gig.revisions,
    }


def gig_updated_event(gig: Gig) -> GigUpdated:
    """The gig.updated event for a gig as it now is (ratings also change it)."""
    return GigUpdated(**_gig_facts(gig), active=bool(gig.active))


def gig_apply_update(*, gig_id: str, update: dict) -> Gig:
    """Apply a field-level update in the current transaction and answer the gig as it now is.

    Field updates (never a whole-document replace) keep concurrent writers
    from undoing each other: an owner's edit cannot erase a rating counted meanwhile.
    """
    document = mongo.collection(Gig).find_one_and_update(
        {"_id": ObjectId(gig_id)}, update, return_document=ReturnDocument.AFTER
    )
    if document is None:
        raise NotFound("No such gig.", code="gig_not_found")
    gig = Gig._from_son(document)
    get_backend().index(gig)
    cache.gigs_changed(gig_id)
    return gig


def gig_create(*, user, data: dict) -> Gig:
    seller = seller_for_user(user_id=str(user.id))
    if seller is None:
        raise Forbidden("Only sellers can create gigs: become a seller first.", code="not_a_seller")
    gig = Gig(seller_id=seller.seller_id, seller_user_id=seller.user_id, username=seller.username, **_clean(data))
    gig.validate()

    @mongo.atomic
    def write():
        mongo.save(gig)
        get_backend().index(gig)
        cache.gigs_changed(gig.pk)
        publish(GigCreated(**_gig_facts(gig)))
        return gig

    return write()


def gig_update(*, user, gig_id: str, changes: dict) -> Gig:
    gig = _owned_gig(user=user, gig_id=gig_id)
    return gig_change(gig=gig, changes=changes)


def gig_change(*, gig: Gig, changes: dict) -> Gig:
    """Apply changes to a gig (owner checks are the caller's: the API or the staff admin)."""
    changes = _clean(changes)
    for name, value in changes.items():
        setattr(gig, name, value)
    gig.validate()
    fields = {name: Gig._fields[name].to_mongo(value) for name, value in changes.items()}
    fields["updated_at"] = datetime.now(timezone.utc)

    @mongo.atomic
    def write():
        updated = gig_apply_update(gig_id=str(gig.pk), update={"$set": fields})
        publish(gig_updated_event(updated))
        return updated

    return write()


def gig_set_active(*, user, gig_id: str, active: bool) -> Gig:
    """Pause (hidden from search and browsing) or resume a gig."""
    return gig_update(user=user, gig_id=gig_id, changes={"active": active})


def gig_set_cover_image(*, user, gig_id: str, upload) -> Gig:
    """Store an uploaded cover image and point the gig at it; the old upload is removed."""
    previous = _owned_gig(user=user, gig_id=gig_id).cover_image
    url = cover_image_store(gig_id=gig_id, upload=upload)
    try:
        gig = gig_update(user=user, gig_id=gig_id, changes={"cover_image": url})
    except Exception:
        cover_image_forget(url=url)
        raise
    if previous:
        cover_image_forget(url=previous)
    return gig


def gig_delete(*, user, gig_id: str) -> None:
    gig_remove(gig=_owned_gig(user=user, gig_id=gig_id))


def gig_remove(*, gig: Gig) -> None:
    """Delete a gig with its listing and event (owner checks are the caller's)."""

    @mongo.atomic
    def write():
        mongo.delete(gig)
        get_backend().remove(gig)
        cache.gigs_changed(gig.pk)
        publish(GigDeleted(gig_id=str(gig.pk), seller_id=gig.seller_id, seller_user_id=gig.seller_user_id))

    write()
    if gig.cover_image:
        cover_image_forget(url=gig.cover_image)


def seller_upsert(*, seller_id: str, user_id: str, username: str, full_name: str) -> Seller:
    """Keep the local seller read model; a new username follows onto the seller's gigs."""
    seller = Seller(
        seller_id=seller_id,
        user_id=user_id,
        username=username,
        full_name=full_name,
        updated_at=datetime.now(timezone.utc),
    )

    @mongo.atomic
    def write():
        mongo.save(seller)
        renamed = {"seller_id": seller_id, "username": {"$ne": username}}
        gigs = mongo.collection(Gig)
        if ids := [doc["_id"] for doc in gigs.find(renamed, {"_id": 1})]:
            gigs.update_many({"_id": {"$in": ids}}, {"$set": {"username": username}})
            cache.gigs_changed(*ids)  # their pages show the username
        return seller

    return write()
