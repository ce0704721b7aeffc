"""Staff only, and per-document Django permissions (superusers have them all)."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from mongoadmin_testproject.catalog.documents import Seller
from mongoadmin_testproject.factories import SELLERS, change_url, form_data, seller

pytestmark = pytest.mark.django_db

LOGIN = "/admin/mongoadmin/login/"


def pages(s) -> list[str]:
    return [SELLERS, f"{SELLERS}add/", change_url(SELLERS, s), f"{SELLERS}{s.pk}/delete/"]


def test_anonymous_is_sent_to_the_login_page(client):
    s = seller()

    for url in pages(s):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == f"{LOGIN}?next={url}"


def test_anonymous_posts_change_nothing(client):
    s = seller()

    client.post(f"{SELLERS}{s.pk}/delete/", {"post": "yes"})
    client.post(change_url(SELLERS, s), form_data(s, email="evil@example.com"))

    assert Seller.objects.get().email == "amina@example.com"


@pytest.mark.parametrize("flags", [{"is_staff": False}, {"is_staff": True, "is_active": False}])
def test_non_staff_and_inactive_accounts_are_sent_to_login(django_user_model, flags):
    s = seller()
    user = django_user_model.objects.create_user(username="u", password="pw-12345678", is_superuser=True, **flags)
    browser = Client()
    browser.force_login(user)

    for url in pages(s):
        assert browser.get(url)["Location"].startswith(LOGIN)


def test_staff_without_permission_gets_403_and_no_index_entry(staff_client):
    s = seller()

    for url in pages(s):
        assert staff_client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert staff_client.post(f"{SELLERS}{s.pk}/delete/").status_code == HTTPStatus.FORBIDDEN
    assert Seller.objects.count() == 1
    assert "/catalog/seller/" not in staff_client.get("/admin/mongoadmin/").content.decode()


def test_view_permission_is_read_only(staff_client):
    s = seller()
    staff_client.grant("view_catalog_seller")

    listing = staff_client.get(SELLERS)
    detail = staff_client.get(change_url(SELLERS, s))

    assert listing.status_code == HTTPStatus.OK and listing.context["has_add_permission"] is False
    assert "Add seller" not in listing.content.decode()
    assert detail.status_code == HTTPStatus.OK
    assert detail.context["form"].fields == {}
    assert ("Username", "amina") in detail.context["readonly"]
    assert 'name="_save"' not in detail.content.decode()
    assert (
        staff_client.post(change_url(SELLERS, s), form_data(s, email="x@example.com")).status_code
        == HTTPStatus.FORBIDDEN
    )
    assert staff_client.get(f"{SELLERS}add/").status_code == HTTPStatus.FORBIDDEN
    assert staff_client.get(f"{SELLERS}{s.pk}/delete/").status_code == HTTPStatus.FORBIDDEN
    assert Seller.objects.get().email == "amina@example.com"
    index = staff_client.get("/admin/mongoadmin/").content.decode()
    assert f'href="{SELLERS}" class="viewlink"' in index and f'href="{SELLERS}add/"' not in index


def test_change_permission_implies_view_and_allows_saving(staff_client):
    s = seller()
    staff_client.grant("change_catalog_seller")

    assert staff_client.get(SELLERS).status_code == HTTPStatus.OK
    response = staff_client.post(change_url(SELLERS, s), form_data(s, email="new@example.com"))

    assert response.status_code == HTTPStatus.FOUND
    assert Seller.objects.get().email == "new@example.com"
    assert staff_client.get(f"{SELLERS}{s.pk}/delete/").status_code == HTTPStatus.FORBIDDEN


def test_add_permission_alone_allows_only_adding(staff_client):
    staff_client.grant("add_catalog_seller")

    response = staff_client.post(f"{SELLERS}add/", {"username": "neema", "email": "n@example.com", "_save": "1"})

    assert response.status_code == HTTPStatus.FOUND
    assert Seller.objects.get().username == "neema"
    assert staff_client.get(SELLERS).status_code == HTTPStatus.FORBIDDEN


def test_delete_permission(staff_client):
    s = seller()
    staff_client.grant("view_catalog_seller", "delete_catalog_seller")

    assert staff_client.get(f"{SELLERS}{s.pk}/delete/").status_code == HTTPStatus.OK
    assert staff_client.post(f"{SELLERS}{s.pk}/delete/", {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert Seller.objects.count() == 0


def test_permissions_are_per_document(staff_client):
    staff_client.grant("view_catalog_gig", "change_catalog_gig", "add_catalog_gig", "delete_catalog_gig")

    assert staff_client.get("/admin/mongoadmin/catalog/gig/").status_code == HTTPStatus.OK
    assert staff_client.get(SELLERS).status_code == HTTPStatus.FORBIDDEN


def test_permissions_through_a_group(staff_client):
    seller()
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="view_catalog_seller"))
    staff_client.user.groups.add(editors)

    assert staff_client.get(SELLERS).status_code == HTTPStatus.OK


def test_superuser_may_do_everything(admin_client):
    s = seller()

    for url in pages(s):
        assert admin_client.get(url).status_code == HTTPStatus.OK
