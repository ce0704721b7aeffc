from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_mongo_collections(**kwargs) -> None:
    from orders.documents import ensure_collections

    ensure_collections()


class OrdersConfig(AppConfig):
    name = "orders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from shared import mongo

        mongo.connect(settings.MONGODB_URL)
        # `migrate` is how every environment is prepared, so MongoDB's collections are made with the SQL tables.
        post_migrate.connect(_ensure_mongo_collections, sender=self)
        # Registers the event consumers in every process (web, worker, tests).
        from orders import handlers  # noqa: F401
