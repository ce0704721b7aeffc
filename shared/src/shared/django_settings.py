"""Settings every service shares, built from the environment.

A project's ``config/settings/base.py`` starts with
``globals().update(common_settings("users", base_dir=BASE_DIR, ...))`` and then
adds only what is its own. Per-project variables are prefixed
(``USERS_DATABASE_URL``); shared infrastructure is not (``REDIS_URL``).
"""
from __future__ import annotations

from pathlib import Path

from shared.conf import env, read_dotenv, run_dir, sql_database
from shared.logging import logging_config
from shared.storage import default_storage_setting

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

PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def common_settings(service: str, *, base_dir: Path, sql_default: str, apps: list[str], mongodb: bool = False) -> dict:
    read_dotenv()
    prefix = service.upper()
    static_root = Path(env.str(f"{prefix}_STATIC_ROOT", default=str(run_dir() / "static" / service)))
    static_root.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
    redis_url = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
    settings = {
        "SERVICE_NAME": service,
        "BASE_DIR": base_dir,
        "SECRET_KEY": env.str(f"{prefix}_SECRET_KEY", default=f"dev-only-{service}-secret-key-change-me-in-production"),
        "DEBUG": env.bool("DEBUG", default=False),
        "ALLOWED_HOSTS": env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]),
        "CSRF_TRUSTED_ORIGINS": env.list("CSRF_TRUSTED_ORIGINS", default=["http://127.0.0.1:8000", "http://localhost:8000"]),
        "INSTALLED_APPS": [*COMMON_APPS, *apps],
        "MIDDLEWARE": list(COMMON_MIDDLEWARE),
        "ROOT_URLCONF": "config.urls",
        "WSGI_APPLICATION": None,
        "ASGI_APPLICATION": "config.asgi.application",
        "TEMPLATES": TEMPLATES,
        "DATABASES": {"default": sql_database(service, sql_default)},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "AUTH_PASSWORD_VALIDATORS": PASSWORD_VALIDATORS,
        "LANGUAGE_CODE": "en-us",
        "TIME_ZONE": "UTC",
        "USE_I18N": True,
        "USE_TZ": True,
        "STATIC_URL": f"/static/{service}/",
        "STATIC_ROOT": str(static_root),
        "MEDIA_URL": f"/media/{service}/",
        "MEDIA_ROOT": env.str(f"{prefix}_MEDIA_ROOT", default=str(run_dir() / "media" / service)),
        "STORAGES": {"default": default_storage_setting(service),
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        "WHITENOISE_USE_FINDERS": True,
        "DATA_UPLOAD_MAX_MEMORY_SIZE": env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024),
        "REDIS_URL": redis_url,
        # Where auth records ended sessions and the gateway reads them (shared.revocation): one for all.
        "REVOCATION_REDIS_URL": env.str("REVOCATION_REDIS_URL", default=redis_url),
        "CACHES": {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": service,
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
            }
        },
        "CELERY_BROKER_URL": env.str("CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672//"),
        "EVENTS_STORE": "mongo" if mongodb else "django",
        "EVENTS_RELAY_INTERVAL": env.float("EVENTS_RELAY_INTERVAL", default=2.0),
        # Read-your-writes: how long a request waits for events its user's writes published.
        "CONSISTENCY_WAIT_SECONDS": env.float("CONSISTENCY_WAIT_SECONDS", default=2.0),
        "CONSISTENCY_MARK_SECONDS": env.int("CONSISTENCY_MARK_SECONDS", default=600),
        "CONSISTENCY_PENDING_SECONDS": env.int("CONSISTENCY_PENDING_SECONDS", default=30),
        "CONSISTENCY_REDIS_URL": env.str("CONSISTENCY_REDIS_URL", default=redis_url),
        "LOGGING": logging_config(service, env.str("LOG_LEVEL", default="INFO"), env.bool("LOG_JSON", default=True)),
        "SESSION_COOKIE_NAME": f"{service}_admin_session",
        "SESSION_COOKIE_PATH": f"/admin/{service}/",
        "CSRF_COOKIE_NAME": f"{service}_admin_csrftoken",
        "CSRF_COOKIE_PATH": f"/admin/{service}/",
        "SESSION_COOKIE_SECURE": env.bool("SECURE_COOKIES", default=False),
        "CSRF_COOKIE_SECURE": env.bool("SECURE_COOKIES", default=False),
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
    }
    if mongodb:
        settings["MONGODB_URL"] = env.str(f"{prefix}_MONGODB_URL", default=f"mongodb://127.0.0.1:27017/{service}")
    return settings


def test_overrides(service: str, settings: dict, *, mongodb: bool = False) -> dict:
    """Isolation for a service's own test suite: test databases, broker vhost, Redis db."""
    test_broker = env.str("TEST_CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672/marketplace_test")
    overrides = {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "CELERY_BROKER_URL": test_broker,
        # Celery prefers the CELERY_BROKER_URL environment variable (which .env sets) over its
        # config; the read/write URLs take precedence over both, keeping tests on the test vhost.
        "CELERY_BROKER_READ_URL": test_broker,
        "CELERY_BROKER_WRITE_URL": test_broker,
        "CACHES": {
            "default": {
                **settings["CACHES"]["default"],
                "LOCATION": env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1"),
            }
        },
        "REVOCATION_REDIS_URL": env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1"),
        "LOGGING": logging_config(service, "WARNING", json_logs=False),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CONSISTENCY_REDIS_URL": env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/1"),
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }
    if mongodb:
        overrides["MONGODB_URL"] = env.str(
            f"TEST_{service.upper()}_MONGODB_URL", default=f"mongodb://127.0.0.1:27017/test_{service}"
        )
    return overrides


def production_overrides(service: str) -> dict:
    """Secure defaults for ``config.settings.production``: no debug, a required secret, HTTPS cookies."""
    return {
        "DEBUG": False,
        "SECRET_KEY": env.str(f"{service.upper()}_SECRET_KEY"),
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        # TLS ends at the ingress, which also redirects plain HTTP; browsers are told to stay on HTTPS.
        "SECURE_HSTS_SECONDS": env.int("SECURE_HSTS_SECONDS", default=31_536_000),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False),
        "STORAGES": {
            "default": default_storage_setting(service),
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        "WHITENOISE_USE_FINDERS": False,
    }


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
            "CONFIG": {"hosts": [{"address": url, "socket_timeout": timeout}], "prefix": prefix},
        }
    }
