from notifications import notices
from notifications.tests import events


def test_money_has_two_places_and_thousands():
    assert notices.money("1234.5") == "$1,234.50"
    assert notices.money("5") == "$5.00"


def test_money_keeps_what_it_cannot_read():
    assert notices.money("n/a") == "$n/a"


def test_day_is_readable_and_tolerates_bad_input():
    assert notices.day("2030-05-04T12:00:00+00:00") == "May 04, 2030"
    assert notices.day("soon") == "soon"


def test_plural():
    assert (notices.plural(1, "day"), notices.plural(2, "day")) == ("1 day", "2 days")


def test_an_extension_request_without_a_reason_leaves_it_out():
    notice = notices.extension_requested(events.extension_requested(days=1, reason=""))

    assert notice.body == "The seller asked to extend the delivery by 1 day. Approve or reject the request."


def test_the_buyer_confirmation_names_the_seller_and_price():
    notice = notices.order_placed(events.order_created(price="99.999", seller_username="sally"))

    assert notice.title == "Your order was placed"
    assert "sally" in notice.body and "$100.00" in notice.body
    # The receipt e-mail shows these; the inbox gets them too.
    assert notice.data == {
        "order_id": "o1",
        "gig_id": "g1",
        "price": "$100.00",
        "seller_username": "sally",
        "delivery_due": "May 04, 2030",
    }
