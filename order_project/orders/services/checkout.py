"""Checkout: price a gig or an accepted offer, take the payment, and turn a verified payment into an order.

Nothing here trusts the client with money: prices come from the read
models, and an order exists only after the provider confirms that this
buyer paid exactly the quoted total for this gig, once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from bson import ObjectId
from django.conf import settings
from pymongo.errors import DuplicateKeyError

from orders import events, rules
from orders.documents import BuyerRef, Checkout, GigRef, GigSnapshot, Offer, Order, SellerRef, now
from orders.errors import PaymentProviderFailed, PaymentRequired
from orders.payments import PaymentError, get_provider
from orders.payments.base import SUCCEEDED, Intent
from orders.pricing import quote
from orders.selectors import checkout_find, gig_snapshot_find, offer_find, open_checkout_for_offer
from orders.store import timeline_add, transaction
from shared import mongo
from shared.consistency.subjects import wait_for_subject
from shared.errors import Conflict, Forbidden, NotFound, ValidationFailed
from shared.events import publish


@dataclass(frozen=True)
class _Terms:
    snapshot: GigSnapshot
    price: Decimal
    delivery_days: int
    revisions: int
    offer: Offer | None = None


def _provider_call(call, **kwargs):
    try:
        return call(**kwargs)
    except PaymentError as exc:
        raise PaymentProviderFailed() from exc


def _gig_terms(*, user, gig_id: str) -> _Terms:
    wait_for_subject("gig", gig_id)  # the seller's last change of this gig, if still in flight (bounded)
    snapshot = gig_snapshot_find(gig_id=gig_id)
    if snapshot is None or snapshot.deleted:
        raise NotFound("No such gig.", code="gig_not_found")
    if snapshot.seller_user_id == str(user.id):
        raise Forbidden("You cannot order your own gig.", code="own_gig")
    if not snapshot.active:
        raise Conflict("This gig is paused and cannot be ordered now.", code="gig_unavailable")
    days = snapshot.expected_delivery_days or rules.DEFAULT_DELIVERY_DAYS
    return _Terms(snapshot=snapshot, price=snapshot.price, delivery_days=days, revisions=snapshot.revisions)


def _offer_terms(*, user, message_id: str, quantity: int) -> _Terms:
    offer = offer_find(message_id=message_id)
    if offer is None or not offer.gig_id:
        raise NotFound("No such offer.", code="offer_not_found")
    if offer.buyer_id != str(user.id):
        raise Forbidden("This offer was made to someone else.", code="offer_not_yours")
    if offer.status == "cancelled":
        raise Conflict("The seller withdrew this offer.", code="offer_cancelled")
    if offer.order_id:
        raise Conflict("This offer has already been ordered.", code="offer_already_ordered")
    if offer.expires_at is not None and offer.expires_at <= now():
        raise Conflict("This offer has expired; ask the seller for a new one.", code="offer_expired")
    if quantity != 1:
        raise ValidationFailed(fields={"quantity": ["A custom offer is ordered once: quantity must be 1."]})
    snapshot = gig_snapshot_find(gig_id=offer.gig_id)
    if snapshot is None or snapshot.deleted or snapshot.seller_user_id != offer.seller_user_id:
        raise Conflict("The gig behind this offer is no longer available.", code="gig_unavailable")
    # A paused gig still honours an offer its seller made explicitly.
    return _Terms(
        snapshot=snapshot,
        price=offer.price,
        delivery_days=offer.delivery_in_days,
        revisions=snapshot.revisions,
        offer=offer,
    )


def payment_intent_create(*, user, gig_id: str | None, offer_message_id: str | None, quantity: int) -> Checkout:
    """Quote the order and ask the provider for that total; the answer carries the client secret."""
    if bool(gig_id) == bool(offer_message_id):
        message = "Give either gig_id or offer_message_id (not both)."
        raise ValidationFailed(fields={"gig_id": [message], "offer_message_id": [message]})
    if offer_message_id:
        terms = _offer_terms(user=user, message_id=offer_message_id, quantity=quantity)
        # Asking twice for the same offer answers the same payment, so it cannot be paid twice.
        existing = open_checkout_for_offer(buyer_id=str(user.id), offer_id=offer_message_id)
        if existing is not None:
            return existing
    else:
        terms = _gig_terms(user=user, gig_id=gig_id)
    amounts = quote(price=terms.price, quantity=quantity)
    provider = get_provider()
    offer_id = terms.offer.message_id if terms.offer else ""
    metadata = {
        "buyer_id": str(user.id),
        "gig_id": terms.snapshot.gig_id,
        "offer_id": offer_id,
        "quantity": str(quantity),
    }
    intent = _provider_call(
        provider.create_intent,
        amount=amounts.total,
        currency=settings.ORDER_CURRENCY,
        metadata=metadata,
        idempotency_key=f"checkout-{uuid.uuid4().hex}",
    )
    checkout = Checkout(
        payment_intent_id=intent.id,
        provider=provider.name,
        client_secret=intent.client_secret,
        buyer=BuyerRef(user_id=str(user.id), username=user.username),
        seller=SellerRef(
            seller_id=terms.snapshot.seller_id,
            user_id=terms.snapshot.seller_user_id,
            username=terms.snapshot.seller_username or (terms.offer.seller_username if terms.offer else ""),
        ),
        gig=GigRef(gig_id=terms.snapshot.gig_id, title=terms.snapshot.title, cover_image=terms.snapshot.cover_image),
        offer_id=offer_id or None,
        quantity=quantity,
        price=amounts.price,
        subtotal=amounts.subtotal,
        service_fee=amounts.service_fee,
        total=amounts.total,
        currency=settings.ORDER_CURRENCY,
        delivery_days=terms.delivery_days,
        revisions=terms.revisions,
    )
    mongo.save(checkout, force_insert=True)
    return checkout


def _verified_checkout(*, user, payment_intent_id: str, gig_id: str) -> Checkout:
    checkout = checkout_find(payment_intent_id=payment_intent_id)
    if checkout is None:
        raise NotFound(
            "No such payment intent: create one with POST /orders/payment-intents.", code="payment_intent_not_found"
        )
    if checkout.buyer.user_id != str(user.id):
        raise Forbidden("This payment belongs to someone else.", code="payment_not_yours")
    if checkout.gig.gig_id != gig_id:
        raise ValidationFailed(
            "This payment was made for another gig.",
            code="payment_gig_mismatch",
            fields={"gig_id": ["Does not match the gig of the payment."]},
        )
    if checkout.status == "ordered":
        raise Conflict("This payment has already been used for an order.", code="payment_already_used")
    if checkout.status == "refunded":
        raise Conflict("This payment was refunded and cannot be used.", code="payment_refunded")
    return checkout


def _verify_intent(intent: Intent | None, *, checkout: Checkout, user) -> None:
    if intent is None:
        raise PaymentRequired("The payment provider does not know this payment.", code="payment_not_found")
    if intent.status != SUCCEEDED:
        raise PaymentRequired("The payment has not succeeded yet; complete it first.", code="payment_not_completed")
    if intent.metadata.get("buyer_id") != str(user.id):
        raise Forbidden("This payment belongs to someone else.", code="payment_not_yours")
    if (
        intent.metadata.get("gig_id") != checkout.gig.gig_id
        or (intent.metadata.get("offer_id") or None) != checkout.offer_id
    ):
        raise ValidationFailed(
            "This payment was made for another gig.",
            code="payment_gig_mismatch",
            fields={"gig_id": ["Does not match the gig of the payment."]},
        )
    if intent.amount != checkout.total or intent.currency != checkout.currency:
        raise PaymentRequired("The amount paid does not match the order's total.", code="payment_amount_mismatch")


def _unavailable_reason(checkout: Checkout) -> tuple[str, str] | None:
    """Why this checkout can no longer become an order, or None."""
    if checkout.offer_id:
        offer = offer_find(message_id=checkout.offer_id)
        if offer is None or offer.status != "accepted" or offer.order_id:
            return "offer_unavailable", "The offer was withdrawn or already ordered"
        if offer.expires_at is not None and offer.expires_at <= now():
            return "offer_expired", "The offer expired before the order was placed"
        return None
    snapshot = gig_snapshot_find(gig_id=checkout.gig.gig_id)
    if snapshot is None or snapshot.deleted or not snapshot.active:
        return "gig_unavailable", "The gig was paused or deleted after you paid"
    return None


def _refund_and_refuse(checkout: Checkout, code: str, reason: str):
    """The buyer paid for something that cannot be ordered any more: give the money back, then say so."""
    provider = get_provider(checkout.provider)
    _provider_call(
        provider.refund,
        intent_id=checkout.payment_intent_id,
        amount=checkout.total,
        idempotency_key=f"checkout-{checkout.payment_intent_id}-refund",
    )
    mongo.update_one(Checkout, {"_id": checkout.pk, "status": "open"}, {"$set": {"status": "refunded"}})
    raise Conflict(f"{reason}; your payment was refunded.", code=code)


class _Taken(Exception):
    """Inside the transaction: the offer was claimed by a concurrent order."""


def _new_order(checkout: Checkout, *, user, requirements: str) -> Order:
    moment = now()
    order = Order(
        id=ObjectId(),
        gig=checkout.gig,
        seller=checkout.seller,
        buyer=BuyerRef(user_id=str(user.id), username=user.username),
        offer_id=checkout.offer_id,
        quantity=checkout.quantity,
        price=checkout.price,
        subtotal=checkout.subtotal,
        service_fee=checkout.service_fee,
        total=checkout.total,
        currency=checkout.currency,
        requirements=requirements,
        payment_intent_id=checkout.payment_intent_id,
        payment_provider=checkout.provider,
        delivery_due_at=moment + timedelta(days=checkout.delivery_days),
        delivery_days=checkout.delivery_days,
        revisions_included=checkout.revisions,
        created_at=moment,
        updated_at=moment,
    )
    timeline_add(order, "placed", by=str(user.id))
    return order


def _insert(order: Order, checkout: Checkout) -> None:
    claimed = mongo.update_one(
        Checkout, {"_id": checkout.pk, "status": "open"}, {"$set": {"status": "ordered", "order_id": str(order.pk)}}
    )
    if claimed.matched_count == 0:
        raise Conflict("This payment has already been used for an order.", code="payment_already_used")
    mongo.save(order, force_insert=True)
    if order.offer_id:
        taken = mongo.update_one(
            Offer,
            {"_id": order.offer_id, "status": "accepted", "order_id": None},
            {"$set": {"order_id": str(order.pk), "updated_at": now()}},
        )
        if taken.matched_count == 0:
            raise _Taken()
    publish(events.created(order))


def order_create(*, user, payment_intent_id: str, gig_id: str, requirements: str) -> Order:
    """Place the order a verified payment paid for; it and order.created commit together."""
    checkout = _verified_checkout(user=user, payment_intent_id=payment_intent_id, gig_id=gig_id)
    intent = _provider_call(get_provider(checkout.provider).retrieve_intent, intent_id=payment_intent_id)
    _verify_intent(intent, checkout=checkout, user=user)
    unavailable = _unavailable_reason(checkout)
    if unavailable:
        _refund_and_refuse(checkout, *unavailable)
    order = _new_order(checkout, user=user, requirements=requirements)
    try:
        with transaction():
            _insert(order, checkout)
    except DuplicateKeyError as exc:
        raise Conflict("This payment has already been used for an order.", code="payment_already_used") from exc
    except _Taken:
        _refund_and_refuse(checkout, "offer_unavailable", "The offer was already ordered")
    return order
