"""Public picture routes: plain Django views (no DRF), so streams and 304s pass untouched."""

from __future__ import annotations

from django.views.decorators.http import require_safe

from accounts.pictures import picture_response
from shared.errors import DomainError, domain_error_response


@require_safe
def picture_get(request, name: str):
    try:
        return picture_response(request, name=name, size=request.GET.get("size"))
    except DomainError as error:
        return domain_error_response(error)
