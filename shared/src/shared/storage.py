"""Where uploaded files live: Django's storage API, on local disk or on S3-compatible object storage.

``<SERVICE>_STORAGE=s3`` switches a service to object storage (django-storages'
S3 backend); anything else, or nothing, keeps the local filesystem under
``MEDIA_ROOT``. One bucket serves every service, each under its own prefix
(``location``), so operators create one bucket and one set of credentials.

Objects are private (``default_acl=private``). Clients never receive bucket
URLs: every file is streamed through its service, which checks who may read
it on each request (see docs/decisions/0013-files-and-storage.md); signed
URLs stay short-lived for the rare caller that asks the storage for ``url()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.conf import env

S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


def s3_options(service: str) -> dict:
    """django-storages options read from the environment (shared names, a per-service override for the bucket)."""
    prefix = service.upper()
    return {
        "bucket_name": env.str(f"{prefix}_S3_BUCKET", default=env.str("S3_BUCKET", default="marketplace-media")),
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("S3_REGION", default=env.str("AWS_DEFAULT_REGION", default="us-east-1")),
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "location": service,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": env.int("S3_URL_EXPIRY_SECONDS", default=300),
        # Names carry a random part already; never overwrite an object someone else stored.
        "file_overwrite": False,
        "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path"),
    }


def default_storage_setting(service: str) -> dict:
    """``STORAGES["default"]`` for a service, from ``<SERVICE>_STORAGE`` (``filesystem`` or ``s3``)."""
    if env.str(f"{service.upper()}_STORAGE", default="filesystem").lower() == "s3":
        return {"BACKEND": S3_BACKEND, "OPTIONS": s3_options(service)}
    return {"BACKEND": FILESYSTEM_BACKEND}


@dataclass
class StoredObject:
    """An opened stored file: a stream to read in chunks, its size and when it was written."""

    stream: object
    size: int
    modified: datetime | None

    def close(self) -> None:
        self.stream.close()


def is_s3(storage) -> bool:
    return hasattr(storage, "bucket") and hasattr(storage, "_normalize_name")


def stored_open(storage, name: str) -> StoredObject:
    """Open ``name`` for streaming without reading it whole.

    django-storages' S3File downloads the whole object into memory on the first
    read; the object's own body stream is read chunk by chunk instead. Raises
    FileNotFoundError when there is no such file, on either backend.
    """
    if is_s3(storage):
        from botocore.exceptions import ClientError
        from storages.utils import clean_name

        try:
            answer = storage.bucket.Object(storage._normalize_name(clean_name(name))).get()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"NoSuchKey", "404", "NotFound"}:
                raise FileNotFoundError(name) from exc
            raise
        return StoredObject(answer["Body"], int(answer["ContentLength"]), answer.get("LastModified"))
    stream = storage.open(name, "rb")
    return StoredObject(stream, storage.size(name), storage.get_modified_time(name))


def stored_delete(storage, names) -> None:
    """Delete these stored files; a file already gone is not an error."""
    for name in names:
        if name:
            storage.delete(name)
