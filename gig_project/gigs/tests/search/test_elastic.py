"""The Elasticsearch backend's mapping and queries, built without a server."""

from datetime import datetime, timezone
from decimal import Decimal

from gigs.documents import Gig
from gigs.search import SearchQuery, backend_name
from gigs.search.elastic import build_category_counts, build_index, build_search, gig_document


def test_the_mapping_analyses_text_and_keeps_filters_exact():
    mapping = build_index("gigs").to_dict()
    properties = mapping["mappings"]["properties"]

    assert properties["title"]["type"] == "text" and properties["title"]["analyzer"] == "gig_text"
    assert properties["tags"]["fields"]["raw"]["type"] == "keyword"
    assert properties["category"]["type"] == "keyword"
    assert properties["price"] == {"type": "scaled_float", "scaling_factor": 100}
    assert properties["active"]["type"] == "boolean"
    analysis = mapping["settings"]["analysis"]
    assert analysis["analyzer"]["gig_text"]["filter"] == ["lowercase", "asciifolding", "gig_stop", "porter_stem"]


def test_a_full_query_weighs_fields_filters_and_pages():
    query = SearchQuery(
        q="logo design",
        category="graphics-design",
        min_price=Decimal("10.50"),
        max_price=Decimal("99"),
        max_delivery_days=3,
        exclude_ids=("g1",),
        page=3,
        size=5,
    )

    body = build_search(query, "gigs").to_dict()

    boolean = body["query"]["bool"]
    assert boolean["must"][0]["multi_match"]["query"] == "logo design"
    assert boolean["must"][0]["multi_match"]["fields"][:2] == ["title^5", "tags^4"]
    assert {"term": {"active": True}} in boolean["filter"]
    assert {"term": {"category": "graphics-design"}} in boolean["filter"]
    assert {"range": {"price": {"gte": "10.50", "lte": "99"}}} in boolean["filter"]
    assert {"range": {"expected_delivery_days": {"lte": 3}}} in boolean["filter"]
    assert boolean["must_not"] == [{"ids": {"values": ["g1"]}}]
    assert body["sort"][0] == "_score"
    assert (body["from"], body["size"], body["_source"], body["track_total_hits"]) == (10, 5, False, True)


def test_without_words_active_gigs_sort_by_rating():
    body = build_search(SearchQuery(), "gigs").to_dict()

    assert "must" not in body["query"]["bool"]
    assert body["sort"][0] == {"average_rating": {"order": "desc"}}
    assert build_search(SearchQuery(sort="newest"), "gigs").to_dict()["sort"][0] == {"created_at": {"order": "desc"}}


def test_category_counts_aggregate_active_gigs():
    body = build_category_counts("gigs").to_dict()

    assert body["size"] == 0
    assert body["aggs"]["categories"]["terms"]["field"] == "category"
    assert body["query"]["bool"]["filter"] == [{"term": {"active": True}}]


def test_the_indexed_document_keeps_price_exact():
    gig = Gig(
        seller_id="s",
        seller_user_id="u",
        username="n",
        title="I will design a logo",
        description="d",
        basic_title="b",
        basic_description="bd",
        category="graphics-design",
        sub_categories=["Logo"],
        tags=["logo"],
        price=Decimal("12.50"),
        expected_delivery_days=2,
        created_at=datetime(2025, 1, 1, tzinfo=timezone.utc),
    )

    document = gig_document(gig)

    assert document["price"] == "12.50"
    assert document["category_name"] == "Graphics & Design"


def test_the_backend_is_chosen_by_settings(settings):
    settings.GIG_SEARCH_BACKEND = "auto"
    settings.ELASTICSEARCH_URL = ""
    assert backend_name() == "mongo"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    assert backend_name() == "elasticsearch"
    settings.GIG_SEARCH_BACKEND = "mongo"
    assert backend_name() == "mongo"
