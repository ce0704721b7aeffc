"""Public images (gig covers, profile pictures): checked, cleaned, resized once, served with validators.

At upload the image is decoded (so a disguised or truncated file fails),
re-encoded without its metadata (EXIF with GPS positions, comments, ICC
aside) and stored with one file per size beside it: ``<stem>.jpg``,
``<stem>.thumb.jpg``, ``<stem>.card.jpg``. Requests only stream what is
stored; a size missing for an image stored before sizes existed is made on
its first request and stored.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from shared.errors import NotFound, ValidationFailed
from shared.files import not_modified_by_etag, public_file_response

logger = logging.getLogger(__name__)

FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
}
CONTENT_TYPES = dict(FORMATS.values())
SIZES = {"thumb": (200, 200), "card": (640, 480)}
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded


@dataclass(frozen=True)
class CheckedImage:
    format: str  # Pillow's name: JPEG, PNG, WEBP, GIF
    extension: str


def image_check(upload, *, field: str, max_bytes: int) -> CheckedImage:
    """Refuse anything but a whole JPEG, PNG, WebP or GIF image within the size limit."""
    if upload.size > max_bytes:
        raise ValidationFailed(fields={field: [f"The image may be at most {max_bytes // (1024 * 1024) or 1} MB."]})
    refused = ValidationFailed(fields={field: ["Upload a JPEG, PNG, WebP or GIF image."]})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationFailed(fields={field: ["The image has too many pixels."]})
            image.verify()  # reads the whole file: a truncated or disguised file fails here
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise refused from exc
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise refused
    return CheckedImage(format=kind, extension=FORMATS[kind][0])


def _encode(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    options = {"quality": 85, "optimize": True} if kind in ("JPEG", "WEBP") else {"optimize": True}
    # No exif=, icc_profile= or pnginfo=: nothing of the original's metadata is written back.
    image.save(out, format=kind, **options)
    return out.getvalue()


def _clean_copy(upload) -> Image.Image:
    upload.seek(0)
    with Image.open(upload) as original:
        original.seek(0)  # an animated GIF keeps its first frame
        upright = ImageOps.exif_transpose(original)  # the camera's rotation applied before EXIF goes
        clean = upright.copy()
    # Savers read EXIF, ICC profiles, comments and text chunks from .info: keep only transparency.
    clean.info = {key: value for key, value in clean.info.items() if key == "transparency"}
    return clean


def variant_name(name: str, size: str | None) -> str:
    if not size:
        return name
    stem, dot, extension = name.rpartition(".")
    return f"{stem}.{size}.{extension}" if dot else f"{name}.{size}"


def image_original_name(name: str) -> str:
    """The original's name for one of its sizes (and a name that is no size, as it is)."""
    stem, dot, extension = name.rpartition(".")
    base, inner, size = stem.rpartition(".")
    return f"{base}.{extension}" if dot and inner and size in SIZES else name


def image_names(name: str) -> list[str]:
    """Every stored file of one image: the original and each size."""
    return [name, *(variant_name(name, size) for size in SIZES)]


def image_delete(storage, name: str) -> None:
    """Delete an image and its sizes; a storage failure is logged, since the periodic sweep removes what is left."""
    try:
        for stored in image_names(name):
            storage.delete(stored)
    except OSError:
        logger.warning("could not remove the image %s and its sizes; the sweep will", name)


def _resized(image: Image.Image, size: str) -> Image.Image:
    copy = image.copy()
    copy.thumbnail(SIZES[size], Image.Resampling.LANCZOS)
    return copy


def image_store(storage, *, name: str, upload, checked: CheckedImage) -> str:
    """Store the cleaned image and each size under ``name`` (its extension is the checked format's)."""
    image = _clean_copy(upload)
    stored = storage.save(name, ContentFile(_encode(image, checked.format)))
    made = [stored]
    try:
        for size in SIZES:
            made.append(
                storage.save(variant_name(stored, size), ContentFile(_encode(_resized(image, size), checked.format)))
            )
    except Exception:
        for done in made:
            storage.delete(done)
        raise
    return stored


def _variant_ensure(storage, name: str, size: str) -> str:
    target = variant_name(name, size)
    if storage.exists(target):
        return target
    with storage.open(name, "rb") as original, Image.open(original) as image:
        kind = image.format
        resized = _resized(image.convert("RGBA") if image.mode == "P" else image, size)
    if kind == "JPEG" and resized.mode == "RGBA":
        resized = resized.convert("RGB")
    logger.info("made the %s size of %s on its first request", size, name)
    return storage.save(target, ContentFile(_encode(resized, kind)))


def image_response(request, storage, *, name: str, size: str | None):
    """The stored image (or one of its sizes) with ETag, Last-Modified and a year of caching."""
    if size not in (None, "", *SIZES):
        raise ValidationFailed(fields={"size": [f"Choose one of: {', '.join(SIZES)}."]})
    extension = name.rpartition(".")[2].lower()
    if extension not in CONTENT_TYPES:
        raise NotFound("No such image.", code="image_not_found")
    early = not_modified_by_etag(request, variant_name(name, size))
    if early is not None:
        return early  # the usual revisit of a cached image costs no storage round trip
    if not storage.exists(name):
        raise NotFound("No such image.", code="image_not_found")
    stored = _variant_ensure(storage, name, size) if size else name
    return public_file_response(request, storage, stored, content_type=CONTENT_TYPES[extension])
