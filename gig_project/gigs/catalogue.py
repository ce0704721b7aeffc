"""The fixed category tree gigs are filed under.

Categories are a closed list (as on Fiverr) so browsing and "top per
category" stay meaningful; sub-categories are free text chosen by the seller.
A category is addressed by its slug; its display name is accepted on input.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "graphics-design": "Graphics & Design",
    "digital-marketing": "Digital Marketing",
    "writing-translation": "Writing & Translation",
    "video-animation": "Video & Animation",
    "music-audio": "Music & Audio",
    "programming-tech": "Programming & Tech",
    "photography": "Photography",
    "data": "Data",
    "business": "Business",
    "ai-services": "AI Services",
}

_BY_NAME = {name.lower(): slug for slug, name in CATEGORIES.items()}


def category_slug(value: str) -> str | None:
    """The slug for a slug or display name (any case); None when unknown."""
    cleaned = value.strip().lower()
    if cleaned in CATEGORIES:
        return cleaned
    return _BY_NAME.get(cleaned)
