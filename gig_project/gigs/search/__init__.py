"""Gig search behind one interface, with two backends.

Elasticsearch (``search/elastic.py``) serves when ``ELASTICSEARCH_URL`` is
set; otherwise the MongoDB backend (``search/mongo.py``) does. Services call
``index``/``remove`` inside the gig's transaction; selectors call ``search``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Protocol

SORTS = ("relevance", "rating", "newest")


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    category: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    max_delivery_days: int | None = None
    exclude_ids: tuple[str, ...] = ()
    sort: str = "relevance"  # without words to match, relevance falls back to rating
    page: int = 1
    size: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


@dataclass(frozen=True)
class SearchPage:
    ids: list[str]
    total: int


class SearchBackend(Protocol):
    name: str

    def search(self, query: SearchQuery) -> SearchPage: ...

    def index(self, gig) -> None: ...

    def remove(self, gig) -> None: ...

    def category_counts(self) -> dict[str, int]: ...

    def rebuild(self) -> int: ...


def backend_name() -> str:
    from django.conf import settings

    choice = settings.GIG_SEARCH_BACKEND
    if choice == "auto":
        return "elasticsearch" if settings.ELASTICSEARCH_URL else "mongo"
    if choice not in ("mongo", "elasticsearch"):
        raise ValueError(f"GIG_SEARCH_BACKEND must be auto, mongo or elasticsearch, not {choice!r}")
    return choice


@cache
def _backend(name: str) -> SearchBackend:
    if name == "elasticsearch":
        from gigs.search.elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    from gigs.search.mongo import MongoSearchBackend

    return MongoSearchBackend()


def get_backend() -> SearchBackend:
    return _backend(backend_name())
