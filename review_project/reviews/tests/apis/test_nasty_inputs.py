"""Issue 10: the shared hostile bodies (shared.testing.nasty) against one JSON route of this service,
and hostile page numbers against one of its lists: each a 4xx JSON answer naming the field, never a 5xx."""

import pytest

from reviews.models import Review
from reviews.tests.factories import BUYER_ID, CompletedOrderFactory
from shared.testing.nasty import JSON, NASTY_PAGES, assert_refused, nasty_bodies

pytestmark = pytest.mark.django_db

URL = "/api/v1/reviews"


@pytest.mark.parametrize(
    "case", nasty_bodies({"order_id": "o-1", "rating": 5, "review": "Good"}, field="review"), ids=str
)
def test_nasty_bodies_are_a_4xx_naming_the_field(api, case):
    assert_refused(api.as_user(user_id=BUYER_ID).post(URL, case.body, content_type=JSON), case)


def test_a_nul_in_a_review_is_a_422_and_never_reaches_postgresql(api):
    order = CompletedOrderFactory()

    response = api.as_user(user_id=BUYER_ID).post(
        URL, {"order_id": order.order_id, "rating": 5, "review": "good\u0000buyer"}
    )

    assert response.status_code == 422
    assert "review" in response.json()["fields"]
    assert not Review.objects.exists()


@pytest.mark.parametrize("page", NASTY_PAGES)
def test_page_numbers_are_bounded(api, page):
    assert_refused(api.get("/api/v1/reviews/gig/gig-1", {"page": page}))
