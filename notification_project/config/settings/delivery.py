"""The SMS and Web Push channels (e-mail is in email.py).

SMS: ``NOTIFICATION_SMS_PROVIDER`` is ``twilio`` when TWILIO_ACCOUNT_SID is
set, else ``sink`` (one JSON file per message under ``<run dir>/sms``).
Web Push: endpoints are URLs this server calls, so only the browser push
services are allowed; ``NOTIFICATION_PUSH_ALLOW_LOCAL_HTTP`` (local .env)
adds http on 127.0.0.0/8 for a test push service.
"""

from shared.conf import env, run_dir

TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM = env.str("TWILIO_FROM", default="")
TWILIO_API_BASE_URL = env.str("TWILIO_API_BASE_URL", default="")  # empty: Twilio's own API
NOTIFICATION_SMS_PROVIDER = env.str("NOTIFICATION_SMS_PROVIDER", default="twilio" if TWILIO_ACCOUNT_SID else "sink")
NOTIFICATION_SMS_SINK_DIR = env.str("NOTIFICATION_SMS_SINK_DIR", default=str(run_dir() / "sms"))

NOTIFICATION_PUSH_ALLOWED_HOSTS = env.list(
    "NOTIFICATION_PUSH_ALLOWED_HOSTS",
    default=[
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        "*.notify.windows.com",
        "web.push.apple.com",
    ],
)
NOTIFICATION_PUSH_ALLOW_LOCAL_HTTP = env.bool("NOTIFICATION_PUSH_ALLOW_LOCAL_HTTP", default=False)
NOTIFICATION_VAPID_SUBJECT = env.str("NOTIFICATION_VAPID_SUBJECT", default="mailto:no-reply@marketplace.local")
NOTIFICATION_PUSH_TTL = env.int("NOTIFICATION_PUSH_TTL", default=24 * 3600)
# A hung push service must fail the task (which retries), not hold a worker thread.
NOTIFICATION_PUSH_TIMEOUT = env.float("NOTIFICATION_PUSH_TIMEOUT", default=10.0)
