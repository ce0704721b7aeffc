from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register the event consumers in every process (web, worker, tests, replay command).
        from reviews import handlers  # noqa: F401
