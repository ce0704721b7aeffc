from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model

from gigs.documents import Gig

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(api, client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "a-long-password")
    client.force_login(user)
    return api


def test_staff_see_the_gig_list(staff, gig):
    response = staff.get("/admin/gig/gigs/gig/")

    assert response.status_code == HTTPStatus.OK
    assert gig.title in response.content.decode()


def test_staff_see_the_seller_list(staff, seller):
    response = staff.get("/admin/gig/gigs/seller/")

    assert response.status_code == HTTPStatus.OK
    assert seller.username in response.content.decode()


def test_a_staff_edit_goes_through_the_service_and_publishes(staff, gig, published_events):
    from shared import mongoadmin

    gig_admin = mongoadmin.site._registry[Gig]
    form = type("ChangedForm", (), {"changed_data": ["title"]})()
    gig.title = "I will design an award winning logo"

    gig_admin.save_document(None, gig, form, True)

    assert Gig.objects.get(id=gig.pk).title == "I will design an award winning logo"
    assert published_events[-1]["name"] == "gig.updated"


def test_a_staff_delete_goes_through_the_service(staff, gig, published_events):
    from shared import mongoadmin

    mongoadmin.site._registry[Gig].delete_document(None, gig)

    assert Gig.objects(id=gig.pk).count() == 0
    assert published_events[-1]["name"] == "gig.deleted"


def test_visitors_are_sent_to_the_login_page(api, gig):
    response = api.get("/admin/gig/gigs/gig/")

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/gig/login/" in response["Location"]
