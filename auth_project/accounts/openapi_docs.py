"""``@documented(...)``: what a view takes and answers, for drf-spectacular (config/openapi.py).

Only the documentation: the views still validate with ``accounts.serializers`` and
answer dicts; ``accounts.answers`` describes those dicts. Every body is JSON unless
the view names ``multipart`` (the gateway refuses other types: proxy/media_types.py).
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema

from accounts.answers import ErrorOut

ENDS_AT_ONCE = (
    " The ended sessions' access tokens are refused at once, and their open sockets are closed"
    " (WebSocket close code 4401 `token_revoked`; Socket.IO event `session.revoked`, then a disconnect)."
)


def documented(
    status: int,
    answer,
    *errors: int,
    json=None,
    multipart=None,
    accepted=None,
    summary: str = "",
    description: str = "",
):
    """The operation's body (JSON and, where uploads are taken, multipart), its answer and its own error statuses."""
    request = {}
    if json is not None:
        request["application/json"] = json
    if multipart is not None:
        request["multipart/form-data"] = multipart
    responses = {status: answer, **{code: OpenApiResponse(ErrorOut) for code in errors}}
    if accepted is not None:
        responses[202] = accepted
    return extend_schema(
        request=request or None, responses=responses, summary=summary, description=description or None, tags=["auth"]
    )


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """shared.api_drf.BearerTokenAuthentication: the access token the gateway passes as ``Authorization: Bearer``."""

    target_class = "shared.api_drf.BearerTokenAuthentication"
    name = "BearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer"}
