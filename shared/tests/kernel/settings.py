"""A minimal Django project for testing the event bus against the real broker and stores.

It plays the "review" service (a SQL service that consumes ``order.completed``),
and has a MongoDB database too, so both outbox stores can be exercised.
"""

from pathlib import Path

from shared.conf import env, sql_database
from shared.django_settings import (
    ALLOWED_HOSTS,
    ASGI_APPLICATION,
    AUTH_PASSWORD_VALIDATORS,
    COMMON_APPS,
    COMMON_MIDDLEWARE,
    CONSISTENCY_MARK_SECONDS,
    CONSISTENCY_PENDING_SECONDS,
    CONSISTENCY_WAIT_SECONDS,
    CSRF_COOKIE_SECURE,
    CSRF_TRUSTED_ORIGINS,
    DATA_UPLOAD_MAX_MEMORY_SIZE,
    DEBUG,
    DEFAULT_AUTO_FIELD,
    EVENTS_RELAY_INTERVAL,
    LANGUAGE_CODE,
    REDIS_URL,
    SECURE_CONTENT_TYPE_NOSNIFF,
    SESSION_COOKIE_HTTPONLY,
    SESSION_COOKIE_SECURE,
    TEMPLATES,
    TEST_CELERY_BROKER_URL,
    TEST_PASSWORD_HASHERS,
    TEST_REDIS_URL,
    TEST_STORAGES,
    TIME_ZONE,
    USE_I18N,
    USE_TZ,
    WHITENOISE_USE_FINDERS,
    WSGI_APPLICATION,
    X_FRAME_OPTIONS,
    caches,
    media_root,
    secret_key,
    static_root,
)
from shared.logging import logging_config
from shared.testing import roundtrips

SERVICE_NAME = "review"
EVENTS_MARK_INTERVAL = 0  # marked at once: the tests read the outbox right after a publish
BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = secret_key(SERVICE_NAME)
INSTALLED_APPS = [*COMMON_APPS]
MIDDLEWARE = [*COMMON_MIDDLEWARE]
ROOT_URLCONF = "tests.kernel.urls"
DATABASES = {"default": sql_database(SERVICE_NAME, "postgres://postgres@127.0.0.1:5432/bus_probe")}
STATIC_URL = f"/static/{SERVICE_NAME}/"
STATIC_ROOT = static_root(SERVICE_NAME)
MEDIA_URL = f"/media/{SERVICE_NAME}/"
MEDIA_ROOT = media_root(SERVICE_NAME)
STORAGES = TEST_STORAGES
CACHES = caches(SERVICE_NAME, TEST_REDIS_URL)
LOGGING = logging_config(SERVICE_NAME, "WARNING", json_logs=False)
SESSION_COOKIE_NAME = f"{SERVICE_NAME}_admin_session"
SESSION_COOKIE_PATH = f"/admin/{SERVICE_NAME}/"
CSRF_COOKIE_NAME = f"{SERVICE_NAME}_admin_csrftoken"
CSRF_COOKIE_PATH = f"/admin/{SERVICE_NAME}/"
EVENTS_STORE = "django"  # tests switch to "mongo" with the store_kind fixture
MONGODB_URL = env.str("TEST_BUS_MONGODB_URL", default="mongodb://127.0.0.1:27017/test_bus_probe")
# As in the services' suites: the round-trip listener exists before any MongoDB client is made.
roundtrips.install()

PASSWORD_HASHERS = TEST_PASSWORD_HASHERS
CELERY_BROKER_URL = TEST_CELERY_BROKER_URL
CELERY_BROKER_READ_URL = TEST_CELERY_BROKER_URL
CELERY_BROKER_WRITE_URL = TEST_CELERY_BROKER_URL
REVOCATION_REDIS_URL = TEST_REDIS_URL
CONSISTENCY_REDIS_URL = TEST_REDIS_URL
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
