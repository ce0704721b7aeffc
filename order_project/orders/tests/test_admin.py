from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model

from orders.documents import Order

pytestmark = pytest.mark.django_db

ORDERS = "/admin/order/orders/order/"


@pytest.fixture
def staff(api, client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "a-long-password")
    client.force_login(user)
    return api


def test_staff_see_the_order_list_and_an_order(staff, order):
    listing = staff.get(ORDERS)
    detail = staff.get(f"{ORDERS}{order['id']}/change/")

    assert listing.status_code == HTTPStatus.OK
    assert f"order {order['id']}" in listing.content.decode()
    assert detail.status_code == HTTPStatus.OK
    assert order["payment_intent_id"] in detail.content.decode()


@pytest.mark.parametrize(
    "path",
    ["checkout", "gigsnapshot", "offer", "payoutaccount", "sandboxpaymentintent", "sandboxrefund", "sandboxpayout"],
)
def test_every_registered_document_lists(staff, order, path):
    assert staff.get(f"/admin/order/orders/{path}/").status_code == HTTPStatus.OK


def test_orders_cannot_be_edited_or_deleted_from_the_admin(staff, order):
    edit = staff.post(f"{ORDERS}{order['id']}/change/", {"status": "completed"})
    delete = staff.post(f"{ORDERS}{order['id']}/delete/", {"post": "yes"})

    assert edit.status_code == HTTPStatus.FORBIDDEN
    assert delete.status_code == HTTPStatus.FORBIDDEN
    assert Order.objects.get(id=order["id"]).status == "in_progress"


def test_visitors_are_sent_to_the_login_page(api):
    response = api.get(ORDERS)

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/order/login/" in response["Location"]
