"""The permission convention for Mongo documents.

A document has no ContentType, so its permissions hang off the anchor model
``mongoadmin.MongoDocument``: ``mongoadmin.<action>_<app_label>_<document>``,
for example ``mongoadmin.change_profiles_buyer``. Superusers have them all.
"""

from __future__ import annotations

ACTIONS = ("view", "add", "change", "delete")


def codename(action: str, app_label: str, model_name: str) -> str:
    return f"{action}_{app_label}_{model_name}"


def permission_name(action: str, app_label: str, verbose_name: str) -> str:
    return f"Can {action} {app_label} {verbose_name}"[:255]


def sync_permissions(document_admins, *, using: str = "default") -> int:
    """Create the missing permissions of the given document admins; answers how many were created."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from shared.mongoadmin.models import MongoDocument

    content_type = ContentType.objects.db_manager(using).get_for_model(MongoDocument)
    existing = set(Permission.objects.using(using).filter(content_type=content_type).values_list("codename", flat=True))
    missing = [
        Permission(
            content_type=content_type,
            codename=codename(action, admin.app_label, admin.model_name),
            name=permission_name(action, admin.app_label, admin.verbose_name),
        )
        for admin in document_admins
        for action in ACTIONS
        if codename(action, admin.app_label, admin.model_name) not in existing
    ]
    Permission.objects.using(using).bulk_create(missing)
    return len(missing)


def create_permissions_after_migrate(sender, using="default", apps=None, **kwargs) -> None:
    from django.contrib.auth.models import Permission
    from django.db import router

    from shared.mongoadmin.sites import site

    if not router.allow_migrate_model(using, Permission):
        return
    sync_permissions(site.document_admins(), using=using)
