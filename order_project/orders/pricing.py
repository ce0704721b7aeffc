"""What a buyer pays: every amount is computed here, from server-side prices only.

The service fee is the marketplace's cut, paid by the buyer on top of the
seller's price: 5.5% of the subtotal plus a flat $2.00 per order, never more
than $150.00. Amounts are rounded half-up to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
SERVICE_FEE_RATE = Decimal("0.055")
SERVICE_FEE_FLAT = Decimal("2.00")
SERVICE_FEE_CAP = Decimal("150.00")


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Quote:
    price: Decimal  # per unit
    quantity: int
    subtotal: Decimal  # what the seller earns
    service_fee: Decimal
    total: Decimal  # what the buyer pays


def service_fee_for(subtotal: Decimal) -> Decimal:
    return min(money(subtotal * SERVICE_FEE_RATE + SERVICE_FEE_FLAT), SERVICE_FEE_CAP)


def quote(*, price: Decimal, quantity: int) -> Quote:
    price = money(price)
    subtotal = money(price * quantity)
    fee = service_fee_for(subtotal)
    return Quote(price=price, quantity=quantity, subtotal=subtotal, service_fee=fee, total=subtotal + fee)
