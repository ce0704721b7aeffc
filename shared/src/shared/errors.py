"""One error shape for every service: ``{"detail", "code", "fields"?}``.

Client errors keep their status; server errors are logged with the request id
and answered without a traceback.
"""

from __future__ import annotations

import logging

from django.http import JsonResponse

from shared.requestid import current_request_id

logger = logging.getLogger("shared.errors")


def error_body(detail: str, code: str, fields: dict | None = None, **extra) -> dict:
    body = {"detail": detail, "code": code}
    if fields:
        body["fields"] = fields
    body.update(extra)
    return body


def error_response(status: int, detail: str, code: str, fields: dict | None = None, **extra) -> JsonResponse:
    return JsonResponse(error_body(detail, code, fields, **extra), status=status)


def not_found(request, exception=None) -> JsonResponse:
    return error_response(404, "Not found.", "not_found")


def server_error(request) -> JsonResponse:
    request_id = getattr(request, "request_id", current_request_id())
    return error_response(500, "The server failed to answer this request.", "server_error", request_id=request_id)


def flatten_field_errors(errors) -> dict[str, list[str]]:
    """DRF/Django style ``{"field": ["message", ...]}`` from nested error structures."""
    if isinstance(errors, dict):
        flat: dict[str, list[str]] = {}
        for name, value in errors.items():
            nested = flatten_field_errors(value)
            if set(nested) == {"__all__"}:
                flat[name] = nested["__all__"]
            else:
                for key, messages in nested.items():
                    flat[f"{name}.{key}" if key != "__all__" else name] = messages
        return flat
    if isinstance(errors, (list, tuple)):
        if all(isinstance(item, str) for item in errors):
            return {"__all__": [str(item) for item in errors]}
        flat = {}
        for index, item in enumerate(errors):
            for key, messages in flatten_field_errors(item).items():
                flat[str(index) if key == "__all__" else f"{index}.{key}"] = messages
        return flat
    return {"__all__": [str(errors)]}


class DomainError(Exception):
    """What service code raises when a request cannot be done: a code and a message, no HTTP.

    Services, handlers and tasks raise these; only the API edge turns one into a
    status and the error shape (``http_status``, used by ``shared.api_ninja`` and
    ``shared.api_drf``), so an event handler calling a service gets a domain error.
    """

    code = "bad_request"
    detail = "The request is not valid."

    def __init__(self, detail: str | None = None, code: str | None = None, fields: dict | None = None):
        self.detail = detail or self.detail
        self.code = code or self.code
        self.fields = fields
        super().__init__(self.detail)


class Invalid(DomainError):
    """The input cannot be read or breaks a rule (fields name which)."""

    code = "invalid"
    detail = "Some fields are not valid."


class Rejected(Invalid):
    """Well-formed input whose values are not acceptable (a schema's kind of refusal)."""


class TooLarge(DomainError):
    code = "too_large"
    detail = "This is too large."


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    detail = "Sign in first."


class PermissionDenied(DomainError):
    code = "forbidden"
    detail = "You are not allowed to do this."


class NotFound(DomainError):
    code = "not_found"
    detail = "Not found."


class Conflict(DomainError):
    code = "conflict"
    detail = "This conflicts with the current state."


class DependencyFailed(DomainError):
    """A provider this service relies on refused or could not be reached; nothing was changed."""

    code = "dependency_failed"
    detail = "A service this one relies on failed; try again later."


# The names service code has used since before domain errors; the same classes.
ApiError = DomainError
ValidationFailed = Invalid
Forbidden = PermissionDenied

# The API edge: each kind of domain error and its HTTP status (the most specific class wins).
HTTP_STATUSES: dict[type[DomainError], int] = {
    DomainError: 400,
    Invalid: 400,
    NotAuthenticated: 401,
    PermissionDenied: 403,
    NotFound: 404,
    Conflict: 409,
    TooLarge: 413,
    Rejected: 422,
    DependencyFailed: 502,
}


def http_status(error: DomainError, statuses: dict[type[DomainError], int] | None = None) -> int:
    """The status an API answers ``error`` with: its own project's table first (``statuses``), then the shared one."""
    for kind in type(error).__mro__:
        if statuses and kind in statuses:
            return statuses[kind]
        if kind in HTTP_STATUSES:
            return HTTP_STATUSES[kind]
    return 400


def domain_error_response(error: DomainError, statuses: dict[type[DomainError], int] | None = None) -> JsonResponse:
    """A plain Django view's answer to a domain error, in the shared shape."""
    return error_response(http_status(error, statuses), error.detail, error.code, error.fields)


class JsonErrorMiddleware:
    """Django answers a few errors itself (405 from a router, 400 for a bad host) as HTML:
    give them the error shape too, so clients only ever parse JSON."""

    sync_capable = True
    async_capable = True
    MESSAGES = {
        400: ("Bad request.", "bad_request"),
        403: ("Forbidden.", "forbidden"),
        404: ("Not found.", "not_found"),
        405: ("This method is not allowed here.", "method_not_allowed"),
    }

    def __init__(self, get_response):
        from asgiref.sync import iscoroutinefunction, markcoroutinefunction

        self.get_response = get_response
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def _convert(self, request, response):
        known = self.MESSAGES.get(response.status_code)
        content_type = response.get("Content-Type", "")
        if known is None or "json" in content_type or request.path.startswith(("/admin/", "/static/")):
            return response
        converted = error_response(response.status_code, *known)
        if response.has_header("Allow"):
            converted["Allow"] = response["Allow"]
        return converted

    def __call__(self, request):
        if self._async:
            return self.__acall__(request)
        return self._convert(request, self.get_response(request))

    async def __acall__(self, request):
        return self._convert(request, await self.get_response(request))
