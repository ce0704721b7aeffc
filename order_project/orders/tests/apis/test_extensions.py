from datetime import datetime, timedelta
from http import HTTPStatus

import pytest


def _ask(client, order, days=2, reason="The client asked for a new colour"):
    return client.post(f"/api/v1/orders/{order['id']}/extension", {"days": days, "reason": reason})


def _decide(client, order, decision):
    return client.post(f"/api/v1/orders/{order['id']}/extension/{decision}")


def test_the_seller_asks_for_more_days(order, as_seller, published_events):
    response = _ask(as_seller, order, days=4)

    assert response.status_code == HTTPStatus.OK
    extension = response.json()["extension"]
    assert (extension["days"], extension["status"], extension["decided_at"]) == (4, "pending", None)
    assert response.json()["delivery_due_at"] == order["delivery_due_at"]
    assert [event["name"] for event in published_events] == ["order.extension_requested"]
    assert published_events[0]["payload"] == {
        "order_id": order["id"],
        "seller_id": "seller-bob",
        "buyer_id": "1",
        "days": 4,
        "reason": "The client asked for a new colour",
    }


def test_the_buyer_approves_and_the_due_date_moves(order, as_seller, as_buyer, published_events):
    _ask(as_seller, order, days=4)

    response = _decide(as_buyer, order, "approve")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    moved = datetime.fromisoformat(body["delivery_due_at"]) - datetime.fromisoformat(order["delivery_due_at"])
    assert moved == timedelta(days=4)
    assert body["extension"] is None and body["extensions"][0]["status"] == "approved"
    assert published_events[-1]["name"] == "order.extension_decided"
    assert published_events[-1]["payload"]["approved"] is True
    assert datetime.fromisoformat(published_events[-1]["payload"]["delivery_due_at"]) == datetime.fromisoformat(
        body["delivery_due_at"]
    )


def test_the_buyer_rejects_and_the_due_date_stays(order, as_seller, as_buyer, published_events):
    _ask(as_seller, order)

    body = _decide(as_buyer, order, "reject").json()

    assert body["delivery_due_at"] == order["delivery_due_at"]
    assert body["extensions"][0]["status"] == "rejected"
    assert published_events[-1]["payload"]["approved"] is False


def test_one_request_at_a_time_then_another_after_a_decision(order, as_seller, as_buyer):
    _ask(as_seller, order)

    second = _ask(as_seller, order)
    _decide(as_buyer, order, "reject")
    third = _ask(as_seller, order)

    assert second.status_code == HTTPStatus.CONFLICT and second.json()["code"] == "extension_pending"
    assert third.status_code == HTTPStatus.OK and len(third.json()["extensions"]) == 2


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_deciding_without_a_request_is_409(order, as_buyer, decision):
    response = _decide(as_buyer, order, decision)

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "no_pending_extension"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"days": 0, "reason": "r"}, "days"),
        ({"days": 31, "reason": "r"}, "days"),
        ({"days": "x", "reason": "r"}, "days"),
        ({"reason": "r"}, "days"),
        ({"days": 2, "reason": "  "}, "reason"),
        ({"days": 2, "reason": "x" * 501}, "reason"),
        ({"days": 2}, "reason"),
    ],
)
def test_each_bad_field_is_named(order, as_seller, body, field):
    response = as_seller.post(f"/api/v1/orders/{order['id']}/extension", body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]


def test_only_the_seller_asks_and_only_the_buyer_decides(order, as_seller, as_buyer, as_stranger, api):
    assert _ask(as_buyer, order).json()["code"] == "not_the_seller"
    assert _ask(as_stranger, order).status_code == HTTPStatus.FORBIDDEN
    assert _ask(api, order).status_code == HTTPStatus.UNAUTHORIZED
    _ask(as_seller, order)
    for decision in ("approve", "reject"):
        assert _decide(as_seller, order, decision).json()["code"] == "not_the_buyer"
        assert _decide(as_stranger, order, decision).status_code == HTTPStatus.FORBIDDEN
        assert _decide(api, order, decision).status_code == HTTPStatus.UNAUTHORIZED


def test_no_extension_once_delivered_and_delivering_withdraws_a_pending_one(order, as_seller, as_buyer):
    _ask(as_seller, order)
    delivered = as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done early"}).json()

    assert delivered["extensions"][0]["status"] == "withdrawn"
    assert _ask(as_seller, order).json()["code"] == "invalid_transition"
    assert _decide(as_buyer, order, "approve").json()["code"] == "invalid_transition"
