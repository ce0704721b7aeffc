import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from shared.events.celery import make_celery_app

app = make_celery_app("gig")
# Cover images no gig points at (a failed upload, a cover replaced by a link) are swept hourly.
app.conf.beat_schedule = {
    "cover-images-sweep": {"task": "gigs.cover_images_sweep", "schedule": 3600.0},
}
