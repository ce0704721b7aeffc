"""Orders, payments, deliveries and extensions."""
from pathlib import Path

from shared.conf import env
from shared.django_settings import common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings(
        "order", base_dir=BASE_DIR, sql_default="postgres://postgres@127.0.0.1:5432/order",
        apps=["shared.mongoadmin", "orders"], mongodb=True,
    )
)

# Payments: the local sandbox unless a Stripe key is configured (auto), or forced by name.
ORDER_PAYMENT_PROVIDER = env.str("ORDER_PAYMENT_PROVIDER", default="auto")  # auto | sandbox | stripe
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
ORDER_CURRENCY = env.str("ORDER_CURRENCY", default="usd")

# Delivery files: uploads go through Django's storage API (MEDIA_ROOT locally).
ORDER_DELIVERY_MAX_FILES = env.int("ORDER_DELIVERY_MAX_FILES", default=5)
ORDER_DELIVERY_MAX_FILE_BYTES = env.int("ORDER_DELIVERY_MAX_FILE_BYTES", default=10 * 1024 * 1024)

# Lifecycle: a delivered order the buyer neither approves nor sends back completes by itself
# after this long; the sweeper (celery beat) looks for such orders, and for late ones, this often.
ORDER_AUTO_COMPLETE_AFTER_SECONDS = env.int("ORDER_AUTO_COMPLETE_AFTER_SECONDS", default=3 * 24 * 3600)
ORDER_SWEEP_INTERVAL_SECONDS = env.float("ORDER_SWEEP_INTERVAL_SECONDS", default=60.0)
