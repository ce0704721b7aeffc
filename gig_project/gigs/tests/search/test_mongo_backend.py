"""The MongoDB backend against the real store: listings, sequence, sync between processes."""

from decimal import Decimal

from gigs.search import SearchQuery
from gigs.search.mongo import LISTINGS, MongoSearchBackend, listing_terms
from gigs.services import gig_delete, gig_update
from gigs.tests.factories import make_gig
from shared import mongo
from shared.testing.tokens import token_user


def test_a_field_weighs_by_where_the_word_appears(seller, published_events):
    gig = make_gig(seller, title="I will design a logo", tags=["logo"], description="Any logo you need")

    weights = listing_terms(gig)

    assert weights["logo"] == 5 + 4 + 1
    assert weights["graphic"] == 3  # from the category's name
    assert "will" not in weights


def test_a_second_process_sees_writes_made_by_the_first(seller, published_events):
    other_process = MongoSearchBackend()
    gig = make_gig(seller, title="I will compose a jingle for you")
    assert other_process.search(SearchQuery(q="jingle")).ids == [str(gig.pk)]

    gig_update(user=token_user(seller.user_id), gig_id=str(gig.pk), changes={"title": "I will compose a theme song"})
    assert other_process.search(SearchQuery(q="jingle")).ids == []
    assert other_process.search(SearchQuery(q="theme")).ids == [str(gig.pk)]

    gig_delete(user=token_user(seller.user_id), gig_id=str(gig.pk))
    assert other_process.search(SearchQuery(q="theme")).total == 0


def test_listings_carry_sequence_numbers_and_tombstones(seller, published_events):
    gig = make_gig(seller)
    gig_delete(user=token_user(seller.user_id), gig_id=str(gig.pk))

    listing = mongo.database()[LISTINGS].find_one({"_id": str(gig.pk)})

    assert listing["listed"] is False
    assert listing["seq"] == 2


def test_rebuild_rewrites_listings_from_the_gigs_and_processes_reload(seller, published_events):
    backend = MongoSearchBackend()
    kept = make_gig(seller, title="I will proofread your thesis", price=Decimal("40"))
    make_gig(seller, title="I will proofread your essay")
    backend.search(SearchQuery(q="proofread"))
    mongo.database()[LISTINGS].delete_many({})

    assert backend.rebuild() == 2
    assert backend.search(SearchQuery(q="thesis")).ids == [str(kept.pk)]
    assert MongoSearchBackend().search(SearchQuery(q="proofread")).total == 2


def test_a_wiped_store_is_noticed(seller, published_events):
    backend = MongoSearchBackend()
    make_gig(seller, title="I will narrate your audiobook")
    assert backend.search(SearchQuery(q="audiobook")).total == 1

    for name in (LISTINGS, "gig_search_state"):
        mongo.database()[name].delete_many({})

    assert backend.search(SearchQuery(q="audiobook")).total == 0


def test_category_counts_follow_pauses(seller, published_events):
    backend = MongoSearchBackend()
    gig = make_gig(seller, category="data")
    assert backend.category_counts() == {"data": 1}

    gig_update(user=token_user(seller.user_id), gig_id=str(gig.pk), changes={"active": False})

    assert backend.category_counts() == {}
