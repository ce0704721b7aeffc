from http import HTTPStatus

import pytest

from profiles.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db

STAT_FIELDS = {
    "ratings_count",
    "rating_sum",
    "rating_categories",
    "ongoing_jobs",
    "completed_jobs",
    "cancelled_jobs",
    "total_earnings",
    "total_gigs",
    "recent_delivery",
}


def test_a_seller_by_id_with_statistics_is_public(api):
    seller = SellerFactory(username="alice", ratings_count=2, rating_sum=9, total_earnings_cents=5000, total_gigs=3)

    response = api.get(f"/api/v1/sellers/{seller.pk}")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert STAT_FIELDS <= set(body)
    assert body["username"] == "alice"
    assert (body["ratings_count"], body["rating_sum"], body["total_gigs"]) == (2, 9, 3)
    assert body["average_rating"] == 4.5
    assert b'"total_earnings": 50.00' in response.content
    assert "email" not in body


@pytest.mark.parametrize("seller_id", ["000000000000000000000000", "nope"])
def test_an_unknown_seller_id_is_404(api, seller_id):
    response = api.get(f"/api/v1/sellers/{seller_id}")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "seller_not_found"


def test_a_seller_by_username_ignores_case(api):
    seller = SellerFactory(username="Alice")

    response = api.get("/api/v1/sellers/username/alice")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["id"] == str(seller.pk)


def test_an_unknown_seller_username_is_404(api):
    response = api.get("/api/v1/sellers/username/nobody")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_sellers_me_answers_the_signed_in_users_seller_profile(api):
    SellerFactory(user_id="8")
    mine = SellerFactory(user_id="7")

    response = api.as_user(user_id="7").get("/api/v1/sellers/me")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["id"] == str(mine.pk)
    assert STAT_FIELDS <= set(response.json())


def test_sellers_me_for_a_user_who_is_not_a_seller_is_404(api):
    response = api.as_user(user_id="7").get("/api/v1/sellers/me")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "seller_not_found"


def test_sellers_me_needs_a_signed_in_user(api):
    response = api.get("/api/v1/sellers/me")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_seller_reads_need_the_gateway(client):
    seller = SellerFactory()

    response = client.get(f"/api/v1/sellers/{seller.pk}")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_random_sellers_answers_at_most_size_distinct_sellers(api):
    sellers = {str(SellerFactory().pk) for _ in range(5)}

    response = api.get("/api/v1/sellers/random", {"size": 3})

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    ids = [item["id"] for item in body["items"]]
    assert body["total"] == len(ids) == 3
    assert len(set(ids)) == 3 and set(ids) <= sellers


def test_random_sellers_with_fewer_sellers_than_asked_answers_them_all(api):
    sellers = {str(SellerFactory().pk) for _ in range(2)}

    response = api.get("/api/v1/sellers/random", {"size": 10})

    assert {item["id"] for item in response.json()["items"]} == sellers


def test_random_sellers_vary_between_calls(api):
    for _ in range(12):
        SellerFactory()

    seen = {
        tuple(item["id"] for item in api.get("/api/v1/sellers/random", {"size": 3}).json()["items"]) for _ in range(8)
    }

    assert len(seen) > 1


@pytest.mark.parametrize("size", ["0", "51", "-1", "many"])
def test_random_sellers_size_out_of_range_is_422(api, size):
    response = api.get("/api/v1/sellers/random", {"size": size})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "size" in response.json()["fields"]
