"""The detail page: showing, editing with validation, adding."""

import json
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.messages import get_messages
from mongoadmin_testproject.catalog.documents import Gig, Seller
from mongoadmin_testproject.factories import GIGS, SELLERS, change_url, form_data, full_seller, gig, seller

pytestmark = pytest.mark.django_db


def test_detail_shows_every_field(admin_client):
    s = full_seller()

    response = admin_client.get(change_url(SELLERS, s))

    assert response.status_code == HTTPStatus.OK
    form = response.context["form"]
    assert form["username"].value() == "wanjiru"
    assert form["earnings"].value() == Decimal("120.50")
    assert form["skills"].value() == "django\nmongodb"
    assert json.loads(form["address"].value()) == {"city": "Nairobi", "zip_code": "00100"}
    assert json.loads(form["languages"].value()) == [{"name": "Swahili", "level": "native"}]
    assert json.loads(form["social"].value()) == {"github": "wanjiru"}
    assert response.context["readonly"] == [("Id", str(s.pk))]


def test_edit_saves_and_logs_what_changed(admin_client):
    s = full_seller()
    data = form_data(
        s,
        email="new@example.com",
        skills="go, rust",
        address=json.dumps({"city": "Mombasa"}),
        languages=json.dumps([{"name": "English", "level": "fluent"}]),
        social=json.dumps({"x": "@w"}),
    )

    response = admin_client.post(change_url(SELLERS, s), data)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == SELLERS
    s.reload()
    assert (s.email, s.skills, s.address.city, s.address.zip_code) == (
        "new@example.com",
        ["go", "rust"],
        "Mombasa",
        None,
    )
    assert (s.languages[0].name, s.social) == ("English", {"x": "@w"})
    entry = LogEntry.objects.get()
    assert entry.action_flag == CHANGE and entry.object_id == f"catalog.seller:{s.pk}"
    assert set(json.loads(entry.change_message)[0]["changed"]["fields"]) >= {"email", "skills", "address"}


def test_blank_optional_fields_are_unset(admin_client):
    s = full_seller()

    admin_client.post(change_url(SELLERS, s), form_data(s, website="", rating="", address=""))

    raw = Seller._get_collection().find_one({"_id": s.pk})
    assert "website" not in raw and "rating" not in raw and "address" not in raw


def test_save_and_continue_stays_on_the_page(admin_client):
    s = seller()

    response = admin_client.post(change_url(SELLERS, s), form_data(s, _continue="1"))

    assert response["Location"] == change_url(SELLERS, s)
    assert "was changed successfully" in str(list(get_messages(response.wsgi_request))[0])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("username", "", "This field is required."),
        ("username", "u" * 31, "at most 30 characters"),
        ("country", "FR", "Select a valid choice."),
        ("rating", "7", "less than or equal to 5"),
        ("jobs_completed", "-1", "greater than or equal to 0"),
        ("jobs_completed", "many", "Enter a whole number."),
        ("earnings", "1.234", "no more than 2 decimal places"),
        ("website", "not a url", "Enter a valid URL."),
        ("skills", "ok\n" + "s" * 31, "Item 2"),
        ("address", "{city: 1}", "Enter valid JSON"),
        ("address", '["Nairobi"]', "Enter an object in JSON."),
        ("address", '{"city": "Nairobi", "planet": "Mars"}', "planet"),
        ("address", '{"city": "Nairobi", "zip_code": "abc"}', "zip_code"),
        ("address", '{"zip_code": "00100"}', "city"),
        ("languages", '{"name": "x"}', "Enter a list in JSON."),
        ("languages", '[{"name": "Swahili", "level": "expert"}]', "level"),
        ("joined_at", "yesterday", "Enter a valid date/time."),
    ],
)
def test_each_bad_value_is_named_on_its_field_and_nothing_is_saved(admin_client, field, value, message):
    s = full_seller()

    response = admin_client.post(change_url(SELLERS, s), form_data(s, **{field: value}))

    assert response.status_code == HTTPStatus.OK
    assert message in " ".join(response.context["form"].errors[field])
    assert Seller._get_collection().find_one({"_id": s.pk})["email"] == "wanjiru@example.com"
    assert not LogEntry.objects.exists()


def test_the_documents_own_clean_rule_is_shown_at_the_top(admin_client):
    s = seller(country=None)

    response = admin_client.post(change_url(SELLERS, s), form_data(s, is_verified="on"))

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].non_field_errors() == ["A verified seller needs a country."]
    assert "A verified seller needs a country." in response.content.decode()
    s.reload()
    assert s.is_verified is False


