from http import HTTPStatus

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from orders.documents import Order


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


def _url(order):
    return f"/api/v1/orders/{order['id']}/deliver"


def test_the_seller_delivers_with_links_and_order_delivered_is_published(order, as_seller, published_events):
    response = as_seller.post(
        _url(order), {"message": "  Here is your logo.  ", "files": ["https://cdn.example.com/logo.svg"]}
    )

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "delivered"
    assert body["delivered_at"] is not None
    assert body["deliveries"][0]["message"] == "Here is your logo."
    [link] = body["deliveries"][0]["files"]
    assert link["url"] == "https://cdn.example.com/logo.svg" and link["name"] == "logo.svg" and link["size"] is None
    assert [event["name"] for event in published_events] == ["order.delivered"]
    assert published_events[0]["payload"] == {
        "order_id": order["id"],
        "seller_id": "seller-bob",
        "buyer_id": "1",
        "seller_user_id": "7",
        "buyer_username": "alice",
        "seller_username": "bob",
    }


def test_the_seller_uploads_files_as_multipart(order, as_seller):
    upload = SimpleUploadedFile("../../etc/logo final.png", b"\x89PNG fake image", content_type="image/png")

    response = as_seller.post_multipart(_url(order), {"message": "Files attached", "files": [upload]})

    assert response.status_code == HTTPStatus.OK
    [file] = response.json()["deliveries"][0]["files"]
    assert file["url"] == f"/api/v1/orders/{order['id']}/files/{file['id']}"
    assert (file["name"], file["size"], file["content_type"]) == ("logo_final.png", 15, "image/png")
    [stored] = Order.objects.get(id=order["id"]).deliveries[0].files
    assert stored.path.startswith(f"orders/{order['id']}/deliveries/") and stored.path.endswith("_logo_final.png")
    assert default_storage.open(stored.path).read() == b"\x89PNG fake image"


def test_too_many_files_are_refused(order, as_seller, settings):
    settings.ORDER_DELIVERY_MAX_FILES = 2
    uploads = [SimpleUploadedFile(f"f{i}.txt", b"x") for i in range(2)]

    response = as_seller.post_multipart(_url(order), {"message": "m", "files": [*uploads, "https://cdn.example.com/a"]})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "files" in response.json()["fields"]
    assert Order.objects.get(id=order["id"]).status == "in_progress"


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(order, as_seller, settings, tmp_path):
    settings.ORDER_DELIVERY_MAX_FILE_BYTES = 10

    response = as_seller.post_multipart(
        _url(order), {"message": "m", "files": [SimpleUploadedFile("big.bin", b"x" * 11)]}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "big.bin" in response.json()["fields"]["files"][0]
    assert not any(tmp_path.rglob("*big.bin"))


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "message"),
        ({"message": "   "}, "message"),
        ({"message": "x" * 5001}, "message"),
        ({"message": "ok", "files": ["ftp://x.example.com/a"]}, "files"),
        ({"message": "ok", "files": "https://a.b/c"}, "files"),
        ({"message": "ok", "extra": 1}, "extra"),
    ],
)
def test_each_bad_field_is_named(order, as_seller, body, field):
    response = as_seller.post(_url(order), body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]


def test_a_multipart_delivery_without_a_message_is_refused(order, as_seller):
    response = as_seller.post_multipart(_url(order), {"files": [SimpleUploadedFile("a.txt", b"x")]})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "message" in response.json()["fields"]


def test_malformed_json_is_400(order, as_seller):
    response = as_seller.post(_url(order), "[1, 2", content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "malformed_json"


def test_only_the_seller_delivers(order, as_buyer, as_stranger, api):
    buyer = as_buyer.post(_url(order), {"message": "m"})

    assert buyer.status_code == HTTPStatus.FORBIDDEN and buyer.json()["code"] == "not_the_seller"
    assert as_stranger.post(_url(order), {"message": "m"}).status_code == HTTPStatus.FORBIDDEN
    assert api.post(_url(order), {"message": "m"}).status_code == HTTPStatus.UNAUTHORIZED


def test_a_delivered_order_cannot_be_delivered_again(order, as_seller):
    as_seller.post(_url(order), {"message": "m"})

    response = as_seller.post(_url(order), {"message": "again"})

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "invalid_transition"


def test_a_cancelled_order_cannot_be_delivered(order, as_seller, as_buyer):
    as_buyer.post(f"/api/v1/orders/{order['id']}/cancel")

    assert as_seller.post(_url(order), {"message": "m"}).status_code == HTTPStatus.CONFLICT
