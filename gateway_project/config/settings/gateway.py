"""The gateway's own knobs, all from the environment (see gateway_project/README.md)."""

from shared.conf import SERVICE_PORTS, env, service_urls

UPSTREAM_SERVICES = [name for name in SERVICE_PORTS if name != "gateway"]
GATEWAY_UPSTREAMS = {name: service_urls(name) for name in UPSTREAM_SERVICES}

GATEWAY_CONNECT_TIMEOUT = env.float("GATEWAY_CONNECT_TIMEOUT", default=2.0)
GATEWAY_READ_TIMEOUT = env.float("GATEWAY_READ_TIMEOUT", default=15.0)
GATEWAY_RETRIES = env.int("GATEWAY_RETRIES", default=2)  # extra attempts on another instance
GATEWAY_BREAKER_THRESHOLD = env.int("GATEWAY_BREAKER_THRESHOLD", default=3)
GATEWAY_BREAKER_COOLDOWN = env.float("GATEWAY_BREAKER_COOLDOWN", default=10.0)
GATEWAY_POOL_SIZE = env.int("GATEWAY_POOL_SIZE", default=200)

# A JSON API needs little; uploads (pictures, delivered files) get more, never 200 MB.
GATEWAY_MAX_JSON_BODY = env.int("GATEWAY_MAX_JSON_BODY", default=1024 * 1024)
GATEWAY_MAX_UPLOAD_BODY = env.int("GATEWAY_MAX_UPLOAD_BODY", default=10 * 1024 * 1024)

# "<requests>/<seconds>" per bucket.
GATEWAY_RATE_LIMITS = {
    "credentials": env.str("GATEWAY_RATE_LIMIT_CREDENTIALS", default="10/60"),
    "anonymous": env.str("GATEWAY_RATE_LIMIT_ANONYMOUS", default="300/60"),
    "user": env.str("GATEWAY_RATE_LIMIT_USER", default="600/60"),
    "websocket": env.str("GATEWAY_RATE_LIMIT_WEBSOCKET", default="30/60"),
}
GATEWAY_RATE_LIMIT_ENABLED = env.bool("GATEWAY_RATE_LIMIT_ENABLED", default=True)
GATEWAY_RATE_LIMIT_REDIS_URL = env.str(
    "GATEWAY_RATE_LIMIT_REDIS_URL",
    default=env.str("REDIS_URL", default="redis://127.0.0.1:6379/0"),
)
# Read-your-writes: how long a user's published events are passed on to the services that consume them.
CONSISTENCY_PENDING_SECONDS = env.int("CONSISTENCY_PENDING_SECONDS", default=30)
# Only behind a trusted load balancer may the client address come from X-Forwarded-For.
GATEWAY_TRUST_FORWARDED_FOR = env.bool("GATEWAY_TRUST_FORWARDED_FOR", default=False)

# Each worker's private address for Socket.IO requests of its sessions that reached another worker
# (proxy/socketio_routing.py): loopback for workers of one host; the pod's own IP across pods.
GATEWAY_SOCKETIO_HOST = env.str("GATEWAY_SOCKETIO_HOST", default="127.0.0.1")

# Production is secure by default; the local .env says SECURE_COOKIES=false for plain http.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=True)
ACCESS_COOKIE = env.str("GATEWAY_ACCESS_COOKIE", default="access_token")
REFRESH_COOKIE = env.str("GATEWAY_REFRESH_COOKIE", default="refresh_token")
CSRF_COOKIE = env.str("GATEWAY_CSRF_COOKIE", default="csrf_token")
CSRF_HEADER = "x-csrf-token"
# The refresh token is only ever needed by these two routes, so the browser sends it nowhere else.
REFRESH_COOKIE_PATH = "/api/v1/auth/"
