"""Health, readiness, the gateway-only guard, JSON errors and the admin login: the checks every service passes."""

from shared.testing.service_checks import *  # noqa: F403
