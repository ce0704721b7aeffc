"""Issue 10: the shared hostile bodies (shared.testing.nasty) against one JSON route of this service,
and hostile page numbers against one of its lists: each a 4xx JSON answer naming the field, never a 5xx."""

import pytest

from shared.testing.nasty import JSON, NASTY_PAGES, assert_refused, nasty_bodies

VALID = {"message": "Here is the work.", "files": ["https://files.example.com/work.zip"]}


@pytest.mark.parametrize("case", nasty_bodies(VALID, field="message"), ids=str)
def test_nasty_bodies_to_the_hand_parsed_deliver_route_are_a_4xx(order, as_seller, case):
    url = f"/api/v1/orders/{order['id']}/deliver"

    assert_refused(as_seller.post(url, case.body, content_type=JSON), case)


def test_the_nesting_bomb_to_deliver_is_a_400_not_a_recursion_error(order, as_seller):
    response = as_seller.post(
        f"/api/v1/orders/{order['id']}/deliver", b"[" * 100_000 + b"]" * 100_000, content_type=JSON
    )

    assert assert_refused(response)["code"] == "json_too_deep"


@pytest.mark.parametrize("page", NASTY_PAGES)
def test_page_numbers_are_bounded(as_buyer, page):
    assert_refused(as_buyer.get("/api/v1/orders/buyer/me", {"page": page}))
