"""Profile reads come from Redis, and every change drops the cached copy."""

import pytest
from django.core.cache import cache

from profiles import cache as profile_cache
from profiles.documents import Buyer, Seller
from profiles.tests.factories import BuyerFactory, SellerFactory, seller_payload
from shared.events.contracts import GigCreated, OrderCompleted, ReviewCreated

pytestmark = pytest.mark.django_db


def test_a_seller_read_is_served_from_the_cache(api):
    seller = SellerFactory(full_name="Cached Name")
    api.get(f"/api/v1/sellers/{seller.pk}")
    # A write that bypasses the services is invisible until the entry goes.
    Seller.objects(pk=seller.pk).update(set__full_name="Changed Behind The Back")

    cached = api.get(f"/api/v1/sellers/{seller.pk}").json()
    cache.delete(profile_cache.seller_key(str(seller.pk)))
    fresh = api.get(f"/api/v1/sellers/{seller.pk}").json()

    assert cached["full_name"] == "Cached Name"
    assert fresh["full_name"] == "Changed Behind The Back"


def test_an_update_is_visible_on_the_next_read_by_every_route(api, published_events):
    seller = SellerFactory(user_id="7", username="alice", full_name="Old Name")
    owner = api.as_user(user_id="7", username="alice")
    for path in (f"/api/v1/sellers/{seller.pk}", "/api/v1/sellers/username/alice", "/api/v1/sellers/me"):
        assert owner.get(path).json()["full_name"] == "Old Name"

    owner.put(f"/api/v1/sellers/{seller.pk}", seller_payload(full_name="New Name"))

    for path in (f"/api/v1/sellers/{seller.pk}", "/api/v1/sellers/username/alice", "/api/v1/sellers/me"):
        assert owner.get(path).json()["full_name"] == "New Name"


@pytest.mark.parametrize(
    ("make_event", "field", "expected"),
    [
        (
            lambda s: GigCreated(
                gig_id="g", seller_id=str(s.pk), seller_user_id="7", title="T", category="c", price="5"
            ),
            "total_gigs",
            1,
        ),
        (
            lambda s: ReviewCreated(
                review_id="r",
                order_id="o",
                gig_id="g",
                seller_id=str(s.pk),
                reviewer_id="9",
                reviewer_username="b",
                reviewer_role="buyer",
                rating=5,
            ),
            "ratings_count",
            1,
        ),
        (
            lambda s: OrderCompleted(
                order_id="o",
                gig_id="g",
                seller_id=str(s.pk),
                buyer_id="9",
                seller_user_id="7",
                seller_earnings="12.5",
                delivered_at="2024-01-01T00:00:00+00:00",
            ),
            "total_earnings",
            12.5,
        ),
    ],
)
def test_statistics_from_events_are_visible_on_the_next_read(api, deliver, envelope_of, make_event, field, expected):
    seller = SellerFactory(user_id="7")
    assert api.get(f"/api/v1/sellers/{seller.pk}").json()[field] == 0

    deliver(envelope_of(make_event(seller)))

    assert api.get(f"/api/v1/sellers/{seller.pk}").json()[field] == expected


def test_becoming_a_seller_is_visible_on_the_buyers_next_read(api, published_events):
    BuyerFactory(user_id="7", username="alice")
    user = api.as_user(user_id="7", username="alice")
    assert user.get("/api/v1/buyers/me").json()["is_seller"] is False
    assert user.get("/api/v1/sellers/me").status_code == 404

    user.post("/api/v1/sellers", seller_payload())

    assert user.get("/api/v1/buyers/me").json()["is_seller"] is True
    assert user.get("/api/v1/buyers/alice").json()["is_seller"] is True
    assert user.get("/api/v1/sellers/me").status_code == 200


def test_a_purchase_is_visible_on_the_buyers_next_read(api, deliver, envelope_of):
    seller = SellerFactory(user_id="7")
    BuyerFactory(user_id="9")
    buyer = api.as_user(user_id="9")
    assert buyer.get("/api/v1/buyers/me").json()["purchased_gigs"] == []

    deliver(
        envelope_of(
            OrderCompleted(
                order_id="o",
                gig_id="g1",
                seller_id=str(seller.pk),
                buyer_id="9",
                seller_user_id="7",
                seller_earnings="1",
                delivered_at="2024-01-01T00:00:00+00:00",
            )
        )
    )

    assert buyer.get("/api/v1/buyers/me").json()["purchased_gigs"] == ["g1"]


def test_a_profile_arriving_after_a_404_is_served_at_once(api, deliver, buyer_event):
    user = api.as_user(user_id="7", username="alice")
    assert user.get("/api/v1/buyers/me").status_code == 404

    deliver(buyer_event(user_id="7", username="alice"))

    assert user.get("/api/v1/buyers/me").status_code == 200
    assert Buyer.objects(user_id="7").count() == 1


def test_nothing_is_dropped_from_the_cache_when_the_transaction_aborts(api):
    from shared import mongo

    seller = SellerFactory()
    api.get(f"/api/v1/sellers/{seller.pk}")

    with pytest.raises(RuntimeError), mongo.atomic():
        profile_cache.drop_seller(str(seller.pk))
        raise RuntimeError("abort")

    assert cache.get(profile_cache.seller_key(str(seller.pk))) is not None


def test_a_profile_loaded_before_a_change_committed_is_never_served_after_it(api, published_events):
    """The race a delete-on-write cache loses: a reader stores the old card after the writer's invalidation."""
    seller = SellerFactory(user_id="7", username="alice", full_name="Old Name")
    owner = api.as_user(user_id="7", username="alice")
    old = api.get(f"/api/v1/sellers/{seller.pk}").json()
    cache.delete(profile_cache.seller_key(str(seller.pk)))

    def slow_reader_load():
        # This reader read the seller before the edit below, which commits and invalidates while it works.
        owner.put(f"/api/v1/sellers/{seller.pk}", seller_payload(full_name="New Name"))
        return old

    assert profile_cache.read_through(profile_cache.seller_key(str(seller.pk)), slow_reader_load) == old

    assert api.get(f"/api/v1/sellers/{seller.pk}").json()["full_name"] == "New Name"
