"""Ask each service for its own OpenAPI document, then build the public one (proxy/openapi/public.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from proxy.openapi.public import SERVICES, build

REPOSITORY = Path(__file__).resolve().parents[3]


def project_dir(service: str) -> Path:
    return REPOSITORY / f"{service}_project"


def service_document(service: str) -> dict:
    """``python -m shared.openapi`` in the service's project folder, with its own local settings."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    run = subprocess.run(
        [sys.executable, "-m", "shared.openapi"],
        cwd=project_dir(service),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if run.returncode != 0:
        raise RuntimeError(f"{service} could not print its OpenAPI document:\n{run.stderr[-4000:]}")
    return json.loads(run.stdout)


def service_documents() -> dict[str, dict]:
    with ThreadPoolExecutor(max_workers=len(SERVICES)) as pool:
        return dict(zip(SERVICES, pool.map(service_document, SERVICES)))


def render(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def rendered_public_document() -> str:
    return render(build(service_documents()))
