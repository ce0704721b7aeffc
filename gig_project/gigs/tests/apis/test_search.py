from decimal import Decimal
from http import HTTPStatus

import pytest

from gigs.services import gig_set_active
from gigs.tests.factories import make_gig
from shared.testing.tokens import token_user

URL = "/api/v1/gigs/search"


def titles(response):
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def catalogue(seller, published_events):
    return {
        "logo": make_gig(seller, title="I will design a modern logo", tags=["logo"], price=Decimal("50")),
        "logo_in_text": make_gig(
            seller,
            title="I will design your brand identity",
            tags=["branding"],
            description="Business cards, colours and a logo as part of the brand package.",
            price=Decimal("120"),
        ),
        "wordpress": make_gig(
            seller,
            title="I will build your WordPress website",
            category="programming-tech",
            sub_categories=["Website Development"],
            tags=["wordpress", "website"],
            price=Decimal("300"),
            expected_delivery_days=10,
        ),
        "seo": make_gig(
            seller,
            title="I will do on page SEO for your website",
            category="digital-marketing",
            sub_categories=["SEO"],
            tags=["seo"],
            price=Decimal("15"),
            expected_delivery_days=2,
        ),
    }


def test_matches_rank_title_above_description(api, catalogue):
    response = api.get(URL, {"q": "logos"})

    assert response.status_code == HTTPStatus.OK
    assert titles(response) == [catalogue["logo"].title, catalogue["logo_in_text"].title]
    assert response.json()["total"] == 2
    assert response.json()["page"] == 1 and response.json()["size"] == 20


def test_gigs_matching_more_words_come_first(api, catalogue):
    response = api.get(URL, {"q": "website seo"})

    assert titles(response) == [catalogue["seo"].title, catalogue["wordpress"].title]


def test_sub_categories_and_category_names_are_searched(api, catalogue):
    assert titles(api.get(URL, {"q": "website development"}))[0] == catalogue["wordpress"].title
    assert titles(api.get(URL, {"q": "marketing"})) == [catalogue["seo"].title]


def test_filters_narrow_the_results(api, catalogue):
    cases = [
        ({"q": "website", "category": "Digital Marketing"}, [catalogue["seo"].title]),
        ({"q": "website", "min_price": "100"}, [catalogue["wordpress"].title]),
        ({"q": "website", "max_price": "15.00"}, [catalogue["seo"].title]),
        ({"q": "website", "max_delivery_days": 5}, [catalogue["seo"].title]),
        ({"q": "logo", "min_price": "100", "max_price": "200"}, [catalogue["logo_in_text"].title]),
    ]
    for params, expected in cases:
        assert titles(api.get(URL, params)) == expected, params


def test_an_empty_query_lists_every_active_gig_best_rated_first(api, catalogue):
    response = api.get(URL)

    assert response.json()["total"] == 4


def test_paused_gigs_are_not_found_until_resumed(api, seller, catalogue):
    user = token_user(seller.user_id)
    gig_set_active(user=user, gig_id=str(catalogue["seo"].pk), active=False)
    assert titles(api.get(URL, {"q": "seo"})) == []

    gig_set_active(user=user, gig_id=str(catalogue["seo"].pk), active=True)
    assert titles(api.get(URL, {"q": "seo"})) == [catalogue["seo"].title]


def test_pages_do_not_overlap(api, seller, published_events):
    for n in range(5):
        make_gig(seller, title=f"I will translate document number {n}", tags=["translation"])

    pages = [titles(api.get(URL, {"q": "translation", "size": 2, "page": page})) for page in (1, 2, 3)]

    assert [len(page) for page in pages] == [2, 2, 1]
    assert len({title for page in pages for title in page}) == 5


def test_words_no_gig_uses_find_nothing(api, catalogue):
    response = api.get(URL, {"q": "zeppelin"})

    assert response.json() == {"items": [], "total": 0, "page": 1, "size": 20}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"min_price": "cheap"}, "min_price"),
        ({"min_price": "-1"}, "min_price"),
        ({"max_delivery_days": 0}, "max_delivery_days"),
        ({"page": 0}, "page"),
        ({"size": 500}, "size"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_are_named(api, params, field):
    response = api.get(URL, params)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]


def test_an_unknown_category_or_an_upside_down_price_range_is_400(api):
    unknown = api.get(URL, {"category": "nope"})
    upside_down = api.get(URL, {"min_price": "50", "max_price": "10"})

    assert unknown.status_code == HTTPStatus.BAD_REQUEST and "category" in unknown.json()["fields"]
    assert upside_down.status_code == HTTPStatus.BAD_REQUEST and "max_price" in upside_down.json()["fields"]


def test_search_needs_the_gateway(client):
    assert client.get(URL).status_code == HTTPStatus.UNAUTHORIZED
