import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from shared.events.celery import make_celery_app

app = make_celery_app("auth")
# Pictures a failed signup left in storage are swept hourly.
app.conf.beat_schedule = {
    "pictures-sweep": {"task": "accounts.pictures_sweep", "schedule": 3600.0},
}
