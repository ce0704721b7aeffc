import pytest

pytest_plugins = ["shared.testing.plugin"]


@pytest.fixture(autouse=True)
def _empty_mongo(clean_mongo):
    """Each test starts from an empty service database."""
    yield


@pytest.fixture(autouse=True)
def _empty_gig_cache():
    """Drop this service's cached pages only (gigs/cache.py): the Redis test db is shared with other suites.

    Factories write gigs around the services, so they never bump a generation: an entry from an
    earlier test could otherwise match a new gig's page or a search.
    """
    from django.core.cache import cache

    cache.delete_pattern("gigs:*")
    cache.delete_pattern("gen:gigs:*")
    yield
