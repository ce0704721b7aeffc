from config.settings.base import *
from shared.conf import env
from shared.logging import logging_config

LOGGING = logging_config("gateway", "WARNING", json_logs=False)
GATEWAY_RATE_LIMIT_REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1")
REVOCATION_REDIS_URL = GATEWAY_RATE_LIMIT_REDIS_URL
SECURE_COOKIES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each sent event marked published at once (shared/events/published.py): tests read the outbox right after.
EVENTS_MARK_INTERVAL = 0
