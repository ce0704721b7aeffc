"""A plain snapshot of the gateway settings, read once: the hot path never touches Django's settings."""

from __future__ import annotations

from dataclasses import dataclass, field


def parse_rate(text: str) -> tuple[int, int]:
    """``"10/60"`` -> (10 requests, 60 seconds)."""
    count, _, seconds = text.partition("/")
    return int(count), int(seconds or 60)


@dataclass
class GatewayConfig:
    upstreams: dict[str, list[str]]
    connect_timeout: float = 2.0
    read_timeout: float = 15.0
    retries: int = 2
    breaker_threshold: int = 3
    breaker_cooldown: float = 10.0
    pool_size: int = 200
    max_json_body: int = 1024 * 1024
    max_upload_body: int = 10 * 1024 * 1024
    rate_limits: dict[str, tuple[int, int]] = field(default_factory=dict)
    rate_limit_enabled: bool = True
    redis_url: str = "redis://127.0.0.1:6379/0"
    revocation_redis_url: str = "redis://127.0.0.1:6379/0"
    trust_forwarded_for: bool = False
    secure_cookies: bool = True
    access_cookie: str = "access_token"
    refresh_cookie: str = "refresh_token"
    csrf_cookie: str = "csrf_token"
    csrf_header: str = "x-csrf-token"
    refresh_cookie_path: str = "/api/v1/auth/"
    trusted_origins: tuple[str, ...] = ()
    socketio_host: str = "127.0.0.1"  # where this worker takes Socket.IO requests relayed by the others
    pending_writes_seconds: int = 30

    @classmethod
    def from_settings(cls, settings=None) -> GatewayConfig:
        if settings is None:
            from django.conf import settings
        return cls(
            upstreams=dict(settings.GATEWAY_UPSTREAMS),
            connect_timeout=settings.GATEWAY_CONNECT_TIMEOUT,
            read_timeout=settings.GATEWAY_READ_TIMEOUT,
            retries=settings.GATEWAY_RETRIES,
            breaker_threshold=settings.GATEWAY_BREAKER_THRESHOLD,
            breaker_cooldown=settings.GATEWAY_BREAKER_COOLDOWN,
            pool_size=settings.GATEWAY_POOL_SIZE,
            max_json_body=settings.GATEWAY_MAX_JSON_BODY,
            max_upload_body=settings.GATEWAY_MAX_UPLOAD_BODY,
            rate_limits={name: parse_rate(value) for name, value in settings.GATEWAY_RATE_LIMITS.items()},
            rate_limit_enabled=settings.GATEWAY_RATE_LIMIT_ENABLED,
            redis_url=settings.GATEWAY_RATE_LIMIT_REDIS_URL,
            revocation_redis_url=settings.REVOCATION_REDIS_URL,
            trust_forwarded_for=settings.GATEWAY_TRUST_FORWARDED_FOR,
            secure_cookies=settings.SECURE_COOKIES,
            access_cookie=settings.ACCESS_COOKIE,
            refresh_cookie=settings.REFRESH_COOKIE,
            csrf_cookie=settings.CSRF_COOKIE,
            csrf_header=settings.CSRF_HEADER,
            refresh_cookie_path=settings.REFRESH_COOKIE_PATH,
            trusted_origins=tuple(origin.rstrip("/") for origin in settings.CSRF_TRUSTED_ORIGINS),
            socketio_host=settings.GATEWAY_SOCKETIO_HOST,
            pending_writes_seconds=settings.CONSISTENCY_PENDING_SECONDS,
        )
