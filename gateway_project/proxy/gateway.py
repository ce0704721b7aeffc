"""The per-process gateway: configuration, upstream pools, token signer and verifier cache, rate limiter."""

from __future__ import annotations

import time

from proxy.config import GatewayConfig
from proxy.ratelimit import RateLimiter
from proxy.revocations import Revocations
from proxy.upstreams import Upstreams
from shared.keys import read_key
from shared.tokens import GatewayTokenSigner, TokenError, TokenUser, verify_user_token

_TOKEN_CACHE_SIZE = 4096


class Gateway:
    def __init__(self, config: GatewayConfig):
        self.config = config
        self.upstreams = Upstreams(
            config.upstreams, threshold=config.breaker_threshold, cooldown=config.breaker_cooldown
        )
        # The gateway is the only project that loads this private key.
        self.signer = GatewayTokenSigner(read_key("gateway_private"))
        self.limiter = RateLimiter(config.redis_url, enabled=config.rate_limit_enabled)
        self.revocations = Revocations(config.revocation_redis_url)
        self._verified: dict[str, TokenUser] = {}

    def verify_access(self, token: str) -> TokenUser:
        """Verify a user's access token and that its session has not ended (ADR 0009)."""
        user = self._verify_signature(token)
        if self.revocations.revoked(user):
            raise TokenError("This session has ended. Sign in again.", "token_revoked")
        return user

    def _verify_signature(self, token: str) -> TokenUser:
        # A verified token is remembered until it expires (it cannot change; its session can).
        user = self._verified.get(token)
        if user is not None:
            if user.expires_at > time.time():
                return user
            del self._verified[token]
            raise TokenError("The token has expired.", "token_expired")
        user = verify_user_token(token)
        if len(self._verified) >= _TOKEN_CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = user
        return user


_gateway: Gateway | None = None


def get_gateway() -> Gateway:
    global _gateway
    if _gateway is None:
        _gateway = Gateway(GatewayConfig.from_settings())
    return _gateway


def set_gateway(gateway: Gateway | None) -> None:
    """Tests swap in a gateway built with their own configuration."""
    global _gateway
    _gateway = gateway
