"""A local Web Push service for tests: it speaks the push protocol (RFC 8030 POST), checks the
VAPID signature (RFC 8292) and decrypts each message (RFC 8291, aes128gcm) with the
subscription's private keys, as a browser would.

    with PushService() as service:
        subscription = service.subscribe()      # the PushSubscription JSON a browser would give
        ...                                     # the server pushes to subscription["endpoint"]
        [message] = service.messages            # decrypted payloads (dicts), with their VAPID claims
"""

from __future__ import annotations

import base64
import json
import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    subscription: str
    payload: dict
    claims: dict
    headers: dict


@dataclass
class _Browser:
    key: ec.EllipticCurvePrivateKey
    auth: bytes
    status: int = 201  # what the service answers a push to it (410: the user unsubscribed)


@dataclass
class PushService:
    host: str = "127.0.0.1"
    messages: list[Received] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._browsers: dict[str, _Browser] = {}
        self._received = threading.Condition()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status = service._accept(self.path.strip("/"), body, {k.lower(): v for k, v in self.headers.items()})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer((self.host, 0), Handler)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self._server.server_address[1]}"

    def __enter__(self) -> PushService:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def subscribe(self) -> dict:
        """A new browser subscription: the JSON of ``PushSubscription.toJSON()``."""
        name = b64url(os.urandom(12))
        browser = _Browser(key=ec.generate_private_key(ec.SECP256R1()), auth=os.urandom(16))
        self._browsers[name] = browser
        point = browser.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": f"{self.origin}/{name}",
            "expirationTime": None,
            "keys": {"p256dh": b64url(point), "auth": b64url(browser.auth)},
        }

    def unsubscribe(self, subscription: dict, status: int = 410) -> None:
        """From now on the service answers pushes to this subscription with ``status``."""
        self._browsers[subscription["endpoint"].rsplit("/", 1)[1]].status = status

    def wait_for(self, count: int, timeout: float = 20.0) -> list[Received]:
        with self._received:
            self._received.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        return list(self.messages)

    def _accept(self, name: str, body: bytes, headers: dict) -> int:
        browser = self._browsers.get(name)
        if browser is None:
            return 404
        if browser.status >= 400:
            return browser.status
        try:
            claims = self._vapid_claims(headers)
            plain = http_ece.decrypt(body, private_key=browser.key, auth_secret=browser.auth, version="aes128gcm")
            payload = json.loads(plain)
        except Exception as exc:
            self.refused.append(f"{type(exc).__name__}: {exc}")
            return 400
        with self._received:
            self.messages.append(Received(subscription=name, payload=payload, claims=claims, headers=headers))
            self._received.notify_all()
        return 201

    def _vapid_claims(self, headers: dict) -> dict:
        """RFC 8292: ``Authorization: vapid t=<JWT>, k=<public key>``, the JWT signed ES256 for our origin."""
        if headers.get("content-encoding") != "aes128gcm":
            raise ValueError("not aes128gcm")
        scheme, _, params = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "vapid":
            raise ValueError("no VAPID authorization")
        values = dict(part.strip().split("=", 1) for part in params.split(","))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(values["k"]))
        claims = jwt.decode(values["t"], public, algorithms=["ES256"], audience=self.origin)
        claims["k"] = values["k"]
        return claims
