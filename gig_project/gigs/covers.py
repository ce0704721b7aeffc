"""Cover images uploaded through Django's storage API (a URL given instead is stored as is).

An upload is checked, stripped of its metadata and stored with a thumbnail
and a card size beside it (shared.images); clients read it, publicly, at
``/api/v1/gigs/covers/<name>?size=thumb|card``. Files go with the gig (or
the cover that replaced them) once that change commits; the hourly sweep
takes what a failure left behind.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.core.files.storage import default_storage

from gigs import rules
from gigs.documents import Gig
from shared import mongo
from shared.images import image_check, image_delete, image_original_name, image_response, image_store
from shared.sweep import GRACE, storage_sweep

logger = logging.getLogger(__name__)
FOLDER = "gig-covers"
URL_PREFIX = "/api/v1/gigs/covers/"
LEGACY_URL_PREFIX = "/media/gig/gig-covers/"  # where uploads pointed before covers were served


def cover_image_store(*, gig_id: str, upload) -> str:
    """Save the upload under a fresh name (never the client's) and answer its public URL."""
    checked = image_check(upload, field="cover_image", max_bytes=rules.COVER_IMAGE_MAX_BYTES)
    name = image_store(
        default_storage,
        name=f"{FOLDER}/{gig_id}-{uuid.uuid4().hex}.{checked.extension}",
        upload=upload,
        checked=checked,
    )
    return URL_PREFIX + name.removeprefix(f"{FOLDER}/")


def cover_stored_name(url: str) -> str | None:
    """The storage name behind one of our cover URLs; None for an outside URL."""
    for prefix in (URL_PREFIX, LEGACY_URL_PREFIX):
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            return f"{FOLDER}/{rest}" if rest and "/" not in rest else None
    return None


def cover_image_forget(*, url: str) -> None:
    """Remove an uploaded cover and its sizes once the change that dropped it commits; outside URLs stay."""
    name = cover_stored_name(url)
    if name is None:
        return
    mongo.on_commit(lambda: image_delete(default_storage, name))


def _referenced(names: list[str]) -> set[str]:
    originals = {name: image_original_name(name) for name in names}
    urls = {URL_PREFIX + original.removeprefix(f"{FOLDER}/") for original in originals.values()}
    urls |= {LEGACY_URL_PREFIX + original.removeprefix(f"{FOLDER}/") for original in originals.values()}
    held = {cover_stored_name(gig.cover_image) for gig in Gig.objects(cover_image__in=list(urls)).only("cover_image")}
    return {name for name, original in originals.items() if original in held}


def cover_images_sweep(*, grace: timedelta = GRACE) -> list[str]:
    """Delete stored covers (and their sizes) that no gig points at."""
    return storage_sweep(default_storage, folder=FOLDER, referenced=_referenced, grace=grace)


def cover_image_response(request, *, name: str, size: str | None):
    """The stored cover (or one of its sizes), public, with ETag and Last-Modified."""
    return image_response(request, default_storage, name=f"{FOLDER}/{name}", size=size)
