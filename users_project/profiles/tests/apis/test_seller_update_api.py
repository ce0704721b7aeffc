from http import HTTPStatus

import pytest

from profiles.documents import Seller
from profiles.tests.factories import SellerFactory, seller_payload

pytestmark = pytest.mark.django_db


def _url(seller) -> str:
    return f"/api/v1/sellers/{seller.pk}"


def test_the_owner_replaces_their_profile(api, published_events):
    seller = SellerFactory(user_id="7", username="alice", full_name="Old Name")

    response = api.as_user(user_id="7", username="alice").put(
        _url(seller), seller_payload(full_name="New Name", skills=["ux"], response_time=2)
    )

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["id"] == str(seller.pk)
    assert body["full_name"] == "New Name"
    assert body["skills"] == ["ux"]
    assert body["response_time"] == 2
    seller.reload()
    assert seller.full_name == "New Name"
    assert seller.certificates[0].issuer == "Adobe"


def test_an_update_keeps_the_statistics(api, published_events):
    seller = SellerFactory(user_id="7", ratings_count=3, rating_sum=14, total_earnings_cents=12345, ongoing_jobs=2)

    response = api.as_user(user_id="7").put(_url(seller), seller_payload())

    body = response.json()
    assert (body["ratings_count"], body["rating_sum"], body["ongoing_jobs"]) == (3, 14, 2)
    assert b'"total_earnings": 123.45' in response.content


def test_an_update_publishes_seller_updated(api, published_events):
    seller = SellerFactory(user_id="7", username="alice")

    api.as_user(user_id="7", username="alice").put(_url(seller), seller_payload(full_name="New Name"))

    assert [event["name"] for event in published_events] == ["users.seller.updated"]
    assert published_events[0]["payload"] == {
        "seller_id": str(seller.pk),
        "user_id": "7",
        "username": "alice",
        "full_name": "New Name",
    }


def test_another_user_cannot_change_the_profile(api, published_events):
    seller = SellerFactory(user_id="7", full_name="Old Name")

    response = api.as_user(user_id="8", username="mallory").put(_url(seller), seller_payload(full_name="Hacked"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_owner"
    assert Seller.objects.get(pk=seller.pk).full_name == "Old Name"
    assert published_events == []


def test_an_update_needs_a_signed_in_user(api, published_events):
    seller = SellerFactory(user_id="7")

    response = api.put(_url(seller), seller_payload())

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert published_events == []


@pytest.mark.parametrize("seller_id", ["000000000000000000000000", "not-an-id"])
def test_updating_an_unknown_seller_is_404(api, published_events, seller_id):
    response = api.as_user(user_id="7").put(f"/api/v1/sellers/{seller_id}", seller_payload())

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "seller_not_found"


def test_an_invalid_update_changes_nothing(api, published_events):
    seller = SellerFactory(user_id="7", full_name="Old Name")

    response = api.as_user(user_id="7").put(
        _url(seller), seller_payload(full_name="New", languages=[{"language": "English", "level": "godlike"}])
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "languages.0.level" in response.json()["fields"]
    assert Seller.objects.get(pk=seller.pk).full_name == "Old Name"


def test_an_update_breaking_a_rule_answers_400(api, published_events):
    seller = SellerFactory(user_id="7", full_name="Old Name")

    response = api.as_user(user_id="7").put(
        _url(seller),
        seller_payload(
            experience=[{"company": "A", "title": "B", "start_date": "2022-01-01", "end_date": "2020-01-01"}]
        ),
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "experience.0.end_date" in response.json()["fields"]
    assert published_events == []
