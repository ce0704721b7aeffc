"""Settings every service shares, each by name.

A project's ``config/settings/base.py`` imports the shared values it uses by
name and assigns its own, computing them with the helpers below, so every
setting a service runs with can be found by grep or an IDE from its settings
package (cookiecutter-django's layout: base, local, test, production and one
module per integration). Per-project variables are prefixed
(``USERS_DATABASE_URL``); shared infrastructure is not (``REDIS_URL``).
"""

from __future__ import annotations

from pathlib import Path

from shared.conf import env, read_dotenv, run_dir
from shared.storage import default_storage_setting

# OS variables win over the root .env file; read once, before any value below.
read_dotenv()

# Django core: the same in every service.
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=["http://127.0.0.1:8000", "http://localhost:8000"])
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = None
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)

COMMON_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shared.events.django_app",
]

COMMON_MIDDLEWARE = [
    "shared.requestid.RequestIdMiddleware",
    "shared.errors.JsonErrorMiddleware",
    "shared.guard.GatewayTokenMiddleware",
    "shared.validation.InputGuardMiddleware",
    # After the guard: only the gateway may make a request wait for events (docs/decisions/0006).
    "shared.consistency.middleware.ReadYourWritesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "shared.staticfiles.StaticFilesMiddleware",  # WhiteNoise, async-capable (no thread hops on API requests)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Security: the admin's cookies are Secure where SECURE_COOKIES says so (production: always).
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Redis, the broker, the event relay.
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
# Where auth records ended sessions and the gateway reads them (shared.revocation): one for all.
REVOCATION_REDIS_URL = env.str("REVOCATION_REDIS_URL", default=REDIS_URL)
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672//")
EVENTS_RELAY_INTERVAL = env.float("EVENTS_RELAY_INTERVAL", default=2.0)
# Sent events are marked published in one write per process per interval (shared/events/published.py);
# kept well under EVENTS_RELAY_INTERVAL, so the relay never resends an event whose mark is on its way.
EVENTS_MARK_INTERVAL = env.float("EVENTS_MARK_INTERVAL", default=0.5)
# Cached public reads (shared.cache): a write makes them stale at once; this bounds a lost invalidation.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)

# Read-your-writes: how long a request waits for events its user's writes published.
CONSISTENCY_WAIT_SECONDS = env.float("CONSISTENCY_WAIT_SECONDS", default=2.0)
CONSISTENCY_MARK_SECONDS = env.int("CONSISTENCY_MARK_SECONDS", default=600)
CONSISTENCY_PENDING_SECONDS = env.int("CONSISTENCY_PENDING_SECONDS", default=30)
CONSISTENCY_REDIS_URL = env.str("CONSISTENCY_REDIS_URL", default=REDIS_URL)

# A service's own test suite: test databases, broker vhost, Redis db (config/settings/test.py).
TEST_REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1")
TEST_CELERY_BROKER_URL = env.str(
    "TEST_CELERY_BROKER_URL",
    default="amqp://guest:guest@127.0.0.1:5672/marketplace_test",
)
TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Production (config/settings/production.py): TLS ends at the ingress, which also redirects
# plain HTTP; browsers are told to stay on HTTPS.
PRODUCTION_SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
PRODUCTION_SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
PRODUCTION_SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)


def secret_key(service: str) -> str:
    return env.str(
        f"{service.upper()}_SECRET_KEY",
        default=f"dev-only-{service}-secret-key-change-me-in-production",
    )


def static_root(service: str) -> str:
    root = Path(
        env.str(
            f"{service.upper()}_STATIC_ROOT",
            default=str(run_dir() / "static" / service),
        )
    )
    root.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
    return str(root)


def media_root(service: str) -> str:
    return env.str(f"{service.upper()}_MEDIA_ROOT", default=str(run_dir() / "media" / service))


def storages(service: str, *, production: bool = False) -> dict:
    """``STORAGES``: uploads where ``default_storage_setting`` says; static files hashed in production."""
    static = (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if production
        else ("django.contrib.staticfiles.storage.StaticFilesStorage")
    )
    return {
        "default": default_storage_setting(service),
        "staticfiles": {"BACKEND": static},
    }


def caches(service: str, location: str) -> dict:
    """``CACHES`` on Redis, keys prefixed by the service."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": service,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }


def log_level() -> str:
    return env.str("LOG_LEVEL", default="INFO")


def log_json() -> bool:
    return env.bool("LOG_JSON", default=True)


def mongodb_url(service: str) -> str:
    return env.str(f"{service.upper()}_MONGODB_URL", default=f"mongodb://127.0.0.1:27017/{service}")


def test_mongodb_url(service: str) -> str:
    return env.str(
        f"TEST_{service.upper()}_MONGODB_URL",
        default=f"mongodb://127.0.0.1:27017/test_{service}",
    )


def production_secret_key(service: str) -> str:
    """Required in production: no default."""
    return env.str(f"{service.upper()}_SECRET_KEY")


def channel_layers(url: str, prefix: str) -> dict:
    """``CHANNEL_LAYERS`` on Redis (never the in-memory layer outside tests of a single process).

    redis-py 8 reads with a 5 s socket timeout by default, the same 5 s that
    channels_redis blocks in BZPOPMIN waiting for frames: an idle socket's read
    then times out client-side and kills its consumer. The layer's connections
    get a longer read timeout than that blocking wait.
    """
    timeout = env.float("CHANNELS_REDIS_SOCKET_TIMEOUT", default=15.0)
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": url, "socket_timeout": timeout}],
                "prefix": prefix,
            },
        }
    }
