"""shared.files, shared.images and shared.sweep on the local disk and on a real S3 server (moto)."""

import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from asgiref.sync import async_to_sync
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from shared.errors import NotFound, ValidationFailed
from shared.files import FileLimits, download_response, etag_for, sniff_content_type, upload_check
from shared.images import image_check, image_names, image_response, image_store, variant_name
from shared.sweep import storage_sweep

LIMITS = FileLimits(max_bytes=1000, field="file")


def body_of(response) -> bytes:
    """The body as ASGI reads it (``aiter``); WSGI's ``iter`` is checked against it where it matters."""

    async def collect():
        return b"".join([chunk async for chunk in response])

    return async_to_sync(collect)()


def photo(size=(800, 600), fmt="JPEG", exif=True) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    extra = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x0112] = 1  # orientation
        extra["exif"] = data.tobytes()
    image.save(out, format=fmt, **extra)
    return out.getvalue()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"%PDF-1.7", "application/pdf"),
        (b"PK\x03\x04zip", "application/zip"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8", "image/webp"),
        (b"plain notes\n", "text/plain"),
        (b"\x00\x01\x02\xff\xfe binary", "application/octet-stream"),
    ],
)
def test_the_type_comes_from_the_bytes(head, expected):
    assert sniff_content_type(head) == expected


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><p>hi",
        b"  <html><body>",
        b'<?xml version="1.0"?><svg/>',
        b"<svg xmlns='x'>",
        b"GIF89a\x01\x00<script>alert(1)</script>",
        b"\xff\xd8\xff\xe0 JFIF <ScRiPt src=x>",
        b"\x89PNG\r\n<\x00S\x00cRiPt>",
    ],
)
def test_pages_svg_and_polyglots_are_refused(head):
    assert sniff_content_type(head) is None
    with pytest.raises(ValidationFailed) as raised:
        upload_check(SimpleUploadedFile("a.png", head), limits=LIMITS)
    assert "file" in raised.value.fields


def test_empty_and_oversized_uploads_are_refused_naming_the_field():
    for content in (b"", b"x" * 1001):
        with pytest.raises(ValidationFailed) as raised:
            upload_check(SimpleUploadedFile("a.txt", content), limits=LIMITS)
        assert list(raised.value.fields) == ["file"]


def test_a_download_streams_with_attachment_nosniff_and_the_stored_type(file_storage):
    content = b"%PDF-1.4 " + bytes(range(256)) * 500
    name = file_storage.save("orders/x/report.pdf", ContentFile(content))

    response = download_response(file_storage, name, filename="report final.pdf", content_type="application/pdf")

    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "report final.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(content))
    assert body_of(response) == content
    again = download_response(file_storage, name, filename="r.pdf", content_type="application/pdf")
    assert b"".join(again) == content  # under WSGI: read in chunks too, never collected first


def test_a_missing_file_is_file_not_found(file_storage):
    with pytest.raises(FileNotFoundError):
        download_response(file_storage, "nothing/here.bin", filename="x", content_type="")


def test_an_image_is_stored_without_metadata_with_smaller_sizes(file_storage):
    upload = SimpleUploadedFile("me.jpg", photo())
    checked = image_check(upload, field="picture", max_bytes=10**7)

    name = image_store(file_storage, name="pictures/p1.jpg", upload=upload, checked=checked)

    with file_storage.open(name) as stored, Image.open(stored) as image:
        assert image.size == (800, 600)
        assert not image.getexif()
    sizes = {size: file_storage.size(variant_name(name, size)) for size in ("thumb", "card")}
    assert sizes["thumb"] < sizes["card"] < file_storage.size(name)
    with file_storage.open(variant_name(name, "thumb")) as stored, Image.open(stored) as image:
        assert max(image.size) == 200


@pytest.mark.parametrize("content", [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"GIF89a<html>", photo()[:200]])
def test_a_non_image_or_broken_image_is_refused(content):
    with pytest.raises(ValidationFailed) as raised:
        image_check(SimpleUploadedFile("x.gif", content), field="picture", max_bytes=10**7)
    assert "picture" in raised.value.fields


