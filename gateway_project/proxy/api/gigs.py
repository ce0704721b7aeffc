"""Gigs, categories and search (gig_project)."""
from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema
from pydantic import Field

from proxy.api.common import SIGNED_IN, errors
from proxy.django_adapter import relay

router = Router(tags=["gigs"])


class GigIn(Schema):
    title: str
    description: str
    basic_title: str
    basic_description: str
    category: str
    sub_categories: list[str]
    tags: list[str]
    price: Decimal = Field(ge=5, decimal_places=2)
    expected_delivery_days: int
    cover_image: str | None = None


class GigOut(GigIn):
    id: str
    seller_id: str
    username: str | None = None
    active: bool = True
    ratings_count: int = 0
    rating_sum: int = 0
    created_at: str | None = None


class GigList(Schema):
    items: list[GigOut]
    total: int
    page: int | None = None
    size: int | None = None


class ActiveIn(Schema):
    active: bool


class CategoryList(Schema):
    items: list[str]
    total: int


@router.post("", response={201: GigOut, **errors(400, 401, 403, 422)}, summary="Seller only", description=SIGNED_IN)
async def gig_create(request, payload: GigIn):
    return await relay(request)


@router.get("/search", response={200: GigList, **errors(422)}, summary="Active gigs, relevance-ranked")
async def gig_search(
    request, q: str = "", category: str | None = None, min_price: Decimal | None = None, max_price: Decimal | None = None,
    max_delivery_days: int | None = None, page: int = 1, size: int = 10,
):
    return await relay(request)


@router.get("/categories", response={200: CategoryList})
async def gig_categories(request):
    return await relay(request)


@router.get("/category/{category}", response={200: GigList})
async def gigs_by_category(request, category: str):
    return await relay(request)


@router.get("/top/{category}", response={200: GigList}, summary="Best rated in a category")
async def gigs_top(request, category: str):
    return await relay(request)


@router.get("/seller/{seller_id}", response={200: GigList, **errors(404)})
async def gigs_of_seller(request, seller_id: str, active: bool | None = None):
    return await relay(request)


@router.get("/{gig_id}", response={200: GigOut, **errors(404)})
async def gig_detail(request, gig_id: str):
    return await relay(request)


@router.put("/{gig_id}", response={200: GigOut, **errors(400, 401, 403, 404, 422)}, summary="Owner only", description=SIGNED_IN)
async def gig_update(request, gig_id: str, payload: GigIn):
    return await relay(request)


@router.delete("/{gig_id}", response={204: None, **errors(401, 403, 404)}, summary="Owner only", description=SIGNED_IN)
async def gig_delete(request, gig_id: str):
    return await relay(request)


@router.put("/{gig_id}/active", response={200: GigOut, **errors(401, 403, 404, 422)}, summary="Pause or resume", description=SIGNED_IN)
async def gig_set_active(request, gig_id: str, payload: ActiveIn):
    return await relay(request)


@router.get("/{gig_id}/similar", response={200: GigList, **errors(404)})
async def gigs_similar(request, gig_id: str):
    return await relay(request)
