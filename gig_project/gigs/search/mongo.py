"""The MongoDB search backend, for when Elasticsearch is not configured.

The MongoDB stand-in has no ``$text``, and any query that touches thousands
of documents is slow there (about 0.1 ms per document scanned, ~1 s for a
broad ``$in`` + ``$setIntersection`` ranking over 10k gigs). So the store
holds one small *listing* per gig in ``gig_search`` (weighted terms and the
filter fields), written in the gig's own transaction with a sequence number
taken from a counter document; each process keeps an inverted index of the
listings in memory and, before every search, reads the counter (one lookup
by id) and applies only the listings written since. Searches stay a couple of
milliseconds over 10k gigs while MongoDB remains the only source of truth.
See gig_project/docs/decisions/0001-search-without-elasticsearch.md.
"""

from __future__ import annotations

import threading
import uuid

from pymongo import ReturnDocument

from gigs.catalogue import CATEGORIES
from gigs.search import SearchPage, SearchQuery
from gigs.search.memory import MemoryIndex
from gigs.text import query_terms, terms
from shared import mongo

LISTINGS = "gig_search"
STATE = "gig_search_state"
STATE_ID = "listings"

# Where a word appears decides how much it counts; a word in several fields adds up.
FIELD_WEIGHTS = (
    ("title", 5),
    ("tags", 4),
    ("sub_categories", 3),
    ("category", 3),
    ("basic_title", 2),
    ("basic_description", 1),
    ("description", 1),
)


def _field_text(gig, field: str) -> str:
    if field == "category":
        return f"{gig.category} {CATEGORIES.get(gig.category, '')}"
    value = getattr(gig, field) or ""
    return " ".join(value) if isinstance(value, (list, tuple)) else value


def listing_terms(gig) -> dict[str, int]:
    weights: dict[str, int] = {}
    for field, weight in FIELD_WEIGHTS:
        for term in terms(_field_text(gig, field)):
            weights[term] = weights.get(term, 0) + weight
    return weights


def listing_document(gig, seq: int) -> dict:
    """The searchable form of a gig; a paused gig is kept but not listed."""
    document = {"_id": str(gig.pk), "seq": seq, "listed": bool(gig.active)}
    if gig.active:
        document.update(
            category=gig.category,
            price_cents=int(gig.price * 100),
            delivery_days=gig.expected_delivery_days,
            rating=gig.average_rating,
            ratings_count=gig.ratings_count,
            created=gig.created_at.timestamp(),
            terms=listing_terms(gig),
        )
    return document


class MongoSearchBackend:
    name = "mongo"

    def __init__(self):
        self._index = MemoryIndex()
        self._lock = threading.Lock()
        self._generation: str | None = None
        self._seq = 0
        self._indexes_made = False

    def _listings(self):
        collection = mongo.database()[LISTINGS]
        if not self._indexes_made:
            collection.create_index("seq")
            self._indexes_made = True
        return collection

    def _state(self):
        return mongo.database()[STATE]

    def _next_seq(self) -> int:
        # The counter is written in the gig's transaction, so concurrent writers
        # conflict on it and commit in sequence order: a reader that sees seq N
        # can already see every listing numbered up to N.
        state = self._state().find_one_and_update(
            {"_id": STATE_ID},
            {"$inc": {"seq": 1}, "$setOnInsert": {"generation": uuid.uuid4().hex}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=mongo.current_session(),
        )
        return state["seq"]

    def index(self, gig) -> None:
        document = listing_document(gig, self._next_seq())
        self._listings().replace_one({"_id": document["_id"]}, document, upsert=True, session=mongo.current_session())

    def remove(self, gig) -> None:
        document = {"_id": str(gig.pk), "seq": self._next_seq(), "listed": False}
        self._listings().replace_one({"_id": document["_id"]}, document, upsert=True, session=mongo.current_session())

    def sync(self) -> None:
        """Bring this process's index up to the store (a full load after a rebuild or a wipe)."""
        state = self._state().find_one({"_id": STATE_ID}) or {"seq": 0, "generation": None}
        if state["generation"] != self._generation or state["seq"] < self._seq:
            self._index.clear()
            self._generation, self._seq = state["generation"], 0
        if state["seq"] > self._seq:
            for entry in self._listings().find({"seq": {"$gt": self._seq, "$lte": state["seq"]}}):
                self._index.apply(entry)
            self._seq = state["seq"]

    def search(self, query: SearchQuery) -> SearchPage:
        words = query_terms(query.q)
        with self._lock:
            self.sync()
            return self._index.search(query, words)

    def category_counts(self) -> dict[str, int]:
        with self._lock:
            self.sync()
            return self._index.category_counts()

    def rebuild(self) -> int:
        """Rewrite every listing from the gigs (operator command; run it while writes are quiet)."""
        from gigs.documents import Gig

        documents = [listing_document(gig, seq) for seq, gig in enumerate(Gig.objects.order_by("id"), start=1)]
        listings = self._listings()
        listings.delete_many({})
        for start in range(0, len(documents), 1000):
            listings.insert_many(documents[start : start + 1000])
        self._state().replace_one(
            {"_id": STATE_ID}, {"_id": STATE_ID, "seq": len(documents), "generation": uuid.uuid4().hex}, upsert=True
        )
        return len(documents)
