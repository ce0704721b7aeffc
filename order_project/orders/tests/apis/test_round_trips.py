"""What the hot order reads cost in MongoDB round trips: a new one fails here before it slows every page.

Pinned with PyMongo's command monitoring (shared.testing.roundtrips), the MongoDB assertNumQueries.
These tests have no SQL database access, so a PostgreSQL query on these routes would fail them too.
"""

from orders.tests.factories import make_gig
from shared.testing.roundtrips import recorded


def test_my_orders_on_one_page_cost_one_find(order, as_buyer):
    with recorded() as recording:
        body = as_buyer.get("/api/v1/orders/buyer/me").json()

    assert recording.names == ["find orders"]
    assert body["total"] == 1


def test_a_page_of_more_orders_costs_the_find_and_a_count(gig, place, as_buyer, published_events):
    for number in range(3):
        place(make_gig(seller_user_id=f"8{number}", seller_id=f"seller-{number}", seller_username=f"dan{number}"))

    with recorded() as first:
        first_page = as_buyer.get("/api/v1/orders/buyer/me", {"size": 2}).json()
    with recorded() as last:
        last_page = as_buyer.get("/api/v1/orders/buyer/me", {"size": 2, "page": 2}).json()

    assert first.names == last.names == ["find orders", "aggregate orders"]
    assert (first_page["total"], len(first_page["items"])) == (3, 2)
    assert (last_page["total"], len(last_page["items"])) == (3, 1)


def test_an_order_costs_one_find(order, as_seller):
    with recorded() as recording:
        as_seller.get(f"/api/v1/orders/{order['id']}")

    assert recording.names == ["find orders"]
