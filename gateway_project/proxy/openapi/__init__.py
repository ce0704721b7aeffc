"""The public OpenAPI document: the services' own documents merged, plus the gateway's routes and security.

Each service commits its own ``openapi.json`` (its suite fails when it is stale); the gateway merges
them the first time it needs the document (proxy/openapi/build.py), serves the result at
/api/v1/openapi.json and /api/v1/docs, and reads from it which operations take uploads
(proxy/media_types.py). See docs/decisions/0015-public-openapi-from-the-services.md.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def public_document() -> dict:
    from proxy.openapi.build import public_document_built

    return public_document_built()
