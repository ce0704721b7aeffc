"""What the hot gig reads cost in MongoDB round trips: a new one fails here before it slows every page.

Pinned with PyMongo's command monitoring (shared.testing.roundtrips), the MongoDB assertNumQueries.
"""

from shared.testing.roundtrips import recorded


def test_a_gig_page_costs_one_find_then_none_until_the_gig_changes(api, as_bob, gig):
    url = f"/api/v1/gigs/{gig.pk}"
    with recorded() as first:
        api.get(url)
    with recorded() as then:
        api.get(url)
    as_bob.put(url, {"title": "I will design a bold vintage logo"})
    with recorded() as after_the_edit:
        api.get(url)

    assert first.names == ["find gigs"]
    assert then.names == []
    assert after_the_edit.names == ["find gigs"]


def test_a_search_costs_the_index_sync_and_one_find_then_none_until_a_gig_changes(api, seller, gig, published_events):
    from gigs.tests.factories import make_gig

    with recorded() as first:
        api.get("/api/v1/gigs/search", {"q": "logo"})
    with recorded() as then:
        api.get("/api/v1/gigs/search", {"q": "logo"})
    make_gig(seller, title="I will draw a logo mascot")
    with recorded() as after_a_new_gig:
        api.get("/api/v1/gigs/search", {"q": "logo"})

    # The search state (one lookup by id), the listings written since this process last looked, the page's gigs.
    assert first.names == ["find gig_search_state", "find gig_search", "find gigs"]
    assert then.names == []
    assert after_a_new_gig.names == ["find gig_search_state", "find gig_search", "find gigs"]


def test_a_signed_in_search_costs_no_more_in_mongodb(api, gig):
    as_erin = api.as_user(user_id="42", username="erin")
    as_erin.get("/api/v1/gigs/search", {"q": "logo"})

    with recorded() as recording:
        as_erin.get("/api/v1/gigs/search", {"q": "logo"})

    assert recording.names == []  # what erin looks for goes to Redis (gigs/interests.py)


def test_the_category_list_costs_nothing_once_cached(api, gig):
    api.get("/api/v1/gigs/categories")

    with recorded() as recording:
        api.get("/api/v1/gigs/categories")

    assert recording.names == []
