import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from shared.conf import env
from shared.events.celery import make_celery_app

app = make_celery_app("order")
# Periodic work (run `celery beat` beside the worker; locally the worker runs it with -B):
# refunds and payouts a provider outage left unsettled are retried; delivered orders nobody
# decided on complete by themselves; late orders are announced once.
_sweep = env.float("ORDER_SWEEP_INTERVAL_SECONDS", default=60.0)
app.conf.beat_schedule = {
    "settle-pending-money": {"task": "orders.settle_pending_money", "schedule": 300.0},
    "auto-complete-delivered": {"task": "orders.auto_complete_delivered", "schedule": _sweep},
    "announce-late-orders": {"task": "orders.announce_late", "schedule": _sweep},
    "delivery-files-sweep": {"task": "orders.delivery_files_sweep", "schedule": 3600.0},
}
