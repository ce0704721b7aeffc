"""The hot public reads of gigs, cached in Redis as the JSON they answer (shared.cache).

What each entry depends on, and who makes it stale:

- a gig page: ``gigs:gig:<id>`` (any change to the gig: an edit, a pause, a
  new cover, a rating counted or uncounted, its deletion, the seller's new
  username copied onto it);
- a search page and the category list: ``gigs:catalogue``, which every gig
  write bumps (a search page may hold any gig).

Every bump is registered with ``shared.mongo.on_commit`` inside the write's
transaction, so it runs once the write has committed, before the API answers
it or (in an event handler) before the event is marked applied for the
read-your-writes wait. Entries are the rendered bytes, so a hit costs no
MongoDB round trip and no serialization.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings

from shared import cache as versioned
from shared import mongo
from shared.api_ninja import dumps

CATALOGUE = "gigs:catalogue"


def _timeout() -> int:
    return settings.PUBLIC_CACHE_SECONDS


def gig_generation(gig_id: str) -> str:
    return f"gigs:gig:{gig_id}"


def gigs_changed(*gig_ids) -> None:
    """After the current transaction commits: these gigs' pages and every search page are stale."""
    names = [CATALOGUE, *(gig_generation(str(gig_id)) for gig_id in gig_ids)]
    mongo.on_commit(lambda: versioned.bump(*names))


def catalogue_changed() -> None:
    mongo.on_commit(lambda: versioned.bump(CATALOGUE))


def render(data) -> bytes:
    return dumps(data).encode()


def gig_page(gig_id: str, load: Callable[[], dict | None]) -> dict | None:
    """``{"body", "category", "seller_user_id"}`` for the gig, or None when there is no such gig."""
    return versioned.read_through(f"gigs:gig:{gig_id}", [gig_generation(gig_id)], load, _timeout())


def search_page(query, load: Callable[[], dict]) -> dict:
    """``{"body", "first_category"}`` for one search (its words, filters, sort and page)."""
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    return versioned.read_through(f"gigs:search:{digest}", [CATALOGUE], load, _timeout())


def categories(load: Callable[[], bytes]) -> bytes:
    return versioned.read_through("gigs:categories", [CATALOGUE], load, _timeout())
