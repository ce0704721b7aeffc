"""Flower (Celery's operator UI, which can revoke tasks and stop workers) answers nobody without its login."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

FLOWER = os.environ.get("E2E_FLOWER_URL", "http://127.0.0.1:5555")
ROOT = Path(__file__).resolve().parents[2]


def flower_login() -> tuple[str, str]:
    """The login `manage_all.py up` gave Flower: the environment's, else the one it keeps in .env."""
    value = os.environ.get("FLOWER_BASIC_AUTH", "")
    if not value:
        for line in (ROOT / ".env").read_text().splitlines():
            if line.startswith("FLOWER_BASIC_AUTH="):
                value = line.partition("=")[2].strip()
    user, _, password = value.partition(":")
    assert user and password, "manage_all.py up writes FLOWER_BASIC_AUTH to .env"
    return user, password


def test_flower_refuses_anyone_without_the_login():
    user, password = flower_login()
    anonymous = httpx.get(FLOWER + "/", timeout=10)
    wrong = httpx.get(FLOWER + "/", auth=(user, password + "x"), timeout=10)
    api = httpx.get(FLOWER + "/api/workers", timeout=10)

    assert (anonymous.status_code, wrong.status_code, api.status_code) == (401, 401, 401)


def test_flower_answers_its_login():
    response = httpx.get(FLOWER + "/", auth=flower_login(), timeout=10)

    assert response.status_code == 200
    assert "Flower" in response.text
