"""Seller statistics from order, review and gig events, each counted once."""

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from profiles.documents import Buyer, Seller
from profiles.statistics import StatisticsEventRejected
from profiles.tests.factories import BuyerFactory, SellerFactory
from shared.events.contracts import (
    GigCreated,
    GigDeleted,
    OrderCancelled,
    OrderCompleted,
    OrderCreated,
    ReviewCreated,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return SellerFactory(user_id="7", username="alice")


def order_created(seller, order_id="o1"):
    return OrderCreated(
        order_id=order_id,
        gig_id="g1",
        seller_id=str(seller.pk),
        buyer_id="9",
        seller_user_id=seller.user_id,
        buyer_username="bob",
        seller_username=seller.username,
        price="20.00",
        delivery_due_at="2030-01-01T00:00:00+00:00",
    )


def order_completed(seller, earnings="16.00", delivered_at="2024-05-01T10:00:00+00:00", gig_id="g1", buyer_id="9"):
    return OrderCompleted(
        order_id="o1",
        gig_id=gig_id,
        seller_id=str(seller.pk),
        buyer_id=buyer_id,
        seller_user_id=seller.user_id,
        seller_earnings=earnings,
        delivered_at=delivered_at,
    )


def review(seller, rating, role="buyer", review_id="r1"):
    return ReviewCreated(
        review_id=review_id,
        order_id="o1",
        gig_id="g1",
        seller_id=str(seller.pk),
        reviewer_id="9",
        reviewer_username="bob",
        reviewer_role=role,
        rating=rating,
    )


def fresh(seller) -> Seller:
    return Seller.objects.get(pk=seller.pk)


def test_an_order_created_counts_an_ongoing_job(seller, deliver, envelope_of):
    deliver(envelope_of(order_created(seller)))

    assert fresh(seller).ongoing_jobs == 1


def test_a_completed_order_moves_the_job_and_adds_the_earnings(seller, deliver, envelope_of):
    deliver(envelope_of(order_created(seller, "o1")))
    deliver(envelope_of(order_created(seller, "o2")))

    deliver(envelope_of(order_completed(seller, earnings="16.50")))
    deliver(envelope_of(order_completed(seller, earnings="0.25", delivered_at="2024-04-01T10:00:00+00:00")))

    stored = fresh(seller)
    assert (stored.ongoing_jobs, stored.completed_jobs) == (0, 2)
    assert stored.total_earnings_cents == 1675
    # The later delivery stays the most recent even when an older event comes last.
    assert stored.recent_delivery == datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)


def test_a_completed_order_without_a_delivery_time_uses_the_event_time(seller, deliver, envelope_of):
    envelope = envelope_of(order_completed(seller, delivered_at=""))

    deliver(envelope)

    occurred_at = datetime.fromisoformat(envelope["occurred_at"])
    # MongoDB keeps milliseconds.
    assert abs(fresh(seller).recent_delivery - occurred_at).total_seconds() < 0.001


def test_a_completed_order_records_the_buyers_purchased_gig_once(seller, deliver, envelope_of):
    BuyerFactory(user_id="9")

    deliver(envelope_of(order_completed(seller, gig_id="g1")))
    deliver(envelope_of(order_completed(seller, gig_id="g1")))
    deliver(envelope_of(order_completed(seller, gig_id="g2")))

    assert Buyer.objects.get(user_id="9").purchased_gigs == ["g1", "g2"]


def test_a_cancelled_order_moves_the_job_to_cancelled(seller, deliver, envelope_of):
    deliver(envelope_of(order_created(seller)))

    deliver(
        envelope_of(
            OrderCancelled(
                order_id="o1", seller_id=str(seller.pk), buyer_id="9", seller_user_id="7", refunded_amount="20.00"
            )
        )
    )

    stored = fresh(seller)
    assert (stored.ongoing_jobs, stored.cancelled_jobs) == (0, 1)


