"""Profile pictures: stored clean with sizes at signup, public with validators, gone with the account."""

import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import User
from accounts.pictures import pictures_sweep
from shared.images import image_names

pytestmark = pytest.mark.django_db

SIGNUP = {"username": "bob_smith", "email": "bob@example.com", "password": "Tangerine-Sky-93", "country": "Portugal"}


def jpeg_with_exif() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    buffer = io.BytesIO()
    Image.effect_noise((900, 900), 40).convert("RGB").save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def picture(api, file_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post_multipart("/api/v1/auth/signup", {**SIGNUP, "profile_picture": jpeg_with_exif()})
    assert response.status_code == HTTPStatus.CREATED, response.content
    return response.json()["user"]["profile_picture"]


def test_a_picture_answers_304_to_its_etag_and_its_sizes_are_smaller(api, picture):
    first = api.get(picture)
    again = api.get(picture, HTTP_IF_NONE_MATCH=first["ETag"])
    original, card, thumb = (b"".join(api.get(picture, {"size": s} if s else None)) for s in (None, "card", "thumb"))

    assert first.status_code == HTTPStatus.OK and first["Content-Type"] == "image/jpeg"
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert len(thumb) < len(card) < len(original)
    assert b"SecretCam" not in original
    with Image.open(io.BytesIO(original)) as image:
        assert not image.getexif()


def test_a_url_published_before_the_api_route_answers_the_same_file(api, picture):
    legacy = picture.replace("/api/v1/auth/pictures/", "/media/auth/profile_pictures/")

    assert b"".join(api.get(legacy)) == b"".join(api.get(picture))


def test_bad_size_unknown_picture_and_no_gateway_token(api, client, picture):
    bad = api.get(picture, {"size": "poster"})

    assert bad.status_code == HTTPStatus.BAD_REQUEST and "size" in bad.json()["fields"]
    assert api.get("/api/v1/auth/pictures/nobody.png").status_code == HTTPStatus.NOT_FOUND
    assert client.get(picture).status_code == HTTPStatus.UNAUTHORIZED
    assert api.post(picture).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_deleting_the_account_or_clearing_its_picture_removes_the_files(
    picture, file_storage, django_capture_on_commit_callbacks
):
    user = User.objects.get()
    names = image_names(user.profile_picture.name)
    assert all(file_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        user.delete()

    assert not any(file_storage.exists(name) for name in names)


def test_staff_clearing_a_picture_removes_its_files(picture, file_storage, django_capture_on_commit_callbacks):
    user = User.objects.get()
    names = image_names(user.profile_picture.name)

    with django_capture_on_commit_callbacks(execute=True):
        user.profile_picture = ""
        user.save()

    assert not any(file_storage.exists(name) for name in names)


def test_the_sweep_takes_pictures_no_account_holds(api, picture, file_storage):
    stray = file_storage.save("profile_pictures/stray.png", io.BytesIO(b"\x89PNG"))

    assert pictures_sweep() == []
    assert pictures_sweep(grace=timedelta(seconds=-60)) == [stray]
    assert api.get(picture).status_code == HTTPStatus.OK  # a held picture and its sizes stay
    assert api.get(picture, {"size": "thumb"}).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    "content", [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"GIF89a<html>", b"\x89PNG\r\n\x1a\ntruncated"]
)
def test_a_non_picture_is_refused_naming_the_field(api, content, file_storage):
    upload = SimpleUploadedFile("me.png", content, content_type="image/png")

    response = api.post_multipart("/api/v1/auth/signup", {**SIGNUP, "profile_picture": upload})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "profile_picture" in response.json()["fields"]
    assert not User.objects.exists()
