from config.settings.base import *  # noqa: F401,F403
from shared.conf import env

DEBUG = False
SECRET_KEY = env.str("GATEWAY_SECRET_KEY")
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
