"""Mint tokens in tests the way auth and the gateway would (local dev keys only)."""

from __future__ import annotations

import time
import uuid

import jwt

from shared.keys import ensure_dev_keys, read_key
from shared.tokens import (
    GATEWAY_TOKEN_ALGORITHM,
    GATEWAY_TOKEN_ISSUER,
    USER_TOKEN_ALGORITHM,
    USER_TOKEN_AUDIENCE,
    USER_TOKEN_ISSUER,
    TokenUser,
    verify_user_token,
)


def user_token(
    user_id: str = "1",
    username: str = "alice",
    email: str | None = None,
    email_verified: bool = True,
    lifetime: int = 300,
    **overrides,
) -> str:
    ensure_dev_keys()
    now = int(time.time())
    claims = {
        "token_type": "access",
        "user_id": str(user_id),
        "username": username,
        "email": email or f"{username}@example.com",
        "email_verified": email_verified,
        "iss": USER_TOKEN_ISSUER,
        "aud": USER_TOKEN_AUDIENCE,
        "iat": now,
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    return jwt.encode(claims, read_key("jwt_private"), algorithm=USER_TOKEN_ALGORITHM)


def gateway_token(audience: str, lifetime: int = 45, key: str | None = None, **overrides) -> str:
    ensure_dev_keys()
    now = int(time.time())
    claims = {"iss": GATEWAY_TOKEN_ISSUER, "aud": audience, "iat": now, "exp": now + lifetime, "jti": uuid.uuid4().hex}
    claims.update(overrides)
    return jwt.encode(claims, key or read_key("gateway_private"), algorithm=GATEWAY_TOKEN_ALGORITHM)


def token_user(user_id: str = "1", username: str = "someone", **claims) -> TokenUser:
    """The signed-in user as a real access token describes them: for calling services directly in tests."""
    return verify_user_token(user_token(user_id, username, **claims))
