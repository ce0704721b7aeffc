"""Request and response shapes of the profiles API.

Shapes, lengths, enums and URL formats are checked here (422 naming the
field); rules that compare values or depend on today live in rules.py.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from shared.api_ninja import Money


def _text(max_length: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)]


_url_validator = URLValidator(schemes=["http", "https"])


def _valid_url(value: str) -> str:
    try:
        _url_validator(value)
    except DjangoValidationError as exc:
        raise ValueError("Enter a valid http(s) URL.") from exc
    return value


Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_valid_url)]
Level = Literal["basic", "conversational", "fluent", "native"]


class LanguageIn(Schema):
    language: _text(50)
    level: Level


class ExperienceIn(Schema):
    company: _text(100)
    title: _text(100)
    start_date: date
    end_date: date | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] = ""
    current: bool = False


class EducationIn(Schema):
    country: _text(100)
    university: _text(150)
    title: _text(100)
    major: _text(100)
    year: int


class CertificateIn(Schema):
    # "from" is a Python keyword: the attribute is `issuer`, the JSON key "from".
    model_config = ConfigDict(populate_by_name=True)

    name: _text(100)
    issuer: _text(100) = Field(alias="from")
    year: int


class SellerIn(Schema):
    full_name: _text(100)
    description: _text(2000)
    oneliner: _text(120)
    skills: list[_text(50)] = Field(min_length=1, max_length=30)
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
    issuer: str = Field(serialization_alias="from")
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
    total_earnings: Money = Field(description="US dollars, two decimals.")
    total_gigs: int
    recent_delivery: datetime | None
    created_at: datetime
    updated_at: datetime


class SellerListOut(Schema):
    items: list[SellerOut]
    total: int
