import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from celery.signals import worker_ready  # noqa: E402

from shared.events.celery import make_celery_app  # noqa: E402

app = make_celery_app("users")


@worker_ready.connect
def _ensure_mongo_collections(**kwargs):
    # A fresh database would otherwise fail the first event's transaction once.
    from profiles.documents import ensure_collections

    ensure_collections()
