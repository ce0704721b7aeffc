import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from shared.events.celery import make_celery_app  # noqa: E402

app = make_celery_app("order")
# Refunds and payouts a provider outage left unsettled are retried (run `celery beat` beside the worker).
app.conf.beat_schedule = {
    "settle-pending-money": {"task": "orders.settle_pending_money", "schedule": 300.0},
    "delivery-files-sweep": {"task": "orders.delivery_files_sweep", "schedule": 3600.0},
}
