"""The gateway: the only public door. No SQL database, Redis for rate limits."""
from pathlib import Path

from shared.django_settings import common_settings
from shared.logging import logging_config

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(common_settings("gateway", base_dir=BASE_DIR, sql_default="sqlite://:memory:", apps=[]))

# The gateway owns no data: no ORM, no admin, no sessions. Services keep their own.
DATABASES = {}
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

# Our own access line carries the request id; uvicorn's would be a second, poorer copy.
LOGGING["loggers"]["uvicorn.access"] = {"handlers": [], "propagate": False, "level": "WARNING"}  # noqa: F821

from config.settings.gateway import *  # noqa: E402,F401,F403
