"""A minimal Django project for testing the event bus against the real broker and stores.

It plays the "review" service (a SQL service that consumes ``order.completed``),
and has a MongoDB database too, so both outbox stores can be exercised.
"""
from pathlib import Path

from shared.conf import env
from shared.django_settings import common_settings, test_overrides

globals().update(
    common_settings(
        "review",
        base_dir=Path(__file__).resolve().parent,
        sql_default="postgres://postgres@127.0.0.1:5432/bus_probe",
        apps=[],
        mongodb=True,
    )
)
globals().update(test_overrides("review", globals(), mongodb=True))
MONGODB_URL = env.str("TEST_BUS_MONGODB_URL", default="mongodb://127.0.0.1:27017/test_bus_probe")
EVENTS_STORE = "django"  # tests switch to "mongo" with the store_kind fixture
ROOT_URLCONF = "tests.kernel.urls"
