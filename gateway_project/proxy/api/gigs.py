"""Gigs, categories and search (gig_project): copies of gigs/schemas.py."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Query, Router, Schema
from pydantic import Field, WithJsonSchema

from proxy.api.common import IMAGE, SIGNED_IN, Money, Strict, body_docs, errors, file_docs, money, text
from proxy.django_adapter import relay

router = Router(tags=["gigs"])

Price = money(ge=5, le=100_000)
DeliveryDays = Annotated[int, Field(ge=1, le=90)]
Revisions = Annotated[int, Field(ge=0, le=10, description="Revisions included in an order (default 1).")]
SubCategory = text(2, 50)
Tag = text(1, 30)
Category = text(1, 60)
CoverUrl = Annotated[str, Field(max_length=500, description='An http(s) URL, "" for none; or upload to /gigs/{gig_id}/cover-image.')]
PriceFilter = Annotated[Decimal, Field(ge=0, le=100_000), WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100_000})]


class GigCreateIn(Strict):
    title: text(10, 100)
    description: text(20, 1200)
    basic_title: text(3, 60)
    basic_description: text(10, 200)
    category: Category
    sub_categories: list[SubCategory] = Field(min_length=1, max_length=5)
    tags: list[Tag] = Field(default_factory=list, max_length=10)
    price: Price
    expected_delivery_days: DeliveryDays
    revisions: Revisions = 1
    cover_image: CoverUrl = ""


class GigUpdateIn(Strict):
    """Any subset of the fields of a new gig (at least one)."""

    title: text(10, 100) | None = None
    description: text(20, 1200) | None = None
    basic_title: text(3, 60) | None = None
    basic_description: text(10, 200) | None = None
    category: Category | None = None
    sub_categories: list[SubCategory] | None = Field(None, min_length=1, max_length=5)
    tags: list[Tag] | None = Field(None, max_length=10)
    price: Price | None = None
    expected_delivery_days: DeliveryDays | None = None
    revisions: Revisions | None = None
    cover_image: CoverUrl | None = None


class GigActiveIn(Strict):
    active: bool


class GigOut(Schema):
    id: str
    seller_id: str
    seller_user_id: str
    username: str
    title: str
    description: str
    basic_title: str
    basic_description: str
    category: str
    sub_categories: list[str]
    tags: list[str]
    price: Money
    expected_delivery_days: int
    revisions: int
    cover_image: str
    active: bool
    ratings_count: int
    rating_sum: int
    average_rating: float
    rating_categories: dict[str, int]
    created_at: datetime
    updated_at: datetime


class GigListOut(Schema):
    items: list[GigOut]
    total: int


class GigPageOut(GigListOut):
    page: int
    size: int


class CategoryOut(Schema):
    slug: str
    name: str
    gig_count: int


class CategoryListOut(Schema):
    items: list[CategoryOut]
    total: int


class GigSearchParams(Schema):
    q: str = Field("", max_length=200)
    category: str | None = Field(None, max_length=60)
    min_price: PriceFilter | None = None
    max_price: PriceFilter | None = None
    max_delivery_days: DeliveryDays | None = None
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(20, ge=1, le=50)


class GigPageParams(Schema):
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(20, ge=1, le=50)


class GigSizeParams(Schema):
    size: int = Field(10, ge=1, le=50)


COVER_UPLOAD = {
    "type": "object", "required": ["cover_image"],
    "properties": {"cover_image": {"type": "string", "format": "binary", "description": "JPEG, PNG, WebP or GIF, at most 2 MB."}},
}


@router.post("", response={201: GigOut, **errors(400, 401, 422, write=True)}, summary="Seller only", description=SIGNED_IN)
async def gig_create(request, payload: GigCreateIn):
    return await relay(request)


@router.get("/search", response={200: GigPageOut, **errors(400, 422)}, summary="Active gigs, relevance-ranked", description="400: an unknown category, or max_price below min_price.")
async def gig_search(request, params: Query[GigSearchParams]):
    return await relay(request)


@router.get("/categories", response={200: CategoryListOut, **errors()})
async def gig_categories(request):
    return await relay(request)


@router.get("/category/{category}", response={200: GigPageOut, **errors(404, 422)}, summary="Active gigs of a category, newest first")
async def gigs_by_category(request, category: str, params: Query[GigPageParams]):
    return await relay(request)


@router.get("/top/{category}", response={200: GigListOut, **errors(404, 422)}, summary="Best rated in a category")
async def gigs_top(request, category: str, params: Query[GigSizeParams]):
    return await relay(request)


@router.get("/seller/{seller_id}", response={200: GigListOut, **errors(422)}, summary="A seller's gigs, newest first")
async def gigs_of_seller(request, seller_id: str, active: bool | None = None):
    return await relay(request)


@router.get(
    "/recommended", response={200: GigListOut, **errors(422)}, summary="Gigs for you",
    description="Signed in: the best gigs of the categories you recently searched, viewed and bought (never "
                "your own), then the top gigs. Signed out: the top gigs.",
)
async def gigs_recommended(request, params: Query[GigSizeParams]):
    return await relay(request)


class ImageParams(Schema):
    size: str | None = Field(None, description="thumb or card; the original when absent (anything else: 400 naming size).")


@router.get(
    "/covers/{name}", response={200: None, **errors(400, 404)}, summary="A gig's uploaded cover image (the gig's cover_image URL)",
    description=IMAGE, openapi_extra=file_docs(content_type="image/*", description="The image.", conditional=True),
)
async def cover_image(request, name: str, params: Query[ImageParams]):
    return await relay(request)


@router.get("/{gig_id}", response={200: GigOut, **errors(404)})
async def gig_detail(request, gig_id: str):
    return await relay(request)


@router.put("/{gig_id}", response={200: GigOut, **errors(400, 401, 404, 422, write=True)}, summary="Owner only: change any fields", description=SIGNED_IN)
async def gig_update(request, gig_id: str, payload: GigUpdateIn):
    return await relay(request)


@router.delete("/{gig_id}", response={204: None, **errors(401, 404, write=True)}, summary="Owner only", description=SIGNED_IN)
async def gig_delete(request, gig_id: str):
    return await relay(request)


@router.put("/{gig_id}/active", response={200: GigOut, **errors(401, 404, 422, write=True)}, summary="Owner only: pause or resume", description=SIGNED_IN)
async def gig_set_active(request, gig_id: str, payload: GigActiveIn):
    return await relay(request)


@router.post(
    "/{gig_id}/cover-image", response={200: GigOut, **errors(400, 401, 404, 422, write=True)},
    summary="Owner only: upload the cover image", description=SIGNED_IN, openapi_extra=body_docs(multipart=COVER_UPLOAD),
)
async def gig_set_cover_image(request, gig_id: str):
    return await relay(request)


@router.get("/{gig_id}/similar", response={200: GigListOut, **errors(404, 422)}, summary="Active gigs like this one")
async def gigs_similar(request, gig_id: str, params: Query[GigSizeParams]):
    return await relay(request)
