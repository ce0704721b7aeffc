"""Schemathesis against the public OpenAPI at the gateway, signed in: whatever it sends, no answer is a 5xx,
and no operation refuses most of what its documented schema allows (Schemathesis' `validation_mismatch`
warning, made a failure): the documents the services export promise exactly what they check.

Bounded for CI (a time budget and a request rate under the per-user limit);
routes that would end the session under test (signout, password changes,
token refresh) are left out so every request after them is still signed in.
"""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from conftest import GATEWAY
from market import Account

SCHEMATHESIS = Path(sys.executable).parent / "st"
ENDS_THE_SESSION = r"/auth/(signout|signout-all|change-password|reset-password|refresh|sessions)"


# Schemathesis reads its settings from a file only: warnings it should fail on have no flag.
CONFIG = """
[warnings]
display = ["validation_mismatch", "missing_auth", "missing_test_data"]
fail-on = ["validation_mismatch"]
"""


def test_schemathesis_finds_no_server_error_and_no_validation_mismatch_in_the_public_api(tmp_path):
    account = Account().signup()
    cookies = account.client.cookies
    cookie = "; ".join(f"{name}={cookies.get(name)}" for name in ("access_token", "csrf_token"))
    address = f"198.18.{random.randint(0, 255)}.{random.randint(1, 254)}"  # its own rate-limit bucket
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [
        str(SCHEMATHESIS), "--config-file", str(config), "run", f"{GATEWAY}/api/v1/openapi.json",
        "--checks", "not_a_server_error",
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", "8", "--max-time", "90", "--seed", "10",
        "--workers", "2", "--rate-limit", "8/s", "--request-timeout", "15",
        "--exclude-path-regex", ENDS_THE_SESSION,
        "--header", f"Cookie: {cookie}",
        "--header", f"X-CSRF-Token: {cookies.get('csrf_token')}",
        "--header", f"X-Forwarded-For: {address}",
        "--report", "junit", "--report-dir", str(tmp_path),
        "--no-color",
    ]
    # cwd: Schemathesis keeps its example database in ./.schemathesis; never in the checkout.
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    account.close()

    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
