"""Buyer and seller profiles and seller statistics."""
from pathlib import Path

from shared.conf import env
from shared.django_settings import common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings("users", base_dir=BASE_DIR, sql_default="postgres://postgres@127.0.0.1:5432/users", apps=["shared.mongoadmin", "profiles"], mongodb=True)
)

# Profile reads are cached in Redis and dropped on every change; the TTL only
# bounds staleness should a delete ever be missed.
USERS_PROFILE_CACHE_SECONDS = env.int("USERS_PROFILE_CACHE_SECONDS", default=300)
# With Redis down, profile reads fall through to MongoDB instead of failing.
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
