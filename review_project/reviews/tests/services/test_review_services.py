import pytest
from django.db import IntegrityError

from reviews import services
from reviews.models import Review
from reviews.tests.factories import BUYER_ID, CompletedOrderFactory, ReviewFactory
from shared.errors import Conflict, NotFound, ValidationFailed, http_status
from shared.events.django_app.models import OutboxEvent
from shared.testing.tokens import user_token
from shared.tokens import verify_user_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer():
    return verify_user_token(user_token(BUYER_ID, "bob"))


@pytest.mark.parametrize(
    "rating, text, fields",
    [
        (0, "ok", {"rating"}),
        (True, "ok", {"rating"}),
        ("5", "ok", {"rating"}),
        (5, " ", {"review"}),
        (5, "z" * 2001, {"review"}),
        (9, "", {"rating", "review"}),
    ],
)
def test_the_service_checks_its_input_for_any_caller(buyer, rating, text, fields):
    order = CompletedOrderFactory()

    with pytest.raises(ValidationFailed) as failure:
        services.review_create(user=buyer, order_id=order.order_id, rating=rating, review=text)

    assert set(failure.value.fields) == fields
    assert http_status(failure.value) == 400


def test_when_the_event_cannot_be_written_the_review_is_not_kept_either(buyer, monkeypatch):
    from shared.events.stores import get_store

    order = CompletedOrderFactory()

    def refuse(envelope):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(get_store(), "add", refuse)

    with pytest.raises(RuntimeError):
        services.review_create(user=buyer, order_id=order.order_id, rating=5, review="Good.")

    assert not Review.objects.exists()


def test_a_race_lost_to_the_same_side_is_409_and_keeps_the_winner(buyer, monkeypatch):
    order = CompletedOrderFactory()
    real_username = services._reviewer_username

    def other_request_wins(**kwargs):
        # Runs after the duplicate check and before the insert: the window two requests race in.
        ReviewFactory(order=order, reviewer_role="buyer", rating=1)
        return real_username(**kwargs)

    monkeypatch.setattr(services, "_reviewer_username", other_request_wins)

    with pytest.raises(Conflict) as failure:
        services.review_create(user=buyer, order_id=order.order_id, rating=5, review="Late.")

    assert failure.value.code == "review_already_exists"
    assert list(Review.objects.values_list("rating", flat=True)) == [1]
    assert not OutboxEvent.objects.exists()


def test_the_database_itself_refuses_a_second_review_per_side():
    order = CompletedOrderFactory()
    ReviewFactory(order=order, reviewer_role="buyer")

    with pytest.raises(IntegrityError):
        ReviewFactory(order=order, reviewer_role="buyer")


def test_the_database_itself_refuses_a_rating_outside_one_to_five():
    with pytest.raises(IntegrityError):
        ReviewFactory(rating=6)


# --- moderation ----------------------------------------------------------------------


def test_hiding_a_review_records_who_and_publishes_review_hidden(published_events, committed):
    review = ReviewFactory(rating=1, gig_id="g1")

    with committed():
        assert services.review_hide(review_id=review.pk, staff_username="mod") is True

    review.refresh_from_db()
    assert (review.hidden, review.hidden_by) == (True, "mod") and review.hidden_at is not None
    assert [event["name"] for event in published_events] == ["review.hidden"]
    assert published_events[0]["payload"] == {
        "review_id": str(review.pk),
        "order_id": review.order_id,
        "gig_id": "g1",
        "seller_id": review.seller_id,
        "reviewer_id": review.reviewer_id,
        "reviewer_role": "buyer",
        "rating": 1,
    }


def test_hiding_twice_publishes_once(outbox):
    review = ReviewFactory()
    services.review_hide(review_id=review.pk, staff_username="mod")

    assert services.review_hide(review_id=review.pk, staff_username="other") is False
    assert outbox() == ["review.hidden"]
    assert Review.objects.get().hidden_by == "mod"


def test_restoring_shows_the_review_again_and_publishes_review_restored(outbox):
    review = ReviewFactory(hidden=True, hidden_by="mod")

    assert services.review_restore(review_id=review.pk) is True
    assert services.review_restore(review_id=review.pk) is False

    review.refresh_from_db()
    assert (review.hidden, review.hidden_by, review.hidden_at) == (False, "", None)
    assert outbox() == ["review.restored"]


def test_moderating_an_unknown_review_is_404():
    with pytest.raises(NotFound):
        services.review_hide(review_id=12345, staff_username="mod")
    with pytest.raises(NotFound):
        services.review_restore(review_id=12345)
