"""Issue 10: the shared hostile bodies (shared.testing.nasty) against one JSON route of this service,
and hostile page numbers against one of its lists: each a 4xx JSON answer naming the field, never a 5xx."""

import pytest

from shared.testing.nasty import JSON, NASTY_PAGES, assert_refused, nasty_bodies

URL = "/api/v1/gigs"


@pytest.mark.parametrize("case", nasty_bodies({"title": "I will build your API"}, field="title"), ids=str)
def test_nasty_bodies_are_a_4xx_naming_the_field(as_bob, case):
    assert_refused(as_bob.post(URL, case.body, content_type=JSON), case)


@pytest.mark.parametrize("page", NASTY_PAGES)
def test_page_numbers_are_bounded(api, page):
    assert_refused(api.get("/api/v1/gigs/search", {"q": "api", "page": page}))


def test_a_nul_in_the_search_text_is_a_422_naming_it(api):
    response = api.get("/api/v1/gigs/search", {"q": "a\u0000b"})

    assert response.status_code == 422
    assert "q" in response.json()["fields"]
