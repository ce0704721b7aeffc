import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from shared.events.celery import make_celery_app

app = make_celery_app("chat")
app.autodiscover_tasks(related_name="attachment_tasks")
# Attachments whose message was never written (a crash between the two) are swept hourly.
app.conf.beat_schedule = {
    "attachments-sweep": {"task": "chats.attachments_sweep", "schedule": 3600.0},
}
