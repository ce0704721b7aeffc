from django.core.management import call_command

from gigs.search import SearchQuery, get_backend


def test_search_reindex_rebuilds_the_listings(seller, published_events):
    from gigs.tests.factories import make_gig
    from shared import mongo

    gig = make_gig(seller, title="I will knit you a warm scarf")
    mongo.database()["gig_search"].delete_many({})

    call_command("search_reindex", stdout=open("/dev/null", "w"))

    assert get_backend().search(SearchQuery(q="scarf")).ids == [str(gig.pk)]
