"""Django REST framework glue: the error shape and bearer-token authentication."""

from __future__ import annotations

import logging

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from shared.errors import DomainError, ValidationFailed, error_body, flatten_field_errors, http_status
from shared.tokens import TokenError, verify_user_token
from shared.validation import MAX_JSON_BYTES, parse_json

logger = logging.getLogger("shared.errors")


def _first_code(codes) -> str:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, dict):
        codes = list(codes.values())
    for item in codes or []:
        found = _first_code(item)
        if found:
            return found
    return "invalid"


def exception_handler(exc, context):
    """``{"detail", "code", "fields"}`` for every DRF error."""
    # Imported here: rest_framework.views reads DEFAULT_AUTHENTICATION_CLASSES at import,
    # which may name this module's class, so a top-level import would be circular.
    from rest_framework.views import exception_handler as drf_default_handler

    if isinstance(exc, DomainError):  # its status is chosen here, at the edge (shared.errors.HTTP_STATUSES)
        return Response(error_body(exc.detail, exc.code, exc.fields), status=http_status(exc))
    response = drf_default_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_field_errors(exc.detail)
        non_field = fields.pop("non_field_errors", None) or fields.pop("__all__", None)
        detail = non_field[0] if non_field else "Some fields are not valid."
        code = _first_code(exc.get_codes()) if non_field else "invalid"
        response.data = error_body(detail, code, fields or None)
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = error_body(str(getattr(exc, "detail", exc)), _first_code(codes))
    return response


class SafeJSONParser(JSONParser):
    """DRF's JSON parser through ``shared.validation.parse_json``: depth, size, control characters, numbers.

    Its errors are domain errors, which ``exception_handler`` renders with the field names.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return parse_json(stream.read(MAX_JSON_BYTES + 1) if stream is not None else b"")
        except ValidationFailed as exc:
            if exc.code == "malformed_json":  # DRF's own code for it, which clients already know
                raise exceptions.ParseError(exc.detail) from exc
            raise


class BearerTokenAuthentication(BaseAuthentication):
    """Authenticates by the access token the gateway forwards; no database read."""

    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("The Authorization header is malformed.", code="token_invalid")
        try:
            user = verify_user_token(parts[1].decode())
        except TokenError as exc:
            raise exceptions.AuthenticationFailed(str(exc), code=exc.code) from exc
        return user, parts[1].decode()

    def authenticate_header(self, request):
        return "Bearer"
