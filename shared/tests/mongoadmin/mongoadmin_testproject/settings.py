"""A test-only Django project: a SQLite staff database and MongoDB ``test_mongoadmin``.

It stands in for a service so shared.mongoadmin is driven the way a service's
admin is: through ``django.contrib.admin.site`` and Django's test client.
The gateway guard is left out; the admin's own login and CSRF are what is tested.
"""

import os

SECRET_KEY = "mongoadmin-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
SERVICE_NAME = "mongoadmin"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shared.mongoadmin",
    "mongoadmin_testproject.catalog",
    "mongoadmin_testproject.inbox",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "mongoadmin_testproject.urls"
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
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "/static/mongoadmin/"
MONGODB_URL = os.environ.get("TEST_MONGOADMIN_MONGODB_URL", "mongodb://127.0.0.1:27017/test_mongoadmin")
