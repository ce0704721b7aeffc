"""A gig paused, resumed and deleted in gig_project, as order and users learn it through events.

Order prices and refuses from its own copy of each gig (gig.updated,
gig.deleted); users counts a seller's gigs (gig.created, gig.deleted).
"""

from __future__ import annotations

from http import HTTPStatus

import pytest
from conftest import poll
from market import Account, seller_profile


@pytest.fixture
def buyer():
    account = Account().signup()
    yield account
    account.close()


def _intent(buyer: Account, gig_id: str):
    return buyer.post("/api/v1/orders/payment-intents", json={"gig_id": gig_id})


def test_a_paused_gig_cannot_be_ordered_until_resumed_and_a_deleted_one_never(market, buyer):
    seller, gig = market, market.gig
    path = f"/api/v1/gigs/{gig['id']}"
    word = gig["tags"][1]
    ordered = poll(lambda: _intent(buyer, gig["id"]), lambda r: r.status_code != HTTPStatus.NOT_FOUND)
    assert ordered.status_code == HTTPStatus.CREATED, ordered.text

    paused = seller.put(f"{path}/active", json={"active": False})
    assert paused.status_code == HTTPStatus.OK, paused.text
    refused = poll(lambda: _intent(buyer, gig["id"]), lambda r: r.status_code == HTTPStatus.CONFLICT)
    assert refused.status_code == HTTPStatus.CONFLICT, refused.text
    assert refused.json()["code"] == "gig_unavailable"
    assert buyer.get("/api/v1/gigs/search", params={"q": word}).json()["total"] == 0

    assert seller.put(f"{path}/active", json={"active": True}).status_code == HTTPStatus.OK
    again = poll(lambda: _intent(buyer, gig["id"]), lambda r: r.status_code == HTTPStatus.CREATED)
    assert again.status_code == HTTPStatus.CREATED, again.text

    assert seller_profile(seller, until=lambda p: p["total_gigs"] == 1)["total_gigs"] == 1
    deleted = seller.delete(path)
    assert deleted.status_code == HTTPStatus.NO_CONTENT, deleted.text
    assert buyer.get(path).status_code == HTTPStatus.NOT_FOUND
    gone = poll(lambda: _intent(buyer, gig["id"]), lambda r: r.status_code == HTTPStatus.NOT_FOUND)
    assert gone.status_code == HTTPStatus.NOT_FOUND, gone.text
    assert seller_profile(seller, until=lambda p: p["total_gigs"] == 0)["total_gigs"] == 0
