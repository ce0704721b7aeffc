"""simplejwt token classes carrying our claims, signed with auth's RSA key.

Access tokens must verify with ``shared.tokens.verify_user_token`` (what the
gateway and every service use): RS256, our issuer and audience, and the claims
user_id, username, email, email_verified, token_type, iat, exp, jti.
Refresh tokens add ``fam``, the session family used to detect reuse; access
tokens carry the same id as ``sid``, so an ended session's access tokens can be
refused at once (ADR 0009).
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from rest_framework_simplejwt.backends import TokenBackend
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import AccessToken, BlacklistMixin, RefreshToken, Token

from shared.keys import read_key

FAMILY_CLAIM = "fam"
# The same id in access tokens, under the name the gateway checks (shared.revocation).
SESSION_CLAIM = "sid"


@cache
def token_backend() -> TokenBackend:
    """Built on first use, so importing settings never needs the key files."""
    jwt = settings.SIMPLE_JWT
    return TokenBackend(
        jwt["ALGORITHM"],
        signing_key=read_key("jwt_private"),
        verifying_key=read_key("jwt_public"),
        audience=jwt["AUDIENCE"],
        issuer=jwt["ISSUER"],
        leeway=jwt["LEEWAY"],
    )


def _describe(token: Token, user) -> None:
    token["username"] = user.username
    token["email"] = user.email
    token["email_verified"] = user.email_verified


class UserAccessToken(AccessToken):
    @property
    def lifetime(self):
        # Read when minting (simplejwt fixes it at import), so settings changes apply.
        return settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"]

    def get_token_backend(self) -> TokenBackend:
        return token_backend()


class SessionRefreshToken(RefreshToken):
    access_token_class = UserAccessToken
    # Not copied as ``fam``: access tokens name their session ``sid`` (set when the pair is made).
    no_copy_claims = (*RefreshToken.no_copy_claims, FAMILY_CLAIM)

    @property
    def lifetime(self):
        return settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]

    def get_token_backend(self) -> TokenBackend:
        return token_backend()

    def verify(self, *args, **kwargs) -> None:
        # Signature, expiry, type and jti only: the caller checks the blacklist itself,
        # because a blacklisted token is reuse and must revoke its whole family.
        Token.verify(self, *args, **kwargs)
        if FAMILY_CLAIM not in self.payload or "user_id" not in self.payload:
            raise TokenError("Token is invalid")

    @classmethod
    def for_session(cls, user, family_id: str) -> SessionRefreshToken:
        # Token.for_user (skipping BlacklistMixin's) so the outstanding row stores the final token.
        token = super(BlacklistMixin, cls).for_user(user)
        _describe(token, user)
        token[FAMILY_CLAIM] = family_id
        OutstandingToken.objects.create(
            user=user,
            jti=token["jti"],
            token=str(token),
            created_at=token.current_time,
            expires_at=token.current_time + token.lifetime,
        )
        return token
