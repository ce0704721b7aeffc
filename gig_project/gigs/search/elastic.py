"""The Elasticsearch search backend (elasticsearch-dsl), used when ``ELASTICSEARCH_URL`` is set.

The index follows the gigs: services enqueue ``gigs.search_sync_gig`` once a
gig's transaction commits, and ``manage.py search_reindex`` rebuilds it in bulk.
"""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings
from elasticsearch_dsl import (
    A,
    Boolean,
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Mapping,
    Q,
    ScaledFloat,
    Search,
    Text,
    analyzer,
    token_filter,
)

from gigs.catalogue import CATEGORIES
from gigs.search import SearchPage, SearchQuery
from shared import mongo

GIG_TEXT = analyzer(
    "gig_text",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", token_filter("gig_stop", "stop", stopwords="_english_"), "porter_stem"],
)
logger = logging.getLogger(__name__)

# The same weights as the MongoDB backend, so both rank alike.
SEARCH_FIELDS = [
    "title^5",
    "tags^4",
    "sub_categories^3",
    "category_name^3",
    "basic_title^2",
    "basic_description",
    "description",
]


def build_index(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    mapping = Mapping()
    text = {"analyzer": GIG_TEXT}
    mapping.field("gig_id", Keyword())
    mapping.field("seller_id", Keyword())
    mapping.field("username", Keyword())
    mapping.field("title", Text(**text, fields={"raw": Keyword(ignore_above=256)}))
    mapping.field("description", Text(**text))
    mapping.field("basic_title", Text(**text))
    mapping.field("basic_description", Text(**text))
    mapping.field("category", Keyword())
    mapping.field("category_name", Text(**text))
    mapping.field("sub_categories", Text(**text, fields={"raw": Keyword()}))
    mapping.field("tags", Text(**text, fields={"raw": Keyword()}))
    mapping.field("price", ScaledFloat(scaling_factor=100))
    mapping.field("expected_delivery_days", Integer())
    mapping.field("revisions", Integer())
    mapping.field("active", Boolean())
    mapping.field("average_rating", Float())
    mapping.field("ratings_count", Integer())
    mapping.field("created_at", Date())
    index.mapping(mapping)
    return index


def _sort(query: SearchQuery, has_words: bool) -> list:
    newest = {"created_at": {"order": "desc"}}
    tie = {"gig_id": {"order": "asc"}}  # stable pages
    by_rating = [{"average_rating": {"order": "desc"}}, {"ratings_count": {"order": "desc"}}]
    if query.sort == "newest":
        return [newest, tie]
    if query.sort == "relevance" and has_words:
        return ["_score", *by_rating, newest, tie]
    return [*by_rating, newest, tie]


def build_search(query: SearchQuery, index_name: str) -> Search:
    filters = [Q("term", active=True)]
    if query.category:
        filters.append(Q("term", category=query.category))
    price = {
        key: str(value) for key, value in (("gte", query.min_price), ("lte", query.max_price)) if value is not None
    }
    if price:
        filters.append(Q("range", price=price))
    if query.max_delivery_days is not None:
        filters.append(Q("range", expected_delivery_days={"lte": query.max_delivery_days}))
    words = query.q.strip()
    must = [Q("multi_match", query=words, fields=SEARCH_FIELDS, type="best_fields", tie_breaker=0.3)] if words else []
    must_not = [Q("ids", values=list(query.exclude_ids))] if query.exclude_ids else []
    search = Search(index=index_name).query(Q("bool", must=must, filter=filters, must_not=must_not))
    search = search.sort(*_sort(query, bool(words))).source(False).extra(track_total_hits=True)
    return search[query.offset : query.offset + query.size]


def build_category_counts(index_name: str) -> Search:
    search = Search(index=index_name).filter("term", active=True).extra(size=0)
    search.aggs.bucket("categories", A("terms", field="category", size=len(CATEGORIES) + 10))
    return search


def gig_document(gig) -> dict:
    return {
        "gig_id": str(gig.pk),
        "seller_id": gig.seller_id,
        "username": gig.username,
        "title": gig.title,
        "description": gig.description,
        "basic_title": gig.basic_title,
        "basic_description": gig.basic_description,
        "category": gig.category,
        "category_name": CATEGORIES.get(gig.category, gig.category),
        "sub_categories": list(gig.sub_categories),
        "tags": list(gig.tags),
        "price": str(gig.price),
        "expected_delivery_days": gig.expected_delivery_days,
        "revisions": gig.revisions,
        "active": bool(gig.active),
        "average_rating": gig.average_rating,
        "ratings_count": gig.ratings_count,
        "created_at": gig.created_at.isoformat(),
    }


@cache
def client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=5)


class ElasticsearchBackend:
    name = "elasticsearch"

    @property
    def index_name(self) -> str:
        return settings.GIG_ELASTICSEARCH_INDEX

    def search(self, query: SearchQuery) -> SearchPage:
        response = build_search(query, self.index_name).using(client()).execute()
        return SearchPage(ids=[hit.meta.id for hit in response], total=response.hits.total.value)

    def category_counts(self) -> dict[str, int]:
        response = build_category_counts(self.index_name).using(client()).execute()
        return {bucket.key: bucket.doc_count for bucket in response.aggregations.categories.buckets}

    def index(self, gig) -> None:
        self._enqueue(str(gig.pk))

    def remove(self, gig) -> None:
        self._enqueue(str(gig.pk))

    def _enqueue(self, gig_id: str) -> None:
        # Indexed from the committed gig, so a rolled-back write never reaches the index.
        from gigs.tasks import search_sync_gig

        def send():
            try:
                search_sync_gig.delay(gig_id)
            except Exception:
                logger.exception("could not enqueue the search sync of gig %s", gig_id)

        mongo.on_commit(send)

    def sync_gig(self, gig_id: str) -> None:
        """Make the index say what the store says about one gig."""
        from gigs.documents import Gig

        gig = Gig.objects(id=gig_id).first()
        if gig is None:
            client().options(ignore_status=404).delete(index=self.index_name, id=gig_id)
        else:
            client().index(index=self.index_name, id=gig_id, document=gig_document(gig))

    def rebuild(self) -> int:
        from elasticsearch.helpers import bulk

        from gigs.documents import Gig

        index = build_index(self.index_name)
        if index.exists(using=client()):
            index.delete(using=client())
        index.create(using=client())
        actions = ({"_index": self.index_name, "_id": str(gig.pk), "_source": gig_document(gig)} for gig in Gig.objects)
        indexed, _ = bulk(client(), actions, chunk_size=500)
        client().indices.refresh(index=self.index_name)
        return indexed
