"""Issue 10: the shared hostile bodies (shared.testing.nasty) against one JSON route of this service,
and hostile page numbers against one of its lists: each a 4xx JSON answer naming the field, never a 5xx."""

import pytest

from shared.testing.nasty import JSON, NASTY_PAGES, assert_refused, nasty_bodies

pytestmark = pytest.mark.django_db

# This service has no JSON-body route: its JSON input is the socket's frames
# (tests/sockets/test_nasty_frames.py) and its list's query.


@pytest.mark.parametrize("page", NASTY_PAGES)
def test_page_numbers_are_bounded(api, page):
    assert_refused(api.as_user().get("/api/v1/notifications", {"page": page}))


@pytest.mark.parametrize("case", nasty_bodies({"anything": "x"}, field="anything")[:3], ids=str)
def test_a_body_sent_to_a_route_without_one_is_never_parsed_into_a_crash(api, case):
    response = api.as_user().post("/api/v1/notifications/read-all", case.body, content_type=JSON)

    assert response.status_code < 500
