import pytest

pytest_plugins = ["shared.testing.plugin"]


@pytest.fixture(autouse=True)
def _empty_mongo(clean_mongo):
    """Each test starts from an empty service database."""
    yield


@pytest.fixture(autouse=True)
def _empty_profile_cache():
    """Drop this service's cached profiles only: the Redis test db is shared with other suites."""
    from django.core.cache import cache

    cache.delete_pattern("profiles:*")
    cache.delete_pattern("gen:profiles:*")
    yield


@pytest.fixture
def buyer_event(envelope_of):
    """The wire form of ``auth.user.created`` for a new account."""
    from shared.events.contracts import UserCreated

    def build(user_id="1", username="alice", email="alice@example.com", country="Portugal", profile_picture=""):
        return envelope_of(
            UserCreated(
                user_id=user_id, username=username, email=email, country=country, profile_picture=profile_picture
            )
        )

    return build
