from django.apps import AppConfig


class GigsConfig(AppConfig):
    name = "gigs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from shared import mongo

        mongo.connect(settings.MONGODB_URL)
        # Registers the event consumers in every process (web, worker, tests).
        from gigs import handlers  # noqa: F401
