"""Delivery files: uploads stored through Django's storage API, or links the seller gives.

Limits keep a delivery from filling the disk: a few files, each of bounded
size. Stored names are sanitised and prefixed with a random token, so a file
can neither escape its folder nor overwrite another.
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename

from shared.errors import ValidationFailed


def delivery_files_validate(*, file_urls: list[str], uploads: list) -> None:
    limit = settings.ORDER_DELIVERY_MAX_FILES
    if len(file_urls) + len(uploads) > limit:
        raise ValidationFailed(fields={"files": [f"Deliver at most {limit} files."]})
    max_bytes = settings.ORDER_DELIVERY_MAX_FILE_BYTES
    errors = [f"{upload.name}: larger than {max_bytes // (1024 * 1024)} MB." for upload in uploads if upload.size > max_bytes]
    errors += ["A file must not be empty." for upload in uploads if upload.size == 0]
    if errors:
        raise ValidationFailed(fields={"files": errors})


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        return get_valid_filename(base)[:100]
    except Exception:  # noqa: BLE001 - a name of only dots or symbols gets a neutral one
        return "file"


def delivery_files_store(*, order_id: str, uploads: list) -> list[str]:
    """Store each upload and answer the names that were stored (storage paths)."""
    stored: list[str] = []
    try:
        for upload in uploads:
            name = f"orders/{order_id}/deliveries/{uuid.uuid4().hex[:12]}_{_safe_name(upload.name)}"
            stored.append(default_storage.save(name, upload))
    except Exception:
        delivery_files_forget(names=stored)
        raise
    return stored


def delivery_file_url(name: str) -> str:
    """What clients get for a stored file (links the seller gave are answered as they are)."""
    return name if name.startswith(("http://", "https://")) else default_storage.url(name)


def delivery_files_forget(*, names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
