"""The gig catalogue and its search."""
from pathlib import Path

from shared.conf import env
from shared.django_settings import common_settings

BASE_DIR = Path(__file__).resolve().parents[2]

globals().update(
    common_settings("gig", base_dir=BASE_DIR, sql_default="postgres://postgres@127.0.0.1:5432/gig", apps=["shared.mongoadmin", "gigs"], mongodb=True)
)

# Search: Elasticsearch when ELASTICSEARCH_URL is set, else the MongoDB backend.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
GIG_SEARCH_BACKEND = env.str("GIG_SEARCH_BACKEND", default="auto")  # auto | mongo | elasticsearch
GIG_ELASTICSEARCH_INDEX = env.str("GIG_ELASTICSEARCH_INDEX", default="gigs")

# Recommendations (gigs/interests.py): each signed-in user's recent categories, in Redis.
GIG_INTERESTS_REDIS_URL = env.str("GIG_INTERESTS_REDIS_URL", default=REDIS_URL)  # noqa: F821 - from common_settings
GIG_INTERESTS_PREFIX = env.str("GIG_INTERESTS_PREFIX", default="gig:interests")
GIG_INTERESTS_TTL_SECONDS = env.int("GIG_INTERESTS_TTL_SECONDS", default=90 * 24 * 3600)
