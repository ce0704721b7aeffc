from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_mongo_collections(**kwargs) -> None:
    from chats.documents import ensure_collections

    ensure_collections()


class ChatsConfig(AppConfig):
    name = "chats"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from shared import mongo

        mongo.connect(settings.MONGODB_URL)
        # `migrate` prepares every environment, so MongoDB's collections come with the SQL tables.
        post_migrate.connect(_ensure_mongo_collections, sender=self)
        # Registers the event consumers in every process (web, worker, tests).
        from chats import handlers  # noqa: F401
