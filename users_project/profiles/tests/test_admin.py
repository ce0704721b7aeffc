"""Buyers and sellers in the staff admin (shared.mongoadmin), reached through the gateway."""

from http import HTTPStatus

import pytest

from profiles.documents import Seller
from profiles.tests.factories import BuyerFactory, SellerFactory

pytestmark = pytest.mark.django_db

BUYERS = "/admin/users/profiles/buyer/"
SELLERS = "/admin/users/profiles/seller/"


@pytest.fixture
def staff(api, client, admin_user):
    client.force_login(admin_user)
    return api


def form_values(response) -> dict:
    """What the browser posts back for the change form as shown (checkboxes only when ticked)."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    return {**data, "_save": "Save"}


@pytest.mark.parametrize(
    ("url", "make", "shown"), [(BUYERS, BuyerFactory, "username"), (SELLERS, SellerFactory, "full_name")]
)
def test_the_list_pages_render_for_staff(staff, url, make, shown):
    profiles = [make(), make()]

    response = staff.get(url)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for profile in profiles:
        assert getattr(profile, shown) in html


def test_the_admin_index_lists_both_documents(staff):
    html = staff.get("/admin/users/").content.decode()

    assert BUYERS in html and SELLERS in html


def test_anonymous_visitors_are_sent_to_the_login(api):
    response = api.get(SELLERS)

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/users/login/" in response["Location"]


def test_the_admin_needs_the_gateway_too(client, admin_user):
    client.force_login(admin_user)

    assert client.get(SELLERS).status_code == HTTPStatus.UNAUTHORIZED


def test_profiles_are_not_added_or_deleted_in_the_admin(staff):
    seller = SellerFactory()

    assert staff.get(f"{SELLERS}add/").status_code == HTTPStatus.FORBIDDEN
    assert staff.get(f"{SELLERS}{seller.pk}/delete/").status_code == HTTPStatus.FORBIDDEN
    assert Seller.objects.count() == 1


def test_a_staff_edit_goes_through_the_service(staff, published_events):
    seller = SellerFactory(full_name="Old Name", total_gigs=4)
    assert staff.get(f"/api/v1/sellers/{seller.pk}").json()["full_name"] == "Old Name"
    page = staff.get(f"{SELLERS}{seller.pk}/change/")

    response = staff.post_multipart(f"{SELLERS}{seller.pk}/change/", {**form_values(page), "full_name": "Fixed Name"})

    assert response.status_code == HTTPStatus.FOUND
    stored = Seller.objects.get(pk=seller.pk)
    assert (stored.full_name, stored.total_gigs) == ("Fixed Name", 4)
    assert [event["name"] for event in published_events] == ["users.seller.updated"]
    assert staff.get(f"/api/v1/sellers/{seller.pk}").json()["full_name"] == "Fixed Name"


def test_a_staff_correction_of_a_buyer_is_visible_on_the_next_read(staff):
    buyer = BuyerFactory(user_id="7", country="Portugal")
    me = staff.as_user(user_id="7")
    assert me.get("/api/v1/buyers/me").json()["country"] == "Portugal"
    page = staff.get(f"{BUYERS}{buyer.pk}/change/")

    response = staff.post_multipart(f"{BUYERS}{buyer.pk}/change/", {**form_values(page), "country": "Spain"})

    assert response.status_code == HTTPStatus.FOUND
    assert me.get("/api/v1/buyers/me").json()["country"] == "Spain"
