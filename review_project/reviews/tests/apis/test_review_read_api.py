from http import HTTPStatus

import pytest

from reviews.models import Review
from reviews.tests.factories import BUYER_ID, SELLER_USER_ID, CompletedOrderFactory, PlacedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db


# --- GET /reviews/{review_id} ------------------------------------------------------


def test_one_review_is_public(api):
    review = ReviewFactory(rating=4, review="Solid.")

    response = api.get(f"/api/v1/reviews/{review.pk}")

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["id"], response.json()["rating"], response.json()["review"]) == (
        str(review.pk),
        4,
        "Solid.",
    )


@pytest.mark.parametrize("review_id", ["999999", "abc", "-1"])
def test_an_unknown_review_is_404(api, review_id):
    response = api.get(f"/api/v1/reviews/{review_id}")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "review_not_found"


def test_a_hidden_review_is_404_like_an_unknown_one(api):
    review = ReviewFactory(hidden=True)

    response = api.get(f"/api/v1/reviews/{review.pk}")

    assert response.status_code == HTTPStatus.NOT_FOUND


# --- GET /reviews/order/{order_id} -------------------------------------------------


def test_a_party_sees_both_sides_reviews_and_whether_they_may_still_review(api):
    order = CompletedOrderFactory()
    buyers = ReviewFactory(order=order, reviewer_role="buyer")

    as_buyer = api.as_user(user_id=BUYER_ID).get(f"/api/v1/reviews/order/{order.order_id}").json()
    as_seller = api.as_user(user_id=SELLER_USER_ID).get(f"/api/v1/reviews/order/{order.order_id}").json()

    assert [item["id"] for item in as_buyer["items"]] == [str(buyers.pk)]
    assert (as_buyer["total"], as_buyer["completed"], as_buyer["can_review"]) == (1, True, False)
    assert (as_seller["completed"], as_seller["can_review"]) == (True, True)
    assert as_seller["items"][0]["hidden"] is False


def test_an_order_not_completed_yet_cannot_be_reviewed_by_anyone(api):
    placed = PlacedOrderFactory()

    answer = api.as_user(user_id=BUYER_ID).get(f"/api/v1/reviews/order/{placed.order_id}").json()

    assert answer == {"items": [], "total": 0, "completed": False, "can_review": False}


def test_a_hidden_review_is_shown_to_its_author_only(api):
    order = CompletedOrderFactory()
    ReviewFactory(order=order, reviewer_role="buyer", hidden=True)

    author = api.as_user(user_id=BUYER_ID).get(f"/api/v1/reviews/order/{order.order_id}").json()
    other_side = api.as_user(user_id=SELLER_USER_ID).get(f"/api/v1/reviews/order/{order.order_id}").json()

    assert [item["hidden"] for item in author["items"]] == [True]
    assert other_side["items"] == []


def test_order_reviews_need_a_token(api):
    order = CompletedOrderFactory()

    response = api.get(f"/api/v1/reviews/order/{order.order_id}")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_order_reviews_are_403_to_a_stranger(api):
    order = CompletedOrderFactory()
    ReviewFactory(order=order)

    response = api.as_user(user_id="99").get(f"/api/v1/reviews/order/{order.order_id}")

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_order_party"


def test_order_reviews_of_an_unknown_order_are_404(api):
    response = api.as_user(user_id=BUYER_ID).get("/api/v1/reviews/order/nope")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "order_not_found"


def test_the_answer_shape_matches_what_was_stored(api):
    order = CompletedOrderFactory(gig_id="g5", seller_id="p5")
    review = ReviewFactory(order=order, reviewer_role="seller", rating=2, review="Slow to answer.")

    item = api.as_user(user_id=BUYER_ID).get(f"/api/v1/reviews/order/{order.order_id}").json()["items"][0]

    stored = Review.objects.get(pk=review.pk)
    assert item["reviewer_username"] == stored.reviewer_username == "sally"
    assert (item["gig_id"], item["seller_id"], item["review_type"]) == ("g5", "p5", "seller-review")


def test_the_openapi_document_lists_every_reviews_route(api):
    response = api.get("/api/v1/openapi.json")

    assert response.status_code == HTTPStatus.OK
    assert {
        "/api/v1/reviews",
        "/api/v1/reviews/gig/{gig_id}",
        "/api/v1/reviews/seller/{seller_id}",
        "/api/v1/reviews/buyer/{buyer_id}",
        "/api/v1/reviews/order/{order_id}",
        "/api/v1/reviews/{review_id}",
    } <= set(response.json()["paths"])
