"""An event published while RabbitMQ is stopped is delivered once it is back.

Auth writes ``auth.user.created`` to its outbox in the signup transaction; the
publish fails while the broker is down, the signup still succeeds, and the
auth worker's relay publishes the event when RabbitMQ returns, so the buyer
profile appears in users_project.
"""

from __future__ import annotations

from http import HTTPStatus

from conftest import poll


def test_signup_during_a_broker_outage_reaches_users_after_recovery(gateway, new_account, rabbitmq_outage):
    stop_broker, start_broker = rabbitmq_outage
    stop_broker()

    signup = gateway.post("/api/v1/auth/signup", json=new_account)
    assert signup.status_code == HTTPStatus.CREATED, signup.text
    assert gateway.get("/api/v1/buyers/me").status_code == HTTPStatus.NOT_FOUND

    start_broker()
    buyer = poll(lambda: gateway.get("/api/v1/buyers/me"), lambda r: r.status_code == HTTPStatus.OK, timeout=90)

    assert buyer.status_code == HTTPStatus.OK, buyer.text
    assert buyer.json()["username"] == new_account["username"]
