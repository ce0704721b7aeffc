"""Production: no debug, a required secret, HTTPS cookies, hashed static files."""

from config.settings.base import *
from shared.conf import env
from shared.django_settings import (
    PRODUCTION_SECURE_HSTS_INCLUDE_SUBDOMAINS,
    PRODUCTION_SECURE_HSTS_SECONDS,
    PRODUCTION_SECURE_PROXY_SSL_HEADER,
    production_secret_key,
    storages,
)

DEBUG = False
SECRET_KEY = production_secret_key(SERVICE_NAME)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = PRODUCTION_SECURE_PROXY_SSL_HEADER
SECURE_HSTS_SECONDS = PRODUCTION_SECURE_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION_SECURE_HSTS_INCLUDE_SUBDOMAINS
STORAGES = storages(SERVICE_NAME, production=True)
WHITENOISE_USE_FINDERS = False
# The gateway's own auth cookies (config/settings/gateway.py): Secure unless told otherwise.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=True)
