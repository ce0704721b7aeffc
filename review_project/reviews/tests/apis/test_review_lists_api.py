from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from reviews.models import Review
from reviews.tests.factories import CompletedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db

EMPTY_SUMMARY = {"count": 0, "average": None, "stars": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}}


def aged(review: Review, minutes: int) -> Review:
    """Back-date a review (created_at is set on insert) so the order of a list is deterministic."""
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return review


def buyer_review(rating=5, minutes=0, **order_fields) -> Review:
    return aged(
        ReviewFactory(order=CompletedOrderFactory(**order_fields), reviewer_role="buyer", rating=rating), minutes
    )


def seller_review(rating=5, minutes=0, **order_fields) -> Review:
    return aged(
        ReviewFactory(order=CompletedOrderFactory(**order_fields), reviewer_role="seller", rating=rating), minutes
    )


def test_gig_reviews_are_its_buyers_reviews_newest_first_with_a_summary(api):
    older = buyer_review(rating=4, minutes=10, gig_id="g1")
    newer = buyer_review(rating=5, minutes=1, gig_id="g1")
    seller_review(rating=1, gig_id="g1")  # a seller's word on a buyer says nothing about the gig
    buyer_review(rating=1, gig_id="other-gig")

    response = api.get("/api/v1/reviews/gig/g1")

    assert response.status_code == HTTPStatus.OK
    answer = response.json()
    assert [item["id"] for item in answer["items"]] == [str(newer.pk), str(older.pk)]
    assert (answer["total"], answer["page"], answer["size"]) == (2, 1, 10)
    assert answer["summary"] == {"count": 2, "average": 4.5, "stars": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}}
    assert answer["items"][0]["reviewer_role"] == "buyer"


def test_seller_reviews_are_buyer_reviews_of_that_seller_profile(api):
    mine = [buyer_review(rating=r, minutes=m, seller_id="p1", gig_id=f"g{m}") for r, m in ((3, 3), (2, 2), (2, 1))]
    seller_review(seller_id="p1")
    buyer_review(seller_id="p2")

    answer = api.get("/api/v1/reviews/seller/p1").json()

    assert [item["id"] for item in answer["items"]] == [str(r.pk) for r in reversed(mine)]
    assert answer["summary"] == {"count": 3, "average": 2.33, "stars": {"1": 0, "2": 2, "3": 1, "4": 0, "5": 0}}


def test_buyer_reviews_are_what_sellers_said_about_that_buyer(api):
    about_bob = seller_review(rating=3, buyer_id="7")
    buyer_review(buyer_id="7")  # bob's own review of a seller is not about bob
    seller_review(buyer_id="70")

    answer = api.get("/api/v1/reviews/buyer/7").json()

    assert [item["id"] for item in answer["items"]] == [str(about_bob.pk)]
    assert answer["items"][0]["reviewer_role"] == "seller"
    assert answer["summary"]["count"] == 1 and answer["summary"]["stars"]["3"] == 1


@pytest.mark.parametrize("path", ["/api/v1/reviews/gig/g1", "/api/v1/reviews/seller/p1", "/api/v1/reviews/buyer/7"])
def test_an_empty_list_has_a_zero_summary(api, path):
    answer = api.get(path).json()

    assert answer == {"items": [], "total": 0, "page": 1, "size": 10, "summary": EMPTY_SUMMARY}


def test_hidden_reviews_are_left_out_of_lists_and_summaries(api):
    shown = buyer_review(rating=5, gig_id="g1")
    hidden = buyer_review(rating=1, gig_id="g1")
    Review.objects.filter(pk=hidden.pk).update(hidden=True)

    answer = api.get("/api/v1/reviews/gig/g1").json()

    assert [item["id"] for item in answer["items"]] == [str(shown.pk)]
    assert answer["summary"]["count"] == 1 and answer["summary"]["average"] == 5.0
    assert answer["summary"]["stars"]["1"] == 0


def test_lists_page_with_page_and_size(api):
    reviews = [buyer_review(rating=5, minutes=minutes, gig_id="g1") for minutes in range(5)]  # newest first

    first = api.get("/api/v1/reviews/gig/g1", {"page": 1, "size": 2}).json()
    last = api.get("/api/v1/reviews/gig/g1", {"page": 3, "size": 2}).json()
    beyond = api.get("/api/v1/reviews/gig/g1", {"page": 4, "size": 2}).json()

    assert [item["id"] for item in first["items"]] == [str(reviews[0].pk), str(reviews[1].pk)]
    assert [item["id"] for item in last["items"]] == [str(reviews[4].pk)]
    assert beyond["items"] == [] and beyond["total"] == 5 and beyond["summary"]["count"] == 5
    assert (first["page"], first["size"], first["total"]) == (1, 2, 5)


@pytest.mark.parametrize(
    "query, field",
    [
        ({"page": 0}, "page"),
        ({"page": "x"}, "page"),
        ({"size": 0}, "size"),
        ({"size": 51}, "size"),
        ({"size": "many"}, "size"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/reviews/gig/g1", "/api/v1/reviews/seller/p1", "/api/v1/reviews/buyer/7"])
def test_bad_paging_is_422_naming_the_parameter(api, path, query, field):
    response = api.get(path, query)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]


def test_lists_are_public_but_still_need_the_gateway(api, client):
    buyer_review(gig_id="g1")

    signed_out = api.get("/api/v1/reviews/gig/g1")
    signed_in = api.as_user(user_id="42").get("/api/v1/reviews/gig/g1")
    direct = client.get("/api/v1/reviews/gig/g1")

    assert signed_out.status_code == signed_in.status_code == HTTPStatus.OK
    assert signed_out.json()["total"] == 1
    assert direct.status_code == HTTPStatus.UNAUTHORIZED


def test_a_list_costs_two_queries_however_long_it_is(api, django_assert_num_queries):
    for minutes in range(12):
        buyer_review(rating=1 + minutes % 5, minutes=minutes, gig_id="g1")

    with django_assert_num_queries(2):  # the summary aggregate, then one page of rows
        answer = api.get("/api/v1/reviews/gig/g1", {"size": 10}).json()

    assert len(answer["items"]) == 10 and answer["total"] == 12


def test_a_gig_without_reviews_costs_one_query(api, django_assert_num_queries):
    with django_assert_num_queries(1):  # the summary says there are none: no page query
        answer = api.get("/api/v1/reviews/gig/g-new").json()

    assert answer["items"] == [] and answer["total"] == 0
