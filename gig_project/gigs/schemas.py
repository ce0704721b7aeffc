"""Request and response shapes of the gig API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints, field_validator

from gigs import rules
from gigs.catalogue import CATEGORIES
from shared.api_ninja import Money, money_schema
from shared.validation import WHOLE_NUMBER

TWO_PLACES = Decimal("0.01")


def _text(bounds: tuple[int, int]):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=bounds[0], max_length=bounds[1])]


# category_slug() accepts a slug or a display name (any case): the document lists the slugs and names.
CATEGORY_SCHEMA = {"enum": sorted([*CATEGORIES, *CATEGORIES.values()])}
Category = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), Field(json_schema_extra=CATEGORY_SCHEMA)
]
SubCategory = _text(rules.SUB_CATEGORY_LENGTH)
Tag = _text(rules.TAG_LENGTH)
Price = Annotated[
    Decimal,
    Field(ge=rules.MIN_PRICE, le=rules.MAX_PRICE, decimal_places=2),
    money_schema(minimum=rules.MIN_PRICE, maximum=rules.MAX_PRICE),
]
DeliveryDays = Annotated[int, Field(ge=rules.DELIVERY_DAYS[0], le=rules.DELIVERY_DAYS[1])]
Revisions = Annotated[
    int,
    Field(ge=rules.REVISIONS[0], le=rules.REVISIONS[1], strict=True, description="Revisions included in an order."),
    WHOLE_NUMBER,
]


class _Strict(Schema):
    # An unknown field is a typo the client should hear about, not data we silently drop.
    model_config = ConfigDict(extra="forbid")


# _cover_url: empty, or an http(s) URL once surrounding blanks are stripped (the text rule holds inside it).
COVER_URL_SCHEMA = {"pattern": r"^[\t\n\r ]*(https?://[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*)?$"}
CoverUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=rules.COVER_IMAGE_URL_LENGTH),
    Field(json_schema_extra=COVER_URL_SCHEMA),
]


def _cover_url(value: str | None) -> str | None:
    if value and not value.startswith(("https://", "http://")):
        raise ValueError("Give an http(s) URL, or upload the image to /gigs/{gig_id}/cover-image.")
    return value


class GigCreateIn(_Strict):
    title: _text(rules.TITLE_LENGTH)
    description: _text(rules.DESCRIPTION_LENGTH)
    basic_title: _text(rules.BASIC_TITLE_LENGTH)
    basic_description: _text(rules.BASIC_DESCRIPTION_LENGTH)
    category: Category
    sub_categories: list[SubCategory] = Field(
        min_length=rules.SUB_CATEGORIES_COUNT[0], max_length=rules.SUB_CATEGORIES_COUNT[1]
    )
    tags: list[Tag] = Field(default_factory=list, max_length=rules.TAGS_MAX)
    price: Price
    expected_delivery_days: DeliveryDays
    revisions: Revisions = rules.DEFAULT_REVISIONS
    cover_image: CoverUrl = ""

    _cover = field_validator("cover_image")(_cover_url)


def _one_change(schema: dict) -> None:
    """changes() keeps the fields sent with a value: {} answers 400 empty_update, and null is "not sent"."""
    schema["minProperties"] = 1
    for name, field in list(schema["properties"].items()):
        options = [option for option in field.pop("anyOf", [field]) if option.get("type") != "null"]
        merged = {**field, **options[0]}
        merged.pop("default", None)
        schema["properties"][name] = merged


class GigUpdateIn(_Strict):
    """Any subset of the fields of a new gig."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_one_change)

    title: _text(rules.TITLE_LENGTH) | None = None
    description: _text(rules.DESCRIPTION_LENGTH) | None = None
    basic_title: _text(rules.BASIC_TITLE_LENGTH) | None = None
    basic_description: _text(rules.BASIC_DESCRIPTION_LENGTH) | None = None
    category: Category | None = None
    sub_categories: list[SubCategory] | None = Field(
        None, min_length=rules.SUB_CATEGORIES_COUNT[0], max_length=rules.SUB_CATEGORIES_COUNT[1]
    )
    tags: list[Tag] | None = Field(None, max_length=rules.TAGS_MAX)
    price: Price | None = None
    expected_delivery_days: DeliveryDays | None = None
    revisions: Revisions | None = None
    cover_image: CoverUrl | None = None

    _cover = field_validator("cover_image")(_cover_url)

    def changes(self) -> dict:
        return {name: value for name, value in self.model_dump(exclude_unset=True).items() if value is not None}


class GigActiveIn(_Strict):
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

    @staticmethod
    def resolve_id(gig) -> str:
        return str(gig.pk)

    @staticmethod
    def resolve_price(gig) -> Decimal:
        return gig.price.quantize(TWO_PLACES)


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


class SearchParams(Schema):
    q: str = Field("", max_length=200)
    category: str | None = Field(None, max_length=60, json_schema_extra=CATEGORY_SCHEMA)
    min_price: Annotated[Decimal, money_schema(minimum=0, maximum=rules.MAX_PRICE, cents=False)] | None = Field(
        None, ge=0, le=rules.MAX_PRICE
    )
    max_price: Annotated[Decimal, money_schema(minimum=0, maximum=rules.MAX_PRICE, cents=False)] | None = Field(
        None, ge=0, le=rules.MAX_PRICE
    )
    max_delivery_days: DeliveryDays | None = None
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(20, ge=1, le=rules.PAGE_SIZE_MAX)


class PageParams(Schema):
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(20, ge=1, le=rules.PAGE_SIZE_MAX)


class SizeParams(Schema):
    size: int = Field(10, ge=1, le=rules.PAGE_SIZE_MAX)
