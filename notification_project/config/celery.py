import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from shared.events.celery import make_celery_app

app = make_celery_app("notification")
