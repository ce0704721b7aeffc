"""Django Ninja glue: the error shape and bearer-token authentication."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import simplejson
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer
from pydantic import WithJsonSchema

from shared.errors import DomainError, NotAuthenticated, error_body, http_status
from shared.tokens import TokenError, TokenUser, verify_user_token
from shared.validation import parse_json

_ninja_default = NinjaJSONEncoder().default


class BearerAuth(HttpBearer):
    """``auth=BearerAuth()`` on a router: ``request.auth`` becomes the TokenUser."""

    def authenticate(self, request, token):
        try:
            user = verify_user_token(token)
        except TokenError as exc:
            raise _Unauthorized(str(exc), exc.code) from exc
        request.token_user = user
        return user


def optional_user(request) -> TokenUser | None:
    """The caller on a public route, when they sent a valid access token; else None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        return verify_user_token(token.strip())
    except TokenError:
        return None


class SafeParser(Parser):
    """``NinjaAPI(parser=SafeParser())``: JSON bodies through ``shared.validation.parse_json``
    (depth, size, control characters, numbers), so every route of the service refuses them alike."""

    def parse_body(self, request):
        try:
            return parse_json(request.body)
        except DomainError as exc:
            if exc.code == "malformed_json":
                raise ValueError(exc.detail) from exc  # Ninja's own 400 "Cannot parse request body", as before
            raise


class _Unauthorized(NotAuthenticated):
    code = "not_authenticated"


_LOCATION_PARTS = ("body", "query", "path", "form", "file", "payload", "data")


def _location_name(loc) -> str:
    # Only the leading location and parameter name go: a field may itself be named "body" or "data".
    parts = [str(part) for part in loc]
    for _ in range(2):
        if parts and parts[0] in _LOCATION_PARTS:
            parts.pop(0)
    return ".".join(parts) or "__all__"


def install_error_handlers(api: NinjaAPI, statuses: dict[type[DomainError], int] | None = None) -> None:
    """Every error from this API in the shared shape, and every JSON body through the safe parser.

    Domain errors get their status here, at the edge: ``shared.errors.HTTP_STATUSES``, or the
    project's own ``statuses`` for its own errors.
    """
    # Here rather than in each NinjaAPI(...): every service calls this, so none can forget it.
    api.parser = SafeParser()

    @api.exception_handler(DomainError)
    def on_api_error(request, exc: DomainError):
        return api.create_response(
            request, error_body(exc.detail, exc.code, exc.fields), status=http_status(exc, statuses)
        )

    @api.exception_handler(NinjaValidationError)
    def on_validation_error(request, exc: NinjaValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_location_name(error.get("loc", ())), []).append(error.get("msg", "Invalid value."))
        return api.create_response(request, error_body("Some fields are not valid.", "invalid", fields), status=422)

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request, exc):
        return api.create_response(request, error_body("Sign in first.", "not_authenticated"), status=401)

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, DomainError):  # Ninja wraps what its parser raises: answer the parser's own error
            return on_api_error(request, cause)
        return api.create_response(request, error_body(str(exc), "error"), status=exc.status_code)


def dumps(data) -> str:
    """JSON where a Decimal stays an exact number (``12.50``), the rest encoded as Ninja does.

    API.md promises money as a JSON number stored exactly; the standard encoder
    (and so Ninja's default renderer) can only write a Decimal as a string or a float.
    """
    return simplejson.dumps(data, use_decimal=True, default=_ninja_default)


class MoneyJSONRenderer(BaseRenderer):
    """``NinjaAPI(renderer=MoneyJSONRenderer())`` for services that answer money."""

    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return dumps(data)


def money_schema(
    *, minimum=None, maximum=None, cents: bool = True, description: str = "US dollars, two decimals."
) -> WithJsonSchema:
    """How a Decimal money field is documented: the JSON number API.md promises (Pydantic would say "string").

    ``Annotated[Decimal, Field(...), money_schema(minimum=5)]``: only the document changes; the field's
    own ``Field`` bounds stay what the service checks, so pass the same bounds here, and ``cents=False``
    where the field has no ``decimal_places=2`` (a filter, not an amount).
    """
    bounds = {key: float(value) for key, value in (("minimum", minimum), ("maximum", maximum)) if value is not None}
    if cents:
        bounds["multipleOf"] = 0.01
    return WithJsonSchema({"type": "number", **bounds, "description": description})


Money = Annotated[Decimal, money_schema()]
