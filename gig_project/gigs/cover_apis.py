"""Gig cover images, public: any size answers 304 to a client that holds it already."""

from __future__ import annotations

from ninja import Router

from gigs.covers import cover_image_response
from shared.openapi import IMAGE, IMAGE_SIZE, file_answer

router = Router(tags=["gigs"])


@router.get(
    "/gigs/covers/{name}",
    summary="A gig's cover image (the gig's cover_image URL)",
    description=IMAGE,
    openapi_extra={
        **file_answer(content_type="image/*", description="The image.", conditional=True, errors=(400, 404)),
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}, IMAGE_SIZE],
    },
)
def cover_image_get(request, name: str, size: str | None = None):
    return cover_image_response(request, name=name, size=size)
