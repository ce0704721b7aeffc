from config.settings.base import *  # noqa: F401,F403
from shared.django_settings import test_overrides

globals().update(test_overrides("gig", globals(), mongodb=True))

# The suite exercises the MongoDB backend against the real store; the
# Elasticsearch backend is tested through the queries and mapping it builds.
ELASTICSEARCH_URL = ""
GIG_SEARCH_BACKEND = "mongo"
GIG_ELASTICSEARCH_INDEX = "test_gigs"
GIG_INTERESTS_REDIS_URL = "redis://127.0.0.1:6379/1"
GIG_INTERESTS_PREFIX = "gig-test:interests"
