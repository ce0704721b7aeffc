from http import HTTPStatus

import pytest

from profiles.documents import Buyer, Seller
from profiles.tests.factories import BuyerFactory, seller_payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers"


def test_a_buyer_becomes_a_seller(api, published_events):
    BuyerFactory(user_id="7", username="alice", country="France", profile_picture="https://x.test/a.png")

    response = api.as_user(user_id="7", username="alice").post(URL, seller_payload())

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body["user_id"] == "7"
    assert body["username"] == "alice"
    assert body["country"] == "France"
    assert body["profile_picture"] == "https://x.test/a.png"
    assert body["full_name"] == "Alice Example"
    assert body["languages"][0] == {"language": "English", "level": "native"}
    assert body["experience"][1]["end_date"] is None and body["experience"][1]["current"] is True
    assert body["certificates"] == [{"name": "Adobe Certified", "from": "Adobe", "year": 2019}]
    assert body["social_links"] == ["https://example.com/alice", "http://portfolio.example.org"]
    assert body["response_time"] == 6
    assert body["ratings_count"] == 0 and body["total_gigs"] == 0
    assert body["rating_categories"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    assert Buyer.objects.get(user_id="7").is_seller is True
    assert Seller.objects.get(user_id="7").full_name == "Alice Example"


def test_money_is_a_json_number_with_two_decimals(api, published_events):
    response = api.as_user(user_id="7").post(URL, seller_payload())

    assert b'"total_earnings": 0.00' in response.content


def test_becoming_a_seller_publishes_seller_created(api, published_events):
    response = api.as_user(user_id="7", username="alice").post(URL, seller_payload())

    assert [event["name"] for event in published_events] == ["users.seller.created"]
    assert published_events[0]["payload"] == {
        "seller_id": response.json()["id"],
        "user_id": "7",
        "username": "alice",
        "full_name": "Alice Example",
    }


def test_a_user_whose_buyer_profile_has_not_arrived_can_still_become_a_seller(api, published_events):
    response = api.as_user(user_id="7", username="alice").post(URL, seller_payload())

    assert response.status_code == HTTPStatus.CREATED
    assert Buyer.objects(user_id="7").count() == 0


def test_one_seller_per_user(api, published_events):
    user = api.as_user(user_id="7", username="alice")
    user.post(URL, seller_payload())

    response = user.post(URL, seller_payload(full_name="Second"))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "seller_exists"
    assert Seller.objects(user_id="7").count() == 1
    assert len(published_events) == 1


def test_becoming_a_seller_needs_a_signed_in_user(api, published_events):
    response = api.post(URL, seller_payload())

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert Seller.objects.count() == 0
    assert published_events == []


def _fields(response) -> dict:
    return response.json()["fields"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "x" * 101}, "full_name"),
        ({"description": ""}, "description"),
        ({"oneliner": "x" * 121}, "oneliner"),
        ({"skills": []}, "skills"),
        ({"skills": [""]}, "skills.0"),
        ({"languages": []}, "languages"),
        ({"languages": [{"language": "English", "level": "expert"}]}, "languages.0.level"),
        ({"languages": [{"level": "basic"}]}, "languages.0.language"),
        ({"experience": [{"company": "A", "title": "B", "start_date": "not-a-date"}]}, "experience.0.start_date"),
        (
            {"education": [{"country": "F", "university": "U", "title": "T", "major": "M", "year": "soon"}]},
            "education.0.year",
        ),
        ({"certificates": [{"name": "C", "year": 2020}]}, "certificates.0.from"),
        ({"social_links": ["not a url"]}, "social_links.0"),
        ({"social_links": ["ftp://example.com/file"]}, "social_links.0"),
        ({"social_links": ["https://example.com/" + "a" * 300]}, "social_links.0"),
        ({"response_time": 0}, "response_time"),
        ({"response_time": 721}, "response_time"),
    ],
)
def test_malformed_fields_answer_422_naming_the_field(api, published_events, overrides, field):
    response = api.as_user(user_id="7").post(URL, seller_payload(**overrides))

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.json()["code"] == "invalid"
    assert field in _fields(response)
    assert Seller.objects.count() == 0


def test_a_missing_required_field_is_named(api, published_events):
    body = seller_payload()
    del body["languages"]

    response = api.as_user(user_id="7").post(URL, body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "languages" in _fields(response)


def test_a_body_that_is_not_json_is_refused(api, published_events):
    response = api.as_user(user_id="7").post(URL, "{not json", content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["detail"] == "Cannot parse request body"
    assert Seller.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"skills": ["Python", "python"]}, "skills.1"),
        (
            {"languages": [{"language": "English", "level": "native"}, {"language": "english", "level": "basic"}]},
            "languages.1.language",
        ),
        (
            {"experience": [{"company": "A", "title": "B", "start_date": "2099-01-01", "current": True}]},
            "experience.0.start_date",
        ),
        (
            {"experience": [{"company": "A", "title": "B", "start_date": "2020-01-01", "end_date": "2099-01-01"}]},
            "experience.0.end_date",
        ),
        (
            {"experience": [{"company": "A", "title": "B", "start_date": "2020-01-01", "end_date": "2019-01-01"}]},
            "experience.0.end_date",
        ),
        ({"experience": [{"company": "A", "title": "B", "start_date": "2020-01-01"}]}, "experience.0.end_date"),
        (
            {
                "experience": [
                    {
                        "company": "A",
                        "title": "B",
                        "start_date": "2020-01-01",
                        "end_date": "2021-01-01",
                        "current": True,
                    }
                ]
            },
            "experience.0.end_date",
        ),
        (
            {"education": [{"country": "F", "university": "U", "title": "T", "major": "M", "year": 1900}]},
            "education.0.year",
        ),
        (
            {"education": [{"country": "F", "university": "U", "title": "T", "major": "M", "year": 2200}]},
            "education.0.year",
        ),
        ({"certificates": [{"name": "C", "from": "I", "year": 1949}]}, "certificates.0.year"),
        ({"certificates": [{"name": "C", "from": "I", "year": 2200}]}, "certificates.0.year"),
    ],
)
def test_profiles_breaking_a_rule_answer_400_naming_the_field(api, published_events, overrides, field):
    response = api.as_user(user_id="7").post(URL, seller_payload(**overrides))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "invalid"
    assert field in _fields(response)
    assert Seller.objects.count() == 0
    assert published_events == []
