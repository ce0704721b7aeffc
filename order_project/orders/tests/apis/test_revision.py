from datetime import timedelta
from http import HTTPStatus

import pytest

from orders.documents import Order, now
from orders.tests.factories import make_gig


@pytest.fixture
def delivered(order, as_seller, published_events):
    as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})
    published_events.clear()
    return order


def _revise(client, order, message="Make the blue darker, please."):
    return client.post(f"/api/v1/orders/{order['id']}/revision", {"message": message})


def test_a_new_order_shows_the_revisions_of_its_gig(order):
    assert (order["revisions_included"], order["revisions_used"], order["revisions_left"]) == (1, 0, 1)
    assert order["revisions"] == [] and order["auto_complete_at"] is None and order["late"] is False


def test_the_buyer_sends_a_delivery_back_and_the_work_gets_the_gigs_days_again(delivered, as_buyer, published_events):
    before = now()

    response = _revise(as_buyer, delivered)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "in_progress" and body["auto_complete_at"] is None
    assert (body["revisions_used"], body["revisions_left"]) == (1, 0)
    assert body["revisions"][0]["message"] == "Make the blue darker, please."
    due = Order.objects.get(id=delivered["id"]).delivery_due_at
    assert before + timedelta(days=3) <= due <= now() + timedelta(days=3)
    assert [event["name"] for event in published_events] == ["order.revision_requested"]
    assert published_events[0]["payload"] == {
        "order_id": delivered["id"],
        "seller_id": "seller-bob",
        "buyer_id": "1",
        "seller_user_id": "7",
        "buyer_username": "alice",
        "seller_username": "bob",
        "message": "Make the blue darker, please.",
        "revisions_used": 1,
        "revisions_left": 0,
        "delivery_due_at": due.isoformat(),
    }


def test_beyond_the_included_revisions_the_answer_is_409(delivered, as_buyer, as_seller):
    _revise(as_buyer, delivered)
    as_seller.post(f"/api/v1/orders/{delivered['id']}/deliver", {"message": "Darker now"})

    response = _revise(as_buyer, delivered)

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "no_revisions_left"
    assert Order.objects.get(id=delivered["id"]).status == "delivered"


def test_a_gig_without_revisions_allows_none(place, as_seller, as_buyer):
    order = place(make_gig(revisions=0))
    as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})

    response = _revise(as_buyer, order)

    assert response.status_code == HTTPStatus.CONFLICT and response.json()["code"] == "no_revisions_left"


def test_an_order_in_progress_cannot_be_sent_back(order, as_buyer):
    response = _revise(as_buyer, order)

    assert response.status_code == HTTPStatus.CONFLICT and response.json()["code"] == "invalid_transition"


@pytest.mark.parametrize(
    "body", [{}, {"message": ""}, {"message": "   "}, {"message": "x" * 5001}, {"message": "ok", "extra": 1}]
)
def test_bad_input_names_the_field(delivered, as_buyer, body):
    response = as_buyer.post(f"/api/v1/orders/{delivered['id']}/revision", body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.json()["fields"]
    assert Order.objects.get(id=delivered["id"]).status == "delivered"


def test_only_the_buyer_asks_for_a_revision(delivered, as_seller, as_stranger, api):
    seller = _revise(as_seller, delivered)

    assert seller.status_code == HTTPStatus.FORBIDDEN and seller.json()["code"] == "not_the_buyer"
    assert _revise(as_stranger, delivered).status_code == HTTPStatus.FORBIDDEN
    assert _revise(api, delivered).status_code == HTTPStatus.UNAUTHORIZED
    assert Order.objects.get(id=delivered["id"]).revisions == []


def test_an_unknown_order_is_404(as_buyer):
    assert as_buyer.post("/api/v1/orders/nope/revision", {"message": "x"}).status_code == HTTPStatus.NOT_FOUND
