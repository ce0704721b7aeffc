"""The gateway: the only public door. No SQL database, Redis for rate limits."""

from pathlib import Path

from shared.django_settings import (  # the values every service shares, by name
    ALLOWED_HOSTS,
    ASGI_APPLICATION,
    AUTH_PASSWORD_VALIDATORS,
    CELERY_BROKER_URL,
    CONSISTENCY_MARK_SECONDS,
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
    TIME_ZONE,
    USE_I18N,
    USE_TZ,
    WHITENOISE_USE_FINDERS,
    WSGI_APPLICATION,
    X_FRAME_OPTIONS,
    log_json,
    log_level,
    media_root,
    secret_key,
    static_root,
    storages,
)
from shared.logging import logging_config

SERVICE_NAME = "gateway"
BASE_DIR = Path(__file__).resolve().parents[2]
SECRET_KEY = secret_key(SERVICE_NAME)
# The gateway owns no data: no ORM, no admin, no sessions. Services keep their own.
DATABASES: dict = {}
INSTALLED_APPS = ["django.contrib.staticfiles", "ninja", "proxy"]
# No GatewayTokenMiddleware here: the gateway mints those tokens, it never receives them.
MIDDLEWARE = [
    "shared.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_URL = f"/static/{SERVICE_NAME}/"
STATIC_ROOT = static_root(SERVICE_NAME)
MEDIA_URL = f"/media/{SERVICE_NAME}/"
MEDIA_ROOT = media_root(SERVICE_NAME)
STORAGES = storages(SERVICE_NAME)
LOGGING = logging_config(SERVICE_NAME, log_level(), log_json())
# Our own access line carries the request id; uvicorn's would be a second, poorer copy.
LOGGING["loggers"]["uvicorn.access"] = {
    "handlers": [],
    "propagate": False,
    "level": "WARNING",
}
SESSION_COOKIE_NAME = f"{SERVICE_NAME}_admin_session"
SESSION_COOKIE_PATH = f"/admin/{SERVICE_NAME}/"
CSRF_COOKIE_NAME = f"{SERVICE_NAME}_admin_csrftoken"
CSRF_COOKIE_PATH = f"/admin/{SERVICE_NAME}/"
EVENTS_STORE = "django"

from config.settings.gateway import *  # the gateway's own knobs
