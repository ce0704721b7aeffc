from decimal import Decimal

import pytest

from orders.pricing import SERVICE_FEE_CAP, quote, service_fee_for


@pytest.mark.parametrize(
    "price, quantity, subtotal, fee, total",
    [
        ("20", 1, "20.00", "3.10", "23.10"),
        ("5.00", 1, "5.00", "2.28", "7.28"),
        ("19.99", 3, "59.97", "5.30", "65.27"),
        ("10.05", 1, "10.05", "2.55", "12.60"),
    ],
)
def test_the_fee_is_5_5_percent_plus_2_dollars_rounded_half_up(price, quantity, subtotal, fee, total):
    result = quote(price=Decimal(price), quantity=quantity)

    assert (result.subtotal, result.service_fee, result.total) == (Decimal(subtotal), Decimal(fee), Decimal(total))
    assert result.total == result.subtotal + result.service_fee


def test_the_fee_is_capped():
    assert service_fee_for(Decimal("100000.00")) == SERVICE_FEE_CAP
    assert quote(price=Decimal("100000"), quantity=10).total == Decimal("1000150.00")


def test_amounts_keep_two_places():
    assert str(quote(price=Decimal("20"), quantity=1).price) == "20.00"