def test_an_image_answers_304_to_its_etag_and_to_if_modified_since(file_storage):
    upload = SimpleUploadedFile("c.png", photo(fmt="PNG", exif=False))
    name = image_store(
        file_storage, name="covers/c.png", upload=upload, checked=image_check(upload, field="c", max_bytes=10**7)
    )
    factory = RequestFactory()

    first = image_response(factory.get("/x"), file_storage, name=name, size=None)
    again = image_response(factory.get("/x", HTTP_IF_NONE_MATCH=first["ETag"]), file_storage, name=name, size=None)
    since = image_response(
        factory.get("/x", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]), file_storage, name=name, size=None
    )
    thumb = image_response(factory.get("/x", {"size": "thumb"}), file_storage, name=name, size="thumb")

    assert first.status_code == HTTPStatus.OK and first["Content-Type"] == "image/png"
    assert first["ETag"] == etag_for(name) and "max-age" in first["Cache-Control"]
    assert body_of(first) == file_storage.open(name).read()
    assert again.status_code == since.status_code == HTTPStatus.NOT_MODIFIED
    assert again["ETag"] == first["ETag"]
    assert thumb["ETag"] != first["ETag"] and int(thumb["Content-Length"]) < int(first["Content-Length"])


def test_a_size_missing_from_an_older_image_is_made_once_on_request(file_storage):
    name = file_storage.save("covers/old.jpg", ContentFile(photo(exif=False)))

    response = image_response(RequestFactory().get("/x"), file_storage, name=name, size="card")

    assert response.status_code == HTTPStatus.OK
    assert file_storage.exists(variant_name(name, "card"))


def test_a_bad_size_or_unknown_image_is_a_clear_error(file_storage):
    with pytest.raises(ValidationFailed) as raised:
        image_response(RequestFactory().get("/x"), file_storage, name="covers/none.jpg", size="huge")
    assert "size" in raised.value.fields
    with pytest.raises(NotFound):
        image_response(RequestFactory().get("/x"), file_storage, name="covers/none.jpg", size=None)


def test_the_sweep_deletes_only_old_unreferenced_files(file_storage):
    kept = file_storage.save("deliveries/a/kept.txt", ContentFile(b"k"))
    orphan = file_storage.save("deliveries/b/orphan.txt", ContentFile(b"o"))
    names = image_names(file_storage.save("deliveries/c.jpg", ContentFile(photo(exif=False))))

    fresh = storage_sweep(file_storage, folder="deliveries", referenced=lambda batch: [kept])
    swept = storage_sweep(
        file_storage, folder="deliveries", referenced=lambda batch: [kept], grace=timedelta(seconds=-60)
    )

    assert fresh == []  # inside the grace period nothing goes: its record may still be being written
    assert set(swept) == {orphan, names[0]}
    assert file_storage.exists(kept) and not file_storage.exists(orphan)


def test_a_revisit_with_the_etag_costs_no_storage_call(file_storage, monkeypatch):
    upload = SimpleUploadedFile("c.png", photo(fmt="PNG", exif=False))
    name = image_store(
        file_storage, name="covers/e.png", upload=upload, checked=image_check(upload, field="c", max_bytes=10**7)
    )
    etag = image_response(RequestFactory().get("/x"), file_storage, name=name, size="thumb")["ETag"]

    def no_storage(*args, **kwargs):
        raise AssertionError("the storage was called")

    for method in ("exists", "open", "size", "get_modified_time"):
        monkeypatch.setattr(type(file_storage._wrapped), method, no_storage)
    again = image_response(RequestFactory().get("/x", HTTP_IF_NONE_MATCH=etag), file_storage, name=name, size="thumb")

    assert again.status_code == HTTPStatus.NOT_MODIFIED and again["ETag"] == etag
