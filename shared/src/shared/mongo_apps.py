"""The Django side of a MongoDB service: one AppConfig base for apps whose data are MongoEngine documents."""

from __future__ import annotations

import importlib
import importlib.util

import mongoengine
from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_migrate

from shared import mongo


class MongoAppConfig(AppConfig):
    """Connects to the service's MongoDB, creates its collections with ``migrate``, registers its handlers.

    Documents are found in ``document_modules`` (default ``<app>.documents``). In ``apps.py``
    import the module (``from shared import mongo_apps``), not this class: Django picks the one
    AppConfig subclass an ``apps.py`` holds.
    """

    default_auto_field = "django.db.models.BigAutoField"
    document_modules: tuple[str, ...] = ()

    def ready(self):
        mongo.connect(settings.MONGODB_URL)
        # `migrate` is how every environment is prepared, so MongoDB's collections come with the SQL tables.
        # post_migrate is sent only for apps with models: hang on the event bus's app, which always has them.
        post_migrate.connect(self._on_migrate, sender=apps.get_app_config("events"), dispatch_uid=f"mongo:{self.label}")
        # Event consumers register on import; web, worker and tests all need them.
        if importlib.util.find_spec(f"{self.name}.handlers"):
            importlib.import_module(f"{self.name}.handlers")

    def documents(self) -> list[type]:
        found = []
        for module_name in self.document_modules or (f"{self.name}.documents",):
            module = importlib.import_module(module_name)
            found += [
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and issubclass(value, mongoengine.Document)
                and value.__module__ == module.__name__
                and not value._meta.get("abstract")
            ]
        return found

    def ensure_collections(self) -> None:
        mongo.ensure_collections(*self.documents())

    def _on_migrate(self, **kwargs) -> None:
        self.ensure_collections()


def ensure_all_collections() -> None:
    """Every MongoDB app's collections, and the event bus's (worker start, test session)."""
    mongo.ensure_collections()
    for app_config in apps.get_app_configs():
        if isinstance(app_config, MongoAppConfig):
            app_config.ensure_collections()
