"""E-mails and in-app notifications."""

from pathlib import Path

from shared.conf import env, sql_database
from shared.django_settings import (  # the values every service shares, by name
    ALLOWED_HOSTS,
    ASGI_APPLICATION,
    AUTH_PASSWORD_VALIDATORS,
    CELERY_BROKER_URL,
    COMMON_APPS,
    COMMON_MIDDLEWARE,
    CONSISTENCY_MARK_SECONDS,
    CONSISTENCY_PENDING_SECONDS,
    CONSISTENCY_REDIS_URL,
    CONSISTENCY_WAIT_SECONDS,
    CSRF_COOKIE_SECURE,
    CSRF_TRUSTED_ORIGINS,
    DATA_UPLOAD_MAX_MEMORY_SIZE,
    DEBUG,
    DEFAULT_AUTO_FIELD,
    EVENTS_MARK_INTERVAL,
    EVENTS_RELAY_INTERVAL,
    LANGUAGE_CODE,
    REDIS_URL,
    REVOCATION_REDIS_URL,
    ROOT_URLCONF,
    SECURE_CONTENT_TYPE_NOSNIFF,
    SESSION_COOKIE_HTTPONLY,
    SESSION_COOKIE_SECURE,
    TEMPLATES,
    TIME_ZONE,
    USE_I18N,
    USE_TZ,
    WHITENOISE_USE_FINDERS,
    WSGI_APPLICATION,
    X_FRAME_OPTIONS,
    caches,
    log_json,
    log_level,
    media_root,
    secret_key,
    static_root,
    storages,
)
from shared.logging import logging_config

SERVICE_NAME = "notification"
BASE_DIR = Path(__file__).resolve().parents[2]
SECRET_KEY = secret_key(SERVICE_NAME)
INSTALLED_APPS = ["daphne", *COMMON_APPS, "notifications", "channels"]
MIDDLEWARE = [*COMMON_MIDDLEWARE]
DATABASES = {"default": sql_database(SERVICE_NAME, "postgres://postgres@127.0.0.1:5432/notification")}
STATIC_URL = f"/static/{SERVICE_NAME}/"
STATIC_ROOT = static_root(SERVICE_NAME)
MEDIA_URL = f"/media/{SERVICE_NAME}/"
MEDIA_ROOT = media_root(SERVICE_NAME)
STORAGES = storages(SERVICE_NAME)
CACHES = caches(SERVICE_NAME, REDIS_URL)
LOGGING = logging_config(SERVICE_NAME, log_level(), log_json())
# The admin's own cookies, one pair per service (all admins share the gateway's host).
SESSION_COOKIE_NAME = f"{SERVICE_NAME}_admin_session"
SESSION_COOKIE_PATH = f"/admin/{SERVICE_NAME}/"
CSRF_COOKIE_NAME = f"{SERVICE_NAME}_admin_csrftoken"
CSRF_COOKIE_PATH = f"/admin/{SERVICE_NAME}/"
# The event outbox lives in the service's own database.
EVENTS_STORE = "django"

# Where the links in e-mails and notifications point: the web client.
CLIENT_URL = env.str("CLIENT_URL", default="http://localhost:3000").rstrip("/")
NOTIFICATION_PAGE_SIZE_MAX = 100

from config.settings.channels import *  # the socket's channel layer
from config.settings.delivery import *  # SMS and Web Push
from config.settings.email import *  # outgoing e-mail