def test_a_taken_unique_value_is_a_form_error(admin_client):
    seller("amina")
    bola = seller("bola")

    response = admin_client.post(change_url(SELLERS, bola), form_data(bola, username="amina"))

    assert response.status_code == HTTPStatus.OK
    assert "unique" in response.context["form"].non_field_errors()[0]
    assert Seller.objects(username="amina").count() == 1


def test_add_a_document(admin_client):
    response = admin_client.get(f"{SELLERS}add/")
    assert "username" in response.context["form"].fields and "id" not in response.context["form"].fields

    data = {
        "username": "zawadi",
        "email": "z@example.com",
        "skills": "design",
        "jobs_completed": "0",
        "earnings": "0",
        "languages": "",
        "social": "",
        "joined_at": "2024-05-01 10:00:00",
        "_save": "1",
    }
    response = admin_client.post(f"{SELLERS}add/", data)

    assert response.status_code == HTTPStatus.FOUND
    created = Seller.objects.get(username="zawadi")
    assert (created.skills, created.languages, created.joined_at.isoformat()) == (
        ["design"],
        [],
        "2024-05-01T10:00:00+00:00",
    )
    assert LogEntry.objects.get().action_flag == ADDITION


def test_add_with_errors_creates_nothing(admin_client):
    response = admin_client.post(f"{SELLERS}add/", {"username": "", "email": "bad", "_save": "1"})

    assert response.status_code == HTTPStatus.OK
    assert set(response.context["form"].errors) >= {"username", "email"}
    assert Seller.objects.count() == 0


def test_add_another_returns_to_an_empty_form(admin_client):
    data = {"subject": "Hello", "_addanother": "1"}

    response = admin_client.post("/admin/mongoadmin/inbox/message/add/", data)

    assert response["Location"] == "/admin/mongoadmin/inbox/message/add/"


def test_a_string_primary_key_is_asked_on_add_and_fixed_afterwards(admin_client):
    owner = seller()
    data = {"slug": "seo-audit", "title": "SEO audit", "seller": str(owner.pk), "price": "50.00", "status": "draft"}

    response = admin_client.post(f"{GIGS}add/", data)

    assert response.status_code == HTTPStatus.FOUND
    created = Gig.objects.get(pk="seo-audit")
    assert created.seller == owner and created.price == Decimal("50.00")
    form = admin_client.get(f"{GIGS}seo-audit/change/").context["form"]
    assert "slug" not in form.fields and "tags" not in form.fields  # the id and a readonly field
    assert form["seller"].value() == str(owner.pk)


def test_readonly_methods_of_the_options_class_show_on_the_detail_page(admin_client):
    g = gig(price=Decimal("20.00"))

    readonly = admin_client.get(change_url(GIGS, g)).context["readonly"]

    assert readonly[-1] == ("Price with the 10% fee", "22.00")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("seller", "000000000000000000000000", "There is no Seller with id"),
        ("seller", "not-an-id", "There is no Seller with id"),
        ("slug", "Not A Slug", "expected format"),
        ("price", "1.00", "greater than or equal to 5"),
        ("status", "sold", "Select a valid choice."),
    ],
)
def test_gig_bad_values(admin_client, field, value, message):
    owner = seller()
    data = {"slug": "seo-audit", "title": "SEO audit", "seller": str(owner.pk), "price": "50.00", "status": "draft"}

    response = admin_client.post(f"{GIGS}add/", {**data, field: value})

    assert message in " ".join(response.context["form"].errors[field])
    assert Gig.objects.count() == 0


def test_editing_keeps_the_id_and_the_readonly_fields(admin_client):
    g = gig(tags=["logo", "brand"])
    data = {
        "title": "New title",
        "seller": str(g.seller.pk),
        "price": "30",
        "status": "paused",
        "slug": "hijack",
        "tags": "x",
    }

    admin_client.post(change_url(GIGS, g), data)

    g.reload()
    assert (g.title, g.status, g.tags) == ("New title", "paused", ["logo", "brand"])
    assert Gig.objects.count() == 1


def test_an_unknown_or_malformed_id_goes_back_to_the_list_with_a_message(admin_client):
    for object_id in ("000000000000000000000000", "not-an-object-id"):
        response = admin_client.get(f"{SELLERS}{object_id}/change/")

        assert response.status_code == HTTPStatus.FOUND and response["Location"] == SELLERS
        assert "doesn’t exist" in str(list(get_messages(response.wsgi_request))[-1])


def test_the_bare_object_url_redirects_to_its_change_page(admin_client):
    s = seller()

    response = admin_client.get(f"{SELLERS}{s.pk}/")

    assert response.status_code == HTTPStatus.FOUND and response["Location"] == change_url(SELLERS, s)
