"""An inverted index of listed gigs held in process memory, ranked in Python.

The MongoDB backend keeps this in step with the ``gig_search`` collection
(see ``search/mongo.py``); this module knows nothing of the store.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from decimal import Decimal

from gigs.search import SearchPage, SearchQuery


@dataclass(frozen=True, slots=True)
class Listing:
    gig_id: str
    seq: int
    category: str
    price_cents: int
    delivery_days: int
    rating: float
    ratings_count: int
    created: float
    terms: dict


def _cents(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * 100)


class MemoryIndex:
    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.postings: dict[str, dict[str, int]] = {}
        self.by_category: dict[str, set[str]] = {}
        self.listings: dict[str, Listing] = {}
        self.seqs: dict[str, int] = {}

    def apply(self, entry: dict) -> None:
        """Take one ``gig_search`` document; older versions than the one held are ignored."""
        gig_id, seq = entry["_id"], entry["seq"]
        if self.seqs.get(gig_id, -1) >= seq:
            return
        self.seqs[gig_id] = seq
        self._drop(gig_id)
        if entry.get("listed"):
            self._add(
                Listing(
                    gig_id=gig_id,
                    seq=seq,
                    category=entry["category"],
                    price_cents=entry["price_cents"],
                    delivery_days=entry["delivery_days"],
                    rating=entry["rating"],
                    ratings_count=entry["ratings_count"],
                    created=entry["created"],
                    terms=entry["terms"],
                )
            )

    def _add(self, listing: Listing) -> None:
        self.listings[listing.gig_id] = listing
        self.by_category.setdefault(listing.category, set()).add(listing.gig_id)
        for term, weight in listing.terms.items():
            self.postings.setdefault(term, {})[listing.gig_id] = weight

    def _drop(self, gig_id: str) -> None:
        old = self.listings.pop(gig_id, None)
        if old is None:
            return
        self.by_category.get(old.category, set()).discard(gig_id)
        for term in old.terms:
            postings = self.postings.get(term)
            if postings is not None:
                postings.pop(gig_id, None)
                if not postings:
                    del self.postings[term]

    def category_counts(self) -> dict[str, int]:
        return {category: len(ids) for category, ids in self.by_category.items() if ids}

    def search(self, query: SearchQuery, words: list[str]) -> SearchPage:
        matched, score = self._match(query, words)
        keep = self._filter(query)
        hits = [self.listings[gig_id] for gig_id in matched if keep(self.listings[gig_id])]
        sort = query.sort if (words or query.sort != "relevance") else "rating"
        key = _sort_key(sort, matched, score)
        top = heapq.nsmallest(query.offset + query.size, hits, key=key)
        return SearchPage(ids=[listing.gig_id for listing in top[query.offset :]], total=len(hits))

    def _match(self, query: SearchQuery, words: list[str]) -> tuple[dict[str, int], dict[str, int]]:
        """Per candidate: how many query words it matched, and their summed field weights."""
        if not words:
            pool = self.by_category.get(query.category, set()) if query.category else self.listings
            return dict.fromkeys(pool, 0), {}
        matched: dict[str, int] = {}
        score: dict[str, int] = {}
        for word in words:
            for gig_id, weight in self.postings.get(word, {}).items():
                matched[gig_id] = matched.get(gig_id, 0) + 1
                score[gig_id] = score.get(gig_id, 0) + weight
        return matched, score

    def _filter(self, query: SearchQuery):
        low, high = _cents(query.min_price), _cents(query.max_price)
        days, category, excluded = query.max_delivery_days, query.category, set(query.exclude_ids)

        def keep(listing: Listing) -> bool:
            return not (
                (category and listing.category != category)
                or (low is not None and listing.price_cents < low)
                or (high is not None and listing.price_cents > high)
                or (days is not None and listing.delivery_days > days)
                or listing.gig_id in excluded
            )

        return keep


def _sort_key(sort: str, matched: dict[str, int], score: dict[str, int]):
    # Ties end on the gig id so that pages never overlap or skip.
    if sort == "newest":
        return lambda item: (-item.created, item.gig_id)
    if sort == "rating":
        return lambda item: (-item.rating, -item.ratings_count, -item.created, item.gig_id)
    return lambda item: (
        -matched[item.gig_id],
        -score[item.gig_id],
        -item.rating,
        -item.ratings_count,
        -item.created,
        item.gig_id,
    )
