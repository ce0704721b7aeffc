"""Reads on gigs, sellers and categories."""

from __future__ import annotations

from bson import ObjectId

from gigs.catalogue import CATEGORIES, category_slug
from gigs.documents import Gig, Seller
from gigs.search import SearchQuery, get_backend
from shared.errors import NotFound


def gig_find(*, gig_id: str) -> Gig | None:
    if not ObjectId.is_valid(gig_id):
        return None
    return Gig.objects(id=ObjectId(gig_id)).first()


class GigNotFound(NotFound):
    def __init__(self):
        super().__init__("No such gig.", code="gig_not_found")


def gig_get(*, gig_id: str) -> Gig:
    gig = gig_find(gig_id=gig_id)
    if gig is None:
        raise GigNotFound()
    return gig


def seller_for_user(*, user_id: str) -> Seller | None:
    return Seller.objects(user_id=user_id).first()


def gig_list_by_seller(*, seller_id: str, active: bool | None = None, viewer=None) -> list[Gig]:
    """A seller's gigs; paused ones only for the seller themself (others see active gigs only)."""
    owner = viewer is not None and Seller.objects(seller_id=seller_id, user_id=str(viewer.id)).first() is not None
    if not owner:
        if active is False:
            return []
        active = True
    filters = {"seller_id": seller_id}
    if active is not None:
        filters["active"] = active
    return list(Gig.objects(**filters).order_by("-created_at"))


def gigs_in_order(ids: list[str]) -> list[Gig]:
    """The gigs with these ids, in this order (an id deleted meanwhile is skipped)."""
    found = {str(gig.pk): gig for gig in Gig.objects(id__in=[ObjectId(gig_id) for gig_id in ids])}
    return [found[gig_id] for gig_id in ids if gig_id in found]


def gig_search(*, query: SearchQuery) -> tuple[list[Gig], int]:
    page = get_backend().search(query)
    return gigs_in_order(page.ids), page.total


def category_get(*, category: str) -> str:
    slug = category_slug(category)
    if slug is None:
        raise NotFound(f"No category {category!r}.", code="category_not_found")
    return slug


def gig_list_by_category(*, category: str, page: int, size: int) -> tuple[list[Gig], int]:
    query = SearchQuery(category=category_get(category=category), sort="newest", page=page, size=size)
    return gig_search(query=query)


def gig_top_by_category(*, category: str, size: int) -> list[Gig]:
    """Best rated first (average rating, then how many ratings)."""
    query = SearchQuery(category=category_get(category=category), sort="rating", size=size)
    return gig_search(query=query)[0]


def gig_similar(*, gig_id: str, size: int) -> list[Gig]:
    """Active gigs of the same category sharing the most tags and title words."""
    gig = gig_get(gig_id=gig_id)
    # Raw words (not terms): the backend tokenizes them once, tags first, up to its query cap.
    words = " ".join([*gig.tags, gig.title, *gig.sub_categories])
    query = SearchQuery(q=words, category=gig.category, exclude_ids=(str(gig.pk),), size=size)
    return gig_search(query=query)[0]


def category_list() -> list[dict]:
    counts = get_backend().category_counts()
    return [{"slug": slug, "name": name, "gig_count": counts.get(slug, 0)} for slug, name in CATEGORIES.items()]


def gig_recommended(*, user_id: str | None, categories: list[str], size: int) -> list[Gig]:
    """Best rated gigs of the user's recent categories first (most recent category first), then the
    best rated of all; never the user's own gigs. Anonymous callers get the best rated of all."""
    picked: dict[str, Gig] = {}
    # Ask for twice what is needed: the user's own gigs are dropped after the search.
    for category in [*categories, None]:
        if len(picked) >= size:
            break
        query = SearchQuery(category=category, sort="rating", exclude_ids=tuple(picked), size=size * 2)
        for gig in gig_search(query=query)[0]:
            if user_id and gig.seller_user_id == str(user_id):
                continue
            picked.setdefault(str(gig.pk), gig)
            if len(picked) >= size:
                break
    return list(picked.values())
