"""Payments behind one interface: the local sandbox by default, Stripe when configured."""

from __future__ import annotations

from django.conf import settings

from orders.payments.base import PaymentError, PaymentProvider


def get_provider(name: str | None = None) -> PaymentProvider:
    """The provider named, else the one the settings choose.

    ``ORDER_PAYMENT_PROVIDER`` picks it; on ``auto`` Stripe when it has a key.
    Refunds and payouts name the provider that took the order's payment.
    """
    choice = name or settings.ORDER_PAYMENT_PROVIDER
    if choice == "auto":
        choice = "stripe" if settings.STRIPE_SECRET_KEY else "sandbox"
    if choice == "stripe":
        from orders.payments.stripe_provider import StripeProvider

        return StripeProvider(api_key=settings.STRIPE_SECRET_KEY)
    if choice == "sandbox":
        from orders.payments.sandbox import SandboxProvider

        return SandboxProvider()
    raise ValueError(f"unknown ORDER_PAYMENT_PROVIDER {choice!r}: use auto, sandbox or stripe")


__all__ = ["PaymentError", "PaymentProvider", "get_provider"]
