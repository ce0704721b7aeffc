"""Orders, payments, deliveries and extensions (order_project)."""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ninja import Router, Schema

from proxy.api.common import SIGNED_IN, errors
from proxy.django_adapter import relay

router = Router(tags=["orders"])


class PaymentIntentIn(Schema):
    gig_id: str | None = None
    offer_message_id: str | None = None
    quantity: int = 1


class PaymentIntentOut(Schema):
    payment_intent_id: str
    client_secret: str
    price: Decimal
    service_fee: Decimal
    total: Decimal


class OrderIn(Schema):
    payment_intent_id: str
    gig_id: str
    requirements: str = ""


class Delivery(Schema):
    message: str
    files: list[str] = []
    delivered_at: str | None = None


class Extension(Schema):
    days: int
    reason: str
    status: str | None = None


class OrderOut(Schema):
    id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    seller_username: str | None = None
    buyer_username: str | None = None
    status: Literal["in_progress", "delivered", "completed", "cancelled"]
    quantity: int = 1
    price: Decimal
    service_fee: Decimal
    total: Decimal
    requirements: str = ""
    delivery_due: str | None = None
    deliveries: list[Delivery] = []
    extensions: list[Extension] = []
    created_at: str


class OrderList(Schema):
    items: list[OrderOut]
    total: int


class DeliverIn(Schema):
    message: str
    files: list[str] = []


class ExtensionIn(Schema):
    days: int
    reason: str


@router.post("/payment-intents", response={201: PaymentIntentOut, **errors(400, 401, 404, 422)}, description=SIGNED_IN)
async def payment_intent_create(request, payload: PaymentIntentIn):
    return await relay(request)


@router.post("", response={201: OrderOut, **errors(400, 401, 402, 404, 409, 422)}, summary="The payment is verified before the order exists", description=SIGNED_IN)
async def order_create(request, payload: OrderIn):
    return await relay(request)


@router.get("/buyer/me", response={200: OrderList, **errors(401)}, description=SIGNED_IN)
async def orders_as_buyer(request):
    return await relay(request)


@router.get("/seller/me", response={200: OrderList, **errors(401)}, description=SIGNED_IN)
async def orders_as_seller(request):
    return await relay(request)


@router.get("/{order_id}", response={200: OrderOut, **errors(401, 403, 404)}, summary="Buyer or seller only", description=SIGNED_IN)
async def order_detail(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/cancel", response={200: OrderOut, **errors(401, 403, 404, 409)}, summary="Refunds the buyer", description=SIGNED_IN)
async def order_cancel(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/deliver", response={200: OrderOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Seller", description=SIGNED_IN)
async def order_deliver(request, order_id: str, payload: DeliverIn):
    return await relay(request)


@router.post("/{order_id}/approve", response={200: OrderOut, **errors(401, 403, 404, 409)}, summary="Buyer: completes the order", description=SIGNED_IN)
async def order_approve(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/extension", response={200: OrderOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Seller asks for more days", description=SIGNED_IN)
async def order_extension(request, order_id: str, payload: ExtensionIn):
    return await relay(request)


@router.post("/{order_id}/extension/approve", response={200: OrderOut, **errors(401, 403, 404, 409)}, summary="Buyer", description=SIGNED_IN)
async def order_extension_approve(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/extension/reject", response={200: OrderOut, **errors(401, 403, 404, 409)}, summary="Buyer", description=SIGNED_IN)
async def order_extension_reject(request, order_id: str):
    return await relay(request)
