"""Delete with a confirmation page."""

from http import HTTPStatus

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.test import Client
from mongoadmin_testproject.catalog.documents import Seller
from mongoadmin_testproject.factories import SELLERS, seller

pytestmark = pytest.mark.django_db


def test_get_asks_for_confirmation_and_deletes_nothing(admin_client):
    s = seller()

    response = admin_client.get(f"{SELLERS}{s.pk}/delete/")

    assert response.status_code == HTTPStatus.OK
    assert 'Are you sure you want to delete the seller "amina"?' in response.content.decode()
    assert Seller.objects.count() == 1


def test_post_deletes_logs_and_returns_to_the_list(admin_client):
    s = seller()
    other = seller("bola")

    response = admin_client.post(f"{SELLERS}{s.pk}/delete/", {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND and response["Location"] == SELLERS
    assert list(Seller.objects) == [other]
    entry = LogEntry.objects.get()
    assert (entry.action_flag, entry.object_repr) == (DELETION, "amina")


def test_delete_without_the_csrf_token_is_refused(admin_user):
    s = seller()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)

    response = browser.post(f"{SELLERS}{s.pk}/delete/", {"post": "yes"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Seller.objects.count() == 1


def test_delete_with_the_csrf_token_from_the_confirmation_page(admin_user):
    s = seller()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    token = browser.get(f"{SELLERS}{s.pk}/delete/").context["csrf_token"]

    response = browser.post(f"{SELLERS}{s.pk}/delete/", {"post": "yes", "csrfmiddlewaretoken": str(token)})

    assert response.status_code == HTTPStatus.FOUND
    assert Seller.objects.count() == 0


def test_deleting_a_missing_document_goes_back_to_the_list(admin_client):
    response = admin_client.post(f"{SELLERS}000000000000000000000000/delete/")

    assert response.status_code == HTTPStatus.FOUND and response["Location"] == SELLERS
