"""The service's own test suite: test databases, broker vhost, Redis db."""

from config.settings.base import *
from shared.django_settings import (
    TEST_CELERY_BROKER_URL,
    TEST_PASSWORD_HASHERS,
    TEST_REDIS_URL,
    TEST_STORAGES,
    caches,
)
from shared.logging import logging_config

PASSWORD_HASHERS = TEST_PASSWORD_HASHERS
# Celery prefers the CELERY_BROKER_URL environment variable (which .env sets) over its
# config; the read/write URLs take precedence over both, keeping tests on the test vhost.
CELERY_BROKER_URL = TEST_CELERY_BROKER_URL
CELERY_BROKER_READ_URL = TEST_CELERY_BROKER_URL
CELERY_BROKER_WRITE_URL = TEST_CELERY_BROKER_URL
CACHES = caches(SERVICE_NAME, TEST_REDIS_URL)
REVOCATION_REDIS_URL = TEST_REDIS_URL
CONSISTENCY_REDIS_URL = TEST_REDIS_URL
LOGGING = logging_config(SERVICE_NAME, "WARNING", json_logs=False)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = TEST_STORAGES
# Each sent event marked published at once (shared/events/published.py): tests read the outbox right after.
EVENTS_MARK_INTERVAL = 0
