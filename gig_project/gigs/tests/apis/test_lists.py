from http import HTTPStatus

import pytest

from gigs.ratings import gig_apply_review
from gigs.services import gig_set_active
from gigs.tests.factories import make_gig
from shared.testing.tokens import token_user


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_the_seller_sees_their_gigs_newest_first_filtered_by_active(as_bob, seller, other_seller, published_events):
    first = make_gig(seller, title="I will write your product descriptions")
    second = make_gig(seller, title="I will write your blog articles fast")
    make_gig(other_seller, title="I will write someone else's content")
    gig_set_active(user=token_user(seller.user_id), gig_id=str(first.pk), active=False)

    everything = as_bob.get(f"/api/v1/gigs/seller/{seller.seller_id}")
    active = as_bob.get(f"/api/v1/gigs/seller/{seller.seller_id}", {"active": "true"})
    paused = as_bob.get(f"/api/v1/gigs/seller/{seller.seller_id}", {"active": "false"})

    assert titles(everything) == [second.title, first.title]
    assert everything.json()["total"] == 2
    assert titles(active) == [second.title]
    assert titles(paused) == [first.title]


@pytest.mark.parametrize("viewer", ["anonymous", "another user"])
def test_others_see_only_a_sellers_active_gigs(api, as_carol, seller, published_events, viewer):
    client = api if viewer == "anonymous" else as_carol
    paused = make_gig(seller, title="I will write your product descriptions")
    live = make_gig(seller, title="I will write your blog articles fast")
    gig_set_active(user=token_user(seller.user_id), gig_id=str(paused.pk), active=False)

    everything = client.get(f"/api/v1/gigs/seller/{seller.seller_id}")
    asked_for_paused = client.get(f"/api/v1/gigs/seller/{seller.seller_id}", {"active": "false"})

    assert titles(everything) == [live.title]
    assert asked_for_paused.json() == {"items": [], "total": 0}


def test_a_seller_without_gigs_has_an_empty_list(api):
    response = api.get("/api/v1/gigs/seller/nobody")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"items": [], "total": 0}


def test_the_active_filter_must_be_a_boolean(api):
    response = api.get("/api/v1/gigs/seller/x", {"active": "perhaps"})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "active" in response.json()["fields"]


def test_categories_list_every_category_with_its_active_gig_count(api, seller, published_events):
    make_gig(seller, category="data")
    make_gig(seller, category="data")
    paused = make_gig(seller, category="business")
    gig_set_active(user=token_user(seller.user_id), gig_id=str(paused.pk), active=False)

    response = api.get("/api/v1/gigs/categories")

    counts = {item["slug"]: item["gig_count"] for item in response.json()["items"]}
    assert counts["data"] == 2
    assert counts["business"] == 0
    assert response.json()["total"] == len(counts) >= 10
    assert {"slug": "data", "name": "Data", "gig_count": 2} in response.json()["items"]


def test_a_category_lists_its_active_gigs_newest_first_with_pages(api, seller, published_events):
    made = [make_gig(seller, category="music-audio", title=f"I will mix and master song number {n}") for n in range(3)]
    make_gig(seller, category="data")

    first_page = api.get("/api/v1/gigs/category/music-audio", {"size": 2})
    second_page = api.get("/api/v1/gigs/category/Music & Audio", {"size": 2, "page": 2})

    assert titles(first_page) == [made[2].title, made[1].title]
    assert first_page.json()["total"] == 3
    assert titles(second_page) == [made[0].title]


def test_an_unknown_category_is_404(api):
    for path in ("/api/v1/gigs/category/nope", "/api/v1/gigs/top/nope"):
        response = api.get(path)
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert response.json()["code"] == "category_not_found"


@pytest.mark.parametrize("params", [{"page": 0}, {"size": 0}, {"size": 51}, {"page": "x"}])
def test_bad_paging_is_refused(api, params):
    response = api.get("/api/v1/gigs/category/data", params)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert set(response.json()["fields"]) & {"page", "size"}


def test_top_ranks_by_average_rating_then_by_number_of_ratings(api, seller, published_events):
    good = make_gig(seller, category="photography", title="I will edit your photos like a pro")
    best_but_few = make_gig(seller, category="photography", title="I will retouch your portrait photos")
    best_and_many = make_gig(seller, category="photography", title="I will shoot your product photos")
    unrated = make_gig(seller, category="photography", title="I will restore your old family photos")
    for review_id, gig, rating in [
        ("r1", good, 4),
        ("r2", best_but_few, 5),
        ("r3", best_and_many, 5),
        ("r4", best_and_many, 5),
    ]:
        gig_apply_review(review_id=review_id, gig_id=str(gig.pk), rating=rating)

    response = api.get("/api/v1/gigs/top/photography")

    assert titles(response) == [best_and_many.title, best_but_few.title, good.title, unrated.title]
    assert response.json()["items"][0]["average_rating"] == 5.0
    assert api.get("/api/v1/gigs/top/photography", {"size": 1}).json()["total"] == 1


def test_similar_gigs_share_the_category_and_words_and_exclude_the_gig_itself(api, seller, published_events):
    gig = make_gig(seller, title="I will design a minimalist logo", tags=["logo", "minimalist"])
    close = make_gig(seller, title="I will create a minimalist logo for startups", tags=["logo", "minimalist"])
    loose = make_gig(seller, title="I will draw a mascot logo", tags=["mascot"])
    make_gig(seller, title="I will design brochures and flyers", tags=["flyer"], sub_categories=["Print"])
    make_gig(seller, category="data", title="I will clean your minimalist logo dataset", tags=["logo"])

    response = api.get(f"/api/v1/gigs/{gig.pk}/similar")

    assert titles(response)[:2] == [close.title, loose.title]
    assert str(gig.pk) not in [item["id"] for item in response.json()["items"]]
    assert all(item["category"] == "graphics-design" for item in response.json()["items"])


def test_similar_of_a_missing_gig_is_404(api):
    assert api.get("/api/v1/gigs/6b0700000000000000000000/similar").status_code == HTTPStatus.NOT_FOUND
