"""Cover images uploaded through Django's storage API (a URL given instead is stored as is)."""
from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from gigs import rules
from shared import mongo
from shared.errors import ValidationFailed

logger = logging.getLogger(__name__)
FOLDER = "gig-covers"


def _image_format(upload) -> str:
    if upload.size > rules.COVER_IMAGE_MAX_BYTES:
        raise ValidationFailed(fields={"cover_image": [f"The image may be at most {rules.COVER_IMAGE_MAX_BYTES // (1024 * 1024)} MB."]})
    try:
        with Image.open(upload) as image:
            image.verify()  # reads the whole file: a truncated or disguised file fails here
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationFailed(fields={"cover_image": ["Upload a JPEG, PNG, WebP or GIF image."]}) from exc
    if kind not in rules.COVER_IMAGE_FORMATS:
        raise ValidationFailed(fields={"cover_image": ["Upload a JPEG, PNG, WebP or GIF image."]})
    upload.seek(0)
    return rules.COVER_IMAGE_FORMATS[kind]


def cover_image_store(*, gig_id: str, upload) -> str:
    """Save the upload under a fresh name (never the client's) and answer its public URL."""
    extension = _image_format(upload)
    name = default_storage.save(f"{FOLDER}/{gig_id}-{uuid.uuid4().hex}.{extension}", upload)
    return f"{settings.MEDIA_URL}{name}"


def cover_image_forget(*, url: str) -> None:
    """Remove an uploaded cover once the change that dropped it commits; outside URLs are left alone."""
    prefix = f"{settings.MEDIA_URL}{FOLDER}/"
    if not url.startswith(prefix):
        return

    def remove():
        try:
            default_storage.delete(url[len(settings.MEDIA_URL):])
        except OSError:
            logger.warning("could not remove the cover image %s", url)

    mongo.on_commit(remove)
