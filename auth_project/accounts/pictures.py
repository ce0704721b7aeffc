"""Profile pictures: cleaned and resized once at signup, served publicly, removed with their account.

Users' buyer and seller profiles hold the URL auth published in
``auth.user.created``, so a picture lives here alone. Pictures answer at
``/api/v1/auth/pictures/<name>?size=thumb|card``; URLs published before that
(``/media/auth/profile_pictures/<name>``) answer the same file.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, pre_save

from accounts.models import User, profile_picture_path
from shared.images import image_check, image_delete, image_original_name, image_response, image_store
from shared.sweep import GRACE, storage_sweep

logger = logging.getLogger(__name__)
FOLDER = "profile_pictures"
URL_PREFIX = "/api/v1/auth/pictures/"


def picture_store(*, upload) -> str:
    """Store a checked, metadata-free copy and its sizes; answers the storage name."""
    checked = image_check(upload, field="profile_picture", max_bytes=settings.AUTH_PROFILE_PICTURE_MAX_BYTES)
    return image_store(
        default_storage, name=profile_picture_path(None, f"p.{checked.extension}"), upload=upload, checked=checked
    )


def picture_url(name: str) -> str:
    return URL_PREFIX + name.removeprefix(f"{FOLDER}/") if name else ""


def picture_forget(name: str) -> None:
    """Delete a picture and its sizes once the current transaction commits."""
    if not name:
        return
    transaction.on_commit(lambda: image_delete(default_storage, name))


def picture_response(request, *, name: str, size: str | None):
    return image_response(request, default_storage, name=f"{FOLDER}/{name}", size=size)


def _picture_replaced(sender, instance: User, update_fields=None, **kwargs) -> None:
    if not instance.pk or (update_fields is not None and "profile_picture" not in update_fields):
        return  # a sign-in's last_login save costs no extra query
    previous = User.objects.filter(pk=instance.pk).values_list("profile_picture", flat=True).first()
    if previous and previous != instance.profile_picture.name:
        picture_forget(previous)


def _account_deleted(sender, instance: User, **kwargs) -> None:
    picture_forget(instance.profile_picture.name)


def connect_signals() -> None:
    """Staff change or clear a picture, or delete an account, in the admin too: the old files go on commit."""
    pre_save.connect(_picture_replaced, sender=User, dispatch_uid="accounts.picture_replaced")
    post_delete.connect(_account_deleted, sender=User, dispatch_uid="accounts.account_deleted")


def _referenced(names: list[str]) -> set[str]:
    originals = {name: image_original_name(name) for name in names}
    held = set(
        User.objects.filter(profile_picture__in=set(originals.values())).values_list("profile_picture", flat=True)
    )
    return {name for name, original in originals.items() if original in held}


def pictures_sweep(*, grace: timedelta = GRACE) -> list[str]:
    """Delete stored pictures (and sizes) no account holds: a signup that failed after storing one."""
    return storage_sweep(default_storage, folder=FOLDER, referenced=_referenced, grace=grace)
