"""Schemathesis against the public OpenAPI at the gateway, signed in: whatever it sends, no answer is a 5xx,
and no operation refuses most of what its documented schema allows (Schemathesis' `validation_mismatch`
warning fails the run): the services' schemas state what they check (docs/decisions/0015).

Bounded for CI (a time budget and a request rate under the per-user limit);
routes that would end the session under test (signout, password changes,
token refresh) are left out so every request after them is still signed in.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import phonenumbers
from conftest import GATEWAY, PASSWORD
from market import Account

SCHEMATHESIS = Path(sys.executable).parent / "st"
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")  # the password, real numbers and images it sends
ENDS_THE_SESSION = r"/auth/(signout|signout-all|change-password|reset-password|refresh|sessions)"
# Operations whose success needs what was sent out of band (a texted or e-mailed code or link): no schema, link or
# example can hold it, so a random value is always refused with 400 naming the field. Their warning is off.
OUT_OF_BAND = (
    "POST /api/v1/auth/phone/verify",  # the 6-digit code texted by POST /auth/phone
    "POST /api/v1/auth/signin/verify",  # the code sent for a 202 signin's challenge_id
    "POST /api/v1/auth/verify-email",  # the token in the verification e-mail
)
# POST /orders takes the gig_id of its payment intent (400 payment_gig_mismatch otherwise): a pair from one response
# (the link payment-intents -> orders documents it) that the unit phases draw from separate pools.
PAIRED = ("POST /api/v1/orders",)


def _valid_phones() -> list[str]:
    """Numbers the numbering plans have (POST /auth/phone checks that, and no pattern can say it)."""
    mobile = phonenumbers.PhoneNumberType.MOBILE
    numbers = (phonenumbers.example_number_for_type(region, mobile) for region in ("NO", "PT", "DE", "GB", "FR", "JP"))
    return [phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) for number in numbers]


def config() -> str:
    """Schemathesis reads its settings from a file only."""
    quiet = "\n".join(
        f'[[operations]]\ninclude-name = "{label}"\nwarnings = false\n' for label in (*OUT_OF_BAND, *PAIRED)
    )
    return f"""
hooks = {json.dumps(str(HOOKS))}

[warnings]
display = ["validation_mismatch"]
fail-on = ["validation_mismatch"]

{quiet}"""


def test_schemathesis_finds_no_server_error_and_no_schema_the_api_disagrees_with(tmp_path):
    account = Account().signup()
    cookies = account.client.cookies
    cookie = "; ".join(f"{name}={cookies.get(name)}" for name in ("access_token", "csrf_token"))
    address = f"198.18.{random.randint(0, 255)}.{random.randint(1, 254)}"  # its own rate-limit bucket
    config_file = tmp_path / "schemathesis.toml"
    config_file.write_text(config())
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config_file),
        "run",
        f"{GATEWAY}/api/v1/openapi.json",
        "--checks",
        "not_a_server_error",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        "8",
        "--max-time",
        "90",
        "--seed",
        "10",
        # One worker: the rate limit below bounds the run either way, and two threads race in CPython 3.11's
        # ast.parse (Hypothesis describing a lambda: "AST constructor recursion depth mismatch").
        "--workers",
        "1",
        "--rate-limit",
        "8/s",
        "--request-timeout",
        "15",
        "--exclude-path-regex",
        ENDS_THE_SESSION,
        "--header",
        f"Cookie: {cookie}",
        "--header",
        f"X-CSRF-Token: {cookies.get('csrf_token')}",
        "--header",
        f"X-Forwarded-For: {address}",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
        "--no-color",
    ]
    # cwd: Schemathesis keeps its example database in ./.schemathesis; never in the checkout.
    hooks_data = {"E2E_ACCOUNT_PASSWORD": PASSWORD, "E2E_VALID_PHONES": json.dumps(_valid_phones())}
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=300, cwd=tmp_path, env={**os.environ, **hooks_data}
    )
    account.close()

    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
