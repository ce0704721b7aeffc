"""Buyers and sellers (users_project)."""
from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema

from proxy.api.common import SIGNED_IN, errors
from proxy.django_adapter import relay

buyers = Router(tags=["buyers"])
sellers = Router(tags=["sellers"])


class BuyerOut(Schema):
    id: str
    username: str
    email: str | None = None
    country: str | None = None
    profile_picture: str | None = None
    is_seller: bool = False
    purchased_gigs: list[str] = []
    created_at: str | None = None


class Language(Schema):
    language: str
    level: str


class Experience(Schema):
    company: str
    title: str
    start_date: str | None = None
    end_date: str | None = None
    description: str | None = None
    currently_working_here: bool = False


class Education(Schema):
    country: str | None = None
    university: str
    title: str | None = None
    major: str | None = None
    year: str | None = None


class Certificate(Schema):
    name: str
    source: str | None = None
    year: str | None = None


class SellerIn(Schema):
    full_name: str
    description: str
    oneliner: str
    skills: list[str]
    languages: list[Language]
    experience: list[Experience] = []
    education: list[Education] = []
    certificates: list[Certificate] = []
    social_links: list[str] = []
    response_time: int


class SellerOut(SellerIn):
    id: str
    user_id: str | None = None
    username: str
    email: str | None = None
    profile_picture: str | None = None
    country: str | None = None
    ratings_count: int = 0
    rating_sum: int = 0
    rating_categories: dict[str, int] = {}
    ongoing_jobs: int = 0
    completed_jobs: int = 0
    cancelled_jobs: int = 0
    total_earnings: Decimal = Decimal("0.00")
    total_gigs: int = 0
    created_at: str | None = None


class SellerList(Schema):
    items: list[SellerOut]
    total: int


@buyers.get("/me", response={200: BuyerOut, **errors(401, 404)}, description=SIGNED_IN)
async def buyer_me(request):
    return await relay(request)


@buyers.get("/{username}", response={200: BuyerOut, **errors(404)})
async def buyer_by_username(request, username: str):
    return await relay(request)


@sellers.post("", response={201: SellerOut, **errors(400, 401, 403, 409, 422)}, summary="Become a seller", description=SIGNED_IN)
async def seller_create(request, payload: SellerIn):
    return await relay(request)


@sellers.get("/me", response={200: SellerOut, **errors(401, 404)}, description=SIGNED_IN)
async def seller_me(request):
    return await relay(request)


@sellers.get("/random", response={200: SellerList, **errors(422)})
async def sellers_random(request, size: int = 10):
    return await relay(request)


@sellers.get("/username/{username}", response={200: SellerOut, **errors(404)})
async def seller_by_username(request, username: str):
    return await relay(request)


@sellers.get("/{seller_id}", response={200: SellerOut, **errors(404)})
async def seller_by_id(request, seller_id: str):
    return await relay(request)


@sellers.put("/{seller_id}", response={200: SellerOut, **errors(400, 401, 403, 404, 422)}, summary="Owner only", description=SIGNED_IN)
async def seller_update(request, seller_id: str, payload: SellerIn):
    return await relay(request)
