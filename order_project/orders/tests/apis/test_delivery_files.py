"""GET /api/v1/orders/{order_id}/files/{file_id}: the order's parties download what was delivered."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orders.documents import Order
from orders.file_sweep import delivery_files_sweep

PDF = b"%PDF-1.7 " + bytes(range(256)) * 1200  # past the gateway's buffer limit, so it streams


def _deliver(order, as_seller, *uploads, links=()):
    response = as_seller.post_multipart(
        f"/api/v1/orders/{order['id']}/deliver", {"message": "Here it is", "files": [*uploads, *links]}
    )
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()["deliveries"][-1]["files"]


def _body(response) -> bytes:
    return b"".join(response)


def test_buyer_and_seller_download_each_file_byte_for_byte(order, as_seller, as_buyer, file_storage):
    files = _deliver(
        order, as_seller, SimpleUploadedFile("report.pdf", PDF), SimpleUploadedFile("notes.txt", b"notes\n")
    )

    for reader in (as_buyer, as_seller):
        report, notes = (reader.get(file["url"]) for file in files)
        assert report.status_code == notes.status_code == HTTPStatus.OK
        assert _body(report) == PDF and _body(notes) == b"notes\n"
    assert report["Content-Type"] == "application/pdf" and notes["Content-Type"] == "text/plain"
    assert report["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert report["X-Content-Type-Options"] == "nosniff"
    assert report["Content-Length"] == str(len(PDF))
    assert [file["size"] for file in files] == [len(PDF), 6]


def test_others_are_refused(order, as_seller, as_stranger, api, file_storage):
    [file] = _deliver(order, as_seller, SimpleUploadedFile("report.pdf", PDF))

    assert as_stranger.get(file["url"]).status_code == HTTPStatus.FORBIDDEN
    assert api.get(file["url"]).status_code == HTTPStatus.UNAUTHORIZED
    assert api.anonymous()._client.get(file["url"]).status_code == HTTPStatus.UNAUTHORIZED  # no gateway token


def test_an_unknown_file_order_or_a_link_is_404(order, as_seller, as_buyer, file_storage):
    [link] = _deliver(order, as_seller, links=["https://cdn.example.com/a.zip"])

    assert as_buyer.get(f"/api/v1/orders/{order['id']}/files/nope").status_code == HTTPStatus.NOT_FOUND
    assert as_buyer.get(f"/api/v1/orders/{'0' * 24}/files/{link['id']}").status_code == HTTPStatus.NOT_FOUND
    assert as_buyer.get(f"/api/v1/orders/{order['id']}/files/{link['id']}").status_code == HTTPStatus.NOT_FOUND


def test_a_file_gone_from_storage_is_404_not_500(order, as_seller, as_buyer, file_storage):
    [file] = _deliver(order, as_seller, SimpleUploadedFile("notes.txt", b"notes"))
    file_storage.delete(Order.objects.get(id=order["id"]).deliveries[0].files[0].path)

    response = as_buyer.get(file["url"])

    assert response.status_code == HTTPStatus.NOT_FOUND and response.json()["code"] == "file_not_found"


@pytest.mark.parametrize(
    "content",
    [b"<!doctype html><script>x</script>", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"GIF89a<html><body>polyglot"],
)
def test_pages_svg_and_polyglots_are_refused_and_nothing_is_stored(order, as_seller, content, file_storage, tmp_path):
    response = as_seller.post_multipart(
        f"/api/v1/orders/{order['id']}/deliver", {"message": "m", "files": [SimpleUploadedFile("x.png", content)]}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "x.png" in response.json()["fields"]["files"][0]
    assert Order.objects.get(id=order["id"]).status == "in_progress"
    assert not any(tmp_path.rglob("*x.png"))


def test_a_delivery_recorded_with_plain_names_is_still_downloadable(order, as_buyer, file_storage):
    name = file_storage.save(f"orders/{order['id']}/deliveries/abc_old.txt", SimpleUploadedFile("x", b"old"))
    Order.objects(id=order["id"]).update_one(
        __raw__={
            "$set": {
                "status": "delivered",
                "deliveries": [
                    {"message": "old", "files": [name], "delivered_at": Order.objects.get(id=order["id"]).created_at}
                ],
            }
        }
    )

    [file] = as_buyer.get(f"/api/v1/orders/{order['id']}").json()["deliveries"][0]["files"]

    assert file["name"] == "old.txt"
    assert _body(as_buyer.get(file["url"])) == b"old"


def test_the_sweep_removes_uploads_no_order_holds_and_keeps_delivered_ones(order, as_seller, file_storage):
    _deliver(order, as_seller, SimpleUploadedFile("kept.txt", b"kept"))
    orphan = file_storage.save(f"orders/{order['id']}/deliveries/abc_orphan.txt", SimpleUploadedFile("x", b"o"))

    fresh = delivery_files_sweep()
    swept = delivery_files_sweep(grace=timedelta(seconds=-60))

    assert fresh == []  # inside the grace period nothing goes: its order may still be being written
    assert swept == [orphan]
    kept = Order.objects.get(id=order["id"]).deliveries[0].files[0].path
    assert file_storage.exists(kept) and not file_storage.exists(orphan)
