"""Account rules: token lifetimes for e-mails, sign-in lockout, uploads."""

from shared.conf import env

AUTH_USER_MODEL = "accounts.User"

# One-time tokens sent by e-mail.
AUTH_EMAIL_VERIFICATION_TTL = env.int("AUTH_EMAIL_VERIFICATION_TTL", default=48 * 3600)
AUTH_PASSWORD_RESET_TTL = env.int("AUTH_PASSWORD_RESET_TTL", default=3600)
# Minimum gap between two verification/reset e-mails for one account (mail bombing).
AUTH_EMAIL_COOLDOWN = env.int("AUTH_EMAIL_COOLDOWN", default=60)

# Sign-in lockout: failures counted per (login, client IP) and, more loosely, per login
# alone, so one attacker is stopped early and a distributed guess is still bounded.
AUTH_SIGNIN_MAX_FAILURES = env.int("AUTH_SIGNIN_MAX_FAILURES", default=5)
AUTH_SIGNIN_MAX_FAILURES_PER_ACCOUNT = env.int("AUTH_SIGNIN_MAX_FAILURES_PER_ACCOUNT", default=20)
AUTH_SIGNIN_LOCKOUT_WINDOW = env.int("AUTH_SIGNIN_LOCKOUT_WINDOW", default=15 * 60)

AUTH_PROFILE_PICTURE_MAX_BYTES = env.int("AUTH_PROFILE_PICTURE_MAX_BYTES", default=2 * 1024 * 1024)
# Serve uploaded pictures from this process (behind the gateway) unless a CDN/bucket does it.
AUTH_SERVE_MEDIA = env.bool("AUTH_SERVE_MEDIA", default=True)

REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "shared.api_drf.exception_handler",
    # The service's own OpenAPI document (config/openapi.py), merged by the gateway into the public one.
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Views name shared.api_drf.BearerTokenAuthentication themselves: as a default here it
    # would be imported while rest_framework.views is still loading (an import cycle).
    # Empty + IsAuthenticated means a view that forgets to choose refuses everyone.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        # Depth, size, control characters and numbers checked while parsing (shared.validation).
        "shared.api_drf.SafeJSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}

# Codes sent by SMS or e-mail (phone verification, two-step sign-in): 6 digits, 10 minutes,
# 5 attempts, single use; a browser that passed two-step sign-in is remembered for a year.
AUTH_CODE_TTL = env.int("AUTH_CODE_TTL", default=10 * 60)
AUTH_CODE_MAX_ATTEMPTS = env.int("AUTH_CODE_MAX_ATTEMPTS", default=5)
AUTH_DEVICE_COOKIE = "device_token"
AUTH_DEVICE_TTL = env.int("AUTH_DEVICE_TTL", default=365 * 24 * 3600)
