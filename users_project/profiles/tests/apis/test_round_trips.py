"""What the hot profile reads cost in MongoDB round trips: a new one fails here before it slows every page.

Pinned with PyMongo's command monitoring (shared.testing.roundtrips), the MongoDB assertNumQueries.
"""

import pytest

from profiles.tests.factories import BuyerFactory, SellerFactory
from shared.testing.roundtrips import recorded

pytestmark = pytest.mark.django_db


def test_buyers_me_costs_one_find_then_none_until_the_profile_changes(api, published_events):
    BuyerFactory(user_id="7", username="alice")
    user = api.as_user(user_id="7", username="alice")

    with recorded() as first:
        user.get("/api/v1/buyers/me")
    with recorded() as then:
        user.get("/api/v1/buyers/me")

    assert first.names == ["find buyers"]
    assert then.names == []


def test_a_seller_card_costs_one_find_then_none(api):
    seller = SellerFactory(user_id="7", username="alice")

    with recorded() as first:
        api.get(f"/api/v1/sellers/{seller.pk}")
    with recorded() as then:
        api.get(f"/api/v1/sellers/{seller.pk}")

    assert first.names == ["find sellers"]
    assert then.names == []


def test_a_seller_card_by_username_costs_one_lookup_more_the_first_time_only(api):
    SellerFactory(user_id="7", username="alice")
    api.get("/api/v1/sellers/username/alice")

    with recorded() as then:
        api.get("/api/v1/sellers/username/alice")

    assert then.names == []
