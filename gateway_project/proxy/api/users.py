"""Buyers and sellers (users_project): copies of profiles/schemas.py."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field, StringConstraints

from proxy.api.common import SIGNED_IN, Money, errors, text
from proxy.django_adapter import relay

buyers = Router(tags=["buyers"])
sellers = Router(tags=["sellers"])

Level = Literal["basic", "conversational", "fluent", "native"]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), Field(description="An http(s) URL.")]


class LanguageIn(Schema):
    language: text(1, 50)
    level: Level


class ExperienceIn(Schema):
    company: text(1, 100)
    title: text(1, 100)
    start_date: date
    end_date: date | None = None
    description: text(0, 1000) = ""
    current: bool = Field(False, description="Still working here (then end_date stays empty).")


class EducationIn(Schema):
    country: text(1, 100)
    university: text(1, 150)
    title: text(1, 100)
    major: text(1, 100)
    year: int


class CertificateIn(Schema):
    # "from" is a Python keyword: the attribute is `issuer`, the JSON key "from", as users_project has it.
    model_config = ConfigDict(populate_by_name=True)

    name: text(1, 100)
    issuer: text(1, 100) = Field(alias="from")
    year: int


class SellerIn(Schema):
    full_name: text(1, 100)
    description: text(1, 2000)
    oneliner: text(1, 120)
    skills: list[text(1, 50)] = Field(min_length=1, max_length=30)
    languages: list[LanguageIn] = Field(min_length=1, max_length=20)
    experience: list[ExperienceIn] = Field(default_factory=list, max_length=30)
    education: list[EducationIn] = Field(default_factory=list, max_length=20)
    certificates: list[CertificateIn] = Field(default_factory=list, max_length=30)
    social_links: list[Url] = Field(default_factory=list, max_length=10)
    response_time: int = Field(ge=1, le=720, description="Hours the seller usually takes to answer.")


class BuyerOut(Schema):
    id: str
    user_id: str
    username: str
    email: str
    country: str
    profile_picture: str
    is_seller: bool
    purchased_gigs: list[str]
    created_at: datetime
    updated_at: datetime


class BuyerPublicOut(Schema):
    """Another user's buyer profile: no e-mail address, no purchase history."""

    id: str
    user_id: str
    username: str
    country: str
    profile_picture: str
    is_seller: bool
    created_at: datetime


class LanguageOut(Schema):
    language: str
    level: str


class ExperienceOut(Schema):
    company: str
    title: str
    start_date: date
    end_date: date | None
    description: str
    current: bool


class EducationOut(Schema):
    country: str
    university: str
    title: str
    major: str
    year: int


class CertificateOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    name: str
    issuer: str = Field(alias="from")
    year: int


class SellerOut(Schema):
    id: str
    user_id: str
    username: str
    country: str
    profile_picture: str
    full_name: str
    description: str
    oneliner: str
    skills: list[str]
    languages: list[LanguageOut]
    experience: list[ExperienceOut]
    education: list[EducationOut]
    certificates: list[CertificateOut]
    social_links: list[str]
    response_time: int
    ratings_count: int
    rating_sum: int
    average_rating: float
    rating_categories: dict[str, int] = Field(description='Ratings per star, keys "1" to "5".')
    ongoing_jobs: int
    completed_jobs: int
    cancelled_jobs: int
    total_earnings: Money
    total_gigs: int
    recent_delivery: datetime | None
    created_at: datetime
    updated_at: datetime


class SellerListOut(Schema):
    items: list[SellerOut]
    total: int


class RandomSellersQuery(Schema):
    size: int = Field(10, ge=1, le=50)


@buyers.get("/me", response={200: BuyerOut, **errors(401, 404)}, summary="Your buyer profile", description=SIGNED_IN + " 404 for a moment after signup, until the profile exists.")
async def buyer_me(request):
    return await relay(request)


@buyers.get("/{username}", response={200: BuyerPublicOut, **errors(401, 404)}, summary="Another user's public buyer profile", description=SIGNED_IN)
async def buyer_by_username(request, username: str):
    return await relay(request)


@sellers.post("", by_alias=True, response={201: SellerOut, **errors(400, 401, 409, 422, write=True)}, summary="Become a seller (once)", description=SIGNED_IN + " 400: dates or years that do not add up.")
async def seller_create(request, payload: SellerIn):
    return await relay(request)


@sellers.get("/me", by_alias=True, response={200: SellerOut, **errors(401, 404)}, summary="Your seller profile", description=SIGNED_IN)
async def seller_me(request):
    return await relay(request)


@sellers.get("/random", by_alias=True, response={200: SellerListOut, **errors(422)}, summary="Random sellers")
async def sellers_random(request, query: Query[RandomSellersQuery]):
    return await relay(request)


@sellers.get("/username/{username}", by_alias=True, response={200: SellerOut, **errors(404)})
async def seller_by_username(request, username: str):
    return await relay(request)


@sellers.get("/{seller_id}", by_alias=True, response={200: SellerOut, **errors(404)})
async def seller_by_id(request, seller_id: str):
    return await relay(request)


@sellers.put("/{seller_id}", by_alias=True, response={200: SellerOut, **errors(400, 401, 404, 422, write=True)}, summary="Owner only: replace the profile", description=SIGNED_IN)
async def seller_update(request, seller_id: str, payload: SellerIn):
    return await relay(request)
