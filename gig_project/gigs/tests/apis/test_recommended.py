from http import HTTPStatus

import pytest

from gigs.documents import Gig
from gigs.interests import interest_categories
from gigs.tests.factories import make_gig
from shared.events.contracts import OrderCreated

URL = "/api/v1/gigs/recommended"


@pytest.fixture
def catalogue(seller, other_seller, published_events):
    """Bob sells logos (one well rated) and Carol sells SEO and videos."""
    gigs = {
        "logo": make_gig(seller),
        "rated_logo": make_gig(seller, title="I will draw a beautiful mascot logo"),
        "seo": make_gig(other_seller, title="I will do on page SEO for your site", category="digital-marketing"),
        "video": make_gig(other_seller, title="I will edit your YouTube videos", category="video-animation"),
    }
    Gig.objects(id=gigs["video"].pk).update_one(set__ratings_count=3, set__rating_sum=15)
    from gigs.search import get_backend

    get_backend().index(Gig.objects.get(id=gigs["video"].pk))
    return {name: str(gig.pk) for name, gig in gigs.items()}


def _ids(response):
    assert response.status_code == HTTPStatus.OK, response.json()
    return [item["id"] for item in response.json()["items"]]


def test_anonymous_callers_get_the_top_gigs(api, catalogue):
    ids = _ids(api.get(URL))

    assert ids[0] == catalogue["video"]  # the only rated one
    assert set(ids) == set(catalogue.values())


def test_a_searched_category_comes_first(api, catalogue):
    alice = api.as_user(user_id="1", username="alice")
    alice.get("/api/v1/gigs/search", {"category": "digital-marketing"})

    ids = _ids(alice.get(URL))

    assert ids[0] == catalogue["seo"]
    assert interest_categories(user_id="1") == ["digital-marketing"]


def test_a_search_by_words_counts_its_best_matchs_category(api, catalogue):
    alice = api.as_user(user_id="1", username="alice")
    alice.get("/api/v1/gigs/search", {"q": "mascot"})

    assert interest_categories(user_id="1") == ["graphics-design"]
    assert set(_ids(alice.get(URL, {"size": 2}))) == {catalogue["logo"], catalogue["rated_logo"]}


def test_the_most_recent_interest_leads_and_each_category_counts_once(api, catalogue):
    alice = api.as_user(user_id="1", username="alice")
    alice.get("/api/v1/gigs/search", {"category": "digital-marketing"})
    alice.get(f"/api/v1/gigs/{catalogue['logo']}")
    alice.get("/api/v1/gigs/search", {"category": "digital-marketing"})

    assert interest_categories(user_id="1") == ["digital-marketing", "graphics-design"]
    ids = _ids(alice.get(URL, {"size": 3}))
    assert ids[0] == catalogue["seo"] and set(ids[1:]) == {catalogue["logo"], catalogue["rated_logo"]}


def test_what_a_buyer_bought_counts(api, catalogue, deliver, envelope_of):
    event = OrderCreated(
        order_id="o1",
        gig_id=catalogue["video"],
        seller_id="seller-carol",
        buyer_id="1",
        seller_user_id="8",
        buyer_username="alice",
        seller_username="carol",
        price="20.00",
        delivery_due_at="2030-01-01T00:00:00+00:00",
    )

    deliver(envelope_of(event))

    assert interest_categories(user_id="1") == ["video-animation"]


def test_a_seller_is_never_recommended_their_own_gigs(as_bob, catalogue):
    as_bob.get("/api/v1/gigs/search", {"category": "graphics-design"})

    ids = _ids(as_bob.get(URL))

    assert catalogue["logo"] not in ids and catalogue["rated_logo"] not in ids
    assert set(ids) == {catalogue["seo"], catalogue["video"]}


def test_a_signed_in_user_with_no_history_gets_the_top_gigs(api, catalogue):
    assert _ids(api.as_user(user_id="1", username="alice").get(URL))[0] == catalogue["video"]


@pytest.mark.parametrize("size", [0, 51, "many"])
def test_a_bad_size_is_422(api, size):
    response = api.get(URL, {"size": size})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "size" in str(response.json()["fields"])


def test_a_forged_token_is_treated_as_anonymous(api, catalogue):
    assert _ids(api.get(URL, HTTP_AUTHORIZATION="Bearer forged"))[0] == catalogue["video"]
