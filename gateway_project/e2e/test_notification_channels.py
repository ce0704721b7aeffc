"""Notifications on every channel, end to end through the gateway (issue 12's "done when").

A seller proves a phone number (the code arrives in the SMS sink, as a text
would) and subscribes a browser at a push service this test runs on
127.0.0.2, which checks the VAPID signature and decrypts each message with
the subscription's keys as a browser does. A buyer's order then reaches the
seller by SMS and push, the buyer gets the receipt e-mail, a review reaches
the seller by e-mail and push, a redelivered event sends nothing twice, and
what the seller turns off stops. Two-step sign-in asks a new browser for the
code sent by e-mail and remembers it.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from http import HTTPStatus

import httpx
import pytest
from celery import Celery
from conftest import GATEWAY, PASSWORD, poll
from kombu import Connection, Exchange, Queue
from market import Account, new_seller_with_gig, place_order

from shared.conf import run_dir
from shared.devtools.mailbox import body_text, messages_to
from shared.testing.push_service import PushService

BROKER = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
WAIT = 30.0


def sms_to(phone: str, kind: str) -> list[dict]:
    folder = run_dir() / "sms"
    texts = [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))] if folder.exists() else []
    return [text for text in texts if text["to"] == phone and text["kind"] == kind]


def wait_until(found, timeout: float = WAIT):
    """Poll ``found()`` until it is truthy (an SMS file, an e-mail): the channels send after commit."""
    deadline = time.monotonic() + timeout
    while not (result := found()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return result


def mails(address: str, subject: str) -> list:
    return [m for m in messages_to(address) if subject in (m["Subject"] or "")]


def pushes(service: PushService, kind: str, **data) -> list[dict]:
    return [
        m.payload
        for m in service.messages
        if m.payload["kind"] == kind and all(m.payload["data"].get(k) == v for k, v in data.items())
    ]


def verify_phone(account: Account) -> str:
    phone = f"+479{random.randint(0, 9_999_999):07d}"
    assert account.post("/api/v1/auth/phone", json={"phone": phone}).status_code == HTTPStatus.OK
    [text] = wait_until(lambda: sms_to(phone, "phone_verification"))
    code = re.search(r"\b(\d{6})\b", text["body"]).group(1)
    verified = account.post("/api/v1/auth/phone/verify", json={"code": code})
    assert verified.status_code == HTTPStatus.OK, verified.text
    assert verified.json()["user"]["phone_verified"] is True
    # Notification learns the number from auth.phone.verified: wait until it can text the seller.
    reachable = poll(lambda: account.get("/api/v1/notifications/preferences"), lambda r: r.json()["reachable"]["sms"])
    assert reachable.json()["reachable"]["sms"] is True
    return phone


def redeliver_to_notification(envelope: dict) -> None:
    """Send an event again to notification's queue, as a broker redelivery or a replay does."""
    app = Celery("e2e", broker=BROKER)
    app.send_task(
        "events.deliver",
        args=[envelope],
        task_id=envelope["event_id"],
        exchange="events",
        routing_key="notification.retry",
    )


@pytest.fixture
def push_service():
    with PushService(host="127.0.0.2") as service:
        yield service


@pytest.fixture
def order_events():
    """Copies of every order.created on a private queue, to redeliver one."""
    with Connection(BROKER) as connection:
        queue = Queue(
            f"e2e.order-created-{random.randint(0, 10**9)}",
            exchange=Exchange("events", type="topic", durable=True),
            routing_key="order.created",
            auto_delete=True,
        )(connection.default_channel)
        queue.declare()

        def take(order_id: str) -> dict:
            deadline = time.monotonic() + WAIT
            while time.monotonic() < deadline:
                message = queue.get(no_ack=True)
                if message is None:
                    time.sleep(0.1)
                    continue
                envelope = message.decode()[0][0]
                if envelope["payload"]["order_id"] == order_id:
                    return envelope
            raise AssertionError(f"order.created of {order_id} never reached the broker")

        yield take
        queue.delete()


