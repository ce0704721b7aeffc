"""Schemathesis hooks of e2e/test_schemathesis.py (its config's ``hooks``): data a schema cannot describe.

- A part whose ``encoding`` names image types (shared.openapi.image_parts) gets a real image of one of
  them: the services decode what they are sent (shared.images.image_check).
- Valid cases of two operations get what only the account holder or the world has: the signed-in
  account's own password for ``PUT /auth/two-step`` (by e-mail: codes by SMS need a phone proved with a
  texted code first), and for ``POST /auth/phone`` a number a numbering plan has (no pattern says which).

Only valid (positive) cases are changed; the invalid ones Schemathesis makes stay as they are.
"""

from __future__ import annotations

import json
import os

import schemathesis
from hypothesis import strategies as st
from schemathesis.core.file_samples import MEDIA_TYPE_FILE_SAMPLES
from schemathesis.generation.modes import GenerationMode

for _media_type, _sample in MEDIA_TYPE_FILE_SAMPLES.items():
    schemathesis.openapi.media_type(_media_type, st.just(_sample))

ACCOUNT_PASSWORD = os.environ["E2E_ACCOUNT_PASSWORD"]
PHONES = json.loads(os.environ["E2E_VALID_PHONES"])
_calls = {"phone": 0}


def _is_valid_case(case) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode == GenerationMode.POSITIVE and isinstance(case.body, dict)


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    if not _is_valid_case(case):
        return
    if case.operation.label == "PUT /api/v1/auth/two-step":
        case.body = {**case.body, "password": ACCOUNT_PASSWORD, "channel": "email"}
    elif case.operation.label == "POST /api/v1/auth/phone":
        _calls["phone"] += 1
        case.body = {**case.body, "phone": PHONES[_calls["phone"] % len(PHONES)]}
