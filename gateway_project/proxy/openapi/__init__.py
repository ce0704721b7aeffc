"""The public OpenAPI document: the services' own documents merged, plus the gateway's routes and security.

``public.json`` is generated (``python manage.py build_openapi`` in gateway_project/) and
committed; proxy/tests/test_openapi_build.py regenerates it
and fails on drift. The gateway serves it at /api/v1/openapi.json and /api/v1/docs, and
reads from it which operations take uploads (proxy/media_types.py).
See docs/decisions/0015-public-openapi-from-the-services.md.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PUBLIC_DOCUMENT = Path(__file__).with_name("public.json")


@lru_cache(maxsize=1)
def public_document() -> dict:
    return json.loads(PUBLIC_DOCUMENT.read_text())
