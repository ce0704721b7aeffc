"""Domain errors specific to payments (the rest come from shared.errors); orders/apis.py gives them statuses."""

from shared.errors import DependencyFailed, DomainError


class PaymentRequired(DomainError):
    """The payment behind a request is missing or not completed."""

    code = "payment_required"
    detail = "The payment for this order is not complete."


class PaymentProviderFailed(DependencyFailed):
    """The provider refused or could not be reached; nothing was changed here."""

    code = "payment_provider_error"
    detail = "The payment provider could not process this request; try again later."
