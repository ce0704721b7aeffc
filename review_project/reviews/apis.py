"""The reviews API: thin translations between HTTP and services/selectors."""

from __future__ import annotations

from http import HTTPStatus

from ninja import Query, Router, Status

from reviews import selectors, services
from reviews.schemas import OrderReviewsOut, PageQuery, ReviewIn, ReviewOut, ReviewPageOut
from shared.api_ninja import BearerAuth
from shared.openapi import errors

router = Router(tags=["reviews"])
signed_in = BearerAuth()


def _page(result: selectors.ReviewPage) -> dict:
    return {
        "items": result.items,
        "total": result.total,
        "page": result.page,
        "size": result.size,
        "summary": result.summary,
    }


@router.post(
    "",
    response={HTTPStatus.CREATED: ReviewOut},
    auth=signed_in,
    summary="Review a completed order",
    openapi_extra=errors(400, 403, 404, 409),
)
def review_create(request, payload: ReviewIn):
    review = services.review_create(user=request.auth, **payload.model_dump())
    return Status(HTTPStatus.CREATED, review)


@router.get("/gig/{gig_id}", response=ReviewPageOut, summary="Buyers' reviews of a gig, with its rating summary")
def reviews_of_gig(request, gig_id: str, query: Query[PageQuery]):
    return _page(selectors.review_list_for_gig(gig_id=gig_id, page=query.page, size=query.size))


@router.get("/seller/{seller_id}", response=ReviewPageOut, summary="Buyers' reviews of a seller, with the summary")
def reviews_of_seller(request, seller_id: str, query: Query[PageQuery]):
    return _page(selectors.review_list_for_seller(seller_id=seller_id, page=query.page, size=query.size))


@router.get("/buyer/{buyer_id}", response=ReviewPageOut, summary="Sellers' reviews of a buyer, with the summary")
def reviews_of_buyer(request, buyer_id: str, query: Query[PageQuery]):
    return _page(selectors.review_list_for_buyer(buyer_id=buyer_id, page=query.page, size=query.size))


@router.get(
    "/order/{order_id}",
    response=OrderReviewsOut,
    auth=signed_in,
    summary="Both sides' reviews of an order",
    openapi_extra=errors(403, 404),
)
def reviews_of_order(request, order_id: str):
    result = selectors.review_list_for_order(order_id=order_id, user_id=request.auth.id)
    return {
        "items": result.items,
        "total": len(result.items),
        "completed": result.completed,
        "can_review": result.can_review,
    }


@router.get("/{review_id}", response=ReviewOut, summary="One visible review", openapi_extra=errors(404))
def review_detail(request, review_id: str):
    return selectors.review_get_public(review_id=review_id)
