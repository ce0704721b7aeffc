"""/api/v1/openapi.json and /api/v1/docs: the public document built from the services (proxy/openapi/).

No operation is defined here: every public route is the owning service's, forwarded by the
front door (proxy/entry.py) or, when Django serves a request itself, by proxy/django_adapter.py.
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from proxy.openapi import public_document
from proxy.openapi.public import DESCRIPTION, TITLE, VERSION


class PublicAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> dict:  # type: ignore[override]
        return public_document()


api = PublicAPI(
    title=TITLE,
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace="public-api",
    docs_url="/docs",
    docs=Swagger(settings={"docExpansion": "list", "persistAuthorization": False}),
)
