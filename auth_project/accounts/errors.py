"""Errors of this service that the shared set does not cover."""

from rest_framework.exceptions import Throttled


class TooManyAttempts(Throttled):
    """429 with Retry-After (DRF sets the header from ``wait``; shared renders the body)."""

    default_detail = "Too many attempts. Try again later."
    default_code = "too_many_attempts"

    def __init__(self, *, wait: int, detail: str | None = None):
        super().__init__(wait=max(int(wait), 1), detail=detail, code=self.default_code)
