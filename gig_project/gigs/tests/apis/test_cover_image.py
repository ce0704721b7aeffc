import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gigs.documents import Gig


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def png(name="cover.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def url(gig):
    return f"/api/v1/gigs/{gig.pk}/cover-image"


def test_the_owner_uploads_a_cover_image(as_bob, gig, media):
    response = as_bob.post_multipart(url(gig), {"cover_image": png("../../evil.png")})

    assert response.status_code == HTTPStatus.OK
    cover = response.json()["cover_image"]
    assert cover.startswith("/api/v1/gigs/covers/") and cover.endswith(".png") and "evil" not in cover
    assert (media / "gig-covers" / cover.removeprefix("/api/v1/gigs/covers/")).exists()
    assert Gig.objects.get(id=gig.pk).cover_image == cover


def test_a_new_upload_replaces_the_old_file(as_bob, gig, media):
    first = as_bob.post_multipart(url(gig), {"cover_image": png()}).json()["cover_image"]

    as_bob.post_multipart(url(gig), {"cover_image": png()})

    assert not (media / "gig-covers" / first.removeprefix("/api/v1/gigs/covers/")).exists()
    assert len(list((media / "gig-covers").iterdir())) == 3  # the new cover, its thumbnail and its card size


def test_deleting_the_gig_removes_its_uploaded_cover(as_bob, gig, media):
    cover = as_bob.post_multipart(url(gig), {"cover_image": png()}).json()["cover_image"]

    as_bob.delete(f"/api/v1/gigs/{gig.pk}")

    assert not (media / "gig-covers" / cover.removeprefix("/api/v1/gigs/covers/")).exists()
    assert list((media / "gig-covers").iterdir()) == []  # its sizes went with it


def test_a_file_that_is_not_an_image_is_refused(as_bob, gig, media):
    fake = SimpleUploadedFile("cover.png", b"<?php echo 1; ?>", content_type="image/png")

    response = as_bob.post_multipart(url(gig), {"cover_image": fake})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "cover_image" in response.json()["fields"]
    assert not (media / "gig-covers").exists()


def test_the_file_is_required(as_bob, gig):
    response = as_bob.post_multipart(url(gig), {})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "cover_image" in response.json()["fields"]


def test_only_the_owner_uploads(as_carol, api, gig, media):
    assert as_carol.post_multipart(url(gig), {"cover_image": png()}).status_code == HTTPStatus.FORBIDDEN
    assert api.post_multipart(url(gig), {"cover_image": png()}).status_code == HTTPStatus.UNAUTHORIZED
    assert not (media / "gig-covers").exists()
