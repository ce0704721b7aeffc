"""A real seller for the events benchmark, made through the gateway as a client would.

order.created names a seller profile; users' worker counts the order against
it. With a profile users knows, that is the plain `$inc` of real traffic,
not an unknown-seller error retried on the same two cores as the path we time.
"""

from __future__ import annotations

import random
import time
import uuid

PROFILE = {
    "full_name": "Bench Seller",
    "description": "A seller profile the events benchmark places its orders with.",
    "oneliner": "Benchmarks, measured",
    "skills": ["benchmarking"],
    "languages": [{"language": "English", "level": "fluent"}],
    "response_time": 1,
}


def create_seller(gateway_url: str, timeout: float = 30.0) -> str:
    """Sign up, wait for the buyer profile (from auth.user.created), become a seller; the profile id."""
    import httpx

    suffix = uuid.uuid4().hex[:10]
    address = f"198.18.{random.randint(0, 255)}.{random.randint(1, 254)}"  # its own rate-limit bucket
    with httpx.Client(base_url=gateway_url, timeout=10, headers={"X-Forwarded-For": address}) as client:
        signup = client.post(
            "/api/v1/auth/signup",
            json={
                "username": f"bench_{suffix}",
                "email": f"bench_{suffix}@example.com",
                "password": "Bench-Lantern-93",
                "country": "Portugal",
            },
        )
        if signup.status_code != 201:
            raise SystemExit(f"signup through the gateway answered {signup.status_code}: {signup.text[:300]}")
        deadline = time.monotonic() + timeout
        while client.get("/api/v1/buyers/me").status_code != 200:
            if time.monotonic() > deadline:
                raise SystemExit("the buyer profile never appeared: is the users worker up?")
            time.sleep(0.1)
        csrf = {"X-CSRF-Token": client.cookies.get("csrf_token", "")}
        seller = client.post("/api/v1/sellers", json=PROFILE, headers=csrf)
        if seller.status_code != 201:
            raise SystemExit(f"POST /api/v1/sellers answered {seller.status_code}: {seller.text[:300]}")
        return seller.json()["id"]
