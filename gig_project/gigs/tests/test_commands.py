from django.core.management import call_command

from gigs.documents import Gig, Seller
from gigs.search import SearchQuery, get_backend
from gigs.seeding import seeded


def test_seed_makes_valid_searchable_gigs_and_replaces_its_earlier_data(seller, published_events):
    call_command("seed", "--sellers", "5", "--gigs", "120", stdout=open("/dev/null", "w"))
    call_command("seed", "--sellers", "4", "--gigs", "80", stdout=open("/dev/null", "w"))

    assert Gig.objects(__raw__=seeded()).count() == 80
    assert Seller.objects(__raw__={"_id": seeded()["seller_id"]}).count() == 4
    assert Seller.objects(seller_id=seller.seller_id).count() == 1  # real sellers are left alone
    active = Gig.objects(active=True).count()
    assert get_backend().search(SearchQuery(size=1)).total == active
    for gig in Gig.objects:
        gig.validate()
        assert gig.price >= 5


def test_search_reindex_rebuilds_the_listings(seller, published_events):
    from gigs.tests.factories import make_gig
    from shared import mongo

    gig = make_gig(seller, title="I will knit you a warm scarf")
    mongo.database()["gig_search"].delete_many({})

    call_command("search_reindex", stdout=open("/dev/null", "w"))

    assert get_backend().search(SearchQuery(q="scarf")).ids == [str(gig.pk)]
