"""Outgoing e-mail through Django's backend interface (SMTP unless configured otherwise).

Locally EMAIL_HOST:EMAIL_PORT is the SMTP sink
(``python -m shared.devtools.smtp_sink --port 1025 --mailbox .run/mail``).
"""

from shared.conf import env

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=1025)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
# A hung SMTP server must fail the handler (and so retry the event), not block the worker forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Marketplace <no-reply@marketplace.local>")
EMAIL_SUBJECT_PREFIX = ""
