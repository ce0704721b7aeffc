import pytest

from gigs.tests.factories import gig_data, make_gig, make_seller


@pytest.fixture
def seller():
    return make_seller(user_id="7", username="bob", seller_id="seller-bob")


@pytest.fixture
def other_seller():
    return make_seller(user_id="8", username="carol", seller_id="seller-carol")


@pytest.fixture
def gig(seller, published_events):
    return make_gig(seller)


@pytest.fixture
def payload():
    data = gig_data()
    data["price"] = 20
    return data


@pytest.fixture
def as_bob(api, seller):
    return api.as_user(user_id=seller.user_id, username=seller.username)


@pytest.fixture
def as_carol(api, other_seller):
    return api.as_user(user_id=other_seller.user_id, username=other_seller.username)


@pytest.fixture(autouse=True)
def clean_interests(settings):
    """Recent categories live in Redis: each test starts with nobody's."""
    from gigs.interests import _redis

    keys = list(_redis().scan_iter(f"{settings.GIG_INTERESTS_PREFIX}:*"))
    if keys:
        _redis().delete(*keys)
