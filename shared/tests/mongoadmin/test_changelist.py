"""The list page: ordering, search, filters, paging."""

from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from mongoadmin_testproject.factories import GIGS, SELLERS, gig, seller

pytestmark = pytest.mark.django_db


def usernames(response) -> list[str]:
    return [s.username for s in response.context["cl"].page.object_list]


def test_lists_in_the_documents_order_with_links_to_each(admin_client):
    for name in ("chidi", "amina", "bola"):
        seller(name)

    response = admin_client.get(SELLERS)

    assert response.status_code == HTTPStatus.OK
    assert usernames(response) == ["amina", "bola", "chidi"]
    amina = response.context["cl"].page.object_list[0]
    assert f'href="{SELLERS}{amina.pk}/change/"' in response.content.decode()


def test_choice_fields_show_their_labels(admin_client):
    seller("amina", country="KE")

    html = admin_client.get(SELLERS).content.decode()

    assert "<td>Kenya</td>" in html


def test_method_columns_from_the_options_class(admin_client):
    gig(owner=seller("amina"))

    html = admin_client.get(GIGS).content.decode()

    assert "<span>Seller</span>" in html and "<td>amina</td>" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("AMI", ["amina"]),  # case-insensitive, part of a username
        ("bola@example", ["bola"]),  # another search field
        ("rust", ["chidi"]),  # inside a list of strings
        ("a", ["amina", "bola", "chidi"]),  # chidi by his e-mail
        ("amina rust", []),  # every term must match
        ("bo python", ["bola"]),
        ("zzz", []),
    ],
)
def test_search_across_fields(admin_client, query, expected):
    seller("amina", skills=["python"])
    seller("bola", skills=["python"])
    seller("chidi", email="chidi@mail.test", skills=["rust"])

    assert usernames(admin_client.get(SELLERS, {"q": query})) == expected


def test_search_input_is_text_not_a_pattern(admin_client):
    seller("a.b")
    seller("axb")
    seller("x(y", email="xy@example.com")

    assert usernames(admin_client.get(SELLERS, {"q": "a.b"})) == ["a.b"]
    assert usernames(admin_client.get(SELLERS, {"q": "x(y"})) == ["x(y"]
    assert usernames(admin_client.get(SELLERS, {"q": ".*"})) == []


def test_exact_search_fields_match_whole_values_only(admin_client):
    owner = seller()
    gig("logo-design", owner, title="Branding")
    gig("logo", owner, title="Logos for startups")

    slugs = lambda r: [g.slug for g in r.context["cl"].page.object_list]  # noqa: E731
    assert slugs(admin_client.get(GIGS, {"q": "LOGO"})) == ["logo"]
    assert sorted(slugs(admin_client.get(GIGS, {"q": "brand"}))) == ["logo-design"]


def test_search_shows_result_and_total_counts(admin_client):
    seller("amina")
    seller("bola")

    html = admin_client.get(SELLERS, {"q": "amina"}).content.decode()

    assert "1 result" in html and "2 total" in html


def test_filter_by_choice_and_by_boolean(admin_client):
    seller("amina", country="KE", is_verified=True)
    seller("bola", country="NG")
    seller("chidi", country="KE")

    assert usernames(admin_client.get(SELLERS, {"country": "KE"})) == ["amina", "chidi"]
    assert usernames(admin_client.get(SELLERS, {"is_verified": "1"})) == ["amina"]
    assert usernames(admin_client.get(SELLERS, {"is_verified": "0", "country": "KE"})) == ["chidi"]


def test_filter_and_search_combine_and_links_keep_each_other(admin_client):
    seller("amina", country="KE")
    seller("ayo", country="NG")

    response = admin_client.get(SELLERS, {"country": "NG", "q": "a"})

    assert usernames(response) == ["ayo"]
    links = [c["query_string"] for c in response.context["cl"].filter_specs[1].choices()]
    assert links == ["?country=NG&q=a", "?country=NG&q=a&is_verified=1", "?country=NG&q=a&is_verified=0"]


def test_an_unknown_filter_value_is_ignored_with_a_warning(admin_client):
    seller("amina")

    response = admin_client.get(SELLERS, {"country": "ZZ"})

    assert response.status_code == HTTPStatus.OK
    assert usernames(response) == ["amina"]
    assert ["country" in str(m) for m in get_messages(response.wsgi_request)] == [True]


def test_filter_on_a_plain_field_offers_its_distinct_values(admin_client):
    owner = seller()
    gig("a", owner, status="paused")

    response = admin_client.get(GIGS, {"status": "paused"})

    assert [g.slug for g in response.context["cl"].page.object_list] == ["a"]


def test_paging(admin_client):
    for number in range(12):
        seller(f"user{number:02d}")

    first = admin_client.get(SELLERS)
    third = admin_client.get(SELLERS, {"p": "3"})
    beyond = admin_client.get(SELLERS, {"p": "99"})
    junk = admin_client.get(SELLERS, {"p": "x"})

    assert usernames(first) == [f"user{n:02d}" for n in range(5)]
    assert usernames(third) == ["user10", "user11"]
    assert usernames(beyond) == usernames(third)
    assert usernames(junk) == usernames(first)
    html = first.content.decode()
    assert "12 sellers" in html and 'href="?p=3"' in html


def test_paging_keeps_search_and_filters(admin_client):
    for number in range(7):
        seller(f"user{number}", country="NG")
    seller("other", country="NG")

    response = admin_client.get(SELLERS, {"q": "user", "country": "NG", "p": "2"})

    assert usernames(response) == ["user5", "user6"]
    assert 'href="?q=user&amp;country=NG&amp;p=1"' in response.content.decode()


def test_sorting_by_a_column(admin_client):
    seller("amina", jobs_completed=5)
    seller("bola", jobs_completed=9)
    seller("chidi", jobs_completed=1)

    assert usernames(admin_client.get(SELLERS, {"o": "-jobs_completed"})) == ["bola", "amina", "chidi"]
    assert usernames(admin_client.get(SELLERS, {"o": "jobs_completed"})) == ["chidi", "amina", "bola"]
    assert usernames(admin_client.get(SELLERS, {"o": "password"})) == ["amina", "bola", "chidi"]


def test_empty_list(admin_client):
    html = admin_client.get(SELLERS).content.decode()

    assert "0 sellers" in html and "result_list" not in html


def test_default_columns_show_the_document_itself(admin_client):
    from mongoadmin_testproject.inbox.documents import Message

    message = Message(subject="Hi").save()

    response = admin_client.get("/admin/mongoadmin/inbox/message/")

    assert [h["text"] for h in response.context["cl"].headers()] == ["Message"]
    assert (
        f'<a href="/admin/mongoadmin/inbox/message/{message.pk}/change/">Message object</a>'
        in response.content.decode()
    )