def test_buyer_reviews_fill_the_ratings(seller, deliver, envelope_of):
    for number, rating in enumerate((5, 5, 4, 1)):
        deliver(envelope_of(review(seller, rating, review_id=f"r{number}")))

    stored = fresh(seller)
    assert (stored.ratings_count, stored.rating_sum) == (4, 15)
    categories = stored.rating_categories
    assert (categories.one, categories.two, categories.three, categories.four, categories.five) == (1, 0, 0, 1, 2)


def test_a_sellers_review_of_their_buyer_does_not_rate_the_seller(seller, deliver, envelope_of):
    deliver(envelope_of(review(seller, 1, role="seller")))

    assert fresh(seller).ratings_count == 0


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_out_of_range_is_rejected_for_the_dead_letter_queue(seller, deliver, envelope_of, rating):
    with pytest.raises(StatisticsEventRejected):
        deliver(envelope_of(review(seller, rating)))

    assert fresh(seller).ratings_count == 0


def test_gigs_created_and_deleted_keep_the_gig_count(seller, deliver, envelope_of):
    for gig_id in ("g1", "g2"):
        deliver(
            envelope_of(
                GigCreated(
                    gig_id=gig_id, seller_id=str(seller.pk), seller_user_id="7", title="T", category="c", price="5.00"
                )
            )
        )

    deliver(envelope_of(GigDeleted(gig_id="g1", seller_id=str(seller.pk), seller_user_id="7")))

    assert fresh(seller).total_gigs == 1


def test_an_event_naming_the_seller_by_account_only_still_counts(seller, deliver, envelope_of):
    deliver(
        envelope_of(GigCreated(gig_id="g1", seller_id="", seller_user_id="7", title="T", category="c", price="5.00"))
    )

    assert fresh(seller).total_gigs == 1


@pytest.mark.parametrize(
    "make_event",
    [
        lambda s: order_created(s),
        lambda s: order_completed(s),
        lambda s: OrderCancelled(
            order_id="o1", seller_id=str(s.pk), buyer_id="9", seller_user_id="7", refunded_amount="1.00"
        ),
        lambda s: review(s, 4),
        lambda s: GigCreated(
            gig_id="g1", seller_id=str(s.pk), seller_user_id="7", title="T", category="c", price="5.00"
        ),
        lambda s: GigDeleted(gig_id="g1", seller_id=str(s.pk), seller_user_id="7"),
    ],
)
def test_a_replayed_event_changes_nothing(seller, deliver, envelope_of, make_event):
    envelope = envelope_of(make_event(seller))
    deliver(envelope)
    after_first = fresh(seller).to_mongo().to_dict()

    ran = deliver(envelope)

    assert ran == 0
    assert fresh(seller).to_mongo().to_dict() == after_first


def test_an_event_for_an_unknown_seller_fails_so_it_is_retried_not_lost(deliver, envelope_of):
    from shared.events.mongo_documents import ProcessedEvent

    ghost = SellerFactory.build(pk="0123456789abcdef01234567", user_id="404")
    envelope = envelope_of(order_created(ghost))

    with pytest.raises(StatisticsEventRejected):
        deliver(envelope)

    assert ProcessedEvent.objects.count() == 0


@pytest.mark.parametrize("earnings", ["abc", "-5.00", "NaN"])
def test_bad_earnings_are_rejected_and_count_nothing(seller, deliver, envelope_of, earnings):
    with pytest.raises(StatisticsEventRejected):
        deliver(envelope_of(order_completed(seller, earnings=earnings)))

    stored = fresh(seller)
    assert (stored.completed_jobs, stored.total_earnings_cents) == (0, 0)


def test_earnings_are_kept_exactly(seller, deliver, envelope_of):
    for _ in range(10):
        deliver(envelope_of(order_completed(seller, earnings="0.10")))

    from profiles.presenters import cents_to_money

    assert cents_to_money(fresh(seller).total_earnings_cents) == Decimal("1.00")
