from io import StringIO

import pytest
from django.core.management import call_command

from profiles.documents import Buyer, Seller
from profiles.tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db


def test_seeding_makes_valid_sellers_out_of_buyers_once(published_events):
    for _ in range(4):
        BuyerFactory()

    call_command("seed_profiles", "--sellers", "3", "--wait", "0", stdout=StringIO())
    call_command("seed_profiles", "--sellers", "3", "--wait", "0", stdout=StringIO())

    assert Seller.objects.count() == 4
    assert Buyer.objects(is_seller=True).count() == 4
    assert len(published_events) == 4
    for seller in Seller.objects:
        seller.validate()
        assert seller.languages and seller.skills and seller.experience[-1].current


def test_seeding_without_buyers_says_what_to_do(published_events):
    out = StringIO()

    call_command("seed_profiles", "--wait", "0", stdout=out)

    assert "No buyer profiles yet" in out.getvalue()
    assert Seller.objects.count() == 0
