from http import HTTPStatus

import pytest

from gigs.documents import Gig

URL = "/api/v1/gigs"


def test_a_seller_creates_a_gig_and_gig_created_is_published(as_bob, payload, seller, published_events):
    response = as_bob.post(URL, payload)

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body["seller_id"] == seller.seller_id
    assert body["seller_user_id"] == "7"
    assert body["username"] == "bob"
    assert body["category"] == "graphics-design"
    assert body["active"] is True
    assert body["ratings_count"] == 0
    assert Gig.objects(id=body["id"]).count() == 1
    assert [event["name"] for event in published_events] == ["gig.created"]
    assert published_events[0]["payload"]["gig_id"] == body["id"]
    assert published_events[0]["payload"]["price"] == "20.00"
    assert published_events[0]["payload"]["seller_username"] == "bob"
    assert published_events[0]["payload"]["expected_delivery_days"] == payload["expected_delivery_days"]


def test_price_is_a_json_number_with_two_decimals_stored_exactly(as_bob, payload):
    response = as_bob.post(URL, {**payload, "price": 19.9})

    assert b'"price": 19.90' in response.content
    assert str(Gig.objects.get(id=response.json()["id"]).price) == "19.90"


def test_category_display_name_is_accepted_and_tags_are_normalised(as_bob, payload):
    response = as_bob.post(URL, {**payload, "category": "Programming & Tech", "tags": ["Django ", "django", "API"]})

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["category"] == "programming-tech"
    assert response.json()["tags"] == ["django", "api"]


def test_a_cover_image_url_is_kept(as_bob, payload):
    response = as_bob.post(URL, {**payload, "cover_image": "https://cdn.example.com/cover.png"})

    assert response.json()["cover_image"] == "https://cdn.example.com/cover.png"


def test_a_user_who_is_not_a_seller_gets_403_not_a_seller(api, payload, published_events):
    response = api.as_user(user_id="99", username="buyer").post(URL, payload)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_a_seller"
    assert Gig.objects.count() == 0
    assert published_events == []


def test_signed_out_users_cannot_create(api, payload):
    response = api.post(URL, payload)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "not_authenticated"


def test_a_bad_bearer_token_is_rejected(api, payload):
    response = api.post(URL, payload, HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


@pytest.mark.parametrize(
    "field, value",
    [
        ("price", 4.99),
        ("price", "12.345"),
        ("price", "free"),
        ("price", 100001),
        ("title", "too short"),
        ("title", "x" * 101),
        ("description", "short"),
        ("basic_title", "ab"),
        ("basic_description", "tiny"),
        ("sub_categories", []),
        ("sub_categories", ["one", "two", "three", "four", "five", "six"]),
        ("sub_categories", "Logo Design"),
        ("tags", [f"tag{n}" for n in range(11)]),
        ("tags", ["x" * 31]),
        ("expected_delivery_days", 0),
        ("expected_delivery_days", 91),
        ("expected_delivery_days", "soon"),
        ("revisions", -1),
        ("revisions", 11),
        ("revisions", "2"),
        ("cover_image", "javascript:alert(1)"),
        ("category", ""),
    ],
)
def test_each_invalid_field_is_named_in_a_422(as_bob, payload, field, value):
    response = as_bob.post(URL, {**payload, field: value})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    body = response.json()
    assert body["code"] == "invalid"
    assert any(name == field or name.startswith(f"{field}.") for name in body["fields"]), body
    assert Gig.objects.count() == 0


@pytest.mark.parametrize(
    "field",
    [
        "title",
        "description",
        "basic_title",
        "basic_description",
        "category",
        "sub_categories",
        "price",
        "expected_delivery_days",
    ],
)
def test_each_required_field_is_required(as_bob, payload, field):
    payload.pop(field)

    response = as_bob.post(URL, payload)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]


def test_an_unknown_category_is_a_400_naming_the_field(as_bob, payload):
    response = as_bob.post(URL, {**payload, "category": "Underwater Basket Weaving"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "category" in response.json()["fields"]


def test_duplicate_sub_categories_collapse_and_must_leave_at_least_one(as_bob, payload):
    response = as_bob.post(URL, {**payload, "sub_categories": ["Logo Design", "logo  design"]})

    assert response.json()["sub_categories"] == ["Logo Design"]


def test_an_unknown_field_is_refused_rather_than_dropped(as_bob, payload):
    response = as_bob.post(URL, {**payload, "prize": 20})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "prize" in response.json()["fields"]


def test_a_body_that_is_not_json_is_a_clear_error(as_bob):
    response = as_bob.post(URL, "{not json", content_type="application/json")

    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY)
    assert "detail" in response.json()


def test_a_gig_includes_one_revision_unless_the_seller_says_otherwise(as_bob, payload, published_events):
    default = as_bob.post(URL, payload).json()
    three = as_bob.post(URL, {**payload, "revisions": 3}).json()
    none = as_bob.post(URL, {**payload, "revisions": 0}).json()

    assert (default["revisions"], three["revisions"], none["revisions"]) == (1, 3, 0)
    assert [event["payload"]["revisions"] for event in published_events] == [1, 3, 0]
