"""Registration, the index beside SQL models, and the permission convention."""

from http import HTTPStatus

import pytest
from django.contrib.admin import AdminSite
from django.contrib.admin.exceptions import AlreadyRegistered
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from mongoadmin_testproject.catalog.documents import Seller
from mongoengine import Document, StringField

from shared import mongoadmin
from shared.mongoadmin.permissions import sync_permissions

pytestmark = pytest.mark.django_db


def test_index_lists_documents_beside_sql_models(admin_client):
    html = admin_client.get("/admin/mongoadmin/").content.decode()

    assert 'href="/admin/mongoadmin/catalog/note/"' in html  # the SQL model
    assert 'href="/admin/mongoadmin/catalog/seller/"' in html
    assert 'href="/admin/mongoadmin/catalog/seller/add/"' in html
    assert 'href="/admin/mongoadmin/catalog/gig/"' in html
    assert 'href="/admin/mongoadmin/inbox/message/"' in html


def test_app_index_of_an_app_holding_only_documents(admin_client):
    response = admin_client.get("/admin/mongoadmin/inbox/")

    assert response.status_code == HTTPStatus.OK
    assert [m["object_name"] for m in response.context["app_list"][0]["models"]] == ["Message"]


def test_app_index_mixes_models_and_documents_in_name_order(admin_client):
    response = admin_client.get("/admin/mongoadmin/catalog/")

    assert [m["name"] for m in response.context["app_list"][0]["models"]] == ["Gigs", "Notes", "Sellers"]


def test_migrate_created_four_permissions_per_document():
    codenames = set(Permission.objects.filter(content_type__app_label="mongoadmin").values_list("codename", flat=True))

    for document in ("catalog_seller", "catalog_gig", "inbox_message"):
        assert {f"{action}_{document}" for action in ("view", "add", "change", "delete")} <= codenames


def test_permission_sync_is_idempotent():
    assert sync_permissions(mongoadmin.site.document_admins()) == 0


def test_permission_names_read_well_in_the_pickers():
    permission = Permission.objects.get(codename="change_catalog_seller")

    assert str(permission) == "Mongo admin | Mongo document | Can change catalog seller"


def test_registering_twice_is_refused():
    with pytest.raises(AlreadyRegistered):
        mongoadmin.site.register(Seller)


def test_an_option_naming_no_field_is_refused_at_registration():
    site = mongoadmin.MongoAdminSite(admin_site=AdminSite(name="probe"))

    with pytest.raises(ImproperlyConfigured, match="nickname"):
        site.register(Seller, search_fields=["nickname"])
    assert not site.is_registered(Seller)


@pytest.mark.parametrize("option", ["list_display", "readonly_fields"])
def test_columns_and_readonly_names_must_be_fields_or_methods(option):
    site = mongoadmin.MongoAdminSite(admin_site=AdminSite(name="probe"))

    with pytest.raises(ImproperlyConfigured, match="neither a field nor a method"):
        site.register(Seller, **{option: ["username", "popularity"]})


def test_a_document_outside_every_app_needs_an_app_label():
    class Stray(Document):
        name = StringField()
        meta = {"collection": "strays"}

    Stray.__module__ = "somewhere.else"
    site = mongoadmin.MongoAdminSite(admin_site=AdminSite(name="probe"))

    with pytest.raises(ImproperlyConfigured, match="app_label"):
        site.register(Stray)
    assert site.register(Stray, app_label="inbox").app_label == "inbox"


def test_a_document_may_not_take_the_url_of_a_sql_model():
    class Note(Document):
        text = StringField()
        meta = {"collection": "notes_clash"}

    Note.__module__ = "mongoadmin_testproject.catalog.documents"
    site = mongoadmin.MongoAdminSite()

    with pytest.raises(ImproperlyConfigured, match="share its admin URL"):
        site.register(Note)
