"""Files end to end through the gateway: deliveries, gig covers, profile pictures, chat attachments.

Run as it is, the system stores files on the local disk. Run under
``with_s3.py`` (``.venv/bin/python gateway_project/e2e/with_s3.py /work/tools/e2e -k test_files``),
every service stores them on a local S3-compatible server instead; the tests
then also check the objects landed in the bucket, so the S3 run cannot pass
on the disk by mistake.
"""

from __future__ import annotations

import io
import os
import uuid
from http import HTTPStatus

import pytest
from conftest import PASSWORD, poll
from market import Account, new_seller_with_gig, place_order

S3_ENDPOINT = os.environ.get("E2E_S3_ENDPOINT_URL", "")
S3_BUCKET = os.environ.get("S3_BUCKET", "")


def s3_keys(prefix: str) -> list[str]:
    """Object keys under ``prefix`` in the bucket the system was started with ([] when it runs on disk)."""
    if not S3_ENDPOINT:
        return []
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=S3_ENDPOINT,
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    return [item["Key"] for item in client.list_objects_v2(Bucket=S3_BUCKET, Prefix=prefix).get("Contents", [])]


def photo(size=(1600, 1000)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise(size, 50).convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def seller():
    account, profile, gig = new_seller_with_gig()
    account.gig = gig
    yield account
    account.close()


def test_the_buyer_downloads_both_delivered_files_byte_for_byte_and_an_outsider_cannot(seller, buyer, outsider):
    order = place_order(buyer, seller.gig["id"])
    report = b"%PDF-1.7 " + os.urandom(400_000)  # past the gateway's buffer: streamed end to end
    notes = b"Palette: #0b3d91, #f2a900\nFonts: Inter\n"

    delivered = seller.post(
        f"/api/v1/orders/{order['id']}/deliver",
        data={"message": "Final files"},
        files=[
            ("files", ("logo report.pdf", report, "application/pdf")),
            ("files", ("notes.txt", notes, "text/plain")),
        ],
    )

    assert delivered.status_code == HTTPStatus.OK, delivered.text
    files = delivered.json()["deliveries"][0]["files"]
    assert [(f["name"], f["size"], f["content_type"]) for f in files] == [
        ("logo_report.pdf", len(report), "application/pdf"),
        ("notes.txt", len(notes), "text/plain"),
    ]
    for file, content in zip(files, (report, notes)):
        download = buyer.get(file["url"])
        assert download.status_code == HTTPStatus.OK, download.text
        assert download.content == content
        assert download.headers["content-disposition"].startswith("attachment;")
        assert download.headers["x-content-type-options"] == "nosniff"
        assert download.headers["content-type"] == file["content_type"]
        assert seller.get(file["url"]).content == content
        assert outsider.get(file["url"]).status_code == HTTPStatus.FORBIDDEN
        assert Account().client.get(file["url"]).status_code == HTTPStatus.UNAUTHORIZED
    if S3_ENDPOINT:
        assert len(s3_keys(f"order/orders/{order['id']}/deliveries/")) == 2


def test_a_gig_cover_answers_200_then_304_and_its_thumbnail_is_smaller(seller, outsider):
    uploaded = seller.post(
        f"/api/v1/gigs/{seller.gig['id']}/cover-image", files={"cover_image": ("cover.jpg", photo(), "image/jpeg")}
    )
    assert uploaded.status_code == HTTPStatus.OK, uploaded.text
    cover = uploaded.json()["cover_image"]

    first = outsider.client.get(cover)
    again = outsider.client.get(cover, headers={"If-None-Match": first.headers["etag"]})
    thumb = outsider.client.get(cover, params={"size": "thumb"})
    card = outsider.client.get(cover, params={"size": "card"})

    assert first.status_code == HTTPStatus.OK and first.headers["content-type"] == "image/jpeg"
    assert "public" in first.headers["cache-control"] and first.headers["last-modified"]
    assert again.status_code == HTTPStatus.NOT_MODIFIED and again.content == b""
    assert thumb.status_code == card.status_code == HTTPStatus.OK
    assert len(thumb.content) < len(card.content) < len(first.content)
    assert outsider.client.get(cover, params={"size": "poster"}).status_code == HTTPStatus.BAD_REQUEST
    if S3_ENDPOINT:
        assert len(s3_keys(f"gig/gig-covers/{seller.gig['id']}-")) == 3  # the cover and its two sizes


def test_a_profile_picture_from_signup_is_public_with_validators():
    account = Account()
    signup = account.client.post(
        "/api/v1/auth/signup",
        data={"username": account.username, "email": account.email, "password": PASSWORD, "country": "Portugal"},
        files={"profile_picture": ("me.jpg", photo((800, 800)), "image/jpeg")},
    )
    assert signup.status_code == HTTPStatus.CREATED, signup.text
    picture = signup.json()["user"]["profile_picture"]

    first = account.get(picture)
    again = account.get(picture, headers={"If-Modified-Since": first.headers["last-modified"]})
    thumb = account.get(picture, params={"size": "thumb"})

    assert picture.startswith("/api/v1/auth/pictures/")
    assert first.status_code == HTTPStatus.OK and again.status_code == HTTPStatus.NOT_MODIFIED
    assert len(thumb.content) < len(first.content)
    buyer = poll(lambda: account.get("/api/v1/buyers/me"), lambda r: r.status_code == HTTPStatus.OK)
    assert buyer.json()["profile_picture"] == picture  # users' profile carries auth's URL
    account.close()


def test_a_chat_attachment_reaches_the_other_participant_and_nobody_else(seller, buyer, outsider):
    brief = b"Brief\n" + uuid.uuid4().hex.encode()
    sent = poll(
        lambda: buyer.post(
            "/api/v1/chat/messages",
            data={"receiver_username": seller.username, "body": "The brief"},
            files={"file": ("brief.txt", brief, "text/plain")},
        ),
        lambda r: r.status_code != HTTPStatus.NOT_FOUND,  # chat learns the seller from auth's event
    )
    assert sent.status_code == HTTPStatus.CREATED, sent.text
    attachment = sent.json()["attachment"]

    [received] = [
        m
        for m in seller.get(f"/api/v1/chat/conversations/{sent.json()['conversation_id']}/messages").json()["items"]
        if m["id"] == sent.json()["id"]
    ]

    assert received["attachment"] == attachment
    assert (attachment["name"], attachment["size"], attachment["content_type"]) == (
        "brief.txt",
        len(brief),
        "text/plain",
    )
    assert seller.get(attachment["url"]).content == brief
    assert buyer.get(attachment["url"]).content == brief
    assert outsider.get(attachment["url"]).status_code == HTTPStatus.NOT_FOUND
    refused = buyer.post(
        "/api/v1/chat/messages",
        data={"receiver_username": seller.username},
        files={"file": ("x.html", b"<html><script>alert(1)</script>", "text/html")},
    )
    assert refused.status_code == HTTPStatus.BAD_REQUEST and "file" in refused.json()["fields"]
