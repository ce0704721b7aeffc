from http import HTTPStatus

import pytest

from reviews.models import Review
from reviews.tests.factories import BUYER_ID, SELLER_USER_ID, CompletedOrderFactory, PlacedOrderFactory, ReviewFactory
from shared.events.django_app.models import OutboxEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/reviews"


def body(order_id, **changes):
    return {"order_id": order_id, "rating": 5, "review": "Clean code, delivered early."} | changes


def test_the_buyer_reviews_the_sellers_work(api, published_events):
    order = CompletedOrderFactory(gig_id="gig-9", seller_id="profile-3")

    response = api.as_user(user_id=BUYER_ID, username="bob-token").post(URL, body(order.order_id, rating=4))

    assert response.status_code == HTTPStatus.CREATED
    answer = response.json()
    review = Review.objects.get()
    assert answer["id"] == str(review.pk)
    assert (answer["order_id"], answer["gig_id"], answer["seller_id"]) == (order.order_id, "gig-9", "profile-3")
    assert (answer["reviewer_id"], answer["reviewer_role"], answer["review_type"]) == (
        BUYER_ID,
        "buyer",
        "buyer-review",
    )
    # The username order.created carried wins over the token's.
    assert answer["reviewer_username"] == "bob"
    assert (answer["rating"], answer["review"], answer["buyer_id"]) == (4, "Clean code, delivered early.", BUYER_ID)
    assert answer["created_at"]


def test_the_seller_reviews_the_buyer(api, published_events):
    order = CompletedOrderFactory()

    response = api.as_user(user_id=SELLER_USER_ID, username="sally").post(URL, body(order.order_id))

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["reviewer_role"] == "seller"
    assert Review.objects.get().reviewer_id == SELLER_USER_ID


def test_both_sides_may_review_the_same_order(api, published_events):
    order = CompletedOrderFactory()

    first = api.as_user(user_id=BUYER_ID).post(URL, body(order.order_id))
    second = api.as_user(user_id=SELLER_USER_ID).post(URL, body(order.order_id))

    assert (first.status_code, second.status_code) == (HTTPStatus.CREATED, HTTPStatus.CREATED)
    assert sorted(Review.objects.values_list("reviewer_role", flat=True)) == ["buyer", "seller"]


def test_creating_a_review_publishes_review_created_in_its_transaction(api, published_events, committed):
    order = CompletedOrderFactory(gig_id="gig-9", seller_id="profile-3")

    with committed():
        api.as_user(user_id=BUYER_ID).post(URL, body(order.order_id, rating=3))

    review = Review.objects.get()
    assert [event["name"] for event in published_events] == ["review.created"]
    assert published_events[0]["payload"] == {
        "review_id": str(review.pk),
        "order_id": order.order_id,
        "gig_id": "gig-9",
        "seller_id": "profile-3",
        "reviewer_id": BUYER_ID,
        "reviewer_username": "bob",
        "reviewer_role": "buyer",
        "rating": 3,
    }
    assert OutboxEvent.objects.get().event_id == published_events[0]["event_id"]


def test_the_tokens_username_is_used_when_the_order_event_named_nobody(api, published_events, committed):
    order = CompletedOrderFactory(placed=False)

    with committed():
        response = api.as_user(user_id=BUYER_ID, username="bob-from-token").post(URL, body(order.order_id))

    assert response.json()["reviewer_username"] == "bob-from-token"
    assert published_events[0]["payload"]["reviewer_username"] == "bob-from-token"


def test_the_review_text_is_stored_stripped(api, published_events):
    order = CompletedOrderFactory()

    response = api.as_user(user_id=BUYER_ID).post(URL, body(order.order_id, review="   Nice.  \n"))

    assert response.json()["review"] == "Nice."
    assert Review.objects.get().review == "Nice."


def test_without_a_token_the_answer_is_401(api, published_events, outbox):
    order = CompletedOrderFactory()

    response = api.post(URL, body(order.order_id))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "not_authenticated"
    assert not Review.objects.exists() and outbox() == []


def test_an_invalid_token_is_401(api):
    order = CompletedOrderFactory()

    response = api.post(URL, body(order.order_id), HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_someone_who_is_not_a_party_is_403(api, published_events, outbox):
    order = CompletedOrderFactory()

    response = api.as_user(user_id="99", username="mallory").post(URL, body(order.order_id))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_order_party"
    assert not Review.objects.exists() and outbox() == []


def test_an_unknown_order_is_404(api):
    response = api.as_user(user_id=BUYER_ID).post(URL, body("no-such-order"))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "order_not_found"


def test_an_order_not_completed_yet_is_409(api, published_events, outbox):
    placed = PlacedOrderFactory()

    response = api.as_user(user_id=BUYER_ID).post(URL, body(placed.order_id))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "order_not_completed"
    assert "not completed" in response.json()["detail"]
    assert not Review.objects.exists() and outbox() == []


def test_a_stranger_asking_about_an_open_order_is_403_not_told_its_state(api):
    placed = PlacedOrderFactory()

    response = api.as_user(user_id="99").post(URL, body(placed.order_id))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_second_review_by_the_same_side_is_409(api, published_events, outbox):
    order = CompletedOrderFactory()
    ReviewFactory(order=order, reviewer_role="buyer", rating=2)

    response = api.as_user(user_id=BUYER_ID).post(URL, body(order.order_id))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "review_already_exists"
    assert Review.objects.get().rating == 2
    assert outbox() == []


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": -1}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"rating": True}, "rating"),
        ({"rating": None}, "rating"),
        ({"review": ""}, "review"),
        ({"review": "   "}, "review"),
        ({"review": "x" * 2001}, "review"),
        ({"review": 12}, "review"),
        ({"order_id": ""}, "order_id"),
        ({"order_id": "o" * 65}, "order_id"),
    ],
)
def test_a_bad_field_is_422_naming_it(api, published_events, changes, field, outbox):
    order = CompletedOrderFactory()

    response = api.as_user(user_id=BUYER_ID).post(URL, body(order.order_id) | changes)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    answer = response.json()
    assert answer["code"] == "invalid"
    assert list(answer["fields"]) == [field]
    assert not Review.objects.exists() and outbox() == []


@pytest.mark.parametrize("missing", ["order_id", "rating", "review"])
def test_a_missing_field_is_422_naming_it(api, missing):
    order = CompletedOrderFactory()
    payload = body(order.order_id)
    del payload[missing]

    response = api.as_user(user_id=BUYER_ID).post(URL, payload)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert missing in response.json()["fields"]


def test_a_review_of_exactly_2000_characters_is_accepted(api, published_events):
    order = CompletedOrderFactory()

    response = api.as_user(user_id=BUYER_ID).post(URL, body(order.order_id, review="y" * 2000))

    assert response.status_code == HTTPStatus.CREATED


def test_a_body_that_is_not_json_is_a_clear_client_error(api):
    response = api.as_user(user_id=BUYER_ID).post(URL, "{not json", content_type="application/json")

    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY)
    assert "code" in response.json()
