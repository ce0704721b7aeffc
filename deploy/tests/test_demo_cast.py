"""The demo cast is valid input for the public API, so `manage_all.py seed` never stops half-way on it."""

import re

from deploy.local.demo_cast import BUYERS, DEMO_PASSWORD, ORDERS, SELLERS, email_of, gig_payload
from deploy.local.demo_seed import Person

CATEGORIES = {
    "graphics-design",
    "digital-marketing",
    "writing-translation",
    "video-animation",
    "music-audio",
    "programming-tech",
    "photography",
    "data",
    "business",
    "ai-services",
}


def test_every_demo_username_is_marked_and_valid_and_unique():
    names = [person["username"] for person in [*SELLERS, *BUYERS]]

    assert len(names) == len(set(names))
    for name in names:
        assert name.startswith("demo_") and re.fullmatch(r"[A-Za-z0-9_-]{3,30}", name), name
        assert email_of(name).endswith("@demo.example.com")
    assert len(DEMO_PASSWORD) >= 10


def test_every_gig_respects_the_gig_rules():
    for seller in SELLERS:
        for gig in seller["gigs"]:
            payload = gig_payload(gig)
            assert 10 <= len(payload["title"]) <= 100 and 20 <= len(payload["description"]) <= 1200
            assert 3 <= len(payload["basic_title"]) <= 60 and 10 <= len(payload["basic_description"]) <= 200
            assert payload["category"] in CATEGORIES and 1 <= len(payload["sub_categories"]) <= 5
            assert payload["price"] >= 5 and 1 <= payload["expected_delivery_days"] <= 90
            assert 0 <= payload["revisions"] <= 10


def test_every_order_names_a_demo_buyer_and_an_existing_gig_once():
    sellers = {seller["username"]: seller for seller in SELLERS}
    buyers = {buyer["username"] for buyer in BUYERS}

    for buyer, seller, index, stars, review in ORDERS:
        assert buyer in buyers and seller in sellers and index < len(sellers[seller]["gigs"])
        assert 1 <= stars <= 5 and review.strip()
    # The seed finds an earlier run's order by (buyer, gig): each pair may appear once.
    assert len({(buyer, seller, index) for buyer, seller, index, *_ in ORDERS}) == len(ORDERS)


def test_each_person_has_their_own_documentation_address():
    addresses = {Person("http://gateway", p["username"], n).address for n, p in enumerate([*SELLERS, *BUYERS])}

    assert len(addresses) == len(SELLERS) + len(BUYERS)
    assert all(address.startswith("192.0.2.") for address in addresses)
