"""Signing keys for local work.

Auth signs user tokens with an RSA key, the gateway signs gateway tokens with
an Ed25519 key; every other service only ever reads the public halves.
Notification signs Web Push requests (VAPID, RFC 8292) with a P-256 key whose
public half browsers receive as ``applicationServerKey``. Local
keys are generated on first use under the run folder and never committed.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from shared.conf import env, run_dir

KEY_PAIRS = {"jwt": "rsa", "gateway": "ed25519", "vapid": "p256"}


def key_dir() -> Path:
    return Path(env.str("MARKETPLACE_KEY_DIR", default=str(run_dir() / "keys")))


def _write_private(path: Path, key) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)


def _generate(kind: str):
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "p256":
        return ec.generate_private_key(ec.SECP256R1())
    return ed25519.Ed25519PrivateKey.generate()


def ensure_dev_keys(directory: Path | None = None) -> Path:
    """Create any missing key pair; existing keys are kept (``up`` twice is harmless)."""
    directory = directory or key_dir()
    directory.mkdir(parents=True, exist_ok=True)
    for name, kind in KEY_PAIRS.items():
        private_path, public_path = directory / f"{name}_private.pem", directory / f"{name}_public.pem"
        if private_path.exists() and public_path.exists():
            continue
        key = _generate(kind)
        private_path.unlink(missing_ok=True)
        _write_private(private_path, key)
        public_path.write_bytes(
            key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
    return directory


@cache
def read_key(name: str) -> str:
    """A PEM from ``<NAME>`` (the PEM itself) or ``<NAME>_FILE``, else the local key folder."""
    variable = name.upper()
    if os.environ.get(variable):
        return os.environ[variable]
    path = Path(env.str(f"{variable}_FILE", default=str(key_dir() / f"{name}.pem")))
    return path.read_text()
