"""Client errors specific to payments (the rest come from shared.errors)."""
from shared.errors import ApiError


class PaymentRequired(ApiError):
    """The payment behind a request is missing or not completed."""

    status = 402
    code = "payment_required"
    detail = "The payment for this order is not complete."


class PaymentProviderFailed(ApiError):
    """The provider refused or could not be reached; nothing was changed here."""

    status = 502
    code = "payment_provider_error"
    detail = "The payment provider could not process this request; try again later."
