"""The cached public reads (gigs/cache.py): every write, through the API or an event, is seen by the next read."""

from http import HTTPStatus

from gigs import cache
from gigs.documents import Seller
from gigs.tests.factories import make_gig
from shared.events.contracts import ReviewCreated, ReviewHidden, SellerUpdated

SEARCH = "/api/v1/gigs/search"
CATEGORIES = "/api/v1/gigs/categories"


def url(gig):
    return f"/api/v1/gigs/{gig.pk}"


def review(gig, review_id="rev-1", rating=4):
    return ReviewCreated(
        review_id=review_id,
        order_id="o-1",
        gig_id=str(gig.pk),
        seller_id=gig.seller_id,
        reviewer_id="buyer-1",
        reviewer_username="erin",
        reviewer_role="buyer",
        rating=rating,
    )


def found_titles(api, words):
    return [item["title"] for item in api.get(SEARCH, {"q": words}).json()["items"]]


def test_a_cached_page_answers_what_the_service_renders(as_bob, api, gig):
    edited = as_bob.put(url(gig), {"title": "I will design a bold vintage logo"})

    first, second = api.get(url(gig)), api.get(url(gig))  # a miss that fills the cache, then a hit

    assert first.status_code == second.status_code == HTTPStatus.OK
    assert first.content == second.content == edited.content  # byte for byte what Ninja rendered for the PUT
    assert first["Content-Type"] == "application/json"


def test_an_edit_is_seen_by_the_next_read_of_the_page_and_the_search(as_bob, api, gig):
    assert api.get(url(gig)).json()["title"] == gig.title
    assert found_titles(api, "logo") == [gig.title]

    as_bob.put(url(gig), {"title": "I will paint a watercolour portrait", "tags": ["portrait"]})

    assert api.get(url(gig)).json()["title"] == "I will paint a watercolour portrait"
    assert found_titles(api, "logo") == []
    assert found_titles(api, "watercolour") == ["I will paint a watercolour portrait"]


def test_a_pause_is_seen_at_once(as_bob, api, gig):
    assert api.get(url(gig)).json()["active"] is True
    assert found_titles(api, "logo") == [gig.title]
    before = {c["slug"]: c["gig_count"] for c in api.get(CATEGORIES).json()["items"]}[gig.category]

    assert as_bob.put(f"{url(gig)}/active", {"active": False}).status_code == HTTPStatus.OK

    assert api.get(url(gig)).json()["active"] is False
    assert found_titles(api, "logo") == []
    assert {c["slug"]: c["gig_count"] for c in api.get(CATEGORIES).json()["items"]}[gig.category] == before - 1


def test_a_rating_counted_or_uncounted_by_an_event_is_seen_at_once(api, gig, deliver, envelope_of):
    assert api.get(url(gig)).json()["ratings_count"] == 0

    deliver(envelope_of(review(gig, rating=5)))

    page = api.get(url(gig)).json()
    assert (page["ratings_count"], page["rating_sum"]) == (1, 5)
    assert api.get(SEARCH, {"q": "logo"}).json()["items"][0]["ratings_count"] == 1

    deliver(
        envelope_of(
            ReviewHidden(
                review_id="rev-1",
                order_id="o-1",
                gig_id=str(gig.pk),
                seller_id=gig.seller_id,
                reviewer_id="buyer-1",
                reviewer_role="buyer",
                rating=5,
            )
        )
    )

    assert api.get(url(gig)).json()["ratings_count"] == 0


def test_a_new_username_from_the_seller_profile_is_seen_on_the_gig_page(api, deliver, envelope_of, published_events):
    seller = Seller(seller_id="s-1", user_id="u-1", username="dana", full_name="Dana D")
    from gigs.services import seller_upsert

    seller_upsert(seller_id=seller.seller_id, user_id=seller.user_id, username="dana", full_name="Dana D")
    gig = make_gig(Seller.objects.get(seller_id="s-1"))
    assert api.get(url(gig)).json()["username"] == "dana"

    deliver(envelope_of(SellerUpdated(seller_id="s-1", user_id="u-1", username="dana2", full_name="Dana Dee")))

    assert api.get(url(gig)).json()["username"] == "dana2"
    assert api.get(SEARCH, {"q": "logo"}).json()["items"][0]["username"] == "dana2"


def test_a_deleted_gig_is_gone_from_page_and_search(as_bob, api, gig):
    assert api.get(url(gig)).status_code == HTTPStatus.OK
    assert found_titles(api, "logo") == [gig.title]

    assert as_bob.delete(url(gig)).status_code == HTTPStatus.NO_CONTENT

    assert api.get(url(gig)).json()["code"] == "gig_not_found"
    assert found_titles(api, "logo") == []


def test_a_new_gig_is_counted_in_its_category_at_once(api, seller, published_events):
    counts = {c["slug"]: c["gig_count"] for c in api.get(CATEGORIES).json()["items"]}

    make_gig(seller, category="data")

    assert {c["slug"]: c["gig_count"] for c in api.get(CATEGORIES).json()["items"]}["data"] == counts["data"] + 1


def test_a_page_loaded_before_a_write_committed_is_never_served_after_it(as_bob, api, gig):
    """The race a delete-on-write cache loses: a reader stores the old page after the writer's invalidation."""
    old = api.get(url(gig)).content

    def slow_reader_load():
        # This reader read the gig before the edit below; the edit commits and invalidates while it renders.
        as_bob.put(url(gig), {"title": "I will design a bold vintage logo"})
        return {"body": old, "category": gig.category, "seller_user_id": gig.seller_user_id}

    cache.versioned.bump(cache.gig_generation(str(gig.pk)))  # force that reader's miss
    assert cache.gig_page(str(gig.pk), slow_reader_load)["body"] == old  # it answers what it read...

    assert api.get(url(gig)).json()["title"] == "I will design a bold vintage logo"  # ...but never stores it for others


def test_without_redis_the_pages_come_from_the_store(api, as_bob, gig, settings, caplog, monkeypatch):
    from django.core.cache import caches

    from shared import cache as versioned

    monkeypatch.setattr(versioned, "_last_warning", 0.0)

    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}
    }  # nothing listens
    caches["default"].close()
    try:
        assert as_bob.put(url(gig), {"title": "I will design a bold vintage logo"}).status_code == HTTPStatus.OK
        assert api.get(url(gig)).json()["title"] == "I will design a bold vintage logo"
        assert found_titles(api, "vintage") == ["I will design a bold vintage logo"]
        assert "going to the store" in caplog.text
    finally:
        caches["default"].close()
