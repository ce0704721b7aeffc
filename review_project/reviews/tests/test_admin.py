from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission, User

from reviews.models import Review
from reviews.tests.factories import CompletedOrderFactory, PlacedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db

REVIEWS = "/admin/review/reviews/review/"


@pytest.fixture
def staff(client):
    """A staff member allowed to view and moderate reviews (not a superuser)."""
    user = User.objects.create_user("mod", password="unused-password", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="reviews",
            codename__in=[
                "view_review",
                "change_review",
                "view_completedorder",
                "view_placedorder",
            ],
        )
    )
    client.force_login(user)
    return user


def test_staff_search_reviews_by_text_and_by_order_id(api, staff):
    wanted = ReviewFactory(review="Rude and insulting words", order=CompletedOrderFactory(order_id="o-77"))
    ReviewFactory(review="Lovely work")

    by_text = api.get(REVIEWS, {"q": "insulting"})
    by_order = api.get(REVIEWS, {"q": "o-77"})

    assert by_text.status_code == by_order.status_code == HTTPStatus.OK
    for response in (by_text, by_order):
        assert response.context["cl"].result_count == 1
        assert list(response.context["cl"].result_list) == [wanted]


def test_staff_filter_reviews_by_hidden_role_and_rating(api, staff):
    ReviewFactory(hidden=True, rating=1)
    ReviewFactory(reviewer_role="seller", rating=3)
    ReviewFactory(rating=3)

    hidden = api.get(REVIEWS, {"hidden__exact": "1"})
    sellers = api.get(REVIEWS, {"reviewer_role__exact": "seller"})
    three_stars = api.get(REVIEWS, {"rating": "3"})

    assert hidden.context["cl"].result_count == 1
    assert sellers.context["cl"].result_count == 1
    assert three_stars.context["cl"].result_count == 2


def test_staff_hide_a_review_with_the_action_and_the_event_goes_out(api, staff, outbox):
    abusive = ReviewFactory()
    fine = ReviewFactory()

    response = api.post_multipart(REVIEWS, {"action": "hide_reviews", "_selected_action": [abusive.pk]})

    assert response.status_code == HTTPStatus.FOUND
    abusive.refresh_from_db(), fine.refresh_from_db()
    assert (abusive.hidden, abusive.hidden_by, fine.hidden) == (True, "mod", False)
    assert outbox() == ["review.hidden"]
    assert api.get(f"/api/v1/reviews/{abusive.pk}").status_code == HTTPStatus.NOT_FOUND


def test_staff_restore_a_hidden_review(api, staff, outbox):
    review = ReviewFactory(hidden=True)

    api.post_multipart(REVIEWS, {"action": "restore_reviews", "_selected_action": [review.pk]})

    assert Review.objects.get().hidden is False
    assert outbox() == ["review.restored"]


def test_a_review_cannot_be_added_edited_or_deleted_in_the_admin(api, staff):
    review = ReviewFactory(rating=2, review="Original words")

    add = api.get(f"{REVIEWS}add/")
    delete = api.get(f"{REVIEWS}{review.pk}/delete/")
    edit = api.post_multipart(f"{REVIEWS}{review.pk}/change/", {"rating": 5, "review": "Forged"})

    assert add.status_code == delete.status_code == HTTPStatus.FORBIDDEN
    assert edit.status_code in (HTTPStatus.FOUND, HTTPStatus.OK)
    assert (Review.objects.get().rating, Review.objects.get().review) == (2, "Original words")


def test_staff_without_the_change_permission_cannot_hide(api, staff, outbox):
    staff.user_permissions.remove(Permission.objects.get(codename="change_review"))
    review = ReviewFactory()

    api.post_multipart(REVIEWS, {"action": "hide_reviews", "_selected_action": [review.pk]})

    assert Review.objects.get().hidden is False
    assert outbox() == []


def test_staff_search_and_filter_orders(api, staff):
    CompletedOrderFactory(order_id="o-5", buyer_id="77")
    CompletedOrderFactory(order_id="o-6")
    PlacedOrderFactory(order_id="o-9", buyer_username="carol")

    completed = api.get("/admin/review/reviews/completedorder/", {"q": "77"})
    placed = api.get("/admin/review/reviews/placedorder/", {"q": "carol"})

    assert [o.order_id for o in completed.context["cl"].result_list] == ["o-5"]
    assert [o.order_id for o in placed.context["cl"].result_list] == ["o-9"]


def test_order_rows_are_read_only(api, staff):
    order = CompletedOrderFactory()

    assert api.get("/admin/review/reviews/completedorder/add/").status_code == HTTPStatus.FORBIDDEN
    assert api.get(f"/admin/review/reviews/completedorder/{order.pk}/delete/").status_code == HTTPStatus.FORBIDDEN


def test_a_signed_in_user_who_is_not_staff_is_sent_to_the_login(api, client):
    client.force_login(User.objects.create_user("eve", password="unused-password"))

    response = api.get(REVIEWS)

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/review/login/" in response["Location"]
