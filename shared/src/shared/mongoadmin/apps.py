from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MongoAdminConfig(AppConfig):
    name = "shared.mongoadmin"
    label = "mongoadmin"
    verbose_name = "Mongo admin"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from shared.mongoadmin.permissions import create_permissions_after_migrate

        # `migrate` always ends with post_migrate, so every deploy (and every
        # test database) gets the permissions of the documents registered now.
        post_migrate.connect(create_permissions_after_migrate, sender=self)
