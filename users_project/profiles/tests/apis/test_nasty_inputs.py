"""Issue 10: the shared hostile bodies (shared.testing.nasty) against one JSON route of this service,
and hostile page numbers against one of its lists: each a 4xx JSON answer naming the field, never a 5xx."""

import pytest

from shared.testing.nasty import JSON, NASTY_PAGES, assert_refused, nasty_bodies

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers"
VALID = {
    "full_name": "Ann Smith",
    "description": "I build things.",
    "oneliner": "Builder",
    "skills": [],
    "languages": [],
    "response_time": 2,
}


@pytest.mark.parametrize("case", nasty_bodies(VALID, field="full_name"), ids=str)
def test_nasty_bodies_are_a_4xx_naming_the_field(api, case):
    assert_refused(api.as_user().post(URL, case.body, content_type=JSON), case)


@pytest.mark.parametrize("size", NASTY_PAGES)
def test_sizes_are_bounded(api, size):
    assert_refused(api.get("/api/v1/sellers/random", {"size": size}))