def test_a_new_order_reaches_the_seller_by_sms_and_push_once_and_the_buyer_by_receipt(push_service, order_events):
    seller, _profile, gig = new_seller_with_gig()
    buyer = Account().signup()
    phone = verify_phone(seller)
    subscribed = seller.post("/api/v1/notifications/push-subscriptions", json=push_service.subscribe())
    assert subscribed.status_code == HTTPStatus.CREATED, subscribed.text

    order = place_order(buyer, gig["id"])

    [text] = wait_until(lambda: sms_to(phone, "order_received"))
    assert text["body"].startswith(f"New order from {buyer.username}")
    assert wait_until(lambda: pushes(push_service, "order_received", order_id=order["id"]))
    [pushed] = pushes(push_service, "order_received", order_id=order["id"])
    assert set(pushed) == {"id", "kind", "title", "body", "link", "data"}
    assert pushed["link"] == f"/orders/{order['id']}"
    [receipt] = wait_until(lambda: mails(buyer.email, "Your order receipt"))
    assert order["id"] in body_text(receipt) and seller.username in receipt["Subject"]

    # The same order.created again: every channel already has its delivery, so nothing is sent.
    redeliver_to_notification(order_events(order["id"]))
    # A later event to the same seller, queued behind the redelivery, marks when it has been handled.
    assert (
        buyer.post("/api/v1/chat/messages", json={"receiver_username": seller.username, "body": "Thanks!"}).status_code
        == HTTPStatus.CREATED
    )
    assert wait_until(lambda: pushes(push_service, "chat_message"))
    assert len(sms_to(phone, "order_received")) == 1
    assert len(pushes(push_service, "order_received", order_id=order["id"])) == 1
    assert len(mails(buyer.email, "Your order receipt")) == 1
    assert push_service.refused == []

    # Turned off: the next order is in the inbox, with no SMS and no push.
    changed = seller.put(
        "/api/v1/notifications/preferences", json={"kinds": {"order_received": {"sms": False, "push": False}}}
    )
    assert changed.status_code == HTTPStatus.OK, changed.text
    second = place_order(buyer, gig["id"])
    inbox = poll(
        lambda: seller.get("/api/v1/notifications"),
        lambda r: any(n["data"].get("order_id") == second["id"] for n in r.json()["items"]),
    )
    assert any(n["data"].get("order_id") == second["id"] for n in inbox.json()["items"])
    # The channels are planned in the transaction that stored the notice; the buyer's receipt of the
    # same event arriving shows that event's sends have gone out.
    assert wait_until(lambda: [m for m in mails(buyer.email, "Your order receipt") if second["id"] in body_text(m)])
    assert len(sms_to(phone, "order_received")) == 1
    assert pushes(push_service, "order_received", order_id=second["id"]) == []

    # A review received reaches the seller by e-mail and push.
    path = f"/api/v1/orders/{order['id']}"
    assert seller.post(f"{path}/deliver", json={"message": "Done"}).status_code == HTTPStatus.OK
    assert buyer.post(f"{path}/approve").status_code == HTTPStatus.OK
    review = {"order_id": order["id"], "rating": 5, "review": "Wonderful work, fast and clear."}
    created = poll(lambda: buyer.post("/api/v1/reviews", json=review), lambda r: r.status_code != HTTPStatus.CONFLICT)
    assert created.status_code == HTTPStatus.CREATED, created.text
    [mail] = wait_until(lambda: mails(seller.email, "5-star review"))
    assert "You were rated 5 out of 5" in body_text(mail)
    assert wait_until(lambda: pushes(push_service, "review_received", order_id=order["id"]))
    seller.close()
    buyer.close()


def new_browser() -> httpx.Client:
    return httpx.Client(
        base_url=GATEWAY,
        timeout=15,
        headers={"X-Forwarded-For": f"198.18.{random.randint(0, 255)}.{random.randint(1, 254)}"},
    )


def test_two_step_signin_asks_a_new_browser_for_the_code_and_then_remembers_it():
    account = Account().signup()
    turned_on = account.put("/api/v1/auth/two-step", json={"enabled": True, "channel": "email", "password": PASSWORD})
    assert turned_on.status_code == HTTPStatus.OK, turned_on.text
    credentials = {"username": account.username, "password": PASSWORD}

    with new_browser() as browser:
        challenge = browser.post("/api/v1/auth/signin", json=credentials)
        assert challenge.status_code == HTTPStatus.ACCEPTED, challenge.text
        assert challenge.json()["two_step_required"] is True and challenge.json()["channel"] == "email"
        assert "access_token" not in browser.cookies
        [mail] = wait_until(lambda: mails(account.email, "Your sign-in code"))
        code = re.search(r"sign-in code is: (\d{6})", body_text(mail)).group(1)

        wrong = browser.post(
            "/api/v1/auth/signin/verify",
            json={"challenge_id": challenge.json()["challenge_id"], "code": "000000" if code != "000000" else "111111"},
        )
        assert wrong.status_code == HTTPStatus.BAD_REQUEST and "access_token" not in browser.cookies
        done = browser.post(
            "/api/v1/auth/signin/verify", json={"challenge_id": challenge.json()["challenge_id"], "code": code}
        )
        assert done.status_code == HTTPStatus.OK, done.text
        assert {"access_token", "refresh_token", "device_token"} <= set(browser.cookies.keys())
        assert browser.get("/api/v1/auth/me").json()["user"]["username"] == account.username

        # Signed out, the browser keeps its device cookie: no code the next time.
        csrf = {"X-CSRF-Token": browser.cookies.get("csrf_token")}
        assert browser.post("/api/v1/auth/signout", headers=csrf).status_code == HTTPStatus.OK
        assert browser.post("/api/v1/auth/signin", json=credentials).status_code == HTTPStatus.OK
        assert len(mails(account.email, "Your sign-in code")) == 1

    with new_browser() as stranger:
        assert stranger.post("/api/v1/auth/signin", json=credentials).status_code == HTTPStatus.ACCEPTED
    account.close()
