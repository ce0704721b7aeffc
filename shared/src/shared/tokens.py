"""User tokens (minted by auth only) and gateway tokens (minted by the gateway only).

Both are verified with the algorithm pinned, and with issuer, audience, expiry
and the claims we rely on required, so a token from elsewhere cannot pass.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt

from shared.conf import env
from shared.keys import read_key

USER_TOKEN_ALGORITHM = "RS256"
GATEWAY_TOKEN_ALGORITHM = "EdDSA"
USER_TOKEN_ISSUER = env.str("JWT_ISSUER", default="marketplace-auth")
USER_TOKEN_AUDIENCE = env.str("JWT_AUDIENCE", default="marketplace")
GATEWAY_TOKEN_ISSUER = "marketplace-gateway"
GATEWAY_TOKEN_LIFETIME = 45  # seconds: under a minute, as DESIGN.md asks
GATEWAY_HEADER = "X-Gateway-Token"


class TokenError(Exception):
    """The token is missing, malformed, expired or not meant for us."""

    def __init__(self, message: str, code: str = "token_invalid"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TokenUser:
    """The signed-in user as the access token describes them."""

    id: str
    username: str
    email: str
    email_verified: bool
    token_id: str
    expires_at: int
    # The session (refresh-token family) and issue time, which revocation checks (shared.revocation).
    session_id: str = ""
    issued_at: int = 0

    is_authenticated = True
    is_anonymous = False

    @property
    def pk(self) -> str:
        return self.id


def _decode(token: str, key: str, algorithm: str, audience: str, issuer: str) -> dict:
    try:
        return jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=audience,
            issuer=issuer,
            options={"require": ["exp", "iat", "iss", "aud", "jti"]},
            leeway=5,
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError("The token has expired.", "token_expired") from exc
    except jwt.PyJWTError as exc:
        raise TokenError("The token is not valid.", "token_invalid") from exc


def verify_user_token(token: str) -> TokenUser:
    """Check an access token minted by auth and describe its user."""
    claims = _decode(token, read_key("jwt_public"), USER_TOKEN_ALGORITHM, USER_TOKEN_AUDIENCE, USER_TOKEN_ISSUER)
    if claims.get("token_type") != "access" or "user_id" not in claims:
        raise TokenError("An access token is required.", "token_not_access")
    return TokenUser(
        id=str(claims["user_id"]),
        username=claims.get("username", ""),
        email=claims.get("email", ""),
        email_verified=bool(claims.get("email_verified", False)),
        token_id=claims["jti"],
        expires_at=int(claims["exp"]),
        session_id=str(claims.get("sid", "")),
        issued_at=int(claims["iat"]),
    )


class GatewayTokenSigner:
    """Mints gateway tokens, reusing one per audience for part of its life (no user data in it)."""

    def __init__(self, private_key: str | None = None, lifetime: int = GATEWAY_TOKEN_LIFETIME):
        self._key = private_key
        self._lifetime = lifetime
        self._cache: dict[str, tuple[str, float]] = {}

    def token_for(self, audience: str) -> str:
        now = time.time()
        cached = self._cache.get(audience)
        if cached and cached[1] - now > self._lifetime / 2:
            return cached[0]
        key = self._key or read_key("gateway_private")
        claims = {
            "iss": GATEWAY_TOKEN_ISSUER,
            "aud": audience,
            "iat": int(now),
            "exp": int(now) + self._lifetime,
            "jti": uuid.uuid4().hex,
        }
        token = jwt.encode(claims, key, algorithm=GATEWAY_TOKEN_ALGORITHM)
        self._cache[audience] = (token, now + self._lifetime)
        return token


class GatewayTokenVerifier:
    """Verifies gateway tokens for one service; remembers tokens it has already checked."""

    def __init__(self, service: str, public_key: str | None = None):
        self.service = service
        self._key = public_key
        self._verified: dict[str, float] = {}

    def verify(self, token: str) -> None:
        now = time.time()
        expires = self._verified.get(token)
        if expires is not None and expires > now:
            return
        claims = _decode(
            token, self._key or read_key("gateway_public"), GATEWAY_TOKEN_ALGORITHM, self.service, GATEWAY_TOKEN_ISSUER
        )
        if len(self._verified) > 256:
            self._verified = {t: e for t, e in self._verified.items() if e > now}
        self._verified[token] = float(claims["exp"])
