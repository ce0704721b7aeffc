from gigs.documents import AppliedReview, Gig, Seller
from shared.events.contracts import ReviewCreated, SellerCreated, SellerUpdated


def seller_created(**overrides):
    values = {"seller_id": "s-1", "user_id": "u-1", "username": "dana", "full_name": "Dana D"}
    values.update(overrides)
    return SellerCreated(**values)


def review(gig, review_id="rev-1", rating=4, role="buyer"):
    return ReviewCreated(
        review_id=review_id,
        order_id="o-1",
        gig_id=str(gig.pk),
        seller_id=gig.seller_id,
        reviewer_id="buyer-1",
        reviewer_username="erin",
        reviewer_role=role,
        rating=rating,
    )


def test_seller_created_makes_the_user_a_seller(deliver, envelope_of, api):
    assert deliver(envelope_of(seller_created())) == 1

    seller = Seller.objects.get(user_id="u-1")
    assert (seller.seller_id, seller.username, seller.full_name) == ("s-1", "dana", "Dana D")


def test_the_same_event_twice_is_handled_once(deliver, envelope_of):
    envelope = envelope_of(seller_created())

    assert deliver(envelope) == 1
    assert deliver(envelope) == 0
    assert Seller.objects.count() == 1


def test_seller_updated_changes_the_read_model_and_the_username_on_gigs(deliver, envelope_of, published_events):
    from gigs.tests.factories import make_gig

    deliver(envelope_of(seller_created()))
    gig = make_gig(Seller.objects.get(seller_id="s-1"))

    deliver(envelope_of(SellerUpdated(seller_id="s-1", user_id="u-1", username="dana2", full_name="Dana Dee")))

    assert Seller.objects.get(seller_id="s-1").full_name == "Dana Dee"
    assert Gig.objects.get(id=gig.pk).username == "dana2"


def test_an_update_arriving_before_the_creation_still_makes_a_seller(deliver, envelope_of):
    deliver(envelope_of(SellerUpdated(seller_id="s-9", user_id="u-9", username="finn", full_name="Finn")))

    assert Seller.objects.get(user_id="u-9").username == "finn"


def test_a_buyer_review_counts_in_the_gig_rating(deliver, envelope_of, gig, published_events):
    deliver(envelope_of(review(gig, "rev-1", 4)))
    deliver(envelope_of(review(gig, "rev-2", 5)))

    stored = Gig.objects.get(id=gig.pk)
    assert (stored.ratings_count, stored.rating_sum, stored.average_rating) == (2, 9, 4.5)
    assert stored.rating_categories["4"] == 1 and stored.rating_categories["5"] == 1
    assert published_events[-1]["name"] == "gig.updated"


def test_a_review_redelivered_under_another_event_id_counts_once(deliver, envelope_of, gig):
    deliver(envelope_of(review(gig, "rev-1", 5)))
    deliver(envelope_of(review(gig, "rev-1", 5)))

    assert Gig.objects.get(id=gig.pk).ratings_count == 1
    assert AppliedReview.objects.count() == 1


def test_a_sellers_review_of_a_buyer_leaves_the_gig_alone(deliver, envelope_of, gig):
    deliver(envelope_of(review(gig, role="seller")))

    assert Gig.objects.get(id=gig.pk).ratings_count == 0


def test_a_review_of_a_deleted_gig_is_ignored(deliver, envelope_of, gig):
    gig.delete()

    deliver(envelope_of(review(gig)))

    assert AppliedReview.objects.count() == 0


def test_rating_changes_reach_the_search_ranking(deliver, envelope_of, api, seller, published_events):
    from gigs.tests.factories import make_gig

    plain = make_gig(seller, title="I will write a catchy slogan today")
    loved = make_gig(seller, title="I will write a catchy slogan tonight")
    deliver(envelope_of(review(loved, "rev-9", 5)))

    response = api.get("/api/v1/gigs/search", {"q": "slogan"})

    assert [item["id"] for item in response.json()["items"]] == [str(loved.pk), str(plain.pk)]
