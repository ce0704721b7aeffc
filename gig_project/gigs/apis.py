"""The gig routes of API.md. Static paths come before ``/gigs/{gig_id}`` so they win."""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from gigs import cache, interests, selectors, services
from gigs.catalogue import category_slug
from gigs.schemas import (
    CATEGORY_SCHEMA,
    CategoryListOut,
    CategoryOut,
    GigActiveIn,
    GigCreateIn,
    GigListOut,
    GigOut,
    GigPageOut,
    GigUpdateIn,
    PageParams,
    SearchParams,
    SizeParams,
)
from gigs.search import SearchQuery
from shared.api_ninja import BearerAuth, optional_user
from shared.errors import ValidationFailed
from shared.openapi import errors, image_parts

router = Router(tags=["gigs"])
signed_in = BearerAuth()


@router.post("/gigs", response={201: GigOut}, auth=signed_in, openapi_extra=errors(400, 403))
def gig_create(request, payload: GigCreateIn):
    return Status(HTTPStatus.CREATED, services.gig_create(user=request.auth, data=payload.model_dump()))


def _search_query(params: SearchParams) -> SearchQuery:
    errors = {}
    category = None
    if params.category:
        category = category_slug(params.category)
        if category is None:
            errors["category"] = ["Unknown category."]
    if params.min_price is not None and params.max_price is not None and params.min_price > params.max_price:
        errors["max_price"] = ["max_price must not be below min_price."]
    if errors:
        raise ValidationFailed(fields=errors)
    return SearchQuery(
        q=params.q,
        category=category,
        min_price=params.min_price,
        max_price=params.max_price,
        max_delivery_days=params.max_delivery_days,
        page=params.page,
        size=params.size,
    )


# selectors.category_get: a slug or a display name, else 404 category_not_found.
CATEGORY_SEGMENT = {
    "parameters": [
        {"in": "path", "name": "category", "required": True, "schema": {"type": "string", **CATEGORY_SCHEMA}}
    ],
    **errors(404),
}


def _json(body: bytes) -> HttpResponse:
    return HttpResponse(body, content_type="application/json")


@router.get("/gigs/search", response=GigPageOut)
def gig_search(request, params: Query[SearchParams]):
    query = _search_query(params)

    def load() -> dict:
        gigs, total = selectors.gig_search(query=query)
        page = GigPageOut.model_validate({"items": gigs, "total": total, "page": params.page, "size": params.size})
        return {"body": cache.render(page.model_dump()), "first_category": gigs[0].category if gigs else None}

    page = cache.search_page(query, load)  # the rendered page, until a gig write makes it stale (gigs/cache.py)
    viewer = optional_user(request)
    if viewer is not None:
        # A search by words says what the user wants through its best match's category.
        interests.interest_record(user_id=viewer.id, category=query.category or page["first_category"])
    return _json(page["body"])


@router.get("/gigs/categories", response=CategoryListOut)
def category_list(request):
    def load() -> bytes:
        categories = [CategoryOut.model_validate(category).model_dump() for category in selectors.category_list()]
        return cache.render({"items": categories, "total": len(categories)})

    return _json(cache.categories(load))


@router.get("/gigs/category/{category}", response=GigPageOut, openapi_extra=CATEGORY_SEGMENT)
def gig_list_by_category(request, category: str, params: Query[PageParams]):
    gigs, total = selectors.gig_list_by_category(category=category, page=params.page, size=params.size)
    return {"items": gigs, "total": total, "page": params.page, "size": params.size}


@router.get("/gigs/top/{category}", response=GigListOut, openapi_extra=CATEGORY_SEGMENT)
def gig_top_by_category(request, category: str, params: Query[SizeParams]):
    gigs = selectors.gig_top_by_category(category=category, size=params.size)
    return {"items": gigs, "total": len(gigs)}


@router.get("/gigs/seller/{seller_id}", response=GigListOut)
def gig_list_by_seller(request, seller_id: str, active: bool | None = None):
    gigs = selectors.gig_list_by_seller(seller_id=seller_id, active=active, viewer=optional_user(request))
    return {"items": gigs, "total": len(gigs)}


@router.get("/gigs/recommended", response=GigListOut)
def gig_recommended(request, params: Query[SizeParams]):
    viewer = optional_user(request)
    categories = interests.interest_categories(user_id=viewer.id) if viewer else []
    gigs = selectors.gig_recommended(user_id=viewer.id if viewer else None, categories=categories, size=params.size)
    return {"items": gigs, "total": len(gigs)}


@router.get("/gigs/{gig_id}", response=GigOut, openapi_extra=errors(404))
def gig_detail(request, gig_id: str):
    def load() -> dict | None:
        gig = selectors.gig_find(gig_id=gig_id)
        if gig is None:
            return None
        body = cache.render(GigOut.model_validate(gig).model_dump())
        return {"body": body, "category": gig.category, "seller_user_id": gig.seller_user_id}

    page = cache.gig_page(gig_id, load)  # the rendered page, until a write to this gig makes it stale
    if page is None:
        raise selectors.GigNotFound()
    viewer = optional_user(request)
    if viewer is not None and viewer.id != page["seller_user_id"]:
        interests.interest_record(user_id=viewer.id, category=page["category"])
    return _json(page["body"])


@router.put("/gigs/{gig_id}", response=GigOut, auth=signed_in, openapi_extra=errors(400, 403, 404))
def gig_update(request, gig_id: str, payload: GigUpdateIn):
    changes = payload.changes()
    if not changes:
        raise ValidationFailed("Send at least one field to change.", code="empty_update")
    return services.gig_update(user=request.auth, gig_id=gig_id, changes=changes)


@router.delete("/gigs/{gig_id}", response={204: None}, auth=signed_in, openapi_extra=errors(403, 404))
def gig_delete(request, gig_id: str):
    services.gig_delete(user=request.auth, gig_id=gig_id)
    return Status(HTTPStatus.NO_CONTENT, None)


@router.put("/gigs/{gig_id}/active", response=GigOut, auth=signed_in, openapi_extra=errors(403, 404))
def gig_set_active(request, gig_id: str, payload: GigActiveIn):
    return services.gig_set_active(user=request.auth, gig_id=gig_id, active=payload.active)


@router.post(
    "/gigs/{gig_id}/cover-image",
    response=GigOut,
    auth=signed_in,
    openapi_extra={
        "requestBody": {"content": {"multipart/form-data": {"encoding": image_parts("cover_image")}}},
        **errors(400, 403, 404),
    },
)
def gig_set_cover_image(request, gig_id: str, cover_image: File[UploadedFile]):
    return services.gig_set_cover_image(user=request.auth, gig_id=gig_id, upload=cover_image)


@router.get("/gigs/{gig_id}/similar", response=GigListOut, openapi_extra=errors(404))
def gig_similar(request, gig_id: str, params: Query[SizeParams]):
    gigs = selectors.gig_similar(gig_id=gig_id, size=params.size)
    return {"items": gigs, "total": len(gigs)}
