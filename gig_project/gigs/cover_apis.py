"""Gig cover images, public: any size answers 304 to a client that holds it already."""
from __future__ import annotations

from ninja import Router

from gigs.covers import cover_image_response

router = Router(tags=["gigs"])


@router.get("/gigs/covers/{name}")
def cover_image_get(request, name: str, size: str | None = None):
    return cover_image_response(request, name=name, size=size)
