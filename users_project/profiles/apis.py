"""The profiles API: thin translations between HTTP and services/selectors."""

from __future__ import annotations

from http import HTTPStatus

from ninja import Query, Router, Schema, Status
from pydantic import Field

from profiles import selectors, services
from profiles.presenters import seller_view
from profiles.schemas import BuyerOut, BuyerPublicOut, SellerIn, SellerListOut, SellerOut
from shared.api_ninja import BearerAuth
from shared.openapi import errors

router = Router(tags=["profiles"])
signed_in = BearerAuth()


class RandomSellersQuery(Schema):
    size: int = Field(10, ge=1, le=selectors.RANDOM_SELLERS_MAX)


@router.get("/buyers/me", response=BuyerOut, auth=signed_in, openapi_extra=errors(404))
def buyer_me(request):
    return selectors.buyer_get_for_user(user_id=request.auth.id)


@router.get("/buyers/{username}", response=BuyerPublicOut, auth=signed_in, openapi_extra=errors(404))
def buyer_by_username(request, username: str):
    return selectors.buyer_get_by_username(username=username)


@router.post(
    "/sellers",
    response={HTTPStatus.CREATED: SellerOut},
    auth=signed_in,
    by_alias=True,
    openapi_extra=errors(400, 409),
)
def seller_create(request, payload: SellerIn):
    seller = services.seller_create(user=request.auth, **payload.model_dump())
    return Status(HTTPStatus.CREATED, seller_view(seller))


@router.get("/sellers/me", response=SellerOut, auth=signed_in, by_alias=True, openapi_extra=errors(404))
def seller_me(request):
    return selectors.seller_get_for_user(user_id=request.auth.id)


@router.get("/sellers/random", response=SellerListOut, by_alias=True)
def seller_random(request, query: Query[RandomSellersQuery]):
    items = selectors.seller_list_random(size=query.size)
    return {"items": items, "total": len(items)}


@router.get("/sellers/username/{username}", response=SellerOut, by_alias=True, openapi_extra=errors(404))
def seller_by_username(request, username: str):
    return selectors.seller_get_by_username(username=username)


@router.get("/sellers/{seller_id}", response=SellerOut, by_alias=True, openapi_extra=errors(404))
def seller_detail(request, seller_id: str):
    return selectors.seller_get(seller_id=seller_id)


@router.put(
    "/sellers/{seller_id}", response=SellerOut, auth=signed_in, by_alias=True, openapi_extra=errors(400, 403, 404)
)
def seller_update(request, seller_id: str, payload: SellerIn):
    seller = services.seller_update(seller_id=seller_id, user=request.auth, **payload.model_dump())
    return seller_view(seller)
