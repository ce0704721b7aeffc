from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "shared.events.django_app"
    label = "events"
    verbose_name = "Events (outbox and processed events)"
    default_auto_field = "django.db.models.BigAutoField"
