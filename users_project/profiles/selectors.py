"""Reads of buyer and seller profiles, through the Redis cache."""

from __future__ import annotations

from bson import ObjectId
from bson.errors import InvalidId

from profiles import cache
from profiles.documents import Buyer, Seller
from profiles.presenters import buyer_view, seller_view
from shared import mongo
from shared.errors import NotFound

RANDOM_SELLERS_MAX = 50


class BuyerProfileNotReady(NotFound):
    code = "buyer_profile_not_found"
    detail = "No buyer profile yet: it is created from the new account within moments, try again shortly."


class SellerNotFound(NotFound):
    code = "seller_not_found"
    detail = "No such seller."


def username_key(username: str) -> str:
    return username.strip().casefold()


def object_id_or_none(value: str) -> ObjectId | None:
    try:
        return ObjectId(value)
    except (InvalidId, TypeError):
        return None


def _buyer_view_for_user(user_id: str) -> dict | None:
    buyer = Buyer.objects(user_id=user_id).first()
    return buyer_view(buyer) if buyer else None


def buyer_get_for_user(*, user_id: str) -> dict:
    view = cache.read_through(cache.buyer_key(user_id), lambda: _buyer_view_for_user(user_id))
    if view is None:
        raise BuyerProfileNotReady()
    return view


def buyer_get_by_username(*, username: str) -> dict:
    def find_user_id():
        buyer = Buyer.objects(username_key=username_key(username)).only("user_id").first()
        return buyer.user_id if buyer else None

    user_id = cache.read_through(cache.lookup_key("buyer-username", username_key(username)), find_user_id)
    if user_id is None:
        raise NotFound("No such buyer.", "buyer_not_found")
    return buyer_get_for_user(user_id=user_id)


def seller_document_get(*, seller_id: str) -> Seller:
    """The stored seller, uncached: for services about to change it."""
    oid = object_id_or_none(seller_id)
    seller = Seller.objects(pk=oid).first() if oid else None
    if seller is None:
        raise SellerNotFound()
    return seller


def _seller_view_by_id(seller_id: str) -> dict | None:
    oid = object_id_or_none(seller_id)
    seller = Seller.objects(pk=oid).first() if oid else None
    return seller_view(seller) if seller else None


def seller_get(*, seller_id: str) -> dict:
    view = cache.read_through(cache.seller_key(seller_id), lambda: _seller_view_by_id(seller_id))
    if view is None:
        raise SellerNotFound()
    return view


def _seller_id_where(**query) -> str | None:
    seller = Seller.objects(**query).only("id").first()
    return str(seller.pk) if seller else None


def seller_get_for_user(*, user_id: str) -> dict:
    seller_id = cache.read_through(cache.lookup_key("seller-user", user_id), lambda: _seller_id_where(user_id=user_id))
    if seller_id is None:
        raise SellerNotFound("You are not a seller yet.", "seller_not_found")
    return seller_get(seller_id=seller_id)


def seller_get_by_username(*, username: str) -> dict:
    key = username_key(username)
    seller_id = cache.read_through(cache.lookup_key("seller-username", key), lambda: _seller_id_where(username_key=key))
    if seller_id is None:
        raise SellerNotFound()
    return seller_get(seller_id=seller_id)


def seller_exists_for_user(*, user_id: str) -> bool:
    return Seller.objects(user_id=user_id).count() > 0


def seller_list_random(*, size: int) -> list[dict]:
    """Up to ``size`` sellers in random order (MongoDB ``$sample``), read fresh: each call differs."""
    size = max(1, min(size, RANDOM_SELLERS_MAX))
    documents = mongo.collection(Seller).aggregate([{"$sample": {"size": size}}])
    return [seller_view(Seller._from_son(document)) for document in documents]
