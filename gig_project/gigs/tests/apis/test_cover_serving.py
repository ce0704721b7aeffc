"""GET /api/v1/gigs/covers/{name}: public, validators and 304s, thumbnail and card sizes, no metadata."""

import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gigs.covers import cover_images_sweep
from gigs.documents import Gig


def jpeg_with_exif(size=(1200, 800)) -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # a GPS position the uploader never meant to publish
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("holiday.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def cover(as_bob, gig, file_storage):
    response = as_bob.post_multipart(f"/api/v1/gigs/{gig.pk}/cover-image", {"cover_image": jpeg_with_exif()})
    assert response.status_code == HTTPStatus.OK
    return response.json()["cover_image"]


def body(response) -> bytes:
    return b"".join(response)


def test_anyone_reads_a_cover_then_gets_304_for_its_etag(api, cover):
    first = api.get(cover)
    again = api.get(cover, HTTP_IF_NONE_MATCH=first["ETag"])
    since = api.get(cover, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert first.status_code == HTTPStatus.OK and first["Content-Type"] == "image/jpeg"
    assert "public" in first["Cache-Control"] and first["ETag"] and first["Last-Modified"]
    assert again.status_code == since.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""


def test_the_sizes_are_smaller_and_the_metadata_is_gone(api, cover):
    original, card, thumb = (body(api.get(cover, {"size": size} if size else None)) for size in (None, "card", "thumb"))

    assert len(thumb) < len(card) < len(original)
    with Image.open(io.BytesIO(thumb)) as image:
        assert max(image.size) == 200
    for data in (original, card, thumb):
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
        assert b"SecretCam" not in data


def test_a_bad_size_is_400_naming_size_and_an_unknown_cover_is_404(api, cover, file_storage):
    bad = api.get(cover, {"size": "huge"})

    assert bad.status_code == HTTPStatus.BAD_REQUEST and "size" in bad.json()["fields"]
    assert api.get("/api/v1/gigs/covers/nothing.jpg").status_code == HTTPStatus.NOT_FOUND
    assert api.get("/api/v1/gigs/covers/..").status_code == HTTPStatus.NOT_FOUND


def test_covers_answer_only_through_the_gateway(client, cover):
    assert client.get(cover).status_code == HTTPStatus.UNAUTHORIZED


def test_the_sweep_takes_covers_no_gig_points_at(api, gig, cover, file_storage):
    orphan = file_storage.save("gig-covers/lost.png", io.BytesIO(b"\x89PNG"))

    assert cover_images_sweep() == []  # inside the grace period
    swept = cover_images_sweep(grace=timedelta(seconds=-60))

    assert swept == [orphan]
    assert api.get(cover).status_code == HTTPStatus.OK
    assert api.get(cover, {"size": "thumb"}).status_code == HTTPStatus.OK
    Gig.objects(id=gig.pk).update_one(set__cover_image="https://cdn.example.com/x.png")
    assert len(cover_images_sweep(grace=timedelta(seconds=-60))) == 3  # the cover and both sizes
