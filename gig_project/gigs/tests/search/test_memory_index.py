from decimal import Decimal

from gigs.search import SearchQuery
from gigs.search.memory import MemoryIndex


def listing(gig_id, seq=1, listed=True, **overrides):
    entry = {
        "_id": gig_id,
        "seq": seq,
        "listed": listed,
        "category": "data",
        "price_cents": 1000,
        "delivery_days": 3,
        "rating": 0.0,
        "ratings_count": 0,
        "created": float(seq),
        "terms": {"sql": 5},
    }
    entry.update(overrides)
    return entry


def test_an_older_version_never_overwrites_a_newer_one():
    index = MemoryIndex()
    index.apply(listing("g1", seq=5, terms={"python": 5}))
    index.apply(listing("g1", seq=3, terms={"sql": 5}))

    assert index.search(SearchQuery(q="python"), ["python"]).ids == ["g1"]
    assert index.search(SearchQuery(q="sql"), ["sql"]).ids == []


def test_an_unlisted_version_removes_the_gig_from_every_posting():
    index = MemoryIndex()
    index.apply(listing("g1", seq=1))
    index.apply(listing("g1", seq=2, listed=False))

    assert index.postings == {}
    assert index.category_counts() == {}


def test_price_bounds_are_inclusive_and_exact_to_the_cent():
    index = MemoryIndex()
    index.apply(listing("cheap", price_cents=999))
    index.apply(listing("exact", seq=2, price_cents=1000))

    page = index.search(SearchQuery(min_price=Decimal("10.00")), [])

    assert page.ids == ["exact"]


def test_relevance_ties_fall_to_rating_then_rating_count():
    index = MemoryIndex()
    index.apply(listing("few", seq=1, rating=5.0, ratings_count=1))
    index.apply(listing("many", seq=2, rating=5.0, ratings_count=9))
    index.apply(listing("low", seq=3, rating=3.0, ratings_count=50))

    assert index.search(SearchQuery(q="sql"), ["sql"]).ids == ["many", "few", "low"]
