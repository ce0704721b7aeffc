"""Issue 10: the shared hostile bodies (shared.testing.nasty) against one JSON route of this service,
and hostile page numbers against one of its lists: each a 4xx JSON answer naming the field, never a 5xx."""

import pytest

from shared.testing.nasty import JSON, NASTY_PAGES, assert_refused, nasty_bodies

URL = "/api/v1/chat/messages"


@pytest.mark.parametrize("case", nasty_bodies({"receiver_username": "bob", "body": "Hi"}, field="body"), ids=str)
def test_nasty_bodies_are_a_4xx_naming_the_field(as_alice, bob, published_events, case):
    assert_refused(as_alice.post(URL, case.body, content_type=JSON), case)


@pytest.mark.parametrize("page", NASTY_PAGES)
def test_page_numbers_are_bounded(as_alice, page):
    assert_refused(as_alice.get("/api/v1/chat/conversations", {"page": page}))
