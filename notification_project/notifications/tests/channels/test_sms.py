"""SMS: the local sink's files, the Twilio adapter against a server speaking Twilio's REST API."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from notifications.channels.base import PermanentFailure
from notifications.channels.phones import phone_remember
from notifications.channels.preferences import preferences_update
from notifications.channels.sms import TwilioProvider
from notifications.models import Delivery, VerifiedPhone
from notifications.tests import events
from notifications.tests.events import BUYER, SELLER

pytestmark = pytest.mark.django_db


def texts(sink) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(sink.glob("*.json"))]


def test_a_seller_with_a_verified_phone_gets_an_sms_for_a_new_order(deliver, envelope_of, sms_sink):
    phone_remember(user_id=SELLER, phone="+4791234567")

    deliver(envelope_of(events.order_created(price="25.5")))

    [text] = texts(sms_sink)
    assert set(text) == {"to", "body", "kind", "sent_at"}
    assert (text["to"], text["kind"]) == ("+4791234567", "order_received")
    assert text["body"].startswith("New order from bob. You have a new order worth $25.50")
    assert text["body"].endswith("http://client.test/orders/o1")


def test_no_verified_phone_no_sms(deliver, envelope_of, sms_sink):
    deliver(envelope_of(events.order_created()))

    assert texts(sms_sink) == []
    assert not Delivery.objects.filter(channel="sms").exists()


def test_sms_turned_off_is_not_sent_and_a_replay_sends_once(deliver, envelope_of, sms_sink):
    phone_remember(user_id=BUYER, phone="+4791234567")
    envelope = envelope_of(events.order_delivered())
    deliver(envelope)
    deliver(envelope)
    assert len(texts(sms_sink)) == 1

    preferences_update(user_id=BUYER, changes={"order_delivered": {"sms": False}})
    deliver(envelope_of(events.order_delivered(order_id="o2")))

    assert len(texts(sms_sink)) == 1


def test_messages_are_not_texted_by_default(deliver, envelope_of, sms_sink):
    phone_remember(user_id=SELLER, phone="+4791234567")

    deliver(envelope_of(events.chat_message_sent()))

    assert texts(sms_sink) == []


def test_phone_events_keep_the_verified_number(deliver, envelope_of):
    deliver(envelope_of(events.phone_verified(phone="+4791234567")))
    assert VerifiedPhone.objects.get(user_id="7").phone == "+4791234567"

    deliver(envelope_of(events.phone_removed()))
    assert not VerifiedPhone.objects.exists()


def test_a_phone_verification_code_is_texted_and_erased_once_sent(deliver, envelope_of, sms_sink):
    deliver(envelope_of(events.phone_verification_requested(phone="+4791234567", code="123456")))

    [text] = texts(sms_sink)
    assert (text["to"], text["kind"]) == ("+4791234567", "phone_verification")
    assert "123456" in text["body"]
    assert Delivery.objects.get().content == {"secret": True}


def test_a_signin_code_goes_by_the_channel_asked_for(deliver, envelope_of, sms_sink, mailoutbox):
    deliver(envelope_of(events.signin_code_requested(channel="sms", phone="+4791234567", code="654321")))
    deliver(envelope_of(events.signin_code_requested(channel="email", code="111222")))

    [text] = texts(sms_sink)
    assert "654321" in text["body"] and text["kind"] == "signin_code"
    [message] = mailoutbox
    assert message.subject == "Your sign-in code" and "111222" in message.body
    assert "111222" in message.alternatives[0][0]


class FakeTwilio(ThreadingHTTPServer):
    """Answers POST /2010-04-01/Accounts/{sid}/Messages.json as Twilio does (201 JSON, or an error)."""

    def __init__(self, status=201):
        self.requests, self.status = [], status
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                server.requests.append((self.path, self.headers.get("Authorization", ""), form))
                body = (
                    {"sid": "SM123", "status": "queued"}
                    if server.status == 201
                    else {"code": 21211, "message": "Invalid 'To' Phone Number", "status": server.status}
                )
                raw = json.dumps(body).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


def test_the_twilio_adapter_posts_a_message_with_the_sdk():
    server = FakeTwilio()
    try:
        provider = TwilioProvider(
            account_sid="AC1", auth_token="secret", from_number="+15005550006", base_url=server.url
        )
        assert provider.send(to="+4791234567", body="Hello", kind="order_received") == "SM123"
    finally:
        server.shutdown()
    [(path, authorization, form)] = server.requests
    assert path == "/2010-04-01/Accounts/AC1/Messages.json"
    assert authorization.startswith("Basic ")
    assert form == {"To": ["+4791234567"], "From": ["+15005550006"], "Body": ["Hello"]}


def test_a_number_twilio_refuses_is_a_permanent_failure():
    server = FakeTwilio(status=400)
    try:
        provider = TwilioProvider(
            account_sid="AC1", auth_token="secret", from_number="+15005550006", base_url=server.url
        )
        with pytest.raises(PermanentFailure):
            provider.send(to="+1", body="Hello", kind="order_received")
    finally:
        server.shutdown()
