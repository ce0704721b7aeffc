"""Delivery files: uploads stored through Django's storage API, or links the seller gives.

Limits keep a delivery from filling the storage: a few files, each of bounded
size, each type read from its bytes (pages, SVG and scripts are refused).
Stored names are sanitised and prefixed with a random token, so a file can
neither escape its folder nor overwrite another. Clients download uploads at
``/api/v1/orders/{order_id}/files/{file_id}``, streamed through this service
so only the order's parties ever read them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage

from orders.file_documents import DeliveryFile, delivery_file_of, new_file_id
from shared.errors import NotFound, ValidationFailed
from shared.files import FileLimits, download_response, safe_filename, stored_name, upload_check
from shared.storage import stored_delete

FOLDER = "orders"


def delivery_files_validate(*, file_urls: list[str], uploads: list) -> None:
    limit = settings.ORDER_DELIVERY_MAX_FILES
    if len(file_urls) + len(uploads) > limit:
        raise ValidationFailed(fields={"files": [f"Deliver at most {limit} files."]})
    limits = FileLimits(max_bytes=settings.ORDER_DELIVERY_MAX_FILE_BYTES, field="files")
    errors: list[str] = []
    for upload in uploads:
        try:
            upload.content_type_sniffed = upload_check(upload, limits=limits)
        except ValidationFailed as exc:
            errors += exc.fields["files"]
    if errors:
        raise ValidationFailed(fields={"files": errors})


def delivery_files_store(*, order_id: str, uploads: list) -> list[DeliveryFile]:
    """Store each (validated) upload and answer the files as the delivery keeps them."""
    stored: list[DeliveryFile] = []
    try:
        for upload in uploads:
            name = safe_filename(upload.name)
            path = default_storage.save(stored_name(f"{FOLDER}/{order_id}/deliveries", name), upload)
            stored.append(
                DeliveryFile(
                    file_id=new_file_id(),
                    name=name,
                    path=path,
                    size=upload.size,
                    content_type=getattr(upload, "content_type_sniffed", "application/octet-stream"),
                )
            )
    except Exception:
        delivery_files_forget(names=stored)
        raise
    return stored


def delivery_file_data(*, order_id: str, value) -> dict:
    """What clients get for one delivered file: its URL under the gateway (a link as it was given)."""
    file = delivery_file_of(value)
    url = file.link or f"/api/v1/orders/{order_id}/files/{file.file_id}"
    return {"id": file.file_id, "name": file.name, "size": file.size, "content_type": file.content_type, "url": url}


def delivery_file_find(*, order, file_id: str) -> DeliveryFile:
    for delivery in order.deliveries:
        for value in delivery.files:
            file = delivery_file_of(value)
            if file.file_id == file_id and not file.is_link:
                return file
    raise NotFound("No such file in this order.", code="file_not_found")


def delivery_file_download(*, order, file_id: str):
    """The stored file as a streamed attachment (the caller has checked the user is a party)."""
    file = delivery_file_find(order=order, file_id=file_id)
    try:
        return download_response(default_storage, file.path, filename=file.name, content_type=file.content_type)
    except FileNotFoundError as exc:
        raise NotFound("This file is no longer stored.", code="file_not_found") from exc


def delivery_files_forget(*, names: list) -> None:
    """Delete stored uploads (DeliveryFiles, or storage names of older callers); links are left alone."""
    files = [delivery_file_of(value) for value in names]
    stored_delete(default_storage, [file.path for file in files if not file.is_link])
