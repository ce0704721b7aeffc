"""The order routes of API.md. Static paths come before ``/orders/{order_id}`` so they win."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from ninja import Query, Router, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError

from orders import selectors, services
from orders.schemas import (
    DeliverIn,
    ExtensionIn,
    ListParams,
    OrderCreateIn,
    OrderListOut,
    OrderOut,
    PaymentIntentIn,
    PaymentIntentOut,
    RevisionIn,
    order_out,
    payment_intent_out,
)
from shared.api_ninja import BearerAuth
from shared.errors import ValidationFailed
from shared.openapi import errors
from shared.validation import parse_json

router = Router(tags=["orders"], auth=BearerAuth())
# The order a payment intent pays for takes its payment_intent_id and gig_id together (400 payment_gig_mismatch
# otherwise): the link says so, for a client and for stateful testing.
PAYMENT_INTENT_DOCS = {
    "responses": {
        **errors(400, 403, 404, 409, 502)["responses"],
        201: {
            "links": {
                "OrderForThisPayment": {
                    "operationId": "orders_apis_order_create",
                    "requestBody": {
                        "payment_intent_id": "$response.body#/payment_intent_id",
                        "gig_id": "$response.body#/gig_id",
                    },
                }
            }
        },
    }
}


@router.post("/orders/payment-intents", response={201: PaymentIntentOut}, openapi_extra=PAYMENT_INTENT_DOCS)
def payment_intent_create(request, payload: PaymentIntentIn):
    checkout = services.payment_intent_create(
        user=request.auth, gig_id=payload.gig_id, offer_message_id=payload.offer_message_id, quantity=payload.quantity
    )
    return Status(HTTPStatus.CREATED, payment_intent_out(checkout))


@router.post("/orders", response={201: OrderOut}, openapi_extra=errors(400, 402, 403, 404, 409, 502))
def order_create(request, payload: OrderCreateIn):
    order = services.order_create(
        user=request.auth,
        payment_intent_id=payload.payment_intent_id,
        gig_id=payload.gig_id,
        requirements=payload.requirements,
    )
    return Status(HTTPStatus.CREATED, order_out(order))


def _order_list(request, role: str, params: ListParams) -> dict:
    orders, total = selectors.order_list(
        user_id=request.auth.id, role=role, status=params.status, page=params.page, size=params.size
    )
    return {"items": [order_out(order) for order in orders], "total": total, "page": params.page, "size": params.size}


@router.get("/orders/buyer/me", response=OrderListOut)
def order_list_as_buyer(request, params: Query[ListParams]):
    return _order_list(request, "buyer", params)


@router.get("/orders/seller/me", response=OrderListOut)
def order_list_as_seller(request, params: Query[ListParams]):
    return _order_list(request, "seller", params)


@router.get("/orders/{order_id}", response=OrderOut, openapi_extra=errors(403, 404))
def order_detail(request, order_id: str):
    order, _role = selectors.order_get_for_party(order_id=order_id, user=request.auth)
    return order_out(order)


@router.post("/orders/{order_id}/cancel", response=OrderOut, openapi_extra=errors(403, 404, 409))
def order_cancel(request, order_id: str):
    return order_out(services.order_cancel(user=request.auth, order_id=order_id))


def _delivery_input(request) -> tuple[DeliverIn, list]:
    """A delivery as JSON (links) or as multipart form data (uploads and links under ``files``)."""
    if request.content_type == "multipart/form-data":
        uploads = request.FILES.getlist("files")
        data = {"message": request.POST.get("message", ""), "files": request.POST.getlist("files")}
    else:
        uploads = []
        data = parse_json(request.body or b"{}")  # the shared limits: depth, size, text, numbers
        if not isinstance(data, dict):
            raise ValidationFailed("Send a JSON object.", code="malformed_json")
    try:
        return DeliverIn.model_validate(data), uploads
    except ValidationError as exc:
        raise NinjaValidationError(exc.errors(include_url=False)) from exc


_DELIVER_BODY = {
    "requestBody": {
        "content": {
            "application/json": {"schema": DeliverIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": DeliverIn.model_json_schema()["properties"]["message"],
                        # files.delivery_files_validate (shared.files.upload_check): no empty file.
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary", "minLength": 1},
                            "maxItems": settings.ORDER_DELIVERY_MAX_FILES,
                        },
                    },
                }
            },
        },
        "required": True,
    }
}


@router.post(
    "/orders/{order_id}/deliver", response=OrderOut, openapi_extra={**_DELIVER_BODY, **errors(400, 403, 404, 409)}
)
def order_deliver(request, order_id: str):
    payload, uploads = _delivery_input(request)
    order = services.order_deliver(
        user=request.auth, order_id=order_id, message=payload.message, file_urls=payload.files, uploads=uploads
    )
    return order_out(order)


@router.post("/orders/{order_id}/approve", response=OrderOut, openapi_extra=errors(403, 404, 409))
def order_approve(request, order_id: str):
    return order_out(services.order_approve(user=request.auth, order_id=order_id))


@router.post("/orders/{order_id}/extension", response=OrderOut, openapi_extra=errors(403, 404, 409))
def order_extension_request(request, order_id: str, payload: ExtensionIn):
    order = services.order_extension_request(
        user=request.auth, order_id=order_id, days=payload.days, reason=payload.reason
    )
    return order_out(order)


@router.post("/orders/{order_id}/extension/approve", response=OrderOut, openapi_extra=errors(403, 404, 409))
def order_extension_approve(request, order_id: str):
    return order_out(services.order_extension_decide(user=request.auth, order_id=order_id, approved=True))


@router.post("/orders/{order_id}/extension/reject", response=OrderOut, openapi_extra=errors(403, 404, 409))
def order_extension_reject(request, order_id: str):
    return order_out(services.order_extension_decide(user=request.auth, order_id=order_id, approved=False))


@router.post("/orders/{order_id}/revision", response=OrderOut, openapi_extra=errors(403, 404, 409))
def order_request_revision(request, order_id: str, payload: RevisionIn):
    return order_out(services.order_request_revision(user=request.auth, order_id=order_id, message=payload.message))
