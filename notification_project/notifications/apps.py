from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register the event consumers in every process (worker, tests, replay command),
        # not only where Celery's lazy autodiscovery happens to run.
        from notifications import handlers  # noqa: F401
