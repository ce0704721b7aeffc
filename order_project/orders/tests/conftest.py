from http import HTTPStatus

import pytest

from orders.tests.factories import make_gig

INTENTS = "/api/v1/orders/payment-intents"
ORDERS = "/api/v1/orders"


@pytest.fixture
def gig():
    """Bob's (user 7, seller profile seller-bob) active gig at $20.00, delivered in 3 days."""
    return make_gig()


@pytest.fixture
def as_buyer(api):
    return api.as_user(user_id="1", username="alice")


@pytest.fixture
def as_seller(api):
    return api.as_user(user_id="7", username="bob")


@pytest.fixture
def as_stranger(api):
    return api.as_user(user_id="3", username="carol")


@pytest.fixture
def pay(as_buyer):
    """Create a payment intent as the buyer and answer its body."""

    def create(gig_id=None, quantity=1, client=None, **extra):
        body = {"quantity": quantity, **extra}
        if gig_id:
            body["gig_id"] = gig_id
        response = (client or as_buyer).post(INTENTS, body)
        assert response.status_code == HTTPStatus.CREATED, response.json()
        return response.json()

    return create


@pytest.fixture
def place(as_buyer, pay):
    """Pay for a gig and place the order; answers the order's body."""

    def create(gig, quantity=1, requirements="Blue and white, please."):
        intent = pay(gig.gig_id, quantity)
        response = as_buyer.post(
            ORDERS,
            {"payment_intent_id": intent["payment_intent_id"], "gig_id": gig.gig_id, "requirements": requirements},
        )
        assert response.status_code == HTTPStatus.CREATED, response.json()
        return response.json()

    return create


@pytest.fixture
def order(gig, place, published_events):
    """An order in progress: alice bought bob's gig."""
    placed = place(gig)
    published_events.clear()
    return placed
