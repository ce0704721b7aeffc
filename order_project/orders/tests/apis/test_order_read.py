from http import HTTPStatus

import pytest

from orders.tests.factories import make_gig


def test_the_buyer_and_the_seller_see_the_order(order, as_buyer, as_seller):
    for client in (as_buyer, as_seller):
        response = client.get(f"/api/v1/orders/{order['id']}")

        assert response.status_code == HTTPStatus.OK
        assert response.json()["id"] == order["id"]
        assert b'"total": 23.10' in response.content


def test_anyone_else_gets_403(order, as_stranger):
    response = as_stranger.get(f"/api/v1/orders/{order['id']}")

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_a_party"


@pytest.mark.parametrize("order_id", ["not-an-id", "6b07121cc4d08cc92a71c6e4"])
def test_an_unknown_order_is_404(as_buyer, order_id):
    response = as_buyer.get(f"/api/v1/orders/{order_id}")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "order_not_found"


def test_signed_out_users_get_401(order, api):
    assert api.get(f"/api/v1/orders/{order['id']}").status_code == HTTPStatus.UNAUTHORIZED
    assert api.get("/api/v1/orders/buyer/me").status_code == HTTPStatus.UNAUTHORIZED
    assert api.get("/api/v1/orders/seller/me").status_code == HTTPStatus.UNAUTHORIZED


def test_each_side_lists_its_own_orders_newest_first(gig, place, as_buyer, as_seller, as_stranger):
    first = place(gig)
    second = place(make_gig(seller_user_id="8", seller_id="seller-dan", seller_username="dan"))

    bought = as_buyer.get("/api/v1/orders/buyer/me").json()
    sold = as_seller.get("/api/v1/orders/seller/me").json()

    assert [item["id"] for item in bought["items"]] == [second["id"], first["id"]]
    assert bought["total"] == 2 and (bought["page"], bought["size"]) == (1, 20)
    assert [item["id"] for item in sold["items"]] == [first["id"]]
    assert as_buyer.get("/api/v1/orders/seller/me").json() == {"items": [], "total": 0, "page": 1, "size": 20}
    assert as_stranger.get("/api/v1/orders/buyer/me").json()["total"] == 0


def test_lists_page_and_filter_by_status(gig, place, as_buyer, as_seller):
    orders = [place(gig) for _ in range(3)]
    as_seller.post(f"/api/v1/orders/{orders[0]['id']}/cancel")

    page = as_buyer.get("/api/v1/orders/buyer/me", {"size": 2, "page": 2}).json()
    cancelled = as_buyer.get("/api/v1/orders/buyer/me", {"status": "cancelled"}).json()

    assert page["total"] == 3 and [item["id"] for item in page["items"]] == [orders[0]["id"]]
    assert [item["id"] for item in cancelled["items"]] == [orders[0]["id"]]


@pytest.mark.parametrize("params", [{"status": "lost"}, {"page": 0}, {"size": 0}, {"size": 101}, {"page": "x"}])
def test_bad_list_parameters_are_named(as_buyer, params):
    response = as_buyer.get("/api/v1/orders/buyer/me", params)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert set(params) <= set(response.json()["fields"])
