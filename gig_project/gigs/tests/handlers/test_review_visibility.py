"""review.hidden / review.restored: a hidden buyer review's stars leave its gig's rating until restored."""

from datetime import datetime, timedelta, timezone

from gigs.documents import AppliedReview, Gig
from gigs.tests.factories import make_gig
from shared.events.contracts import ReviewCreated, ReviewHidden, ReviewRestored


def _facts(gig, review_id, rating, role):
    return {
        "review_id": review_id,
        "order_id": f"o-{review_id}",
        "gig_id": str(gig.pk),
        "seller_id": gig.seller_id,
        "reviewer_id": "buyer-1",
        "reviewer_role": role,
        "rating": rating,
    }


def created(gig, review_id="rev-1", rating=4, role="buyer"):
    return ReviewCreated(**_facts(gig, review_id, rating, role), reviewer_username="erin")


def hidden(gig, review_id="rev-1", rating=4, role="buyer"):
    return ReviewHidden(**_facts(gig, review_id, rating, role))


def restored(gig, review_id="rev-1", rating=4, role="buyer"):
    return ReviewRestored(**_facts(gig, review_id, rating, role))


def at(envelope, seconds):
    """The envelope as if it happened ``seconds`` after a fixed moment (to deliver out of order)."""
    moment = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc) + timedelta(seconds=seconds)
    return {**envelope, "occurred_at": moment.isoformat()}


def totals(gig):
    stored = Gig.objects.get(id=gig.pk)
    return stored.ratings_count, stored.rating_sum, dict(stored.rating_categories)


def stars(**counts):
    return {str(star): counts.get(f"s{star}", 0) for star in range(1, 6)}


def test_hiding_a_buyer_review_subtracts_its_stars(deliver, envelope_of, gig, published_events):
    deliver(envelope_of(created(gig, "rev-1", 4)))
    deliver(envelope_of(created(gig, "rev-2", 5)))
    published_events.clear()

    assert deliver(envelope_of(hidden(gig, "rev-1", 4))) == 1

    assert totals(gig) == (1, 5, stars(s5=1))
    assert Gig.objects.get(id=gig.pk).average_rating == 5.0
    assert [event["name"] for event in published_events] == ["gig.updated"]


def test_restoring_adds_the_stars_back(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 4)))
    deliver(envelope_of(created(gig, "rev-2", 5)))
    deliver(envelope_of(hidden(gig, "rev-1", 4)))

    deliver(envelope_of(restored(gig, "rev-1", 4)))

    assert totals(gig) == (2, 9, stars(s4=1, s5=1))
    assert AppliedReview.objects.get(review_id="rev-1").hidden is False


def test_replayed_events_change_nothing(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 3)))
    hide, restore = at(envelope_of(hidden(gig, "rev-1", 3)), 0), at(envelope_of(restored(gig, "rev-1", 3)), 0.0002)
    deliver(hide)
    deliver(restore)

    assert deliver(hide) == 0
    assert deliver(restore) == 0
    assert totals(gig) == (1, 3, stars(s3=1))


def test_hiding_twice_subtracts_once(deliver, envelope_of, gig, published_events):
    deliver(envelope_of(created(gig, "rev-1", 4)))
    deliver(envelope_of(created(gig, "rev-2", 2)))
    deliver(envelope_of(hidden(gig, "rev-1", 4)))
    published_events.clear()

    # Another event id for the same hide (a producer retry): handled, but the review is already out.
    assert deliver(envelope_of(hidden(gig, "rev-1", 4))) == 1

    assert totals(gig) == (1, 2, stars(s2=1))
    assert published_events == []


def test_restoring_a_visible_review_adds_nothing(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 4)))

    deliver(envelope_of(restored(gig, "rev-1", 4)))

    assert totals(gig) == (1, 4, stars(s4=1))


def test_a_hide_that_overtakes_the_creation_leaves_the_review_uncounted(deliver, envelope_of, gig):
    deliver(envelope_of(hidden(gig, "rev-1", 4)))
    assert totals(gig) == (0, 0, stars())

    deliver(envelope_of(created(gig, "rev-1", 4)))
    assert totals(gig) == (0, 0, stars())

    deliver(envelope_of(restored(gig, "rev-1", 4)))
    assert totals(gig) == (1, 4, stars(s4=1))


def test_a_hide_and_restore_both_before_the_creation_count_it_once(deliver, envelope_of, gig):
    deliver(envelope_of(hidden(gig, "rev-1", 5)))
    deliver(envelope_of(restored(gig, "rev-1", 5)))

    deliver(envelope_of(created(gig, "rev-1", 5)))
    deliver(envelope_of(created(gig, "rev-1", 5)))

    assert totals(gig) == (1, 5, stars(s5=1))


def test_an_older_hide_delivered_after_a_newer_restore_is_ignored(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 4)))

    deliver(at(envelope_of(restored(gig, "rev-1", 4)), 60))
    deliver(at(envelope_of(hidden(gig, "rev-1", 4)), 0))

    assert totals(gig) == (1, 4, stars(s4=1))
    assert AppliedReview.objects.get(review_id="rev-1").hidden is False


def test_an_older_restore_delivered_after_a_newer_hide_is_ignored(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 4)))
    deliver(at(envelope_of(hidden(gig, "rev-1", 4)), 0))
    deliver(at(envelope_of(hidden(gig, "rev-1", 4)), 120))

    deliver(at(envelope_of(restored(gig, "rev-1", 4)), 60))

    assert totals(gig) == (0, 0, stars())


def test_seller_reviews_are_ignored(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 5)))

    assert deliver(envelope_of(hidden(gig, "rev-2", 1, role="seller"))) == 1
    deliver(envelope_of(restored(gig, "rev-2", 1, role="seller")))

    assert totals(gig) == (1, 5, stars(s5=1))
    assert AppliedReview.objects(review_id="rev-2").count() == 0


def test_hiding_a_review_of_a_deleted_gig_is_ignored(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 5)))
    gig.delete()

    assert deliver(envelope_of(hidden(gig, "rev-1", 5))) == 1

    assert AppliedReview.objects.get(review_id="rev-1").hidden is False


def test_a_review_counted_before_hiding_existed_can_be_hidden(deliver, envelope_of, gig):
    deliver(envelope_of(created(gig, "rev-1", 4)))
    # Records written before this change carry none of the state fields.
    AppliedReview._get_collection().update_one(
        {"_id": "rev-1"}, {"$unset": {"awaiting_creation": "", "hidden": "", "visibility_at_us": ""}}
    )

    deliver(envelope_of(hidden(gig, "rev-1", 4)))
    assert totals(gig) == (0, 0, stars())
    deliver(envelope_of(created(gig, "rev-1", 4)))
    assert totals(gig) == (0, 0, stars())


def test_hiding_moves_the_gig_down_the_top_list(deliver, envelope_of, api, seller):
    good = make_gig(seller, title="I will write a catchy slogan today")
    best = make_gig(seller, title="I will write a catchy slogan tonight")
    deliver(envelope_of(created(good, "rev-1", 4)))
    deliver(envelope_of(created(best, "rev-2", 5)))

    def top():
        response = api.get(f"/api/v1/gigs/top/{good.category}")
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert top() == [str(best.pk), str(good.pk)]
    deliver(envelope_of(hidden(best, "rev-2", 5)))
    assert top() == [str(good.pk), str(best.pk)]
    deliver(envelope_of(restored(best, "rev-2", 5)))
    assert top() == [str(best.pk), str(good.pk)]
